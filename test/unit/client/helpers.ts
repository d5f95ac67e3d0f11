// Shared set-up for client tests: a simulator on loopback, a client pointed at it, a temp dir.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFalClient, type FalClient, type FalClientOptions, type TakeRecord } from '../../../src/client';
import { instantTiming, startSimulator, type Simulator, type SimulatorOptions } from '../../../src/simulator';

export const KEY = 'sim-secret-key-0123456789abcdef';
export const FAST_RETRY = { baseDelayMs: 2, maxDelayMs: 20, maxRetryAfterMs: 50 };
export const FAST_WATCH = { pollMinMs: 10, pollMaxMs: 50, silenceMs: 2000, streamRetryAfterMs: 200 };

export async function simulator(o: SimulatorOptions = {}): Promise<Simulator> {
  return startSimulator({ ...o, timing: { ...instantTiming(), ...o.timing } });
}

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
