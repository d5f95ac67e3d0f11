// The takes panel: the clip player and the take list of one shot file. It renders what the host
// sends and posts intents; nothing here touches the disk. All text goes in through textContent.
import './l10n';
import * as l10n from '@vscode/l10n';
import { FromTakes, ToTakes, type TakeView, type TakesPanelState } from '../shared/takes-messages';
import css from './takes.css';
import { answerLastFrame, continueButton } from './takes/last-frame';
import { mediaThumbs } from './takes/media-thumbs';
import { phaseLine } from './takes/phase-times';
import { adoptCss } from './adopt-css';

const vscode = acquireVsCodeApi<TakesPanelState>();
const post = (m: FromTakes) => vscode.postMessage(m);

adoptCss(css);

const initial = JSON.parse(document.body.dataset.initial ?? '{}') as { shotUri?: string };
let state: TakesPanelState = {
  ...(vscode.getState() ?? { shotUri: initial.shotUri ?? '' }),
  shotUri: initial.shotUri ?? vscode.getState()?.shotUri ?? '',
};
// The serializer restores a panel only if the webview stored state at least once.
vscode.setState(state);

let takes: TakeView[] = [];
let desktop = false;
let systemPlayer = false;
const busy = new Map<string, string>();

const app = document.getElementById('app')!;
const header = el('header', 'bar');
const title = el('h1');
const regenerate = button(l10n.t('Regenerate'), () => post({ type: 'regenerate' }), 'primary');
regenerate.title = l10n.t('Generate the shot file again as it is now');
const openShot = button(l10n.t('Open Shot File'), () => post({ type: 'openShot' }));
const generateTakes = button(l10n.t('Generate Takes…'), () => post({ type: 'generateTakes' }));
generateTakes.title = l10n.t('Several variations of the shot as it is now, with one cost confirmation for all of them');
let pinned = false;
const pin = button(l10n.t('Pin'), () => post({ type: 'pin', pinned: !pinned }), undefined, 'pin');
pin.title = l10n.t('Keep this panel on this shot (unpinned, it follows the shot file you are working on)');
pin.setAttribute('aria-pressed', 'false');
header.append(title, el('span', 'spacer'), pin, openShot, generateTakes, regenerate);
const stage = el('section', 'stage');
stage.setAttribute('aria-label', l10n.t('Selected take'));
const list = el('ol', 'takes');
list.setAttribute('aria-label', l10n.t('Takes, newest first'));
const empty = el('li', 'empty');
empty.textContent = l10n.t('No takes yet. Press Regenerate (or Kling: Generate) to make the first one.');
// Progress is announced here, once per change of status, not on every tick of the elapsed time.
const announcer = el('div', 'visually-hidden');
announcer.setAttribute('role', 'status');
announcer.setAttribute('aria-live', 'polite');
/** The last status text put in the live region; undefined until the first render, which is not announced. */
let announced: string | undefined;
app.append(header, stage, list, announcer);

window.addEventListener('message', ev => {
  const parsed = ToTakes.safeParse(ev.data);
  if (!parsed.success) {
    console.warn('takes panel: dropped an invalid message', parsed.error.message);
    return;
  }
  const msg = parsed.data;
  if (msg.type === 'grabLastFrame') {
    void answerLastFrame(msg, post);
    return;
  }
  if (msg.type === 'busy') {
    if (msg.what) {
      busy.set(msg.id, msg.what);
    } else {
      busy.delete(msg.id);
    }
    keepingFocus(renderStage);
    return;
  }
  if (msg.shotUri && msg.shotUri !== state.shotUri) {
    // The panel now follows another shot: what is restored after a reload follows too.
    state = { shotUri: msg.shotUri };
    vscode.setState(state);
  }
  pinned = msg.pinned ?? false;
  pin.textContent = pinned ? l10n.t('Unpin') : l10n.t('Pin');
  pin.setAttribute('aria-pressed', String(pinned));
  takes = msg.takes;
  desktop = msg.desktop;
  systemPlayer = msg.systemPlayer ?? false;
  title.textContent = l10n.t('Takes · {0}', msg.shotName);
  if (msg.select && takes.some(t => t.id === msg.select)) {
    select(msg.select, false);
    autoplayNext = !!msg.autoplay;
  }
  if (!state.selected || !takes.some(t => t.id === state.selected)) {
    const first = takes.find(t => t.clipSrc) ?? takes[0];
    if (first) {
      select(first.id, false);
    } else {
      delete state.selected;
    }
  }
  render();
});

