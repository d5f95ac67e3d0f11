// The offline fal simulator: fal's queue and storage protocol on 127.0.0.1, for the extension's
// offline mode, the CLI and every network test. See docs/ARCHITECTURE.md.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { defaultFaults, FaultDice, type FaultConfig } from './faults';
import { defaultTiming, SimQueue, type OutcomeHook, type SimJob, type Timing } from './queue';
import { createApiServer, createCdnServer, listen, shutdown, type SimStats } from './server';
import { SimStorage, type StorageStats, type StoredFile } from './storage';
import { createSubmitFaults, type SubmitFaults } from './submit-faults';
import type { FalValidationDetail } from '../core';
import { KNOWN_ENDPOINTS, validateBody } from './validate';
import { createSimPlatform, type PlatformDrift } from './platform';

export { ALL_ROUTES, defaultFaults, type FaultConfig, type Route } from './faults';
export type { SubmitFaults } from './submit-faults';
export {
  defaultTiming,
  instantTiming,
  appPathOf,
  type Timing,
  type SimJob,
  type SimResult,
  type LogEntry,
  type OutcomeHook,
} from './queue';
export { clipSpecFor, clipSpecForRequest, makeClip, CLIP_FPS, type Clip, type ClipSpec, type ClipRequest } from './clip';
export { frameSize } from './frames';
export type { SimStats } from './server';
export type { StoredFile, StorageStats } from './storage';
export { KNOWN_ENDPOINTS, validateBody } from './validate';
export type { PlatformDrift, PublishedPrice } from './platform';

export interface SimulatorOptions {
  host?: string;
  /** API origin port (0 = random). */
  port?: number;
  /** CDN origin port (0 = random). */
  cdnPort?: number;
  timing?: Partial<Timing>;
  faults?: Partial<FaultConfig>;
  /** Keys accepted in `Authorization: Key …`; default any non-empty key. */
  keys?: string[];
  /** Endpoint ids accepted on submit; default the Kling V3/O3 family. */
  endpoints?: readonly string[];
  /** Body validation producing fal's 422 detail[] (default: the shared schema check). */
  validate?: (endpointId: string, body: unknown) => FalValidationDetail[];
  outcome?: OutcomeHook;
  /** Status codes an injected submit error may use (rejections: no job is created). */
  submitErrorStatuses?: number[];
  /** Where uploads are stored; default a fresh temp dir removed on close. */
  storageDir?: string;
}

export interface Simulator {
  /** API origin: use as both queueUrl and storageUrl. */
  url: string;
  /** CDN origin: upload targets and file URLs live here. */
  cdnUrl: string;
  stats: SimStats & { storage: StorageStats };
  /** Mutable at run time. */
  faults: FaultConfig;
  /** What the simulated Platform API (`<url>/v1`) publishes: a test makes fal's prices and schemas drift here. */
  platform: PlatformDrift;
  /** Holding a submit, cutting the connection after its reply (mutable at run time). */
  submitFaults: SubmitFaults;
  /** Mutable at run time (affects jobs scheduled afterwards). */
  timing: Timing;
  jobs: ReadonlyMap<string, SimJob>;
  job(requestId: string): SimJob | undefined;
  /** sha256 of the clip a job produced (what a client must end up with). */
  clipSha256(requestId: string): string | undefined;
  /** Serve a file from the CDN (benchmarks, tests); returns its URL. */
  addFile(path: string, opts?: { fileName?: string; contentType?: string }): Promise<{ url: string; file: StoredFile }>;
  addBuffer(data: Buffer, opts?: { fileName?: string; contentType?: string }): { url: string; file: StoredFile };
  storedFile(fileUrl: string): StoredFile | undefined;
  close(): Promise<void>;
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const host = opts.host ?? '127.0.0.1';
  const faults: FaultConfig = { ...defaultFaults(), ...opts.faults };
  const timing: Timing = { ...defaultTiming(), ...opts.timing };
  const dice = new FaultDice(faults);
  const ownDir = opts.storageDir === undefined;
  const storage = new SimStorage(opts.storageDir ?? (await mkdtemp(join(tmpdir(), 'kling-sim-'))), dice);
  await storage.init();
  const queue = new SimQueue(timing, storage, () => faults.expireResults, opts.validate ?? validateBody, opts.outcome);
  const stats: SimStats = {
    submits: 0,
    submitAttempts: 0,
    cancels: 0,
    statusCalls: 0,
    streamCalls: 0,
    resultCalls: 0,
    unauthorized: 0,
    dropped: 0,
    injectedErrors: 0,
    cutStreams: 0,
    cdnRequests: 0,
    authOnCdn: 0,
    redirects: 0,
    authOnRedirects: 0,
    hung: 0,
    platformCalls: 0,
    platformUnauthorized: 0,
  };
  const keys = opts.keys ? new Set(opts.keys) : undefined;
  const acceptKey = (k: string) => (keys ? keys.has(k) : k.length > 0);
  const deps = {
    queue,
    storage,
    faults,
    dice,
    stats,
    knownEndpoints: new Set(opts.endpoints ?? KNOWN_ENDPOINTS),
    acceptKey,
    submitErrorStatuses: opts.submitErrorStatuses ?? [429, 503],
    submitFaults: createSubmitFaults(),
    platform: createSimPlatform(stats, acceptKey),
  };
  const api = createApiServer(deps);
  const cdn = createCdnServer(deps);
  const servers: Server[] = [api, cdn];
  let url: string, cdnUrl: string;
  try {
    url = await listen(api, host, opts.port ?? 0);
    cdnUrl = await listen(cdn, host, opts.cdnPort ?? 0);
  } catch (e) {
    await Promise.all(servers.map(s => (s.listening ? shutdown(s) : undefined)));
    throw e;
  }
  queue.apiUrl = url;
  storage.cdnUrl = cdnUrl;
  const fileByUrl = (u: string) => {
    const m = /\/files\/([^/]+)\//.exec(new URL(u).pathname);
    return m ? storage.files.get(m[1]!) : undefined;
  };
  return {
    url,
    cdnUrl,
    faults,
    submitFaults: deps.submitFaults,
    platform: deps.platform,
    timing,
    stats: Object.assign(stats, { storage: storage.stats }),
    jobs: queue.jobs,
    job: id => queue.jobs.get(id),
    clipSha256: id => queue.jobs.get(id)?.clip?.sha256,
    async addFile(path, o = {}) {
      const file = await storage.addDiskFile(path, o.fileName ?? 'file.bin', o.contentType ?? 'application/octet-stream');
      return { url: storage.fileUrl(file), file };
    },
    addBuffer(data, o = {}) {
      const file = storage.addBuffer(data, o.fileName ?? 'file.bin', o.contentType ?? 'application/octet-stream');
      return { url: storage.fileUrl(file), file };
    },
    storedFile: fileByUrl,
    async close() {
      deps.submitFaults.release();
      queue.close();
      await Promise.all(servers.map(shutdown));
      if (ownDir) await storage.dispose();
    },
  };
}
