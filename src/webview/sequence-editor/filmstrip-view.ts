// The filmstrip: one card per entry of the sequence, in file order, with the thumbnail and length of
// the take that stands for it, or why there is none. Cards are reordered by drag and drop or with
// Alt+Up / Alt+Down; each move is an intent the host turns into one text edit.
import { html, nothing, type TemplateResult } from 'lit';
import type { EntryView } from '../../shared/sequence-messages';
import * as l10n from '@vscode/l10n';
import { formatSeconds } from './format';

export interface FilmstripHandlers {
  move(from: number, to: number): void;
  open(position: number): void;
  /** A thumbnail's metadata arrived: its clip's length, for takes whose record has none. */
  measured(src: string, seconds: number): void;
}

export interface FilmstripState {
  entries: EntryView[];
  measured: ReadonlyMap<string, number>;
  playingPosition: number | undefined;
  readOnly: boolean;
}

let dragFrom: number | undefined;

export function filmstrip(state: FilmstripState, on: FilmstripHandlers): TemplateResult {
  const n = state.entries.length;
  return html`<ol class="filmstrip" aria-label=${l10n.t('Shots in order')} aria-describedby="reorder-help">
    ${state.entries.map((e, position) => card(e, position, n, state, on))}
  </ol>`;
}

function sourceText(source: NonNullable<EntryView['take']>['source']): string {
  switch (source) {
    case 'pinned':
      return l10n.t('Pinned take');
    case 'selected':
      return l10n.t('Circled take');
    case 'newest':
      return l10n.t('Newest take');
  }
}

export function entrySeconds(e: EntryView, measured: ReadonlyMap<string, number>): number | undefined {
  return e.take?.durationSeconds ?? (e.take?.clipSrc ? measured.get(e.take.clipSrc) : undefined);
}

function card(e: EntryView, position: number, n: number, state: FilmstripState, on: FilmstripHandlers): TemplateResult {
  const seconds = entrySeconds(e, state.measured);
  const status = e.take
    ? [seconds === undefined ? l10n.t('length unknown') : formatSeconds(seconds), sourceText(e.take.source)].join(' · ')
    : e.generating
      ? l10n.t('Generating…')
      : !e.problem || e.problem.notGenerated
        ? l10n.t('Not generated yet')
        : e.problem.message;
  const problem = e.take?.clipProblem;
  const keydown = (ev: KeyboardEvent) => {
    if (ev.key === 'Enter' && ev.target === ev.currentTarget) {
      ev.preventDefault();
      on.open(position);
      return;
    }
    if (!ev.altKey || state.readOnly || (ev.key !== 'ArrowUp' && ev.key !== 'ArrowDown')) return;
    const to = ev.key === 'ArrowUp' ? position - 1 : position + 1;
    ev.preventDefault();
    if (to >= 0 && to < n) on.move(position, to);
  };
  const playing = state.playingPosition === position;
  return html`<li
    class="card ${e.take ? 'has-take' : 'no-take'} ${e.problem?.severity === 'error' ? 'error' : ''} ${playing ? 'playing' : ''}"
    tabindex="0"
    draggable=${state.readOnly ? 'false' : 'true'}
    data-position=${position}
    data-index=${e.index}
    aria-label=${l10n.t('{0}, shot {1} of {2}: {3}', e.shotName, position + 1, n, status)}
    aria-current=${playing ? 'true' : nothing}
    @keydown=${keydown}
    @dragstart=${(ev: DragEvent) => {
      dragFrom = position;
      ev.dataTransfer?.setData('text/plain', String(position));
      if (ev.dataTransfer) ev.dataTransfer.effectAllowed = 'move';
    }}
    @dragover=${(ev: DragEvent) => {
      if (dragFrom === undefined) return;
      ev.preventDefault();
      (ev.currentTarget as HTMLElement).classList.add('drop-target');
    }}
    @dragleave=${(ev: DragEvent) => (ev.currentTarget as HTMLElement).classList.remove('drop-target')}
    @drop=${(ev: DragEvent) => {
      ev.preventDefault();
      (ev.currentTarget as HTMLElement).classList.remove('drop-target');
      const from = dragFrom ?? Number(ev.dataTransfer?.getData('text/plain'));
      dragFrom = undefined;
      if (Number.isInteger(from) && from !== position && from >= 0 && from < n) on.move(from, position);
    }}
    @dragend=${() => (dragFrom = undefined)}
  >
    <div class="thumb" aria-hidden="true">
      ${
        e.take?.clipSrc
          ? html`<video
              preload="metadata"
              muted
              tabindex="-1"
              src=${e.take.clipSrc}
              @loadedmetadata=${(ev: Event) => {
                const d = (ev.target as HTMLVideoElement).duration;
                if (Number.isFinite(d)) on.measured(e.take!.clipSrc!, d);
              }}
            ></video>`
          : html`<span class="placeholder">${e.take ? l10n.t('No preview') : e.generating ? '…' : '—'}</span>`
      }
    </div>
    <div class="name" title=${e.shot}>${position + 1}. ${e.shotName}</div>
    <div class="status ${e.problem ? e.problem.severity : ''}">${status}</div>
    ${problem ? html`<div class="clip-problem">${problem}</div>` : nothing}
    <vscode-button
      secondary
      data-action="open"
      aria-label=${l10n.t('Open Shot {0}. {1}', position + 1, e.shotName)}
      @click=${() => on.open(position)}
      >${l10n.t('Open Shot')}</vscode-button
    >
  </li>`;
}
