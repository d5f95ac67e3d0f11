// @ImageN and @VideoN in a prompt (and in each storyboard shot's prompt) must name an input the
// request has. Which fields give those names, and in what order, is the form's own answer
// (formLayout's `references`), so the editor's chips and this check never disagree; an endpoint
// whose form offers no such reference is left alone here.
import * as l10n from '@vscode/l10n';
import { formLayout, type FormLayout } from '../form-layout';
import { entryFor, type EndpointEntry } from '../registry';
import { promptTexts } from './elements';
import type { RuleInput, RuleIssue } from './issue';

export interface InputRefData {
  kind: 'Image' | 'Video';
  ref: number;
  count: number;
}

const REF = /@(Image|Video)(\d+)/g;

const LAYOUTS = new WeakMap<EndpointEntry, FormLayout>();

function layoutOf(entry: EndpointEntry): FormLayout {
  let layout = LAYOUTS.get(entry);
  if (!layout) LAYOUTS.set(entry, (layout = formLayout(entry)));
  return layout;
}

/** How many inputs of each reference kind the body gives, and the keys that give them. */
function inputsOf(layout: FormLayout, body: Record<string, unknown>): Record<'Image' | 'Video', { count: number; keys: string[] }> {
  const out = { Image: { count: 0, keys: [] as string[] }, Video: { count: 0, keys: [] as string[] } };
  for (const m of layout.media) {
    if (!m.reference) continue;
    const v = body[m.key];
    out[m.reference].keys.push(m.key);
    out[m.reference].count += m.list ? (Array.isArray(v) ? v.length : 0) : typeof v === 'string' && v !== '' ? 1 : 0;
  }
  return out;
}

function message(token: string, kind: 'Image' | 'Video', count: number, keys: string[]): string {
  const fields = keys.map(k => `"${k}"`).join(', ');
  if (kind === 'Image') {
    if (count === 0) return l10n.t('{0} does not exist: this request has no images to refer to. Add one to {1}.', token, fields);
    if (count === 1) return l10n.t('{0} does not exist: this request has 1 image (@Image1).', token);
    return l10n.t('{0} does not exist: this request has {1} images (@Image1…@Image{1}).', token, count);
  }
  if (count === 0) return l10n.t('{0} does not exist: this request has no videos to refer to. Add one to {1}.', token, fields);
  if (count === 1) return l10n.t('{0} does not exist: this request has 1 video (@Video1).', token);
  return l10n.t('{0} does not exist: this request has {1} videos (@Video1…@Video{1}).', token, count);
}

export function inputRefRules({ kind, endpoint, body }: RuleInput, out: RuleIssue[]): void {
  const texts = promptTexts(body).filter(t => t.text.includes('@Image') || t.text.includes('@Video'));
  if (texts.length === 0) return;
  const entry = entryFor(endpoint ?? kind) ?? entryFor(kind);
  if (!entry) return;
  const layout = layoutOf(entry);
  if (!layout.references.includes('Image') && !layout.references.includes('Video')) return;
  const inputs = inputsOf(layout, body);
  for (const { path, text } of texts) {
    REF.lastIndex = 0;
    for (let m = REF.exec(text); m; m = REF.exec(text)) {
      const refKind = m[1] as 'Image' | 'Video';
      if (!layout.references.includes(refKind)) continue;
      const n = Number(m[2]);
      const { count, keys } = inputs[refKind];
      if (n >= 1 && n <= count) continue;
      const data: InputRefData = { kind: refKind, ref: n, count };
      out.push({
        code: refKind === 'Image' ? 'kling.image-ref' : 'kling.video-ref',
        path,
        target: { start: m.index, length: m[0].length },
        message: message(m[0], refKind, count, keys),
        data,
        fal: { type: 'value_error', msg: `${m[0]} does not match any ${refKind === 'Image' ? 'image' : 'video'}` },
      });
    }
  }
}
