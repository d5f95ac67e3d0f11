// `kling simulator`: runs the offline fal simulator until Ctrl+C.
import { instantTiming, startSimulator } from '../simulator';
import { command } from './command-line';
import { defineCommand, HELP_OPTION } from './usage';

/** 0 (random) when absent; undefined when not a port number. */
function portOption(v: string | undefined): number | undefined {
  if (v === undefined) return 0;
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 && n <= 65535 ? n : undefined;
}

export const SIMULATOR = defineCommand({
  name: 'simulator',
  forms: [''],
  summary: 'run the offline fal simulator until Ctrl+C',
  about:
    "Serves fal's queue and storage API on 127.0.0.1 (queue and storage URL: the printed URL), and its Platform API's prices and schemas at <URL>/v1.",
  options: {
    port: { type: 'string', value: 'N', help: 'API port (default: random)' },
    'cdn-port': { type: 'string', value: 'N', help: 'port of the CDN origin that serves uploads and clips (default: random)' },
    instant: { type: 'boolean', help: 'no queueing or processing time' },
    help: HELP_OPTION,
  },
});

export async function runSimulator(args: string[]): Promise<number> {
  const cmd = command(SIMULATOR);
  const parsed = cmd.parse(args);
  if (typeof parsed === 'number') return parsed;
  const v = parsed.values;
  if (parsed.positionals.length) return cmd.usageError(`unexpected argument '${parsed.positionals[0]}'`);
  const port = portOption(v.port),
    cdnPort = portOption(v['cdn-port']),
    instant = Boolean(v.instant);
  if (port === undefined) return cmd.usageError('--port needs a port number');
  if (cdnPort === undefined) return cmd.usageError('--cdn-port needs a port number');
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
