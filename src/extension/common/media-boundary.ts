// Pure (no vscode): unit-tested in test/unit/editor. What the shot editor may show or read of the
// media a shot file names. Local files go through the one workspace boundary (client/boundary.ts,
// the same real-path check as validation and upload), so a symlink that points outside the
// workspace is neither previewed nor read; remote URLs are fetched only when the policy allows it.
import { checkInside, realRoots, type BoundaryCheck } from '../../takes/boundary';
import { probeVideo } from '../../core';
import { nodeFileAccess } from '../../media/node-files';
import * as l10n from '@vscode/l10n';
import type { RemotePreviews } from '../settings/readers';

/** Why a remote thumbnail is not loaded, or undefined when it may be. */
export function remoteBlocked(policy: RemotePreviews, trusted: boolean, loadedByUser: boolean): 'untrusted' | 'setting' | undefined {
  if (loadedByUser || policy === 'always' || (policy === 'trusted' && trusted)) {
    return undefined;
  }
  return policy === 'never' ? 'setting' : 'untrusted';
}

export const REMOTE_BLOCKED_TEXT: Record<'untrusted' | 'setting', () => string> = {
  untrusted: () =>
    l10n.t('Remote preview not loaded: this workspace is not trusted (Restricted Mode), and loading it would contact the server.'),
  setting: () => l10n.t('Remote preview not loaded: klingStudio.editor.remotePreviews is "never".'),
};

/**
 * Where each local media file really is, checked again at every look so a retargeted link is
 * noticed. `get` answers from the last check (undefined until the first one is done) and starts a
 * new one; `onChange` fires when an answer appears or changes, so the caller can show it.
 */
export class BoundaryCache {
  private readonly results = new Map<string, BoundaryCheck>();
  private disposed = false;

  constructor(
    private readonly roots: () => readonly string[],
    private readonly onChange: () => void,
  ) {}

  get(file: string): BoundaryCheck | undefined {
    void this.check(file);
    return this.results.get(file);
  }

  /** Check `file` now; resolves when the answer is stored (and announced if it changed). */
  async check(file: string): Promise<BoundaryCheck> {
    const result = await checkInside(file, await realRoots(this.roots()));
    const old = this.results.get(file);
    this.results.set(file, result);
    if (!this.disposed && (old?.inside !== result.inside || old?.realPath !== result.realPath)) {
      this.onChange();
    }
    return result;
  }

  dispose(): void {
    this.disposed = true;
  }
}

/** The text a card shows when a local file is not previewed. */
export function boundaryProblem(check: BoundaryCheck): string | undefined {
  if (check.inside) {
    return undefined;
  }
  return check.reason === 'outside' ? l10n.t('Outside the workspace folders (after following links): not previewed.') : undefined;
}

/**
 * The length of a motion-control reference video, read only if the file is inside the roots after
 * following every link; undefined for a file outside, missing or not a video.
 */
export async function videoSecondsInside(
  file: string,
  roots: readonly string[],
): Promise<{ seconds: number; mtimeMs: number } | undefined> {
  const checked = await checkInside(file, await realRoots(roots));
  if (!checked.inside) {
    return undefined;
  }
  const st = await nodeFileAccess.stat(checked.realPath);
  if (!st?.isFile) {
    return undefined;
  }
  const key = `${checked.realPath}\0${st.mtimeMs}\0${st.size}`;
  if (!probed.has(key)) {
    const probe = await probeVideo(nodeFileAccess, checked.realPath, st.size);
    probed.set(key, probe.kind === 'video' ? probe.duration : null);
  }
  const seconds = probed.get(key);
  return seconds === null || seconds === undefined ? undefined : { seconds, mtimeMs: st.mtimeMs };
}

/** Probe results by real path, mtime and size: the editor asks on every change of the shot file. */
const probed = new Map<string, number | null>();
