// <kling-compare>: two takes' clips side by side, played in step, and what differs between their
// requests. One set of controls drives both players; the second follows the first's clock.
// Light DOM, so the adopted page stylesheet applies.
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import type { FromCompare, ToCompare } from '../../shared/compare-messages';
import * as l10n from '@vscode/l10n';
import { diffView } from './diff-view';
import { settleFocus } from '../focus-home';

/** Kling V3 clips are 24 frames per second: one step is one frame. */
const FRAME = 1 / 24;
/** Further apart than this (seconds) the follower is put back on the leader's time. */
const DRIFT = 0.05;
/** The seek slider's steps over a clip's length. */
const SEEK_STEPS = 1000;

type Side = ToCompare['a'];

export class CompareApp extends LitElement {
  static override properties = { msg: { attribute: false } };
  declare msg: ToCompare | undefined;
  /** Where the column's Circle button sends its intent. */
  post: ((m: FromCompare) => void) | undefined;
  /** Only the leader (A's clip, else B's) is ever heard: one soundtrack at a time. */
  private soundOn = false;

  protected override createRenderRoot() {
    return this;
  }

  /** The clips on screen: the leader first, then the follower. */
  private get videos(): HTMLVideoElement[] {
    return [...this.querySelectorAll<HTMLVideoElement>('.players video')];
  }

  protected override render() {
    const msg = this.msg;
    const sides = msg ? [msg.a, msg.b] : [];
    const leader = sides.findIndex(s => s.clipSrc);
    return html`<h1 tabindex="-1" data-focus-home>${l10n.t('Compare Takes')}</h1>
      <div class="players">${sides.map((side, i) => this.column(side, i === 0 ? 'A' : 'B', i === leader))}</div>
      <div class="controls" role="group" aria-label=${l10n.t('Playback of both takes')}>${msg ? this.controls(leader >= 0) : nothing}</div>
      <section class="diff" aria-label=${l10n.t('What differs between the requests')}>${msg ? diffView(msg.diff) : nothing}</section>`;
  }

  private column(side: Side, letter: string, leader: boolean): TemplateResult {
    const follow = leader ? () => this.follow() : undefined;
    const clip = side.clipSrc
      ? html`<video
          src=${side.clipSrc}
          preload="auto"
          .muted=${!(leader && this.soundOn)}
          .playsInline=${true}
          data-side=${letter}
          aria-label=${l10n.t('Clip {0}: {1}', letter, side.label)}
          @play=${follow}
          @pause=${follow}
          @timeupdate=${follow}
          @seeked=${follow}
          @loadedmetadata=${follow}
          @ended=${follow}
        ></video>`
      : html`<p class="missing">${side.problem ?? l10n.t('This take has no clip on disk.')}</p>`;
    // A toggle, as in the takes panel: its pressed state is the circle; the host writes it.
    const circle = side.canCircle
      ? html`<button
          type="button"
          class="circle"
          data-action="circle-${letter.toLowerCase()}"
          aria-pressed=${String(!!side.circled)}
          aria-label=${side.circled ? l10n.t('Circled ({0})', letter) : l10n.t('Circle Take {0}', letter)}
          title=${
            side.circled
              ? l10n.t('This is the take you keep for this shot. Press to uncircle it.')
              : l10n.t('Mark this as the take you keep for this shot')
          }
          @click=${() => this.post?.({ type: 'circle', side: letter === 'A' ? 'a' : 'b', circled: !side.circled })}
        >
          ${side.circled ? l10n.t('Circled') : l10n.t('Circle Take')}
        </button>`
      : nothing;
    return html`<figure class="take">
      ${clip}
      <figcaption>${l10n.t('{0}: {1}', letter, side.label)} ${circle}</figcaption>
    </figure>`;
  }

  private controls(playable: boolean): TemplateResult {
    const leader = this.videos[0];
    const duration = leader && Number.isFinite(leader.duration) && leader.duration > 0 ? leader.duration : undefined;
    const position = leader && duration ? Math.round((leader.currentTime / duration) * SEEK_STEPS) : 0;
    const seek = (e: Event) => {
      const d = this.videos[0]?.duration;
      if (d && Number.isFinite(d)) {
        this.seekBoth((Number((e.target as HTMLInputElement).value) / SEEK_STEPS) * d);
      }
    };
    const play = !leader || leader.paused ? l10n.t('Play') : l10n.t('Pause');
    const time = leader ? l10n.t('{0} s', leader.currentTime.toFixed(2)) : '';
    return html`<button type="button" data-action="play" ?disabled=${!playable} @click=${() => this.playOrPause()}>${play}</button
      ><button
        type="button"
        data-action="frame-back"
        title=${l10n.t('Step both back one frame')}
        ?disabled=${!playable}
        @click=${() => this.step(-FRAME)}
      >
        ${l10n.t('◀ Frame')}</button
      ><button
        type="button"
        data-action="frame-forward"
        title=${l10n.t('Step both forward one frame')}
        ?disabled=${!playable}
        @click=${() => this.step(FRAME)}
      >
        ${l10n.t('Frame ▶')}</button
      ><input
        type="range"
        min="0"
        max=${SEEK_STEPS}
        .value=${String(position)}
        aria-label=${l10n.t('Position in both clips')}
        ?disabled=${!playable}
        @input=${seek}
      /><span class="time" aria-live="off">${time}</span
      ><button
        type="button"
        data-action="sound"
        aria-pressed=${this.soundOn ? 'true' : 'false'}
        ?disabled=${!playable}
        @click=${() => this.toggleSound()}
      >
        ${l10n.t('Sound')}
      </button>`;
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    settleFocus();
    if (changed.has('msg')) {
      // The controls read the leader's clock: draw them again now that its clip is on screen.
      this.follow();
    }
  }

  /** The follower keeps the leader's clock (and state), however either was started. */
  private follow(): void {
    const [leader, follower] = this.videos;
    if (!leader) {
      return;
    }
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
    this.requestUpdate();
  }

  private playOrPause(): void {
    const videos = this.videos;
    if (videos[0]?.paused) {
      // A clip the browser will not start stays paused; the other still plays.
      void Promise.all(videos.map(v => v.play().catch(() => undefined)));
    } else {
      videos.forEach(v => v.pause());
    }
  }

  private step(by: number): void {
    const videos = this.videos;
    videos.forEach(v => v.pause());
    this.seekBoth(Math.max(0, (videos[0]?.currentTime ?? 0) + by));
  }

  private seekBoth(t: number): void {
    for (const v of this.videos) {
      v.currentTime = Number.isFinite(v.duration) ? Math.min(t, v.duration) : t;
    }
  }

  private toggleSound(): void {
    this.soundOn = !this.soundOn;
    this.requestUpdate();
  }
}

customElements.define('kling-compare', CompareApp);
