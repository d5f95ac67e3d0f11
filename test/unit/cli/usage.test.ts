// `kling --help` and `kling <command> --help` against the option definitions parseArgs reads, as a
// user runs them (real processes): every option a command accepts is in its usage and in
// `kling --help`, and every option a usage lists is accepted by the command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COMMANDS } from '../../../src/cli/commands';
import type { CommandSpec } from '../../../src/cli/usage';
import { klingSync, REPO } from '../../kit/cli';

function kling(args: string[]) {
  const r = klingSync(args, { cwd: REPO });
  return { code: r.code, stdout: r.out, stderr: r.err };
}

/** The options a command's usage lists: its rows under `options:` (`-h, --help`, `--out DIR`). */
function listedRows(usage: string): string[] {
  const block = usage.split('\noptions:\n')[1]?.split('\n\n')[0] ?? '';
  return [...block.matchAll(/^ {2}(?:-(\w), )?--([\w-]+)/gm)].map(([, short, name]) => (short ? `-${short}, --${name}` : `--${name}`));
}

function definedRows(spec: CommandSpec): string[] {
  return Object.entries(spec.options).map(([name, o]) => (o.short ? `-${o.short}, --${name}` : `--${name}`));
}

/** Every option of the spec on one command line, each with a value when it takes one. */
function everyOption(spec: CommandSpec): string[] {
  return Object.entries(spec.options).flatMap(([name, o]) =>
    name === 'help' ? [] : o.type === 'string' ? [`--${name}`, '1'] : [`--${name}`],
  );
}

for (const { spec } of COMMANDS) {
  test(`kling ${spec.name} --help lists exactly the options it accepts`, () => {
    // Parsing comes before --help: the line is accepted only if every option on it is.
    const r = kling([spec.name, ...everyOption(spec), '--help']);
    assert.equal(r.code, 0, `kling ${spec.name} refused an option its usage lists: ${r.stderr}`);
    assert.match(r.stdout, new RegExp(`^usage: kling ${spec.name}\\b`));
    assert.deepEqual(listedRows(r.stdout).sort(), definedRows(spec).sort());
  });
}

test('an option a command does not define is refused, so a usage listing one would fail above', () => {
  const r = kling(['takes', '--not-in-the-usage', '-h']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--not-in-the-usage/);
  assert.match(r.stderr, /usage: kling takes/);
});

test('kling --help lists every command with every option it accepts, and no other', () => {
  const r = kling(['--help']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /kling <command> -h, --help/);
  const blocks = r.stdout.split('\n\n').filter(b => b.startsWith('  '));
  assert.deepEqual(
    blocks.map(b => b.trim().split(' ')[0]),
    COMMANDS.map(c => c.spec.name),
  );
  for (const [i, { spec }] of COMMANDS.entries()) {
    const synopsis = blocks[i]!.split('\n').slice(0, -1).join('\n');
    const listed = new Set([...synopsis.matchAll(/--([\w-]+)/g)].map(([, name]) => name));
    const accepted = Object.keys(spec.options).filter(name => name !== 'help');
    assert.deepEqual([...listed].sort(), accepted.sort(), `kling --help, ${spec.name}`);
  }
  const bare = kling([]);
  assert.equal(bare.code, 2);
  assert.equal(bare.stdout, r.stdout);
});
