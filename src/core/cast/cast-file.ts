// Reading one cast file: its members as data, and its problems with exact source spans. Pure: the
// caller has the text (the editor's document, or a file read through the boundary).
import * as l10n from '@vscode/l10n';
import { severityOf, type DiagnosticCode } from '../codes';
import { spanOfPath } from '../diagnostics';
import { isBlankDocument, LineMap, parseDocument, parseErrorWords, nodeValue } from '../parse';
import { isObject } from '../rules/issue';
import { urlScheme } from '../rules/media-refs';
import { VOICE_SAMPLE } from '../registry/voice';
import type { JsonPath, MediaRef, MediaRole, ShotAnalysis, ShotDiagnostic } from '../types';
import { memberNameProblem } from './rename';
import { CAST_MEMBER_KEYS, CAST_NAME, RESERVED_NAME } from './schema';

export interface CastMember {
  name: string;
  /** Absolute path of the cast file that defines it (media paths are relative to its folder). */
  file: string;
  description?: string;
  frontal_image_url?: string;
  reference_image_urls?: string[];
  video_url?: string;
  voice_url?: string;
  voice_id?: string;
  /** Where the name is written in its cast file. */
  nameOffset: number;
  nameLength: number;
}

export interface CastAnalysis {
  file: string;
  text: string;
  members: CastMember[];
  diagnostics: ShotDiagnostic[];
}

export const isCastFile = (file: string): boolean => file.toLowerCase().endsWith('.kling-cast.json');

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Members and problems of the cast file `file` (absolute) whose text is `text`. */
export function analyzeCast(file: string, text: string): CastAnalysis {
  // A UTF-8 BOM is not JSON but is no error either (as in a shot file); a space keeps every offset.
  const doc = parseDocument(text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text);
  const lines = new LineMap(text);
  const diagnostics: ShotDiagnostic[] = [];
  const members: CastMember[] = [];
  const push = (code: DiagnosticCode, path: JsonPath, message: string, target: 'key' | 'value' = 'value') => {
    const span = spanOfPath(text, doc.tree, path, target);
    diagnostics.push({
      severity: severityOf(code),
      code,
      message,
      path,
      range: lines.range(span.offset, span.length),
      offset: span.offset,
      length: span.length,
    });
  };
  if (isBlankDocument(doc)) {
    diagnostics.push({
      severity: 'error',
      code: 'kling.parse',
      message: l10n.t(
        'The cast file is empty: it names characters and objects, such as {0}. The cast editor can start it for you.',
        '{ "members": { "Mara": { "frontal_image_url": "mara.png" } } }',
      ),
      path: [],
      offset: 0,
      length: text.length,
      range: lines.range(0, text.length),
    });
    return { file, text, members, diagnostics };
  }
  for (const e of doc.errors) {
    const offset = Math.min(e.offset, text.length);
    const length = Math.min(e.length, text.length - offset);
    diagnostics.push({
      severity: 'error',
      code: 'kling.parse',
      message: l10n.t('{0}: the cast file must be JSON (comments and trailing commas are allowed)', parseErrorWords(e.error)),
      path: [],
      offset,
      length,
      range: lines.range(offset, length),
    });
  }
  if (!doc.tree || diagnostics.length) return { file, text, members, diagnostics };
  const root = nodeValue(doc.tree);
  if (!isObject(root) || !isObject(root.members)) {
    push(
      'kling.cast-file',
      isObject(root) && 'members' in root ? ['members'] : [],
      l10n.t('A cast file holds { "members": { "Name": { … } } }.'),
    );
    return { file, text, members, diagnostics };
  }
  for (const key of Object.keys(root)) {
    if (key !== 'members' && key !== '$schema')
      push('kling.unknown-key', [key], l10n.t('Unknown key {0} in a cast file (only "members").', key), 'key');
  }
  for (const [name, raw] of Object.entries(root.members)) {
    const at: JsonPath = ['members', name];
    if (!CAST_NAME.test(name) || RESERVED_NAME.test(name)) {
      push('kling.cast-file', at, memberNameProblem(name, [])!, 'key');
      continue;
    }
    if (!isObject(raw)) {
      push('kling.cast-file', at, l10n.t('Member {0} must be an object: images or a video, and an optional voice.', name));
      continue;
    }
    if (!memberShapeOk(name, raw, at, push)) continue;
    const span = spanOfPath(text, doc.tree, at, 'key');
    const m: CastMember = { name, file, nameOffset: span.offset, nameLength: span.length };
    for (const k of ['description', 'frontal_image_url', 'video_url', 'voice_url', 'voice_id'] as const) {
      const v = str(raw[k]);
      if (v !== undefined) m[k] = v;
    }
    if (Array.isArray(raw.reference_image_urls)) m.reference_image_urls = raw.reference_image_urls.filter(u => typeof u === 'string');
    members.push(m);
  }
  return { file, text, members, diagnostics: diagnostics.sort((a, b) => a.offset - b.offset) };
}

