// Every `kling` command: its option definitions (which its usage is made from) and what runs it.
import { ASSEMBLE, runAssemble } from './assemble';
import { CAST, runCast } from './cast';
import { GENERATE, runGenerate } from './generate';
import { INIT, runInit } from './init';
import { MCP, runMcp } from './mcp';
import { MODELS, runModels } from './models';
import { RESUME, runResume } from './resume';
import { runSimulator, SIMULATOR } from './simulator';
import { runSpend, SPEND } from './spend';
import { runTakes, TAKES } from './takes';
import { mainUsage, type CommandSpec } from './usage';
import { runValidate, VALIDATE } from './validate';

export interface KlingCommand {
  readonly spec: CommandSpec;
  run(args: string[]): Promise<number>;
}

/** In the order `kling --help` lists them. */
export const COMMANDS: readonly KlingCommand[] = [
  { spec: INIT, run: runInit },
  { spec: VALIDATE, run: runValidate },
  { spec: GENERATE, run: runGenerate },
  { spec: RESUME, run: runResume },
  { spec: SPEND, run: args => runSpend(args) },
  { spec: TAKES, run: runTakes },
  { spec: CAST, run: runCast },
  { spec: ASSEMBLE, run: runAssemble },
  { spec: MODELS, run: runModels },
  { spec: SIMULATOR, run: runSimulator },
  { spec: MCP, run: runMcp },
];

export const MAIN_USAGE = mainUsage(COMMANDS.map(c => c.spec));
