// What every tool of `kling mcp` shares: the project root every path is confined to (through the
// workspace boundary, as every read of a named file is), the spending cap as a budget scope of the
// take session's reservation, and the fal connection, opened on the first paid call.
import * as path from 'node:path';
import { createMediaCache } from '../../core';
import { checkInside, ledgerOf, type BudgetScope, type PreparedShot, type Provider } from '../../takes';
import { connect, type Connection } from '../connection';
import { budgetFrom, budgetsOfRun } from '../spend-budget';

/** A refusal the agent reads: the tool answers with an error result carrying this message. */
export class ToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolError';
  }
}

export interface McpSessionOptions {
  /** The real path of the project root. */
  root: string;
  /** USD this server may spend in its lifetime; undefined: paid tools refuse. */
  capUsd: number | undefined;
  simulator: boolean;
  queueUrl: string | undefined;
  storageUrl: string | undefined;
  /** stderr: the protocol owns stdout. */
  log(line: string): void;
}

export class McpSession {
  readonly startedAt = Date.now();
  readonly cache = createMediaCache();
  private conn: Promise<Connection> | undefined;

  constructor(readonly o: McpSessionOptions) {}

  get root(): string {
    return this.o.root;
  }
  get provider(): Provider {
    return this.o.simulator ? 'simulator' : 'fal';
  }

  /** A path as the agent should see it: relative to the root. */
  shown(abs: string): string {
    return path.relative(this.root, abs) || '.';
  }

  /**
   * An existing file named by a tool call, by its real path, refused unless it is inside the root
   * (after symlinks: a link inside that leads out is refused too).
   */
  async existing(given: string, what: string): Promise<string> {
    const abs = path.resolve(this.root, given);
    const c = await checkInside(abs, [this.root]);
    if (c.inside) return c.realPath;
    if (c.reason === 'outside')
      throw new ToolError(
        `${what} ${given} is outside the project root ${this.root} (it leads to ${c.realPath}); only files inside it are used`,
      );
    if (!isBelow(this.root, abs))
      throw new ToolError(`${what} ${given} is outside the project root ${this.root}; only files inside it are used`);
    throw new ToolError(`${what} ${given} does not exist (paths are relative to ${this.root})`);
  }

  /** A file a tool is to write: its folder must exist inside the root (after symlinks). */
  async writable(given: string, what: string): Promise<string> {
    const abs = path.resolve(this.root, given);
    if (!isBelow(this.root, abs)) throw new ToolError(`${what} ${given} is outside the project root ${this.root}; nothing was written`);
    const dir = await checkInside(path.dirname(abs), [this.root]);
    if (!dir.inside)
      throw new ToolError(
        dir.reason === 'missing'
          ? `the folder of ${what} ${given} does not exist; nothing was written`
          : `${what} ${given} is in a folder outside the project root ${this.root} (it leads to ${dir.realPath}); nothing was written`,
      );
    const file = await checkInside(abs, [this.root]);
    if (file.reason === 'outside')
      throw new ToolError(`${what} ${given} leads outside the project root (${file.realPath}); nothing was written`);
    return path.join(dir.realPath, path.basename(abs));
  }

  connection(): Promise<Connection> {
    this.conn ??= connect(
      { simulator: this.o.simulator, queueUrl: this.o.queueUrl, storageUrl: this.o.storageUrl, say: this.o.log },
      this.o.log,
    ).then(c => {
      if (typeof c === 'string') {
        this.conn = undefined;
        throw new ToolError(c);
      }
      return c;
    });
    return this.conn;
  }

  /**
   * The budgets a paid take of `shot` is reserved against: the cap (every take made below the root
   * and the shot's output folder since this server started, whoever made it) and the project's
   * own budgets from KLING_BUDGET_USD / KLING_DAILY_BUDGET_USD. Simulated takes have none.
   */
  async scopesFor(shot: PreparedShot): Promise<BudgetScope[]> {
    if (this.provider === 'simulator') return [];
    if (this.o.capUsd === undefined) throw new ToolError(NO_CAP);
    const scopes: BudgetScope[] = [
      {
        folders: [...new Set([this.root, path.resolve(shot.outputDir)])],
        budgets: { workspaceUsd: this.o.capUsd },
        name: `this agent session's cap (kling mcp --budget ${this.o.capUsd})`,
        since: this.startedAt,
      },
    ];
    const workspaceUsd = budgetFrom(undefined, process.env.KLING_BUDGET_USD, '--budget', 'KLING_BUDGET_USD');
    const dailyUsd = budgetFrom(undefined, process.env.KLING_DAILY_BUDGET_USD, '--daily-budget', 'KLING_DAILY_BUDGET_USD');
    for (const b of [workspaceUsd, dailyUsd]) if (typeof b === 'string') throw new ToolError(`${b}; nothing was sent`);
    if (typeof workspaceUsd === 'number' || typeof dailyUsd === 'number')
      scopes.push(
        await budgetsOfRun([shot], { workspaceUsd: workspaceUsd as number | undefined, dailyUsd: dailyUsd as number | undefined }),
      );
    return scopes;
  }

  /** What is left of the cap now (undefined without one, or on the simulator). */
  async capLeft(outputDir: string): Promise<number | undefined> {
    if (this.o.capUsd === undefined || this.provider === 'simulator') return undefined;
    const { ledger } = await ledgerOf([...new Set([this.root, path.resolve(outputDir)])], new Date(), this.startedAt);
    return Math.max(0, Math.round((this.o.capUsd - ledger.workspace.usd) * 100) / 100);
  }

  async close(): Promise<void> {
    const c = await this.conn?.catch(() => undefined);
    await c?.close();
  }
}

export const NO_CAP =
  'generate_shot spends money at fal.ai and this server has no spending cap: start it with --budget USD (for example `kling mcp --budget 5`) to let an agent spend up to that much; nothing was sent';

function isBelow(root: string, abs: string): boolean {
  const rel = path.relative(root, abs);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