post({ type: 'ready' });

function select(id: string, notify = true): void {
  if (state.selected !== id) {
    state = { shotUri: state.shotUri, selected: id };
    vscode.setState(state);
  }
  if (notify) {
    autoplayNext = false;
    post({ type: 'select', id });
    render();
  }
}

function render(): void {
  keepingFocus(() => {
    renderStage();
    list.replaceChildren(...takes.map(renderRow));
    if (!takes.length) {
      list.replaceChildren(empty);
    }
  });
}

/**
 * Re-rendering replaces the focused element: put focus back on its successor (same data-focus key),
 * so a progress update, a selection or a refresh never drops the keyboard user to <body>.
 */
function keepingFocus(rerender: () => void): void {
  const key = (document.activeElement as HTMLElement | null)?.dataset?.focus;
  rerender();
  if (key && (document.activeElement === document.body || !document.activeElement?.isConnected)) {
    // The same control if it is still there (Cancel during progress), else the selected take's row
    // (Cancel is gone once the take has landed).
    const next =
      document.querySelector(`[data-focus="${CSS.escape(key)}"]`) ??
      document.querySelector(`[data-focus="row:${CSS.escape(state.selected ?? '')}"]`);
    (next as HTMLElement | null)?.focus();
  }
}

function announce(t: TakeView | undefined): void {
  if (!t) {
    return;
  }
  const text = t.error
    ? l10n.t('Take from {0}: {1}. {2}', when(t.createdAt), statusText(t.status), t.error)
    : l10n.t('Take from {0}: {1}', when(t.createdAt), statusText(t.status));
  if (text !== announced) {
    if (announced !== undefined) {
      announcer.textContent = text;
    }
    announced = text;
  }
}

/** The next clip put in the player just landed: it starts muted (browsers block sound on autoplay). */
let autoplayNext = false;
let currentSrc: string | undefined;
let video: HTMLVideoElement | undefined;
// The player keeps its node across renders: detaching a <video> from the document pauses it.
const player = el('div', 'player');
const videoError = el('p', 'video-error');
const info = el('div', 'info');
stage.append(player, info);

function renderStage(): void {
  const t = takes.find(x => x.id === state.selected);
  announce(t);
  if (!t) {
    player.replaceChildren();
    info.replaceChildren();
    currentSrc = undefined;
    video = undefined;
    return;
  }
  const src = t.mp3Src ?? t.clipSrc;
  if (src) {
    if (!video || currentSrc !== src) {
      video = document.createElement('video');
      video.controls = true;
      video.preload = 'auto';
      video.playsInline = true;
      video.src = src;
      video.setAttribute('aria-label', l10n.t('Clip of the take from {0}', when(t.createdAt)));
      const restoreAt = state.currentTime;
      const v = video;
      v.addEventListener(
        'loadedmetadata',
        () => {
          if (restoreAt && restoreAt < v.duration) {
            v.currentTime = restoreAt;
          }
        },
        { once: true },
      );
      v.addEventListener(
        'timeupdate',
        throttle(() => {
          state = { ...state, currentTime: v.currentTime };
          vscode.setState(state);
        }, 1000),
      );
      v.addEventListener('error', () => {
        videoError.textContent = systemPlayer
          ? l10n.t('The clip could not be played here. Use "Open in System Player".')
          : l10n.t('The clip could not be played here. Use "Save Clip As…" and play the copy.');
      });
      videoError.textContent = '';
      currentSrc = src;
      player.replaceChildren(v, videoError);
      if (autoplayNext) {
        autoplayNext = false;
        v.muted = true;
        void v.play().catch(() => undefined);
      }
    }
  } else {
    currentSrc = undefined;
    video = undefined;
    const ph = el('div', `placeholder status-${t.status}`);
    ph.textContent = t.running ? (t.progress ?? l10n.t('Generating…')) : (t.error ?? statusText(t.status));
    player.replaceChildren(ph);
  }
  const children: Node[] = [];
  if (t.audio?.unsupported) {
    const note = el('div', 'audio-note');
    note.setAttribute('role', 'note');
    const p = el('p');
    p.textContent = t.mp3Src
      ? l10n.t(
          "Playing a copy with MP3 audio: this clip's audio is {0}, which VS Code's built-in player cannot play.",
          t.audio.codec?.toUpperCase() ?? '',
        )
      : l10n.t(
          "This clip's audio is {0}, which VS Code's built-in player cannot play: the picture plays without sound here.",
          t.audio.codec?.toUpperCase() ?? '',
        );
    note.append(p);
    const actions = el('div', 'actions');
    actions.append(playerButton(t, 'primary'));
    if (!t.mp3Src && t.audio.mp3Copy === 'can-make') {
      const b = button(
        busy.get(t.id) ?? l10n.t('Make a Copy with MP3 Audio'),
        () => post({ type: 'makeMp3Copy', id: t.id }),
        undefined,
        'mp3',
      );
      b.disabled = busy.has(t.id);
      b.title = l10n.t('Uses ffmpeg: the video is copied as is, only the audio is re-encoded. Saved beside the take.');
      actions.append(b);
    } else if (!t.mp3Src && t.audio.mp3Copy === 'unavailable') {
      const hint = el('span', 'hint');
      hint.textContent = l10n.t('Install ffmpeg (or set klingStudio.ffmpegPath) to get a playable copy.');
      actions.append(hint);
    }
    note.append(actions);
    children.push(note);
  }
  children.push(renderDetails(t));
  info.replaceChildren(...children);
}

