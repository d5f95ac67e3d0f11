// The journal of one take as both front ends use it: writes are serialized (an older state never
// lands after a newer one), each is atomic and retried, and a write that still fails once fal has
// a request id is reported loudly with everything needed to recover the paid job by hand.
import { dirname } from 'node:path';
import { readTakeRecord, writeTakeRecord, type TakeRecord } from './journal';
import { errorText } from '../../core/error-text';

/** How to pick up a job whose record could not be written (the CLI's resume command). */
export function recoveryCommand(requestId: string, endpointId: string, outputDir: string): string {
  return `kling resume --request-id ${requestId} --endpoint ${endpointId} --out ${shellQuote(outputDir)}`;
}

function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export function journalLostMessage(recordPath: string, rec: TakeRecord, error: unknown): string {
  const why = errorText(error);
  return (
    `THE TAKE RECORD ${recordPath} COULD NOT BE WRITTEN (${why}). The job was submitted and is paid: ` +
    `request id ${rec.requestId}, endpoint ${rec.endpointId}. Recover it with: ` +
    recoveryCommand(rec.requestId!, rec.endpointId, dirname(recordPath))
  );
}

export class TakeJournal {
  private writes: Promise<void> = Promise.resolve();
  private checked = false;
  /** The last record known to be on disk. */
  written: TakeRecord | undefined;

  constructor(
    readonly recordPath: string,
    /** Receives the loud message when a record with a request id cannot be written. */
    private readonly onLost: (message: string, rec: TakeRecord) => void,
  ) {}

  /** Resolves once `rec` is on disk; rejects (after the retries and the report) when it cannot be. */
  write(rec: TakeRecord): Promise<void> {
    const next = this.writes.then(() => this.writeNow(rec));
    this.writes = next.catch(() => undefined);
    return next;
  }

  /** Settles when every write asked for so far has landed or failed. */
  flushed(): Promise<void> {
    return this.writes;
  }

  private async writeNow(rec: TakeRecord): Promise<void> {
    try {
      if (!this.checked) {
        await this.refuseForeignRecord(rec);
        this.checked = true;
      }
      await writeTakeRecord(this.recordPath, rec);
      this.written = rec;
    } catch (e) {
      if (rec.requestId) this.onLost(journalLostMessage(this.recordPath, rec, e), rec);
      throw e;
    }
  }

  /** A record on disk that belongs to another take is never overwritten. */
  private async refuseForeignRecord(rec: TakeRecord): Promise<void> {
    let onDisk: TakeRecord;
    try {
      onDisk = await readTakeRecord(this.recordPath);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return; // nothing there (the write reports why it cannot be)
      throw new Error(`${this.recordPath} exists and is not a readable take record: it is left as it is.`, { cause: e });
    }
    if (onDisk.id !== rec.id) throw new Error(`${this.recordPath} belongs to another take (${onDisk.id}): it is never overwritten.`);
  }
}
