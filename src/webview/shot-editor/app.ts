// <kling-shot-editor>: renders the whole editor from the store. Light DOM so the adopted page
// stylesheet applies and the UI tests can address elements by id.
import { LitElement, html, nothing } from 'lit';
import { castSection } from './cast-view';
import { diagnosticsSummary } from './diagnostics-view';
import { fieldsSection } from './fields-view';
import { headerView } from './header-view';
import { settleFocus } from '../focus-home';
import { mediaSection } from './media-view';
import { pathKey, type Path, type ShotStore } from './store';
import type { DocumentMessage } from '../../shared/messages';
import { promptSection } from './storyboard-view';
import { viewCtx } from './view-context';
import * as l10n from '@vscode/l10n';

export class ShotEditorApp extends LitElement {
  static override properties = { store: { attribute: false } };
  declare store: ShotStore | undefined;
  private focusAfterRender: { path: Path; seq: number } | undefined = undefined;

  protected override createRenderRoot() {
    return this;
  }

  /**
   * Focus a field once the document that contains it has been rendered (e.g. a new shot's prompt).
   * The host says so before it sends that document: focusing the path in the page as it still is
   * would put the caret in the shot that used to be there, and what is typed next into that shot.
   */
  focusPath(path: Path, seq: number): void {
    this.focusAfterRender = { path, seq };
    this.requestUpdate();
  }

  protected override render() {
    const doc = this.store?.doc;
    const setup = this.store?.setup;
    if (!this.store || !doc || !setup) {
      return html`<p class="muted loading">${l10n.t('Loading…')}</p>`;
    }
    const ctx = viewCtx(this.store, doc, setup);
    if (doc.blank) return emptyState(ctx.store, doc);
    const parsedObject = this.store.root !== undefined;
    const parseErrors = doc.diagnostics.some(d => d.code === 'kling.parse');
    return html`<div class="editor" data-version=${doc.version} data-ack=${doc.ackSeq} data-media-checked=${String(doc.mediaChecked)}>
      ${headerView(ctx)}
      ${
        parsedObject && !parseErrors
          ? nothing
          : html`<div class="notice" role="alert">
              ${
                parsedObject
                  ? l10n.t('The file has syntax errors: the editor shows what it could read.')
                  : l10n.t('This file is not a JSON object the editor can show.')
              }
              ${l10n.t('Fix the errors below in the text editor (comments and trailing commas are fine).')}
              <vscode-button id="reopen-broken" @click=${() => ctx.store.send({ type: 'reopenAsText' })}
                >${l10n.t('Reopen as Text')}</vscode-button
              >
            </div>`
      }
      ${diagnosticsSummary(ctx)}
      ${parsedObject ? html`${promptSection(ctx)}${castSection(ctx)}${mediaSection(ctx)}${fieldsSection(ctx)}` : html`<pre id="content" class="source">${doc.text}</pre>`}
    </div>`;
  }

  protected override updated(): void {
    this.store?.rendered();
    const target = this.focusAfterRender;
    if (!target) {
      settleFocus();
      return;
    }
    if ((this.store?.doc?.ackSeq ?? 0) < target.seq) {
      return;
    }
    const key = pathKey(target.path).replace(/'/g, "\\'");
    const el = this.querySelector(`kling-prompt[data-path='${key}']`) as LitElement | null;
    // A moved media item keeps the focus: its list item, which names it (after the move, by its new place).
    const card = el ? null : (this.querySelector(`.card[data-path='${key}']`)?.closest('li') as HTMLElement | null);
    if (card) {
      this.focusAfterRender = undefined;
      card.focus();
      return;
    }
    if (el) {
      this.focusAfterRender = undefined;
      // A shot appended at the end is a new <kling-prompt> whose textarea renders in its own update,
      // after this one: focus it once that is done, or focus would be lost.
      void el.updateComplete.then(() => {
        el.focus();
        el.scrollIntoView({ block: 'nearest' });
      });
    }
  }
}

/** An empty file is a shot not written yet: one button fills it (one undo step), or the text editor. */
function emptyState(store: ShotStore, doc: DocumentMessage) {
  return html`<div class="editor" data-version=${doc.version} data-ack=${doc.ackSeq} data-media-checked=${String(doc.mediaChecked)}>
    <section class="empty-state" data-empty="blank">
      <h1>${doc.fileName}</h1>
      <p>
        ${l10n.t('This shot file is empty. Start from a template (a text-to-video shot you can change), or write the request in the text editor.')}
      </p>
      <div class="actions">
        ${
          doc.readOnly
            ? nothing
            : html`<vscode-button id="start-from-template" @click=${() => store.intent({ kind: 'startFromTemplate' })}
                >${l10n.t('Start from a Template')}</vscode-button
              >`
        }
        <vscode-button secondary id="reopen-empty" @click=${() => store.send({ type: 'reopenAsText' })}
          >${l10n.t('Reopen as Text')}</vscode-button
        >
      </div>
    </section>
  </div>`;
}

customElements.define('kling-shot-editor', ShotEditorApp);
