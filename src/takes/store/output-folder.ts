// Where a shot's takes go: `klingStudio.output.folder` in VS Code, `--out` for the CLI.
import { dirname, isAbsolute, join, resolve } from 'node:path';

export const DEFAULT_OUTPUT_FOLDER = 'renders';

/** `klingStudio.output.folder`: relative to the shot file's folder, or absolute. */
export function outputDirFor(shotFsPath: string, setting: string | undefined): string {
  const folder = setting && setting.trim() ? setting.trim() : DEFAULT_OUTPUT_FOLDER;
  return isAbsolute(folder) ? resolve(folder) : resolve(join(dirname(shotFsPath), folder));
}
