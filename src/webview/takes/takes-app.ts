// <kling-takes>: the takes panel drawn from its model: the header, the player with the selected
// take's details, the take list and the live region. Light DOM, so the adopted page stylesheet
// applies and the UI tests address elements as they are.
import { LitElement, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import * as l10n from '@vscode/l10n';
import { button } from './button';
import { takeInfo } from './take-details-view';
import { TakePlayer } from './take-player';
import { filterBar } from './take-review-view';
import { takeRow } from './take-row-view';
import { announcementOf } from './take-text';
import { settleFocus } from '../focus-home';
import type { TakesModel } from './takes-model';

export class TakesApp extends LitElement {
  static override properties = { model: { attribute: false } };
  declare model: TakesModel | undefined;
  private player: TakePlayer | undefined;
  /** The data-focus key that had focus before this render. */
  private focusKey: string | undefined;
  /** Said in the live region: the selected take's status when it changes (not on the first render). */
  private announcement = '';
  private announced: string | undefined;

  protected override createRenderRoot() {
    return this;
  }

  protected override willUpdate(): void {
    this.focusKey = (document.activeElement as HTMLElement | null)?.dataset?.focus;
    if (!this.model) {
      return;
    }
    const t = this.model.selected;
    if (t) {
      const text = announcementOf(t);
      if (text !== this.announced) {
        if (this.announced !== undefined) {
          this.announcement = text;
        }
        this.announced = text;
      }
    }
    this.player ??= new TakePlayer(this.model);
    this.player.show(t);
  }

  protected override render() {
    const model = this.model;
    if (!model || !this.player) {
      return nothing;
    }
    const t = model.selected;
    const post = model.post;
    const shown = model.shownTakes;
    return html`<header class="bar">
        <h1 tabindex="-1" data-focus-home>${model.shotName === undefined ? '' : l10n.t('Takes · {0}', model.shotName)}</h1>
        <span class="spacer"></span>
        ${button(model.pinned ? l10n.t('Unpin') : l10n.t('Pin'), () => post({ type: 'pin', pinned: !model.pinned }), {
          focus: 'pin',
          pressed: model.pinned,
          title: l10n.t('Keep this panel on this shot (unpinned, it follows the shot file you are working on)'),
        })}
        ${button(l10n.t('Open Shot File'), () => post({ type: 'openShot' }))}
        ${button(l10n.t('Generate Takes…'), () => post({ type: 'generateTakes' }), {
          title: l10n.t('Several variations of the shot as it is now, with one cost confirmation for all of them'),
        })}
        ${button(l10n.t('Regenerate'), () => post({ type: 'regenerate' }), {
          kind: 'primary',
          title: l10n.t('Generate the shot file again as it is now'),
        })}
      </header>
      <section class="stage" aria-label=${l10n.t('Take in the player')}>
        ${this.player.element}
        <div class="info">${t ? takeInfo(t, { model, rerender: () => this.requestUpdate() }) : nothing}</div>
      </section>
      ${model.takes.length ? filterBar(model) : nothing}
      <ol class="takes" aria-label=${l10n.t('Takes, newest first')}>
        ${
          shown.length
            ? repeat(
                shown,
                x => x.id,
                x => takeRow(x, x.id === model.selectedId, id => this.choose(id)),
              )
            : html`<li class="empty">
                ${
                  model.takes.length
                    ? l10n.t('No take matches the filter.')
                    : l10n.t('No takes yet. Press Regenerate (or Kling: Generate) to make the first one.')
                }
              </li>`
        }
      </ol>
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>`;
  }

  /**
   * A render may replace or move the focused control: put focus back on its successor (same
   * data-focus key), so a progress update, a selection or a refresh never drops the keyboard user
   * to <body>. The same control if it is still there (Cancel during progress), else the selected
   * take's row (Cancel is gone once the take has landed).
   */
  protected override updated(): void {
    const key = this.focusKey;
    if (!key) {
      settleFocus();
      return;
    }
    const active = document.activeElement as HTMLElement | null;
    const lost = !active || active === document.body || !active.isConnected;
    // A node kept in place may now be another control (the buttons around it came or went).
    const changed = !lost && this.contains(active) && active.dataset.focus !== key;
    if (lost || changed) {
      const next =
        this.querySelector<HTMLElement>(`[data-focus="${CSS.escape(key)}"]`) ??
        this.querySelector<HTMLElement>(`[data-focus="row:${CSS.escape(this.model?.selectedId ?? '')}"]`);
      next?.focus();
    }
  }

  /** A take chosen in the list starts playing: Enter on a row is "open this take". */
  private choose(id: string): void {
    this.model?.select(id);
    void this.updateComplete.then(() => this.player?.play());
  }
}

customElements.define('kling-takes', TakesApp);
