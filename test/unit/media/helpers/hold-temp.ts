// A writer that stops half-way: it starts an atomic write of argv[2], writes a few bytes into the
// temp file, prints the temp file's path and then waits forever, so a test can kill it (SIGKILL)
// with its temp file on disk, or keep it alive while another writer sweeps.
import { writeAtomic } from '../../../../src/media/atomic-write';

/** Never called: holding it keeps the suspended write (and its open temp file) from being collected. */
export const hold: (() => void)[] = [];

void writeAtomic(
  process.argv[2]!,
  async temp => {
    await temp.write('half of a file');
    process.stdout.write(`${temp.path}\n`);
    // The timer keeps the process alive (a pending promise alone would let it end).
    setInterval(() => undefined, 60_000);
    await new Promise<void>(resolve => hold.push(resolve));
  },
  { durable: false },
);
