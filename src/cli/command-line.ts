// What every `kling` subcommand shares: options through node:util parseArgs, and one way to
// print a message or a usage error under the command's name.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import * as path from 'node:path';
import type { SequenceTakeOptions } from '../takes/sequence-takes';

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<O extends Options> = {
  values: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>>['values'];
  positionals: string[];
};

export interface Command {
  readonly name: string;
  /** `kling <name>: <message>` on stderr. */
  err(message: string): void;
  /** A usage error: the message, then the usage text; returns exit code 2. */
  usageError(message: string): number;
  /**
   * Parses the command line; a bad option is a usage error (exit 2) and `--help` prints the usage
   * (exit 0): either way the exit code comes back instead of the parsed line.
   */
  parse<O extends Options>(args: string[], options: O): Parsed<O> | number;
}

export function command(name: string, usage: string): Command {
  const err = (message: string) => {
    process.stderr.write(`kling ${name}: ${message}\n`);
  };
  return {
    name,
    err,
    usageError(message) {
      err(message);
      process.stderr.write(usage);
      return 2;
    },
    parse(args, options) {
      const parsed = parseCommandLine(args, options);
      if (typeof parsed === 'string') return this.usageError(parsed);
      if ((parsed.values as { help?: boolean }).help) {
        process.stdout.write(usage);
        return 0;
      }
      return parsed;
    },
  };
}

/** Parses `args` strictly; a bad option comes back as a one-line message instead of a throw. */
export function parseCommandLine<O extends Options>(args: string[], options: O): Parsed<O> | string {
  try {
    const r = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: r.values, positionals: r.positionals };
  } catch (e) {
    return (e as Error).message.replace(/\. To specify a positional argument.*$/s, '').trim();
  }
}

export function positiveInt(value: string | undefined, flag: string, max: number, fallback: number): number | string {
  if (value === undefined) return fallback;
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : `${flag} must be an integer from 1 to ${max}`;
}

function urlOption(value: string | undefined, flag: string): string | undefined | { error: string } {
  if (value === undefined) return undefined;
  try {
    new URL(value);
    return value;
  } catch {
    return { error: `${flag}: not a URL: ${value}` };
  }
}

/** `--renders DIR`: every shot's takes in that one folder (as `kling generate --out` put them), else each shot's default. */
export function rendersOption(value: string | undefined): SequenceTakeOptions {
  if (value === undefined) return {};
  const dir = path.resolve(value);
  return { outputDirOf: () => dir };
}

/** `--queue-url`, `--storage-url` and `--concurrency`, as `generate` and `resume` take them; a string is the usage error. */
export function connectionOptions(v: {
  'queue-url'?: string;
  'storage-url'?: string;
  concurrency?: string;
}): { queueUrl: string | undefined; storageUrl: string | undefined; concurrency: number } | string {
  const queueUrl = urlOption(v['queue-url'], '--queue-url');
  if (typeof queueUrl === 'object') return queueUrl.error;
  const storageUrl = urlOption(v['storage-url'], '--storage-url');
  if (typeof storageUrl === 'object') return storageUrl.error;
  const concurrency = positiveInt(v.concurrency, '--concurrency', 64, 2);
  if (typeof concurrency === 'string') return concurrency;
  return { queueUrl, storageUrl, concurrency };
}
