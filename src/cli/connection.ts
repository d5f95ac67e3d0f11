// Where the CLI's takes run: the built-in simulator, or fal (or any fal-protocol origin) with the
// key from FAL_KEY. Shared by generate and resume.
import { randomBytes } from 'node:crypto';
import { createFalClient, DEFAULT_QUEUE_URL, falKeyFromEnv, type FalClient } from '../client';
import { startSimulator, type Simulator } from '../simulator';

export interface Connection {
  client: FalClient;
  queueUrl: string;
  sim: Simulator | undefined;
  close(): Promise<void>;
}

export async function connect(
  o: {
    simulator: boolean;
    queueUrl?: string | undefined;
    storageUrl?: string | undefined;
    /** Where the simulator's address is said (default stdout; `kling mcp` speaks the protocol there). */
    say?: (line: string) => void;
    /** What to say when FAL_KEY is missing, for a command with no --simulator (default: try --simulator). */
    noKey?: string;
  },
  err: (s: string) => void,
): Promise<Connection | string> {
  let sim: Simulator | undefined;
  let key = falKeyFromEnv(process.env);
  if (o.simulator) {
    sim = await startSimulator({ timing: { processingMs: 3000, queueDelayMs: 300, logEveryMs: 500 } });
    // Random, not words: the client masks any 8 characters of the key in records and logs, and the
    // records say provider 'simulator'.
    key ||= `sim-${randomBytes(12).toString('hex')}`;
    (o.say ?? (line => process.stdout.write(line)))(`simulator: ${sim.url}\n`);
  } else if (!key) {
    return o.noKey ?? 'FAL_KEY is not set (or use --simulator)';
  }
  const queueUrl = sim?.url ?? o.queueUrl;
  const storageUrl = sim?.url ?? o.storageUrl;
  const client = createFalClient({
    ...(queueUrl && { queueUrl }),
    ...(storageUrl && { storageUrl }),
    credentials: () => key,
    // The embedded simulator is on loopback: a proxy from the environment must not carry it.
    ...(sim && { proxyEnv: {} }),
    logger: { debug() {}, info() {}, warn: m => err(m), error: m => err(m) },
    ...waitingReport(process.env),
  });
  return {
    client,
    queueUrl: (queueUrl ?? DEFAULT_QUEUE_URL).replace(/\/+$/, ''),
    sim,
    async close() {
      await client.close();
      await sim?.close();
    },
  };
}

/** Whether a record's job lives on this connection's queue (the key is only sent there). */
export function sameQueue(statusUrl: string | undefined, queueUrl: string): boolean {
  try {
    return statusUrl !== undefined && new URL(statusUrl).origin === new URL(queueUrl).origin;
  } catch {
    return false;
  }
}

/**
 * `KLING_WAITING_REPORT_MS`: how often a quiet take says what it waits for (default 30 s; the CLI
 * prints it to stderr). Only a whole number of milliseconds from 10 to 60 000 is taken.
 */
function waitingReport(env: NodeJS.ProcessEnv): { waitingReportMs?: number } {
  const v = env.KLING_WAITING_REPORT_MS;
  const n = v !== undefined && /^\d+$/.test(v.trim()) ? Number(v) : NaN;
  return n >= 10 && n <= 60_000 ? { waitingReportMs: n } : {};
}
