// An agent's new shot file, one copy for every face that offers new_shot (`kling mcp`, VS Code's
// language-model tools): the file is the tool's input less its path, written only when it would
// validate (media included), whole or not at all, and never over a file that exists.
import { analyzeShot, checkMedia, type AgentInput, type MediaCache, type ShotDiagnostic } from '../core';
import { writeFileAtomic } from '../media/atomic-write';
import { nodeFileAccess } from '../media/node-files';

export type NewShotResult = { kind: 'written'; endpoint: string } | { kind: 'invalid'; errors: ShotDiagnostic[] } | { kind: 'exists' };

/** The text new_shot writes for `input`: its fields in the order given, absent ones left out. */
export function newShotText(input: AgentInput<'new_shot'>): string {
  const { path: _, ...body } = input;
  return JSON.stringify(Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)), null, 2) + '\n';
}

/**
 * Writes `file` (already confined to `roots` by the caller) unless the shot would have errors or a
 * file of that name exists, even one made between the check and the write.
 */
export async function writeNewShot(
  file: string,
  input: AgentInput<'new_shot'>,
  opts: { roots: string[]; cache?: MediaCache },
): Promise<NewShotResult> {
  const text = newShotText(input);
  const analysis = analyzeShot(text);
  const media = await checkMedia(analysis, {
    shotFilePath: file,
    workspaceFolders: opts.roots,
    files: nodeFileAccess,
    ...(opts.cache && { cache: opts.cache }),
  });
  const errors = [...analysis.diagnostics, ...media].filter(d => d.severity === 'error');
  if (errors.length) return { kind: 'invalid', errors };
  try {
    await writeFileAtomic(file, text, { exclusive: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return { kind: 'exists' };
    throw e;
  }
  return { kind: 'written', endpoint: analysis.endpoint.id };
}
