import * as vscode from 'vscode';
import type { TakeView, ToTakes } from '../../shared/takes-messages';
import type { TakeRecord } from '../../takes';
import { notificationText } from '../../core/ui-text';
import { findFfmpeg } from '../../media/find-ffmpeg';
import { errorText } from '../../core/error-text';
import { settingId } from '../settings/definitions';
import { getSetting } from '../settings/settings';
import { audioUnsupported } from './audio-codec';
import { audioCodecOf } from '../../media/mp4';
import { checkClip, clipOutsideText } from '../common/clip-boundary';
import { clipWebviewSrc } from '../common/clip-src';
import { freshMp3Copy, makeMp3Copy } from './mp3-copy';
import { clipRootsFor, type TakeEntry } from '../common/take-index';
import { canUseSystemPlayer, type TakesPanelScope } from './takes-panel-scope';

// Notifications are not awaited: each resolves only when it is dismissed, and nothing waits on that.

/** Audio probes are cached by path + mtime + size: a clip is probed once. */
const audioCache = new Map<string, string | null>();

/** What a take's view says about its clip. */
export type ClipFields = Pick<TakeView, 'clipSrc' | 'mp3Src' | 'audio' | 'error'>;

/**
 * A take's clip in the takes panel: what the player may load (the clip, or its copy with MP3 audio
 * where this VS Code cannot play the clip's audio) and what is done with the file (the system
 * player, the MP3 copy, the last frame). A clip whose real path is outside the workspace is never
 * loaded, probed or handed on.
 */
export class TakeClips {
  constructor(
    private readonly scope: TakesPanelScope,
    private readonly webview: () => vscode.Webview,
    private readonly post: (msg: ToTakes) => Promise<boolean>,
  ) {}

  ffmpeg(): Promise<string | undefined> {
    return findFfmpeg(getSetting('ffmpegPath', this.scope.shotUri));
  }

  async fields(record: TakeRecord, roots: readonly string[], desktop: boolean, ffmpeg: string | undefined): Promise<ClipFields> {
    const clip = record.status === 'done' ? record.clipPath : undefined;
    const checked = clip ? await checkClip(clip, roots) : undefined;
    if (clip && checked?.kind === 'inside') {
      const codec = await this.audioCodec(checked.realPath, checked);
      const unsupported = audioUnsupported(codec, desktop);
      const copy = unsupported ? await freshMp3Copy(clip) : undefined;
      const copyChecked = copy ? await checkClip(copy, roots) : undefined;
      return {
        clipSrc: this.src(clip, checked),
        ...(copy && copyChecked?.kind === 'inside' && { mp3Src: this.src(copy, copyChecked) }),
        audio: { codec, unsupported, mp3Copy: copyChecked?.kind === 'inside' ? 'ready' : ffmpeg ? 'can-make' : 'unavailable' },
      };
    }
    if (clip && checked?.kind === 'outside') {
      return { error: clipOutsideText(clip) };
    }
    return record.status === 'done' ? { error: vscode.l10n.t('The clip file is missing from the output folder.') } : {};
  }

  /** The webview URI the panel decodes a clip's last frame from; throws why there is none. */
  async frameSrc(clip: string | undefined): Promise<string> {
    const checked = clip ? await checkClip(clip, clipRootsFor(this.scope.shotUri.fsPath)) : undefined;
    if (clip && checked?.kind === 'outside') {
      throw new Error(clipOutsideText(clip));
    }
    if (!clip || checked?.kind !== 'inside') {
      throw new Error(vscode.l10n.t('the clip of this take is not in the takes panel'));
    }
    return this.src(clip, checked);
  }

  async openExternal(entry: TakeEntry): Promise<void> {
    const clip = entry.record.clipPath;
    // In the browser, openExternal of a file URI navigates the workbench page itself away
    // (code-server then leaves it deaf to mouse and keyboard): never from there.
    if (!clip || !canUseSystemPlayer() || !(await clipMayBeRead(this.scope, clip))) {
      return;
    }
    if (!(await vscode.env.openExternal(vscode.Uri.file(clip)))) {
      void vscode.window.showWarningMessage(notificationText(vscode.l10n.t('Kling: could not open {0} in the system player.', clip)));
    }
  }

  async makeCopy(entry: TakeEntry): Promise<void> {
    const clip = entry.record.clipPath;
    if (!clip || !(await clipMayBeRead(this.scope, clip))) {
      return;
    }
    const ffmpeg = await this.ffmpeg();
    if (!ffmpeg) {
      // The warning stays until dismissed; its button opens the setting.
      void vscode.window
        .showWarningMessage(
          vscode.l10n.t('Kling: ffmpeg was not found. Install it or set "klingStudio.ffmpegPath".'),
          vscode.l10n.t('Open Setting'),
        )
        .then(p => p && vscode.commands.executeCommand('workbench.action.openSettings', settingId('ffmpegPath')))
        .then(undefined, e => this.scope.deps.log.error(`takes panel: could not open the ffmpeg setting: ${errorText(e)}`));
      return;
    }
    await this.post({ type: 'busy', id: entry.record.id, what: vscode.l10n.t('Making a copy with MP3 audio…') });
    try {
      const out = await makeMp3Copy(ffmpeg, clip);
      this.scope.deps.log.info(`made ${out}`);
    } catch (e) {
      void vscode.window.showErrorMessage(notificationText(vscode.l10n.t('Kling: {0}', errorText(e))));
    } finally {
      await this.post({ type: 'busy', id: entry.record.id, what: null });
      await this.scope.refresh(entry.record.id);
    }
  }

  private src(file: string, st: { mtimeMs: number; size: number }): string {
    return clipWebviewSrc(this.webview(), file, st);
  }

  private async audioCodec(clip: string, st: { mtimeMs: number; size: number }): Promise<string | null> {
    const key = `${clip}|${st.mtimeMs}|${st.size}`;
    if (audioCache.has(key)) {
      return audioCache.get(key)!;
    }
    let codec: string | null;
    try {
      codec = await audioCodecOf(clip);
    } catch (e) {
      this.scope.deps.log.warn(`could not read the audio track of ${clip}: ${errorText(e)}`);
      codec = null;
    }
    audioCache.set(key, codec);
    return codec;
  }
}

/** A clip whose real path is outside the workspace is not handed to a player, a copy or ffmpeg. */
export async function clipMayBeRead(scope: TakesPanelScope, clip: string): Promise<boolean> {
  const checked = await checkClip(clip, clipRootsFor(scope.shotUri.fsPath));
  if (checked.kind === 'outside') {
    void vscode.window.showWarningMessage(notificationText(clipOutsideText(clip)));
  }
  return checked.kind !== 'outside';
}
