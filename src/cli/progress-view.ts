// Live progress of the takes of one command: one line per take; in a TTY the block is redrawn in
// place, otherwise a line per change.
import * as path from 'node:path';
import type { Progress } from '../client';

/** How detailOf starts the detail of a Progress that says what the take waits for. */
export const WAITING_PREFIX = 'waiting for ';

/**
 * One line per job; in a TTY the block is redrawn in place, otherwise a line per change. What a
 * quiet take waits for (Progress.waiting, reported by the client at least once a minute) is shown
 * in the block in a TTY, and otherwise written to `err` (stderr) as a line of its own each time.
 */
export class ProgressView {
  private drawn = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly state: { label: string; status: string; detail: string; started: number; final: boolean }[];
  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly tty: boolean,
    labels: string[],
    private readonly err: NodeJS.WritableStream = process.stderr,
  ) {
    this.state = labels.map(label => ({ label, status: 'waiting', detail: '', started: 0, final: false }));
    if (tty) this.timer = setInterval(() => this.draw(), 250);
  }
  update(i: number, status: string, detail = '', final = false): void {
    const s = this.state[i]!;
    if (!s.started && status !== 'waiting') s.started = Date.now();
    if (!this.tty && !final && detail.startsWith(WAITING_PREFIX)) {
      // Not a change of state: a sign of life, on stderr, so stdout stays one line per change.
      this.err.write(`${s.label}: ${status}, ${detail}\n`);
      return;
    }
    // Plain output: a line per state change (and per queue move), not per log line or byte count.
    const changed = s.status !== status || final || (status === 'queued' && detail !== s.detail);
    s.status = status;
    s.detail = detail;
    s.final = final;
    if (this.tty) return;
    if (changed) this.out.write(`${s.label}: ${status}${detail ? ` ${detail}` : ''}\n`);
  }
  private draw(): void {
    const now = Date.now();
    const text = this.state.map(s => {
      const el = s.started ? ` ${Math.round((now - s.started) / 1000)}s` : '';
      return `${s.label.padEnd(24).slice(0, 24)} ${s.status.padEnd(11)}${el.padStart(6)}  ${s.detail}`.slice(
        0,
        (this.out.columns || 100) - 1,
      );
    });
    if (this.drawn) this.out.write(`\x1b[${this.drawn}A`);
    for (const t of text) this.out.write(`\x1b[2K${t}\n`);
    this.drawn = text.length;
  }
  stop(): void {
    if (this.timer) {
      clearInterval(this.timer);
      this.draw();
    }
  }
}

export function detailOf(p: Progress): string {
  if (p.waiting !== undefined) return `${WAITING_PREFIX}${p.waiting}`;
  if (p.phase === 'uploading') return `uploading ${path.basename(p.file ?? '')}`;
  if (p.status === 'queued' && p.queuePosition !== undefined) return `queue position ${p.queuePosition}`;
  if (p.status === 'downloading' && p.bytes !== undefined)
    return p.totalBytes ? `${Math.round((p.bytes / p.totalBytes) * 100)}%` : `${p.bytes} bytes`;
  const log = p.newLogs?.at(-1)?.message;
  return log ? log.slice(0, 60) : '';
}