function renderDetails(t: TakeView): HTMLElement {
  const box = el('div', 'details');
  const prompt = el('p', 'prompt');
  prompt.textContent = t.prompt || l10n.t('(no prompt)');
  const dl = el('dl');
  const add = (k: string, v: string | undefined) => {
    if (!v) {
      return;
    }
    const dt = el('dt');
    dt.textContent = k;
    const dd = el('dd');
    dd.textContent = v;
    dl.append(dt, dd);
  };
  add(l10n.t('Status'), t.running ? (t.progress ?? statusText(t.status)) : statusText(t.status));
  add(l10n.t('Endpoint'), t.endpoint);
  add(l10n.t('Duration'), t.durationS !== undefined ? l10n.t('{0} s', t.durationS) : undefined);
  add(l10n.t('Aspect'), t.aspect);
  add(l10n.t('Cost (est.)'), t.simulated ? l10n.t('free (simulator)') : t.costUsd !== undefined ? `$${t.costUsd.toFixed(2)}` : undefined);
  add(l10n.t('Billed'), t.billedUsd !== undefined ? `$${t.billedUsd.toFixed(2)}${t.billingNote ? ` (${t.billingNote})` : ''}` : undefined);
  add(l10n.t('Request id'), t.requestId);
  add(l10n.t('Clip'), t.details?.clip);
  for (const time of t.details?.times ?? [{ what: l10n.t('Created'), at: t.createdAt }]) {
    add(time.what, when(time.at));
  }
  add(l10n.t('Time per phase'), phaseLine(t.details?.phases));
  if (t.error) {
    add(l10n.t('Error'), t.error);
  }
  const actions = el('div', 'actions');
  if (t.running) {
    actions.append(button(l10n.t('Cancel'), () => post({ type: 'cancel', id: t.id }), undefined, 'cancel'));
  } else {
    if (t.status === 'done' && takes.filter(x => x.status === 'done').length > 1) {
      actions.append(button(l10n.t('Compare…'), () => post({ type: 'compare', id: t.id }), undefined, 'compare'));
    }
    const use = button(l10n.t('Use These Settings'), () => post({ type: 'useSettings', id: t.id }), undefined, 'use-settings');
    use.title = l10n.t("Write this take's request into the shot file (one edit: Undo brings the file back)");
    const again = button(l10n.t('Regenerate This Take'), () => post({ type: 'regenerateTake', id: t.id }), undefined, 'regenerate-take');
    again.title = l10n.t("Generate again with this take's settings (asks first when the shot file has changed since)");
    actions.append(use, again);
    if (t.status === 'done') {
      // A toggle: its pressed state is the circle; the host writes it beside the takes.
      const circle = button(
        t.circled ? l10n.t('Circled') : l10n.t('Circle Take'),
        () => post({ type: 'circle', id: t.id, circled: !t.circled }),
        t.circled ? 'primary' : undefined,
        'circle',
      );
      circle.setAttribute('aria-pressed', String(!!t.circled));
      circle.title = t.circled
        ? l10n.t('This is the take you keep for this shot. Press to uncircle it.')
        : l10n.t('Mark this as the take you keep for this shot');
      actions.append(circle);
    }
    if (t.clipSrc && t.status === 'done') {
      actions.append(continueButton(() => post({ type: 'continueFromLastFrame', id: t.id })));
    }
    if (t.clipSrc) {
      if (!t.audio?.unsupported) {
        actions.append(playerButton(t));
      }
      actions.append(
        button(desktop ? l10n.t('Reveal') : l10n.t('Reveal in Explorer'), () => post({ type: 'reveal', id: t.id }), undefined, 'reveal'),
      );
    }
    if (t.requestId) {
      actions.append(button(l10n.t('Copy Request Id'), () => post({ type: 'copyRequestId', id: t.id }), undefined, 'copy-request-id'));
    }
    actions.append(button(l10n.t('Move to Trash…'), () => post({ type: 'delete', id: t.id }), 'danger', 'delete'));
  }
  box.append(prompt, dl);
  if (t.details?.settings.length) {
    // Every setting the request carried (negative prompt, audio, cfg scale, elements, media…).
    const heading = el('h2', 'settings-heading');
    heading.textContent = l10n.t('Settings of this take');
    const settings = el('dl', 'settings');
    for (const s of t.details.settings) {
      const dt = el('dt');
      dt.textContent = s.key;
      const dd = el('dd');
      dd.textContent = s.value;
      settings.append(dt, dd);
    }
    box.append(heading, settings);
  }
  box.append(...mediaThumbs(t.details?.media));
  box.append(actions);
  return box;
}

