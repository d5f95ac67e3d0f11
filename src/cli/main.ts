// `kling` command line: validate, generate, resume, spend, takes, assemble, simulator. Built on core + client; no `vscode`.
import { COMMANDS, MAIN_USAGE } from './commands';
import { errorText } from '../core/error-text';

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const found = COMMANDS.find(c => c.spec.name === name);
  if (found) return found.run(rest);
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    process.stdout.write(MAIN_USAGE);
    return name === undefined ? 2 : 0;
  }
  process.stderr.write(`kling: unknown command '${name}'\n${MAIN_USAGE}`);
  return 2;
}

main(process.argv.slice(2)).then(
  code => {
    process.exitCode = code;
  },
  err => {
    process.stderr.write(`kling: ${errorText(err)}\n`);
    process.exitCode = 1;
  },
);