type Push = (code: DiagnosticCode, path: JsonPath, message: string, target?: 'key' | 'value') => void;

/** An element's shape (rules/elements.ts says the same of a shot's elements), plus one voice at most. */
function memberShapeOk(name: string, m: Record<string, unknown>, at: JsonPath, push: Push): boolean {
  let ok = true;
  const bad = (path: JsonPath, message: string) => {
    push('kling.cast-file', path, message);
    ok = false;
  };
  for (const key of Object.keys(m)) {
    if (!(CAST_MEMBER_KEYS as readonly string[]).includes(key))
      push('kling.unknown-key', [...at, key], l10n.t('Unknown key {0} in member {1}.', key, name), 'key');
    else if (key === 'reference_image_urls') {
      const r = m[key];
      if (!Array.isArray(r) || r.length < 1 || r.length > 3 || r.some(u => typeof u !== 'string'))
        bad([...at, key], l10n.t('Member {0}: reference_image_urls takes 1–3 image paths or URLs.', name));
    } else if (typeof m[key] !== 'string') bad([...at, key], l10n.t('Member {0}: {1} must be a string.', name, key));
  }
  const images = m.frontal_image_url !== undefined || m.reference_image_urls !== undefined;
  const video = m.video_url !== undefined;
  if (images && video)
    bad(at, l10n.t('Member {0} has images and a video: a member is frontal_image_url + reference_image_urls, or a video_url.', name));
  else if (!images && !video)
    bad(at, l10n.t('Member {0} has no images or video: give frontal_image_url + reference_image_urls, or a video_url.', name));
  else if (images && (m.frontal_image_url === undefined || m.reference_image_urls === undefined))
    bad(at, l10n.t('Member {0} needs both frontal_image_url and 1–3 reference_image_urls.', name));
  if (m.voice_url !== undefined && m.voice_id !== undefined)
    bad(
      [...at, 'voice_id'],
      l10n.t('Member {0} has voice_url and voice_id: give one (voice_id is used as it is; voice_url makes a voice).', name),
    );
  return ok;
}

function ref(path: JsonPath, value: string | undefined, role: MediaRole): MediaRef[] {
  if (value === undefined) return [];
  const kind = role === 'voice_audio' ? 'audio' : role === 'element_video' ? 'video' : 'image';
  const r: MediaRef = { path, value, role, kind, isLocal: value !== '' && urlScheme(value) === undefined };
  if (role === 'voice_audio') r.limits = VOICE_SAMPLE;
  return [r];
}

/** A member's media as the media checks take them, with paths into its cast file. */
export function memberMediaRefs(m: CastMember): MediaRef[] {
  const at = ['members', m.name];
  return [
    ...ref([...at, 'frontal_image_url'], m.frontal_image_url, 'element_frontal'),
    ...(m.reference_image_urls ?? []).flatMap((u, j) => ref([...at, 'reference_image_urls', j], u, 'element_reference')),
    ...ref([...at, 'video_url'], m.video_url, 'element_video'),
    ...ref([...at, 'voice_url'], m.voice_url, 'voice_audio'),
  ];
}

/**
 * The cast file as the media checks (media/check.ts) read a shot: every member's media, paths
 * relative to the cast file, so a member's files get the same boundary and limits as a shot's.
 */
export function castAsMediaAnalysis(cast: CastAnalysis): ShotAnalysis {
  return {
    text: cast.text,
    endpoint: { id: 'fal-ai/kling-video/v3/pro/image-to-video', kind: 'image-to-video', tier: 'pro', inferred: true },
    root: undefined,
    body: {},
    diagnostics: cast.diagnostics,
    mediaRefs: cast.members.flatMap(memberMediaRefs),
  };
}
