// `kling init [folder]`: a new project in the folder (default: the current one): an example shot
// the simulator runs, a sequence of it, an empty cast and a .gitignore for the takes, written by the
// scaffold `npm start` uses too (src/takes/scaffold.ts). Nothing is written over a file; `/` and the
// home folder are refused, as they are never a project root (project-root.ts). Exit 0 when made,
// 1 when a file of the project exists or the folder cannot be written, 2 for usage errors.
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { errorText } from '../core/error-text';
import { scaffoldProject, type ScaffoldRole } from '../takes/scaffold';
import { command } from './command-line';
import { tooWide } from './project-root';
import { defineCommand, HELP_OPTION } from './usage';

export const INIT = defineCommand({
  name: 'init',
  forms: ['[folder]'],
  summary: 'start a project: an example shot, a sequence, a cast file and a .gitignore for renders',
  about:
    'Makes the folder (default: the current one) when it is missing and writes the files into it. A file of the same name is never replaced: then nothing is written.',
  options: { help: HELP_OPTION },
});

const WHAT: Record<ScaffoldRole, string> = {
  shot: 'an example shot (text to video, 5 s): runs free on the simulator',
  sequence: 'a sequence of the shots of your cut, in order',
  cast: 'a cast file for your characters (empty)',
  gitignore: 'keeps renders/ (clips and take records) out of git',
};

/** How a path is shown in a command to type: quoted when the shell would split or expand it. */
function shellWord(p: string): string {
  return /^[\w@%+=:,./-]+$/.test(p) ? p : `'${p.replace(/'/g, `'\\''`)}'`;
}

export async function runInit(args: string[]): Promise<number> {
  const cmd = command(INIT);
  const parsed = cmd.parse(args);
  if (typeof parsed === 'number') return parsed;
  if (parsed.positionals.length > 1) return cmd.usageError('give one folder');
  const shown = parsed.positionals[0] ?? '.';
  const folder = path.resolve(process.cwd(), shown);
  if (tooWide(folder)) {
    cmd.err(
      `${folder} is ${folder === path.parse(folder).root ? 'the root folder' : 'your home folder'}: make the project in a folder of its own (kling init my-film)`,
    );
    return 1;
  }
  const kind = await stat(folder).then(
    s => (s.isDirectory() ? 'folder' : 'other'),
    () => 'missing',
  );
  if (kind === 'other') {
    cmd.err(`${shown} exists and is not a folder`);
    return 1;
  }
  let made;
  try {
    made = await scaffoldProject(folder);
  } catch (e) {
    cmd.err(`cannot write the project into ${shown}: ${errorText(e)}`);
    return 1;
  }
  if (made.kind === 'exists') {
    cmd.err(
      `${path.relative(process.cwd(), made.file) || made.file} exists; nothing was written (kling init never replaces a file: choose a new folder, e.g. kling init my-film)`,
    );
    return 1;
  }
  const width = Math.max(...made.files.map(f => f.name.length));
  const shot = made.files.find(f => f.role === 'shot')!.name;
  const sequence = made.files.find(f => f.role === 'sequence')!.name;
  const cd = path.relative(process.cwd(), folder);
  process.stdout.write(
    [
      `Made a Kling Studio project in ${folder}:`,
      ...made.files.map(f => `  ${f.name.padEnd(width)}  ${WHAT[f.role]}`),
      '',
      'Next:',
      ...(cd ? [`  cd ${shellWord(cd)}`] : []),
      `  kling validate ${shot}`,
      `  kling generate --simulator ${shot}      free and offline; with FAL_KEY set and no --simulator it runs on fal (paid)`,
      `  kling assemble ${sequence} --out cut.mp4`,
      '',
    ].join('\n'),
  );
  return 0;
}
