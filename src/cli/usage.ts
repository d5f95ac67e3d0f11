// The usage text of `kling --help` and `kling <command> --help`, made from the option definitions
// parseArgs reads (each carries its help text and value name), so the help cannot list an option
// the command refuses or leave out one it takes (test/unit/cli/usage.test.ts checks both ways).

interface OptionBase {
  readonly short?: string;
  readonly multiple?: boolean;
  /** What the option does; a `\n` starts a new line, and each line is wrapped to the usage width. */
  readonly help: string;
  /** Shown unbracketed in the synopsis: the command refuses to run without it. */
  readonly required?: boolean;
}
export interface StringOption extends OptionBase {
  readonly type: 'string';
  /** The value's name in the usage: `--out DIR`. */
  readonly value: string;
  readonly default?: string;
}
export interface BooleanOption extends OptionBase {
  readonly type: 'boolean';
}
export type OptionSpec = StringOption | BooleanOption;
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

export interface CommandSpec<O extends OptionSpecs = OptionSpecs> {
  readonly name: string;
  /** Each form of the command line after `kling <name>`, options left out unless the form needs them. */
  readonly forms: readonly string[];
  /** Its line in `kling --help`. */
  readonly summary: string;
  /** Text before the options, as it is printed. */
  readonly about?: string;
  /** What parseArgs accepts. */
  readonly options: O;
  /** Text after the options, as it is printed. */
  readonly notes?: string;
}

export const HELP_OPTION = { type: 'boolean', short: 'h', help: 'show this help' } as const satisfies BooleanOption;

/** Keeps the options' literal types, which parseArgs types the parsed values from. */
export function defineCommand<const O extends OptionSpecs>(spec: CommandSpec<O>): CommandSpec<O> {
  return spec;
}

const WIDTH = 100;

export function commandUsage(spec: CommandSpec): string {
  const required = Object.entries(spec.options).filter(([, o]) => o.required);
  const forms = spec.forms.map((form, i) => {
    const needed = required.filter(([name]) => !mentions(form, name)).map(([name, o]) => flag(name, o));
    return `${i === 0 ? 'usage: ' : '       '}${['kling', spec.name, form, ...needed, '[options]'].filter(Boolean).join(' ')}`;
  });
  return (
    [forms.join('\n'), spec.about, ['options:', ...optionRows(spec.options)].join('\n'), spec.notes].filter(Boolean).join('\n\n') + '\n'
  );
}

export function mainUsage(specs: readonly CommandSpec[]): string {
  const blocks = specs.map(spec => {
    const tokens = Object.entries(spec.options)
      .filter(([name]) => name !== 'help' && !spec.forms.some(form => mentions(form, name)))
      .map(([name, o]) => (o.required ? flag(name, o) : `[${flag(name, o)}]${o.multiple ? '…' : ''}`));
    const forms = spec.forms.filter(Boolean).join(' | ');
    return [
      ...fill(`  ${spec.name} `, forms ? [forms, ...tokens] : tokens, ' '.repeat(spec.name.length + 3)),
      `      ${spec.summary}`,
    ].join('\n');
  });
  return `usage: kling <command> [options]\n\ncommands (kling <command> -h, --help: its options in full):\n\n${blocks.join('\n\n')}\n`;
}

function flag(name: string, o: OptionSpec): string {
  return `--${name}${o.type === 'string' ? ` ${o.value}` : ''}`;
}

function mentions(form: string, name: string): boolean {
  return form.split(/\s+/).includes(`--${name}`);
}

function optionRows(options: OptionSpecs): string[] {
  const flags = Object.entries(options).map(([name, o]) => [`${o.short ? `-${o.short}, ` : ''}${flag(name, o)}`, o.help] as const);
  const column = 2 + Math.max(...flags.map(([f]) => f.length)) + 3;
  const indent = ' '.repeat(column);
  return flags.flatMap(([f, help]) =>
    help.split('\n').flatMap((line, i) => fill(i === 0 ? `  ${f}`.padEnd(column) : indent, line.split(' ').filter(Boolean), indent)),
  );
}

/** `units` after `head`, one space apart, a new line (starting with `indent`) before a unit that would pass WIDTH. */
function fill(head: string, units: readonly string[], indent: string): string[] {
  const lines: string[] = [];
  let line = head;
  let empty = true;
  for (const unit of units) {
    if (!empty && line.length + 1 + unit.length > WIDTH) {
      lines.push(line);
      line = indent + unit;
    } else line = empty ? line + unit : `${line} ${unit}`;
    empty = false;
  }
  lines.push(line.trimEnd());
  return lines;
}
