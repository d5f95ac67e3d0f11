// The takes panel's half of "Continue from Last Frame": decode the clip's last frame with the
// browser's own H.264 decoder (VS Code desktop and code-server both have one), draw it at the
// clip's natural size and hand the PNG to the host. A video element of its own, so the player
// the user watches is never seeked.
import type { GrabLastFrame, LastFrame, LastFrameFailed, LastFrameFailure } from '../../shared/last-frame-messages';
import * as l10n from '@vscode/l10n';

/** Seek this far before the end: inside the last frame's time at any frame rate up to 240 fps. */
const BEFORE_END_S = 1 / 480;
/** A clip that neither loads nor fails within this is reported, so the host never waits forever. */
const GIVE_UP_MS = 60_000;

class FrameError extends Error {
  constructor(
    readonly reason: LastFrameFailure,
    message: string,
  ) {
    super(message);
  }
}

/** Decodes the last frame of `msg.src` and answers with `lastFrame` or `lastFrameFailed`. */
export async function answerLastFrame(msg: GrabLastFrame, post: (m: LastFrame | LastFrameFailed) => void): Promise<void> {
  try {
    post({ type: 'lastFrame', requestId: msg.requestId, png: await framePng(msg.src, msg.at ?? 'last') });
  } catch (e) {
    const reason = e instanceof FrameError ? e.reason : 'decode';
    post({ type: 'lastFrameFailed', requestId: msg.requestId, reason, detail: (e instanceof Error ? e.message : String(e)).slice(0, 500) });
  }
}

/** A poster is a thumbnail: at most this wide. */
const POSTER_WIDTH = 320;

async function framePng(src: string, at: 'first' | 'last'): Promise<string> {
  const v = document.createElement('video');
  v.muted = true;
  v.preload = 'auto';
  // The clip comes from the webview's resource origin, which answers CORS: without this the
  // canvas would be tainted and toBlob would refuse.
  v.crossOrigin = 'anonymous';
  try {
    v.src = src;
    await until(v, 'loadeddata');
    if (!Number.isFinite(v.duration) || v.duration <= 0 || !v.videoWidth || !v.videoHeight) {
      throw new FrameError('decode', l10n.t('the clip has no picture that can be decoded here'));
    }
    const target = at === 'first' ? 0 : Math.max(0, v.duration - BEFORE_END_S);
    if (Math.abs(v.currentTime - target) > 1e-6) {
      const seeked = until(v, 'seeked');
      v.currentTime = target;
      await seeked;
    }
    const canvas = document.createElement('canvas');
    const scale = at === 'first' ? Math.min(1, POSTER_WIDTH / v.videoWidth) : 1;
    canvas.width = Math.max(1, Math.round(v.videoWidth * scale));
    canvas.height = Math.max(1, Math.round(v.videoHeight * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new FrameError('decode', l10n.t('no canvas to draw the frame on'));
    ctx.drawImage(v, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>(resolve => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new FrameError('decode', l10n.t('the frame could not be encoded as PNG'));
    return await base64Of(blob);
  } finally {
    v.removeAttribute('src');
    v.load();
  }
}

/** Resolves on `event`, rejects on the element's error (with what the browser said) or after GIVE_UP_MS. */
function until(v: HTMLVideoElement, event: 'loadeddata' | 'seeked'): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      v.removeEventListener(event, ok);
      v.removeEventListener('error', fail);
    };
    const ok = () => {
      done();
      resolve();
    };
    const fail = () => {
      done();
      const err = v.error;
      // MEDIA_ERR_NETWORK (2): the file could not be read; anything else: it could not be decoded.
      reject(new FrameError(err?.code === 2 ? 'load' : 'decode', err?.message || l10n.t('media error {0}', err?.code ?? '?')));
    };
    const timer = setTimeout(() => {
      done();
      reject(new FrameError('timeout', l10n.t('the clip did not load within {0} s', GIVE_UP_MS / 1000)));
    }, GIVE_UP_MS);
    v.addEventListener(event, ok);
    v.addEventListener('error', fail);
  });
}

function base64Of(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(new FrameError('decode', r.error?.message ?? 'read error'));
    r.readAsDataURL(blob);
  });
}
