// Fixtures for the money-race tests: projects whose takes are priced as paid fal takes (the CLI is
// pointed at a simulator through --queue-url/--storage-url, not --simulator), spend already on
// disk, and the take records read raw, so a status the schema does not know yet (`reserved`) is
// still seen.
import { randomBytes, randomUUID } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isFinal, writeTakeRecord } from '../../../../src/takes';
import type { Simulator, Timing } from '../../../../src/simulator';
import { REPO, type Run } from '../../../kit/cli';
import { testSimulator } from '../../../kit/simulator';

export const I2V = 'fal-ai/kling-video/v3/pro/image-to-video';
/** A 5 s V3 pro take with audio off: 5 × $0.112. */
export const TAKE_USD = 0.56;
const PNG = join(REPO, 'examples', 'refs', 'hero-start.png');

/** A simulator that takes any key (each process gets its own) and answers at once unless told. */
export function moneySim(timing: Partial<Timing> = {}): Promise<Simulator> {
  return testSimulator({ timing: { runners: 64, ...timing } });
}

/** A FAL_KEY of its own for one process (an upload gate tells processes apart by it). */
export const racerKey = (i: number) => `k${randomBytes(6).toString('hex')}${i}`;

export interface MoneyProject {
  dir: string;
  out: string;
  /** Absolute paths of the shot files, in the order of `names`. */
  shots: string[];
}

/**
 * A project (package.json marks its root) with one image-to-video shot per name, each $0.56 (5 s,
 * audio off) and each with a local start image to upload, and `spentUsd` of done fal takes in
 * renders/ created at `spentAt`.
 */
export async function moneyProject(
  base: string,
  name: string,
  o: { names: string[]; spentUsd?: number; spentAt?: Date },
): Promise<MoneyProject> {
  const dir = join(base, name);
  const out = join(dir, 'renders');
  await mkdir(out, { recursive: true });
  await writeFile(join(dir, 'package.json'), '{}');
  await copyFile(PNG, join(dir, 'start.png'));
  const shots: string[] = [];
  for (const n of o.names) {
    const shot = join(dir, `${n}.kling.json`);
    await writeFile(
      shot,
      JSON.stringify({
        endpoint: I2V,
        prompt: `a paper boat, shot ${n}`,
        duration: '5',
        generate_audio: false,
        start_image_url: './start.png',
      }),
    );
    shots.push(shot);
  }
  if (o.spentUsd) await spent(out, o.spentUsd, o.spentAt ?? new Date(), join(dir, 'earlier.kling.json'));
  return { dir, out, shots };
}

/** A done fal take worth `usd`, created at `at`, as an earlier run would have left it. */
export async function spent(out: string, usd: number, at: Date, shotFile: string, stamp = '20200101-000000'): Promise<void> {
  const id = randomUUID();
  await writeTakeRecord(join(out, `earlier.${stamp}.take.json`), {
    version: 1,
    id,
    endpointId: I2V,
    body: { prompt: 'earlier', duration: '5' },
    status: 'done',
    requestId: `req-${id}`,
    createdAt: at.toISOString(),
    updatedAt: at.toISOString(),
    costEstimateUsd: usd,
    provider: 'fal',
    shotFile,
  });
}

export interface RawTake {
  name: string;
  status: string;
  requestId?: string;
  costEstimateUsd?: number;
  id?: string;
}

/** Every `*.take.json` in `dir` as written (no schema check), sorted by name. */
export async function rawTakes(dir: string): Promise<RawTake[]> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter(n => n.endsWith('.take.json')).sort();
  const out: RawTake[] = [];
  for (const name of names) {
    try {
      out.push({ name, ...(JSON.parse(await readFile(join(dir, name), 'utf8')) as Omit<RawTake, 'name'>) });
    } catch {
      out.push({ name, status: '(unreadable)' });
    }
  }
  return out;
}

/** Records a finished run must not leave: not final (a reservation, a submit, a followed take). */
export const unfinished = (takes: RawTake[]) => takes.filter(t => !isFinal({ status: t.status as never, requestId: t.requestId }));

/** Names only a running or crashed process leaves in an output folder. */
export const leftovers = async (dir: string) =>
  (await readdir(dir)).filter(n => /\.lock$|\.takeover-|\.tmp$|\.part$|\.partial(\.|$)/.test(n));

export const exited = (r: Run) => r.child.exitCode !== null || r.child.signalCode !== null;

/** "submitted, request id" lines a process has printed: its submits, as it saw them. */
export const submitsOf = (r: Run) => (r.err().match(/submitted, request id /g) ?? []).length;
