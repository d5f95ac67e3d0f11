// The compare view: two takes' clips side by side, played in step, and what differs between their
// requests. One set of controls drives both players; the second follows the first's clock.
import './l10n';
import * as l10n from '@vscode/l10n';
import { FromCompare, ToCompare } from '../shared/compare-messages';
import css from './compare.css';
import { adoptCss } from './adopt-css';

const vscode = acquireVsCodeApi<unknown>();
const post = (m: FromCompare) => vscode.postMessage(m);

adoptCss(css);

/** Kling V3 clips are 24 frames per second: one step is one frame. */
const FRAME = 1 / 24;
/** Further apart than this (seconds) the follower is put back on the leader's time. */
const DRIFT = 0.05;

const app = document.getElementById('app')!;
const heading = el('h1');
heading.textContent = l10n.t('Compare Takes');
const players = el('div', 'players');
const controls = el('div', 'controls');
controls.setAttribute('role', 'group');
controls.setAttribute('aria-label', l10n.t('Playback of both takes'));
const diffBox = el('section', 'diff');
diffBox.setAttribute('aria-label', l10n.t('What differs between the requests'));
app.append(heading, players, controls, diffBox);

let videos: HTMLVideoElement[] = [];

window.addEventListener('message', ev => {
  const parsed = ToCompare.safeParse(ev.data);
  if (!parsed.success) {
    console.warn('compare view: dropped an invalid message', parsed.error.message);
    return;
  }
  render(parsed.data);
});
post({ type: 'ready' });

function render(msg: ToCompare): void {
  videos = [];
  players.replaceChildren(...[msg.a, msg.b].map((side, i) => column(side, i === 0 ? 'A' : 'B')));
  renderControls();
  renderDiff(msg.diff);
}

function column(side: ToCompare['a'], letter: string): HTMLElement {
  const fig = el('figure', 'take');
  const cap = el('figcaption');
  cap.textContent = l10n.t('{0}: {1}', letter, side.label);
  if (side.clipSrc) {
    const v = document.createElement('video');
    v.src = side.clipSrc;
    v.preload = 'auto';
    v.muted = true;
    v.playsInline = true;
    v.dataset.side = letter;
    v.setAttribute('aria-label', l10n.t('Clip {0}: {1}', letter, side.label));
    videos.push(v);
    fig.append(v, cap);
  } else {
    const p = el('p', 'missing');
    p.textContent = side.problem ?? l10n.t('This take has no clip on disk.');
    fig.append(p, cap);
  }
  return fig;
}

function renderControls(): void {
  const [leader, follower] = videos;
  const play = button(l10n.t('Play'), () => {
    if (leader?.paused) {
      void Promise.all(videos.map(v => v.play().catch(() => undefined)));
    } else {
      videos.forEach(v => v.pause());
    }
  });
  play.dataset.action = 'play';
  const back = button(l10n.t('◀ Frame'), () => step(-FRAME), l10n.t('Step both back one frame'));
  back.dataset.action = 'frame-back';
  const fwd = button(l10n.t('Frame ▶'), () => step(FRAME), l10n.t('Step both forward one frame'));
  fwd.dataset.action = 'frame-forward';
  const seek = document.createElement('input');
  seek.type = 'range';
  seek.min = '0';
  seek.max = '1000';
  seek.value = '0';
  seek.setAttribute('aria-label', l10n.t('Position in both clips'));
  seek.addEventListener('input', () => {
    const d = leader?.duration;
    if (d && Number.isFinite(d)) {
      seekBoth((Number(seek.value) / 1000) * d);
    }
  });
  const time = el('span', 'time');
  time.setAttribute('aria-live', 'off');
  const mute = button(l10n.t('Sound On'), () => {
    const muted = !videos[0]?.muted;
    videos.forEach((v, i) => (v.muted = muted || i > 0)); // one soundtrack at a time: A's
    mute.textContent = muted ? l10n.t('Sound On') : l10n.t('Sound Off');
  });
  controls.replaceChildren(play, back, fwd, seek, time, mute);
  if (!leader) {
    for (const c of [play, back, fwd, seek, mute]) c.setAttribute('disabled', '');
    return;
  }
  const update = () => {
    play.textContent = leader.paused ? l10n.t('Play') : l10n.t('Pause');
    time.textContent = l10n.t('{0} s', leader.currentTime.toFixed(2));
    if (Number.isFinite(leader.duration) && leader.duration > 0) {
      seek.value = String(Math.round((leader.currentTime / leader.duration) * 1000));
    }
    // The follower keeps the leader's clock (and state), however either was started.
    if (follower) {
      if (Math.abs(follower.currentTime - leader.currentTime) > DRIFT && leader.currentTime <= follower.duration) {
        follower.currentTime = leader.currentTime;
      }
      if (leader.paused !== follower.paused) {
        if (leader.paused) follower.pause();
        else void follower.play().catch(() => undefined);
      }
    }
    document.body.dataset.state = leader.paused ? 'paused' : 'playing';
  };
  for (const ev of ['play', 'pause', 'timeupdate', 'seeked', 'loadedmetadata', 'ended']) {
    leader.addEventListener(ev, update);
  }
  update();
}

