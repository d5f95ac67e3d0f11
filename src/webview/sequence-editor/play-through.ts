// Play-through of the whole cut: two <video> elements, one playing and one loading the next clip,
// swapped on `ended`, so the next clip is decoded and ready when the current one stops.
import * as l10n from '@vscode/l10n';

export interface PlayClip {
  src: string;
  /** The card position of the entry this clip stands for. */
  position: number;
  name: string;
}

export class PlayThrough {
  readonly element: HTMLElement;
  private readonly videos: [HTMLVideoElement, HTMLVideoElement];
  private readonly caption: HTMLElement;
  private list: PlayClip[] = [];
  /** Index into `list` of the clip on screen; -1 when stopped. */
  private index = -1;
  private active: 0 | 1 = 0;

  constructor(private readonly onChange: () => void) {
    this.element = document.createElement('figure');
    this.element.className = 'player';
    const stage = document.createElement('div');
    stage.className = 'stage';
    this.videos = [this.makeVideo(0), this.makeVideo(1)];
    stage.append(...this.videos);
    this.caption = document.createElement('figcaption');
    this.caption.setAttribute('aria-live', 'polite');
    this.element.append(stage, this.caption);
    this.show(false);
  }

  get playing(): boolean {
    return this.index >= 0 && !this.videos[this.active].paused;
  }

  get started(): boolean {
    return this.index >= 0;
  }

  /** The card position on screen, or undefined when stopped. */
  get position(): number | undefined {
    return this.index >= 0 ? this.list[this.index]?.position : undefined;
  }

  private makeVideo(n: number): HTMLVideoElement {
    const v = document.createElement('video');
    v.playsInline = true;
    v.preload = 'auto';
    v.dataset.slot = String(n);
    v.addEventListener('ended', () => {
      if (v === this.videos[this.active]) this.next();
    });
    // A clip that cannot be played (gone, not decodable here) is skipped, not a stop of the cut.
    v.addEventListener('error', () => {
      if (v === this.videos[this.active] && this.index >= 0 && v.getAttribute('src')) this.next();
    });
    for (const ev of ['play', 'pause']) {
      v.addEventListener(ev, () => {
        if (v === this.videos[this.active]) this.show();
      });
    }
    return v;
  }

  /** Space and the Play button: start from the first clip, or pause and resume. */
  toggle(list: PlayClip[]): void {
    if (this.index < 0) {
      this.start(list, 0);
      return;
    }
    const v = this.videos[this.active];
    if (v.paused) void v.play().catch(() => undefined);
    else v.pause();
  }

  start(list: PlayClip[], from: number): void {
    if (!list.length) return;
    this.list = list;
    this.index = Math.min(from, list.length - 1);
    const v = this.videos[this.active];
    this.load(v, list[this.index]!.src);
    void v.play().catch(() => undefined);
    this.preloadNext();
    this.show();
  }

  stop(): void {
    for (const v of this.videos) {
      v.pause();
      v.removeAttribute('src');
      v.load();
    }
    this.index = -1;
    this.show();
  }

  private next(): void {
    const n = this.index + 1;
    if (n >= this.list.length) {
      this.stop();
      return;
    }
    this.index = n;
    this.active = this.active === 0 ? 1 : 0;
    const v = this.videos[this.active];
    // The preloaded element already holds this clip: the join is a swap, not a load.
    this.load(v, this.list[n]!.src);
    if (v.error) {
      // It failed while preloading: skip it too.
      this.next();
      return;
    }
    void v.play().catch(() => undefined);
    this.preloadNext();
    this.show();
  }

  private preloadNext(): void {
    const other = this.videos[this.active === 0 ? 1 : 0];
    const after = this.list[this.index + 1];
    if (after) this.load(other, after.src);
  }

  private load(v: HTMLVideoElement, src: string): void {
    if (v.getAttribute('src') !== src) {
      v.src = src;
      v.load();
    } else if (v.ended || v.currentTime > 0) {
      v.currentTime = 0;
    }
  }

  private show(notify = true): void {
    this.videos.forEach((v, i) => {
      const on = this.index >= 0 && i === this.active;
      v.classList.toggle('on', on);
      v.setAttribute('aria-hidden', on ? 'false' : 'true');
      if (on) v.setAttribute('aria-label', this.list[this.index]?.name ?? '');
      else v.removeAttribute('aria-label');
    });
    if (this.index < 0) {
      delete this.element.dataset.playingIndex;
      this.element.dataset.state = 'stopped';
      this.caption.textContent = l10n.t('Play-through stopped. Press Space or Play to play the whole cut.');
    } else {
      const clip = this.list[this.index]!;
      this.element.dataset.playingIndex = String(this.index);
      this.element.dataset.state = this.videos[this.active].paused ? 'paused' : 'playing';
      this.caption.textContent = l10n.t('Shot {0} of {1}: {2}', this.index + 1, this.list.length, clip.name);
    }
    if (notify) this.onChange();
  }
}
