// What every section of the editor renders from: the store, the resolved endpoint, field metadata
// (labels, enums, defaults and limits generated from core's zod schemas) and the diagnostics.
import { html, nothing, type TemplateResult } from 'lit';
import type { DocumentMessage, EditorDiagnostic, FieldInfo, FormLayout, SetupMessage } from '../../shared/messages';
import { pathKey, type Path, type ShotStore } from './store';
import * as l10n from '@vscode/l10n';

export interface ViewCtx {
  store: ShotStore;
  doc: DocumentMessage;
  kind: DocumentMessage['endpoint']['kind'];
  setup: SetupMessage;
  /** The endpoint's form: which sections, media cards, references and settings it has. */
  form: FormLayout;
  readOnly: boolean;
  /** Field metadata by key (`aspect_ratio`, `multi_prompt[].duration`) or path. */
  field(path: Path | string): FieldInfo | undefined;
  /** Diagnostics whose path is exactly `path` (or, with `under`, anywhere below it). */
  diags(path: Path, under?: boolean): EditorDiagnostic[];
}

/** `['multi_prompt', 2, 'duration']` → `multi_prompt[].duration`, as core's FieldInfo keys. */
export function fieldKey(path: Path): string {
  let s = '';
  for (const seg of path) {
    s += typeof seg === 'number' ? '[]' : s === '' ? seg : `.${seg}`;
  }
  return s;
}

/** For an endpoint the setup does not list (never expected): the prompt alone. */
const EMPTY_FORM: FormLayout = {
  prompt: true,
  storyboard: false,
  media: [],
  references: [],
  settings: [],
  lengthFromVideo: false,
  duration: { form: 'string', min: 3, max: 15 },
};

/** How many inputs of each kind the prompt may name now (`@Image2` exists when two images are given). */
export function referenceCounts(ctx: ViewCtx): Record<string, number> {
  const counts: Record<string, number> = {};
  const count = (v: unknown, list: boolean) => (list ? (Array.isArray(v) ? v.length : 0) : typeof v === 'string' && v !== '' ? 1 : 0);
  if (ctx.form.elements) {
    counts.Element = count(ctx.store.value(['elements']), true);
  }
  for (const m of ctx.form.media) {
    if (m.reference) {
      counts[m.reference] = (counts[m.reference] ?? 0) + count(ctx.store.value([m.key]), m.list);
    }
  }
  return counts;
}

export function viewCtx(store: ShotStore, doc: DocumentMessage, setup: SetupMessage): ViewCtx {
  const kind = doc.endpoint.kind;
  const fields = new Map((setup.fields[doc.endpoint.id] ?? []).map(f => [f.key, f]));
  const byPath = new Map<string, EditorDiagnostic[]>();
  for (const d of doc.diagnostics) {
    const k = pathKey(d.path);
    byPath.set(k, [...(byPath.get(k) ?? []), d]);
  }
  return {
    store,
    doc,
    kind,
    setup,
    form: setup.forms[doc.endpoint.id] ?? EMPTY_FORM,
    readOnly: doc.readOnly,
    field: p => fields.get(typeof p === 'string' ? p : fieldKey(p)),
    diags(path, under) {
      if (!under) {
        return byPath.get(pathKey(path)) ?? [];
      }
      return doc.diagnostics.filter(d => d.path.length >= path.length && path.every((s, i) => d.path[i] === s));
    },
  };
}

export function fieldId(path: Path): string {
  return (
    'f-' +
    path
      .map(String)
      .join('-')
      .replace(/[^a-zA-Z0-9-]/g, '_')
  );
}

/** Diagnostics shown under the field they concern; each reveals its range in a text editor. */
export function inlineDiags(ctx: ViewCtx, list: readonly EditorDiagnostic[]): TemplateResult | typeof nothing {
  if (list.length === 0) {
    return nothing;
  }
  return html`<ul class="field-diags">
    ${list.map(d => diagItem(ctx, d))}
  </ul>`;
}

/**
 * A list item that holds a button (it reveals the range) and, beside it, a button per quick fix: the
 * text editor's own fixes, applied to the document as one undoable edit. The same fix shows beside
 * its field and in the problems list, so the list's buttons name the problem's place too: no two
 * buttons of the page share a name.
 */
export function diagItem(ctx: ViewCtx, d: EditorDiagnostic, withPosition = false): TemplateResult {
  const reveal = () => ctx.store.send({ type: 'revealRange', range: d.range });
  const where = withPosition ? l10n.t('Ln {0}, Col {1}: ', d.range.start.line + 1, d.range.start.character + 1) : '';
  return html`<li class=${`diag ${d.severity}`} data-code=${d.code}>
    <button type="button" class="diag-button" title=${l10n.t('Show in the text editor')} @click=${reveal}>
      <span class="sev" aria-hidden="true">${d.severity === 'error' ? '✖' : d.severity === 'warning' ? '⚠' : 'ℹ'}</span>
      <span class="visually-hidden"
        >${d.severity === 'error' ? l10n.t('error:') : d.severity === 'warning' ? l10n.t('warning:') : l10n.t('info:')}</span
      >
      <span class="msg">${where}${d.message}</span>
    </button>
    ${
      d.fixes?.length && !ctx.readOnly
        ? html`<span class="fixes">
            ${d.fixes.map(
              f =>
                html`<button
                  type="button"
                  class=${`fix ${f.preferred ? 'preferred' : ''}`}
                  title=${l10n.t('Quick fix: {0}', f.title)}
                  aria-label=${
                    withPosition
                      ? l10n.t('{0} (the problem at Ln {1}, Col {2})', f.title, d.range.start.line + 1, d.range.start.character + 1)
                      : f.title
                  }
                  @click=${() => ctx.store.intent({ kind: 'quickFix', code: d.code, path: d.path, title: f.title })}
                >
                  <span aria-hidden="true">💡</span> ${f.title}
                </button>`,
            )}
          </span>`
        : nothing
    }
  </li>`;
}

export function formatDefault(v: unknown): string {
  if (v === undefined) {
    return '';
  }
  if (typeof v === 'string') {
    return v === '' ? l10n.t('(empty)') : v;
  }
  return JSON.stringify(v);
}
