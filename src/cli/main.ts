// `kling` command line: validate, generate, resume, spend, takes, assemble, simulator. Built on core + client; no `vscode`.
import { runValidate } from './validate';
import { runGenerate } from './generate';
import { runResume } from './resume';
import { runSimulator } from './simulator';
import { runSpend } from './spend';
import { runTakes } from './takes';
import { runAssemble } from './assemble';
import { errorText } from '../core/error-text';

const USAGE = `usage: kling <command> [options]

commands:
  validate <files or globs…> [--format text|json]   check shot files; exit 1 on any error
  generate <files…> [--simulator] [--queue-url U] [--storage-url U] [--out DIR] [--root DIR] [--new] [--takes N] [--concurrency N]
  resume [folders…] | --request-id ID --endpoint E --out DIR   continue unfinished takes
  spend [folders…] [--since YYYY-MM-DD] [--format text|json]   what the takes below the folders cost
  takes <shot.kling.json> [--out DIR] [--format text|json]   list a shot's takes, newest first (* = selected)
  takes select <take.json>                           select (circle) that take of its shot
  assemble <seq.kling-seq.json> --out cut.mp4 [--otio cut.otio]   join the shots' takes into one MP4
  simulator [--port N]                               run the offline fal simulator
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'validate':
      return runValidate(rest);
    case 'generate':
      return runGenerate(rest);
    case 'resume':
      return runResume(rest);
    case 'takes':
      return runTakes(rest);
    case 'assemble':
      return runAssemble(rest);
    case 'simulator':
      return runSimulator(rest);
    case 'spend':
      return runSpend(rest);
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`kling: unknown command '${command}'\n${USAGE}`);
      return 2;
  }
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
