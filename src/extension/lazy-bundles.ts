// The network client (with undici) and the offline simulator (with its H.264 encoder) are most of
// the extension's code, and opening or validating a shot file needs neither. They ship as bundles of
// their own, dist/client.js and dist/simulator.js, and load on first use: scripts/build.mjs turns
// the two dynamic imports below into runtime requires of those files (under tsx they load the
// sources). Elsewhere the extension uses only the client's pure helpers (applying a cancel outcome,
// setting a value at a JSON path) and src/takes; creating a client or a simulator anywhere else
// would put undici or the encoder back into dist/extension.js, which the build refuses (and
// ESLint, for the simulator).
import type { FalClient, FalClientOptions } from '../client';

export const loadClient = () => import('../client');
export const loadSimulator = () => import('../simulator');
/** Export Cut's clip work (mediabunny's muxer, ffmpeg): only an export needs it. */
export const loadAssemble = () => import('../media/assemble');

/** A FalClient that loads the network client on its first call (every FalClient method is async). */
export function createLazyFalClient(opts: FalClientOptions): FalClient {
  let real: Promise<FalClient> | undefined;
  const client = () =>
    (real ??= loadClient().then(
      m => m.createFalClient(opts),
      e => {
        real = undefined; // a later call tries again
        throw e;
      },
    ));
  return {
    upload: async (filePath, o) => (await client()).upload(filePath, o),
    generate: async (job, o) => (await client()).generate(job, o),
    resume: async (rec, o) => (await client()).resume(rec, o),
    cancel: async (rec, o) => (await client()).cancel(rec, o),
    // Never loads the client only to close it.
    close: async () => (real ? (await real).close() : undefined),
  };
}
