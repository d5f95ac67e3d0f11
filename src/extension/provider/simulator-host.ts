import type { Simulator } from '../../simulator';
import { loadSimulator } from '../lazy-bundles';
import type { Log } from '../log';

/**
 * The offline simulator, started in-process on first use and stopped with the extension. It lives
 * only as long as this extension host: jobs on it do not survive a reload (they cost nothing).
 */
export class SimulatorHost {
  private starting: Promise<Simulator> | undefined;
  private current: Simulator | undefined;

  constructor(private readonly log: Log) {}

  get running(): Simulator | undefined {
    return this.current;
  }

  async get(jobSeconds: number): Promise<Simulator> {
    if (!this.starting) {
      // One phantom job ahead shows the queue position once; the phantom, not a fixed delay, is
      // the newcomer's taste of a queue, so a job starts as soon as it reaches the head.
      this.starting = loadSimulator()
        .then(({ startSimulator }) =>
          startSimulator({ timing: { processingMs: jobSeconds * 1000, queueDelayMs: 0, queueAhead: 1, queueStepMs: 700 } }),
        )
        .then(
          sim => {
            this.current = sim;
            this.log.info(`offline simulator listening on ${sim.url}`);
            return sim;
          },
          e => {
            this.starting = undefined;
            throw e;
          },
        );
    }
    const sim = await this.starting;
    // Timing is mutable at run time: the setting applies to jobs submitted afterwards.
    sim.timing.processingMs = jobSeconds * 1000;
    return sim;
  }

  /** True when a URL points at the simulator of this extension host. */
  owns(url: string | undefined): boolean {
    if (!url || !this.current) {
      return false;
    }
    try {
      return new URL(url).origin === new URL(this.current.url).origin;
    } catch {
      return false;
    }
  }

  dispose(): void {
    const s = this.starting;
    this.starting = undefined;
    this.current = undefined;
    void s?.then(sim => sim.close()).catch(() => undefined);
  }
}
