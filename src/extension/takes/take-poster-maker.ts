import * as fs from 'node:fs';
import { checkPngFrame } from '../../core';
import { errorText } from '../../core/error-text';
import { writeFileAtomic } from '../../media/atomic-write';
import type { Log } from '../log';
import type { TakeEntry } from '../common/take-index';
import { posterPathFor } from '../common/take-posters';

/**
 * Makes the posters of the finished takes the panel lists (common/take-posters.ts), one clip at a
 * time and each once per panel: the webview decodes the first frame, the PNG is checked like a last
 * frame (bytes from a webview are untrusted) and written beside the record, never over a file.
 */
export class PosterMaker {
  private readonly tried = new Set<string>();
  private busy = false;

  constructor(
    /** The clip's first frame as PNG, decoded by the panel's webview. */
    private readonly firstFrame: (clip: string) => Promise<Uint8Array>,
    /** Posters were written: the views that show them read again. */
    private readonly made: () => void,
    private readonly log: Log,
  ) {}

  async ensure(entries: readonly TakeEntry[]): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    let made = false;
    try {
      for (const e of entries) {
        const clip = e.record.clipPath;
        if (e.record.status !== 'done' || !clip || this.tried.has(e.path)) continue;
        this.tried.add(e.path);
        const poster = posterPathFor(e.path);
        if (fs.existsSync(poster)) continue;
        try {
          const bytes = await this.firstFrame(clip);
          const check = checkPngFrame(bytes);
          if (!check.ok) {
            this.log.warn(`takes panel: no poster for ${e.path}: ${check.reason}`);
            continue;
          }
          await writeFileAtomic(poster, bytes, { exclusive: true });
          made = true;
        } catch (err) {
          // Another window made it meanwhile (EEXIST), or this clip cannot be decoded here.
          this.log.info(`takes panel: no poster for ${e.path}: ${errorText(err)}`);
        }
      }
    } finally {
      this.busy = false;
    }
    if (made) this.made();
  }
}
