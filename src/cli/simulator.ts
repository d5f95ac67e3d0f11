// `kling simulator [--port N] [--cdn-port N] [--instant]`: runs the offline fal simulator until Ctrl+C.
import { instantTiming, startSimulator } from '../simulator';

const USAGE = `usage: kling simulator [--port N] [--cdn-port N] [--instant]

Serves fal's queue and storage API on 127.0.0.1 (queue and storage URL: the printed URL).
  --port N       API port (default: random)
  --cdn-port N   port of the CDN origin that serves uploads and clips (default: random)
  --instant      no queueing or processing time
`;

export async function runSimulator(args: string[]): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) {
    process.stdout.write(USAGE);
    return 0;
  }
  let port = 0,
    cdnPort = 0,
    instant = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--instant') {
      instant = true;
      continue;
    }
    if (a === '--port' || a === '--cdn-port') {
      const n = Number(args[++i]);
      if (!Number.isInteger(n) || n < 0 || n > 65535) {
        process.stderr.write(`kling simulator: ${a} needs a port number\n`);
        return 2;
      }
      if (a === '--port') port = n;
      else cdnPort = n;
      continue;
    }
    process.stderr.write(`kling simulator: unknown option '${a}'\n${USAGE}`);
    return 2;
  }
  const sim = await startSimulator({ port, cdnPort, ...(instant && { timing: instantTiming() }) });
  process.stdout.write(`${sim.url}\n`);
  process.stderr.write(`fal simulator on ${sim.url} (CDN ${sim.cdnUrl}); any key works. Ctrl+C to stop.\n`);
  await new Promise<void>(resolve => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await sim.close();
  return 0;
}