function step(by: number): void {
  videos.forEach(v => v.pause());
  seekBoth(Math.max(0, (videos[0]?.currentTime ?? 0) + by));
}

function seekBoth(t: number): void {
  for (const v of videos) {
    v.currentTime = Number.isFinite(v.duration) ? Math.min(t, v.duration) : t;
  }
}

function renderDiff(diff: ToCompare['diff']): void {
  const parts: Node[] = [];
  const h = el('h2');
  h.textContent = l10n.t('What differs');
  parts.push(h);
  if (!diff.endpoint && !diff.prompt && !diff.settings.length && !diff.media.length) {
    const p = el('p');
    p.textContent = l10n.t('The two requests are the same: the takes differ only by chance.');
    parts.push(p);
  }
  if (diff.endpoint) {
    parts.push(table(l10n.t('Endpoint'), [{ key: 'endpoint', a: diff.endpoint.a, b: diff.endpoint.b }]));
  }
  if (diff.prompt) {
    const h3 = el('h3');
    h3.textContent = l10n.t('Prompt (words only in A are struck through, words only in B underlined)');
    const p = el('p', 'prompt');
    for (const part of diff.prompt) {
      const span = part.in === 'a' ? el('del') : part.in === 'b' ? el('ins') : el('span');
      if (part.in !== 'both') {
        span.setAttribute('aria-label', part.in === 'a' ? l10n.t('only in A: {0}', part.text) : l10n.t('only in B: {0}', part.text));
      }
      span.textContent = part.text;
      p.append(span);
    }
    parts.push(h3, p);
  }
  if (diff.settings.length) parts.push(table(l10n.t('Settings'), diff.settings));
  if (diff.media.length) parts.push(table(l10n.t('Media'), diff.media));
  diffBox.replaceChildren(...parts);
}

function table(title: string, rows: { key: string; a?: string; b?: string }[]): HTMLElement {
  const t = el('table');
  const cap = el('caption');
  cap.textContent = title;
  const head = el('tr');
  for (const c of [l10n.t('Setting'), 'A', 'B']) {
    const th = el('th');
    th.scope = 'col';
    th.textContent = c;
    head.append(th);
  }
  const thead = el('thead');
  thead.append(head);
  const tbody = el('tbody');
  for (const r of rows) {
    const tr = el('tr');
    const th = el('th');
    th.scope = 'row';
    th.textContent = r.key;
    const a = el('td');
    a.textContent = r.a ?? l10n.t('(not sent)');
    const b = el('td');
    b.textContent = r.b ?? l10n.t('(not sent)');
    tr.append(th, a, b);
    tbody.append(tr);
  }
  t.append(cap, thead, tbody);
  return t;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  return e;
}

function button(label: string, onClick: () => void, title?: string): HTMLButtonElement {
  const b = el('button');
  b.type = 'button';
  b.textContent = label;
  if (title) b.title = title;
  b.addEventListener('click', onClick);
  return b;
}
