// The takes panel's player: the selected take's clip, or what stands in for it while there is none.
// Its node is kept across renders (the panel puts the same element back each time): detaching a
// <video> from the document pauses it, so a progress update or a busy button must never do that.
import type { TakeView } from '../../shared/takes-messages';
import * as l10n from '@vscode/l10n';
import { statusText, when } from './take-text';
import type { TakesModel } from './takes-model';

/** How often the playing position is stored for a reload (ms). */
const SAVE_TIME_EVERY_MS = 1000;

export class TakePlayer {
  readonly element = document.createElement('div');
  private readonly videoError = document.createElement('p');
  private video: HTMLVideoElement | undefined;
  private currentSrc: string | undefined;

  constructor(private readonly model: TakesModel) {
    this.element.className = 'player';
    this.videoError.className = 'video-error';
  }

  /** Shows `t`: its clip (a new <video> only when the source changes), else its status. */
  show(t: TakeView | undefined): void {
    const src = t && (t.mp3Src ?? t.clipSrc);
    if (t && src) {
      if (!this.video || this.currentSrc !== src) {
        this.load(t, src);
      }
      return;
    }
    this.currentSrc = undefined;
    this.video = undefined;
    if (!t) {
      this.element.replaceChildren();
      return;
    }
    const ph = document.createElement('div');
    ph.className = `placeholder status-${t.status}`;
    ph.textContent = t.running ? (t.progress ?? l10n.t('Generating…')) : (t.error ?? statusText(t.status));
    this.element.replaceChildren(ph);
  }

  /** Choosing a take starts it: Enter on a row is "open this take" for a keyboard user. */
  play(): void {
    void this.video?.play().catch(() => undefined);
  }

  private load(t: TakeView, src: string): void {
    const v = document.createElement('video');
    v.controls = true;
    v.preload = 'auto';
    v.playsInline = true;
    v.src = src;
    v.setAttribute('aria-label', l10n.t('Clip of the take from {0}', when(t.createdAt)));
    const restoreAt = this.model.savedTime;
    v.addEventListener(
      'loadedmetadata',
      () => {
        if (restoreAt && restoreAt < v.duration) {
          v.currentTime = restoreAt;
        }
      },
      { once: true },
    );
    let saved = 0;
    v.addEventListener('timeupdate', () => {
      const now = Date.now();
      if (now - saved >= SAVE_TIME_EVERY_MS) {
        saved = now;
        this.model.savePlayerTime(v.currentTime);
      }
    });
    v.addEventListener('error', () => {
      this.videoError.textContent = this.model.systemPlayer
        ? l10n.t('The clip could not be played here. Use "Open in System Player".')
        : l10n.t('The clip could not be played here. Use "Save Clip As…" and play the copy.');
    });
    this.videoError.textContent = '';
    this.video = v;
    this.currentSrc = src;
    this.element.replaceChildren(v, this.videoError);
    if (this.model.autoplayNext) {
      this.model.autoplayNext = false;
      v.muted = true;
      // A browser may still refuse to play; the clip then waits for the user's Play.
      void v.play().catch(() => undefined);
    }
  }
}
