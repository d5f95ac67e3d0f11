// `kling mcp`: a Model Context Protocol server over stdio for coding agents, with a spending cap.
// Its code (and the MCP SDK) is loaded only when this command runs: the other commands never
// evaluate it (esbuild keeps a dynamically imported module of the one CLI bundle lazy).
import { realpath, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { command, connectionOptions } from './command-line';
import { budgetFrom } from './spend-budget';
import { defineCommand, HELP_OPTION } from './usage';

export const MCP = defineCommand({
  name: 'mcp',
  forms: [''],
  summary: 'serve the Kling tools to a coding agent (Model Context Protocol over stdio), with a spending cap',
  about: `Serves validate_shot, estimate_cost, generate_shot, list_takes, select_take, assemble_sequence and
new_shot, and the project's shot and sequence files, to an MCP client over stdin/stdout.`,
  options: {
    root: {
      type: 'string',
      value: 'DIR',
      help: 'the project: paths in tool calls are relative to it and must stay inside it (default: the current folder)',
    },
    budget: {
      type: 'string',
      value: 'USD',
      help: 'what the agent may spend while this server runs, on top of the project budgets (KLING_BUDGET_USD, KLING_DAILY_BUDGET_USD); without it generate_shot refuses',
    },
    simulator: { type: 'boolean', help: 'run takes on the built-in offline simulator (no key, no cost)' },
    'queue-url': { type: 'string', value: 'U', help: 'fal queue origin, http(s) (default https://queue.fal.run)' },
    'storage-url': { type: 'string', value: 'U', help: 'fal storage origin, http(s) (default https://rest.fal.ai)' },
    help: HELP_OPTION,
  },
  notes: `The API key comes from FAL_KEY. Every paid call reserves its price against the cap before
anything is uploaded, so calls made at once never pass it. A cancelled generate_shot leaves a
submitted take to \`kling resume\`.`,
});

export async function runMcp(args: string[]): Promise<number> {
  const cmd = command(MCP);
  const parsed = cmd.parse(args);
  if (typeof parsed === 'number') return parsed;
  const v = parsed.values;
  if (parsed.positionals.length) return cmd.usageError(`unexpected argument '${parsed.positionals[0]}'`);
  const connection = connectionOptions(v);
  if (typeof connection === 'string') return cmd.usageError(connection);
  if (v.simulator && (connection.queueUrl || connection.storageUrl))
    return cmd.usageError('--simulator cannot be combined with --queue-url/--storage-url');
  const cap = budgetFrom(v.budget, undefined, '--budget', '');
  if (typeof cap === 'string') return cmd.usageError(cap);
  const root = await realpath(path.resolve(v.root ?? '.')).catch(() => undefined);
  if (root === undefined || !(await stat(root)).isDirectory()) return cmd.usageError(`--root ${v.root ?? '.'}: no such folder`);
  const { serveMcp } = await import('./mcp/server');
  await serveMcp({
    root,
    capUsd: cap,
    simulator: Boolean(v.simulator),
    queueUrl: connection.queueUrl,
    storageUrl: connection.storageUrl,
    log: line => process.stderr.write(line.endsWith('\n') ? line : `${line}\n`),
  });
  return 0;
}
