// Sequence editor webview entry: draws the sequence the host sends (the file's entries and the takes
// they resolve to) and sends intents back; holds no truth beyond a move's optimistic redraw.
import './l10n';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { html, nothing, render } from 'lit';
import { ToSequence, type EntryView, type FromSequence, type SequenceDocMessage } from '../shared/sequence-messages';
import * as l10n from '@vscode/l10n';
import { entrySeconds, filmstrip } from './sequence-editor/filmstrip-view';
import { formatSeconds } from './sequence-editor/format';
import { PlayThrough, type PlayClip } from './sequence-editor/play-through';
import { sequenceSpendText } from './sequence-editor/spend-text';
import css from './sequence-editor.css';
import { settleFocus } from './focus-home';
import { adoptCss, getState, poster, setState } from './vscode-api';

const post = poster<FromSequence>();

adoptCss(css);

let doc: SequenceDocMessage | undefined;
/** The cards in order: the document's, or a move's result until the document catches up. */
let entries: EntryView[] = [];
const measured = new Map<string, number>();
let announcement = '';
let failure = '';
let focusAfterRender: number | undefined;

const root = document.getElementById('app')!;
const player = new PlayThrough(() => draw());

function playlist(): PlayClip[] {
  return entries.flatMap((e, position) => (e.take?.clipSrc ? [{ src: e.take.clipSrc, position, name: e.shotName }] : []));
}

function move(from: number, to: number): void {
  const a = entries[from];
  const b = entries[to];
  if (!a || !b || !doc || doc.readOnly) return;
  post({ type: 'move', from: a.index, to: b.index });
  // Redraw at once; the document the host sends after its edit replaces this.
  const indexes = entries.map(e => e.index);
  const next = [...entries];
  next.splice(to, 0, ...next.splice(from, 1));
  entries = next.map((e, i) => ({ ...e, index: indexes[i]! }));
  announcement = l10n.t('Moved {0} to position {1} of {2}.', a.shotName, to + 1, entries.length);
  focusAfterRender = to;
  draw();
}

function totalText(): string {
  const withTake = entries.filter(e => e.take);
  const seconds = withTake.map(e => entrySeconds(e, measured));
  const known = seconds.reduce<number>((sum, s) => sum + (s ?? 0), 0);
  const unknown = seconds.filter(s => s === undefined).length;
  const without = entries.length - withTake.length;
  const parts = [unknown ? l10n.t('Total length: at least {0}', formatSeconds(known)) : l10n.t('Total length: {0}', formatSeconds(known))];
  if (without === 1) parts.push(l10n.t('1 shot has no take yet'));
  else if (without > 1) parts.push(l10n.t('{0} shots have no take yet', without));
  return parts.join(' · ');
}