/** A list item holding one button: the list keeps its items, Enter and Space come with the button. */
function renderRow(t: TakeView): HTMLElement {
  const li = el('li', `take status-${t.status}${t.id === state.selected ? ' selected' : ''}${t.circled ? ' circled' : ''}`);
  li.dataset.id = t.id;
  const row = el('button', 'take-row');
  row.type = 'button';
  row.setAttribute('aria-pressed', String(t.id === state.selected));
  row.dataset.focus = `row:${t.id}`;
  const badge = el('span', 'badge');
  badge.textContent = t.running ? (t.progress ?? statusText(t.status)) : statusText(t.status);
  const time = el('span', 'time');
  time.textContent = when(t.createdAt);
  const prompt = el('span', 'row-prompt');
  prompt.textContent = t.prompt || l10n.t('(no prompt)');
  const meta = el('span', 'meta');
  meta.textContent = [
    t.endpoint,
    t.durationS !== undefined ? l10n.t('{0} s', t.durationS) : '',
    t.costUsd !== undefined ? `$${t.costUsd.toFixed(2)}` : '',
    t.requestId ?? '',
  ]
    .filter(Boolean)
    .join(' · ');
  row.append(badge);
  if (t.circled) {
    const mark = el('span', 'circle-mark');
    mark.textContent = l10n.t('● Circled');
    row.append(mark);
  }
  row.append(time, prompt, meta);
  // Choosing a take starts it: Enter on a row is "open this take" for a keyboard user.
  row.addEventListener('click', () => {
    select(t.id);
    void video?.play().catch(() => undefined);
  });
  li.append(row);
  return li;
}

/** Open in System Player where one can work; elsewhere (browser, remote) Save Clip As…. */
function playerButton(t: TakeView, kind?: 'primary'): HTMLButtonElement {
  return systemPlayer
    ? button(l10n.t('Open in System Player'), () => post({ type: 'openExternal', id: t.id }), kind, 'open-external')
    : button(l10n.t('Save Clip As…'), () => post({ type: 'saveClipAs', id: t.id }), kind, 'save-clip');
}

function statusText(s: TakeView['status']): string {
  return {
    reserved: l10n.t('Starting'),
    submitting: l10n.t('Submitting'),
    queued: l10n.t('Queued'),
    running: l10n.t('Generating'),
    downloading: l10n.t('Downloading'),
    done: l10n.t('Done'),
    failed: l10n.t('Failed'),
    cancelled: l10n.t('Cancelled'),
    unknown: l10n.t('Unknown outcome'),
  }[s];
}

function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) {
    e.className = cls;
  }
  return e;
}

function button(label: string, onClick: () => void, kind?: 'primary' | 'danger', focusKey?: string): HTMLButtonElement {
  const b = el('button', kind);
  b.type = 'button';
  if (focusKey) {
    b.dataset.focus = focusKey;
  }
  b.textContent = label;
  b.addEventListener('click', e => {
    e.stopPropagation();
    onClick();
  });
  return b;
}

function throttle(fn: () => void, ms: number): () => void {
  let last = 0;
  return () => {
    const now = Date.now();
    if (now - last >= ms) {
      last = now;
      fn();
    }
  };
}
