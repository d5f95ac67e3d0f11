// What every `kling` subcommand shares: its options (src/cli/usage.ts) through node:util parseArgs,
// and one way to print a message, its usage or a usage error under the command's name.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import * as path from 'node:path';
import type { SequenceTakeOptions } from '../takes/sequence-takes';
import { commandUsage, type CommandSpec, type OptionSpecs } from './usage';
import { errorText } from '../core/error-text';

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<O extends Options> = {
  values: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>>['values'];
  positionals: string[];
};

export interface Command<O extends Options> {
  readonly name: string;
  /** `kling <name>: <message>` on stderr. */
  err(message: string): void;
  /** A usage error: the message, then the usage text; returns exit code 2. */
  usageError(message: string): number;
  /**
   * Parses the command line with the command's options; a bad option is a usage error (exit 2) and
   * `--help` prints the usage (exit 0): either way the exit code comes back instead of the parsed line.
   */
  parse(args: string[]): Parsed<O> | number;
}

export function command<O extends OptionSpecs>(spec: CommandSpec<O>): Command<O> {
  const usage = commandUsage(spec);
  const err = (message: string) => {
    process.stderr.write(`kling ${spec.name}: ${message}\n`);
  };
  return {
    name: spec.name,
    err,
    usageError(message) {
      err(message);
      process.stderr.write(usage);
      return 2;
    },
    parse(args) {
      const parsed = parseCommandLine(args, spec.options);
      if (typeof parsed === 'string') return this.usageError(parsed);
      if ((parsed.values as { help?: boolean }).help) {
        process.stdout.write(usage);
        return 0;
      }
      return parsed;
    },
  };
}

/**
 * `--takes -1` as `--takes=-1`: parseArgs takes a value that starts with a dash for an option of its
 * own and calls the line ambiguous. A negative number after an option that takes a value is that
 * option's value, so the option's own check can say what is wrong with it.
 */
export function joinNegativeValues(args: readonly string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      out.push(...args.slice(i));
      break;
    }
    const next = args[i + 1];
    const name = a.startsWith('--') && !a.includes('=') ? a.slice(2) : undefined;
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined && /^-\.?\d/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

/** Parses `args` strictly; a bad option comes back as a one-line message instead of a throw. */
export function parseCommandLine<O extends Options>(args: string[], options: O): Parsed<O> | string {
  try {
    const r = parseArgs({ args: joinNegativeValues(args, options), options, allowPositionals: true, strict: true });
    return { values: r.values, positionals: r.positionals };
  } catch (e) {
    return errorText(e)
      .replace(/\. To specify a positional argument.*$/s, '')
      .trim();
  }
}

/** A whole number from 1 to `max` (digits only), else the usage error that names the range and the value. */
export function positiveInt(value: string | undefined, flag: string, max: number, fallback: number): number | string {
  if (value === undefined) return fallback;
  const n = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= max ? n : `${flag} must be a whole number from 1 to ${max}, not '${value}'`;
}

/** A fal origin given on the command line: an http: or https: URL, nothing else. */
function urlOption(value: string | undefined, flag: string): string | undefined | { error: string } {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { error: `${flag} must be an http: or https: URL, not '${value}'` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { error: `${flag} must be an http: or https: URL, not '${value}' (${url.protocol} is not served over HTTP)` };
  return value;
}

/** `--platform-url`: fal's Platform API (prices, published schemas); a string is the usage error. */
export function platformUrlOption(value: string | undefined): { platformUrl: string | undefined } | string {
  const url = urlOption(value, '--platform-url');
  return typeof url === 'object' ? url.error : { platformUrl: url };
}

/** The `--platform-url` option as every command that reads prices defines it. */
export const PLATFORM_URL_OPTION = {
  type: 'string',
  value: 'U',
  help: "fal Platform API for live prices and published schemas, http(s) (default https://api.fal.ai/v1 when the run goes to fal's own queue)",
} as const;

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
