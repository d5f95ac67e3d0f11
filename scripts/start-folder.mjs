// Which folder `npm start` opens: the one named (`npm start -- ../my-film`, relative to where npm was
// run: npm runs scripts from the clone, and says where it was started in INIT_CWD), else a scratch
// project outside the clone, made on first use by `kling init` (the one scaffold, src/takes/scaffold.ts),
// so the user's work never lands in the tool's own examples/ or anywhere else in the clone.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Where the scratch project lives: KLING_SCRATCH_DIR, else ~/.kling-studio/scratch. */
export function scratchFolder(env = process.env, home = homedir()) {
  return env.KLING_SCRATCH_DIR ? resolve(env.KLING_SCRATCH_DIR) : join(home, '.kling-studio', 'scratch');
}

/**
 * `{ folder, made }` (made: the scratch project was created now), or `{ error }` in words.
 * `cli` is the built dist/cli.js, which makes the scratch project.
 */
export function startFolder({ folderArg, cwd, env = process.env, home = homedir(), cli }) {
  if (folderArg !== undefined) {
    const folder = resolve(env.INIT_CWD || cwd, folderArg);
    if (!existsSync(folder)) return { error: `${folder} does not exist: make a project there first with \`node ${cli} init ${folder}\`` };
    if (!statSync(folder).isDirectory()) return { error: `${folder} is not a folder` };
    return { folder, made: false };
  }
  const folder = scratchFolder(env, home);
  if (existsSync(folder)) return { folder, made: false };
  const r = spawnSync(process.execPath, [cli, 'init', folder], { encoding: 'utf8', env: { ...env, NODE_OPTIONS: '' } });
  if (r.status !== 0) return { error: `could not make the scratch project ${folder}: ${(r.stderr || r.stdout).trim()}` };
  return { folder, made: true };
}
