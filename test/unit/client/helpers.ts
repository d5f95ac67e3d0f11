// Shared set-up for client tests: a client pointed at a simulator (test/kit/simulator.ts), a temp dir.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFalClient, type FalClient, type FalClientOptions } from '../../../src/client';
import { takePaths, writeTakeRecord, type TakeRecord } from '../../../src/takes';
import { makeClip, type Simulator } from '../../../src/simulator';

export const KEY = 'sim-secret-key-0123456789abcdef';
export const FAST_RETRY = { baseDelayMs: 2, maxDelayMs: 20, maxRetryAfterMs: 50 };
export const FAST_WATCH = { pollMinMs: 10, pollMaxMs: 50, silenceMs: 2000, streamRetryAfterMs: 200 };

export function clientFor(sim: Simulator, o: Partial<FalClientOptions> = {}): FalClient {
  return createFalClient({ queueUrl: sim.url, storageUrl: sim.url, credentials: () => KEY, retry: FAST_RETRY, watch: FAST_WATCH, ...o });
}

export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'kling-client-test-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export function recorder(): { records: TakeRecord[]; onRecord: (r: TakeRecord) => void } {
  const records: TakeRecord[] = [];
  return {
    records,
    onRecord: r => {
      records.push(structuredClone(r));
    },
  };
}

export function captureLogger(): {
  lines: string[];
  logger: { debug(m: string): void; info(m: string): void; warn(m: string): void; error(m: string): void };
} {
  const lines: string[] = [];
  const push = (m: string) => {
    lines.push(m);
  };
  return { lines, logger: { debug: push, info: push, warn: push, error: push } };
}

/**
 * A real MP4 (the simulator's 3 s clip), grown to `size` bytes with a trailing `free` box of
 * random bytes: it still parses as an MP4 with a video track, and its size is whatever a test needs.
 */
export async function mp4Bytes(size = 0): Promise<Buffer> {
  const clip = (await makeClip({ durationS: 3, aspect: '16:9', shots: [3] })).data;
  const pad = size - clip.length;
  if (pad <= 0) return clip;
  if (pad < 8) throw new Error(`mp4Bytes: ${size} is too close to the clip's own ${clip.length} bytes`);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(pad);
  head.write('free', 4, 'latin1');
  return Buffer.concat([clip, head, randomBytes(pad - 8)]);
}

/** One take of a 3 s text-to-video shot at $0.168/s, journalled to a real record file under `dir`. */
export function journalledJob(dir: string, name: string) {
  const { clipPath, recordPath } = takePaths(join(dir, name), join(dir, `${name}.kling.json`));
  return {
    recordPath,
    input: {
      endpointId: 'fal-ai/kling-video/v3/pro/text-to-video',
      body: { prompt: 'a paper boat', duration: '3' },
      outputPath: clipPath,
      costEstimateUsd: 0.504,
      pricePerSecondUsd: 0.168,
      provider: 'fal' as const,
    },
    onRecord: (r: TakeRecord) => writeTakeRecord(recordPath, r),
  };
}
