// What every `kling` subcommand shares: options through node:util parseArgs, and one way to
// print a message or a usage error under the command's name.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface Command {
  readonly name: string;
  /** `kling <name>: <message>` on stderr. */
  err(message: string): void;
  /** A usage error: the message, then the usage text; returns exit code 2. */
  usageError(message: string): number;
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
  };
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses `args` strictly; a bad option comes back as a one-line message instead of a throw. */
export function parseCommandLine<O extends Options>(
  args: string[],
  options: O,
):
  { values: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>>['values']; positionals: string[] } | string {
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

export function urlOption(value: string | undefined, flag: string): string | undefined | { error: string } {
  if (value === undefined) return undefined;
  try {
    new URL(value);
    return value;
  } catch {
    return { error: `${flag}: not a URL: ${value}` };
  }
}
