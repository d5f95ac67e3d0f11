// The one way a test starts the offline fal simulator: the real server on 127.0.0.1 with ports the
// system picks unless the test names one (so files running side by side never collide), answering at once unless the test
// asks for timing of its own, and stopped when the test is done.
import { instantTiming, startSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator';

export type { Simulator, SimulatorOptions };

/** Starts a simulator; its `url` is the queue and storage origin. The caller closes it. */
export function testSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  return startSimulator({
    ...opts,
    host: '127.0.0.1',
    port: opts.port ?? 0,
    cdnPort: opts.cdnPort ?? 0,
    timing: { ...instantTiming(), ...opts.timing },
  });
}

/** Runs `fn` against a fresh simulator and stops it afterwards, whatever `fn` did. */
export async function withSimulator<T>(opts: SimulatorOptions, fn: (sim: Simulator) => Promise<T>): Promise<T> {
  const sim = await testSimulator(opts);
  try {
    return await fn(sim);
  } finally {
    await sim.close();
  }
}

type Hook = (fn: () => Promise<void>) => unknown;

/**
 * One simulator for a whole suite, started and stopped by the runner's hooks: node:test's
 * `before`/`after` or mocha's `suiteSetup`/`suiteTeardown`. The returned getter throws when read
 * outside the suite.
 */
export function suiteSimulator(hooks: { before: Hook; after: Hook }, opts: SimulatorOptions = {}): () => Simulator {
  let sim: Simulator | undefined;
  hooks.before(async () => {
    sim = await testSimulator(opts);
  });
  hooks.after(async () => {
    await sim?.close();
    sim = undefined;
  });
  return () => {
    if (!sim) {
      throw new Error('the suite simulator is only running during its suite');
    }
    return sim;
  };
}
