// A new project's files, one copy for `kling init` and `npm start`'s scratch project (which runs
// `kling init`): an example shot the simulator can run, a sequence of it, an empty cast and a
// .gitignore for the takes. Nothing is ever written over a file: every name is checked first, so a
// refusal writes nothing, and each file is then created exclusively through the atomic writer, so
// one made meanwhile is not replaced either.
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { starterCastText, starterSequenceText, starterShotTemplate } from '../core/starter-files';
import { writeFileAtomic } from '../media/atomic-write';
import { LEDGER_LOCK_NAME } from './ledger-lock';
import { DEFAULT_OUTPUT_FOLDER } from './store/output-folder';

export type ScaffoldRole = 'shot' | 'sequence' | 'cast' | 'gitignore';

export interface ScaffoldFile {
  /** Relative to the project folder. */
  name: string;
  role: ScaffoldRole;
  text: string;
}

export type ScaffoldResult = { kind: 'made'; files: ScaffoldFile[] } | { kind: 'exists'; file: string };

const SHOT = 'opening.kling.json';

/** The files of a new project, in the order they are written. */
export function scaffoldFiles(): ScaffoldFile[] {
  return [
    { name: SHOT, role: 'shot', text: starterShotTemplate().text },
    { name: 'film.kling-seq.json', role: 'sequence', text: starterSequenceText([SHOT]) },
    { name: 'cast.kling-cast.json', role: 'cast', text: starterCastText() },
    { name: '.gitignore', role: 'gitignore', text: gitignoreText() },
  ];
}

function gitignoreText(): string {
  return `# Kling Studio writes each shot's takes (clips and their records) to ${DEFAULT_OUTPUT_FOLDER}/ beside the shot.
# Clips are large and can be made again.
${DEFAULT_OUTPUT_FOLDER}/
# A write interrupted part-way, and the budget lock held while takes are reserved.
*.partial.*
${LEDGER_LOCK_NAME}.lock
`;
}

/**
 * Writes the project's files into `folder` (made when missing), or none of them when any name is
 * taken (a symlink or a folder of that name included): `exists` names the first one.
 */
export async function scaffoldProject(folder: string): Promise<ScaffoldResult> {
  const files = scaffoldFiles();
  for (const f of files) {
    const taken = await lstat(join(folder, f.name)).then(
      () => true,
      () => false,
    );
    if (taken) return { kind: 'exists', file: join(folder, f.name) };
  }
  for (const f of files) {
    try {
      await writeFileAtomic(join(folder, f.name), f.text, { exclusive: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return { kind: 'exists', file: join(folder, f.name) };
      throw e;
    }
  }
  return { kind: 'made', files };
}