function draw(): void {
  if (!doc) {
    render(html`<p class="muted">${l10n.t('Loading the sequence…')}</p>`, root);
    return;
  }
  const clips = playlist();
  const d = doc;
  render(
    html`<div class="sequence" data-version=${d.version}>
      <header class="top">
        <h1 tabindex="-1" data-focus-home>${d.fileName}</h1>
        <p class="total" data-total>${totalText()}</p>
        ${d.spend ? html`<p class="total" data-spend>${sequenceSpendText(d.spend)}</p>` : nothing}
        <div class="actions" role="group" aria-label=${l10n.t('Sequence actions')}>
          <vscode-button
            data-action="play"
            ?disabled=${clips.length === 0}
            @click=${() => player.toggle(playlist())}
            aria-keyshortcuts="Space"
            >${player.playing ? l10n.t('Pause') : player.started ? l10n.t('Resume') : l10n.t('Play Cut')}</vscode-button
          >
          <vscode-button secondary data-action="stop" ?disabled=${!player.started} @click=${() => player.stop()}
            >${l10n.t('Stop')}</vscode-button
          >
          <vscode-button
            secondary
            data-action="generate-missing"
            ?disabled=${d.missing === 0 || d.readOnly}
            @click=${() => post({ type: 'generateMissing' })}
            >${d.missing === 1 ? l10n.t('Generate 1 Missing Shot…') : l10n.t('Generate {0} Missing Shots…', d.missing)}</vscode-button
          >
          <vscode-button secondary data-action="add-shots" ?disabled=${d.readOnly} @click=${() => post({ type: 'addShots' })}
            >${l10n.t('Add Shots…')}</vscode-button
          >
          <vscode-button secondary data-action="new-shot" ?disabled=${d.readOnly} @click=${() => post({ type: 'newShot' })}
            >${l10n.t('New Shot…')}</vscode-button
          >
          <vscode-button secondary data-action="export" @click=${() => post({ type: 'exportCut' })}>${l10n.t('Export Cut…')}</vscode-button>
          <vscode-button secondary data-action="reopen-text" @click=${() => post({ type: 'reopenAsText' })}
            >${l10n.t('Reopen as Text')}</vscode-button
          >
        </div>
        ${failure ? html`<p class="failure" role="alert">${failure}</p>` : nothing}
        ${
          d.fileProblems.length && !d.blank
            ? html`<ul class="file-problems" aria-label=${l10n.t('Problems of the file')}>
                ${d.fileProblems.map(p => html`<li>${p}</li>`)}
              </ul>`
            : nothing
        }
      </header>
      ${player.element}
      <p id="reorder-help" class="muted help">
        ${
          d.readOnly
            ? l10n.t('This file is read-only.')
            : l10n.t(
                'Drag a card, or focus it and press Alt+Up or Alt+Down, to move the shot; Enter opens it. Space plays or pauses the cut.',
              )
        }
      </p>
      ${
        entries.length
          ? filmstrip(
              { entries, measured, playingPosition: player.position, readOnly: d.readOnly },
              {
                move,
                open: position => {
                  const e = entries[position];
                  if (e) post({ type: 'openShot', index: e.index });
                },
                measured: (src, seconds) => {
                  if (measured.get(src) === seconds) return;
                  measured.set(src, seconds);
                  draw();
                },
              },
            )
          : emptyState(d)
      }
      <div class="visually-hidden" aria-live="polite" data-announce>${announcement}</div>
    </div>`,
    root,
  );
  if (focusAfterRender !== undefined) {
    root.querySelector<HTMLElement>(`li.card[data-position="${focusAfterRender}"]`)?.focus();
    focusAfterRender = undefined;
  }
  settleFocus();
}

/** A sequence with no shots: what to do next, with the two ways to add one. */
function emptyState(d: SequenceDocMessage) {
  return html`<section class="empty-state" data-empty=${d.blank ? 'blank' : 'no-shots'}>
    <p>
      ${
        d.blank
          ? l10n.t('This sequence file is empty. Add the shots of your cut and the file is written for you; one Undo takes it back.')
          : l10n.t('No shots yet. Add shot files of the workspace, or make a new one from a template.')
      }
    </p>
    ${
      d.readOnly
        ? nothing
        : html`<div class="actions">
            <vscode-button data-action="empty-add-shots" @click=${() => post({ type: 'addShots' })}>${l10n.t('Add Shots…')}</vscode-button>
            <vscode-button secondary data-action="empty-new-shot" @click=${() => post({ type: 'newShot' })}
              >${l10n.t('New Shot…')}</vscode-button
            >
          </div>`
    }
  </section>`;
}

// Space plays or pauses the cut wherever focus is, except on a control that Space presses.
document.addEventListener('keydown', ev => {
  if (ev.key !== ' ' || ev.altKey || ev.ctrlKey || ev.metaKey) return;
  const t = ev.target as HTMLElement | null;
  if (t?.closest('vscode-button, button, input, textarea, select, a')) return;
  ev.preventDefault();
  player.toggle(playlist());
});

window.addEventListener('message', (event: MessageEvent) => {
  const parsed = ToSequence.safeParse(event.data);
  if (!parsed.success) {
    console.warn('sequence editor: dropped an invalid message', parsed.error.message);
    return;
  }
  const msg = parsed.data;
  if (msg.type === 'sync') {
    post({ type: 'synced', id: msg.id });
    return;
  }
  if (msg.type === 'failed') {
    failure = msg.message;
    draw();
    return;
  }
  doc = msg;
  entries = msg.entries;
  failure = '';
  setState({ doc: msg });
  draw();
});

const saved = getState<{ doc?: unknown }>();
const restored = ToSequence.safeParse(saved?.doc);
if (restored.success && restored.data.type === 'sequence') {
  doc = restored.data;
  entries = restored.data.entries;
}
draw();
post({ type: 'ready' });
