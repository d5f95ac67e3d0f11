// The circled take of a shot: one sidecar `<output>/<shot>.selection.json` naming the take record.
// A sidecar, not a field in the records: one atomic write changes the selection (never two records
// each half-updated), a running take's journal writes cannot race with it or drop it, and in git a
// new choice is a one-line diff. It holds the record's file name, never a path, so it survives a
// moved or cloned project.
import { unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { MAX_SELECTION_BYTES, readInside } from '../boundary';
import { readTakeRecord, shotBaseName, writeOnce } from './journal';
import type { RecordReadOptions } from './record-read';

const SelectionSchema = z.object({
  version: z.literal(1),
  /** File name of the selected take record, in the same folder as this file. */
  take: z
    .string()
    .regex(/^[^/\\]+\.take\.json$/, 'must be the file name of a take record in this folder')
    .refine(n => n !== '..' && n !== '.'),
});
export type Selection = z.infer<typeof SelectionSchema>;

/** `renders/hero.selection.json` for `hero.kling.json`. */
export function selectionPath(outputDir: string, shotFile: string): string {
  return join(outputDir, `${shotBaseName(shotFile)}.selection.json`);
}

/**
 * The selected take's record path, or undefined when there is none. A sidecar that is missing,
 * unreadable or hand-edited into nonsense means "nothing selected": the takes themselves are
 * untouched. It is read through the boundary, inside `roots` (default: the output folder): a
 * FIFO, a device or a sidecar symlinked elsewhere is never read.
 */
export async function readSelection(outputDir: string, shotFile: string, o: RecordReadOptions = {}): Promise<string | undefined> {
  let text: string;
  try {
    const file = selectionPath(outputDir, shotFile);
    text = (await readInside(file, { roots: o.roots ?? [outputDir], maxBytes: MAX_SELECTION_BYTES, kind: 'selection file' })).toString(
      'utf8',
    );
  } catch {
    return undefined;
  }
  try {
    return join(outputDir, SelectionSchema.parse(JSON.parse(text)).take);
  } catch {
    return undefined;
  }
}

/**
 * Selects the take whose record is at `recordPath` (which must be a readable take record) and so
 * unselects every other take of its shot. The shot comes from the record's `shotFile`.
 */
export async function selectTake(recordPath: string, o: RecordReadOptions = {}): Promise<{ selectionPath: string; shotFile: string }> {
  const record = await readTakeRecord(recordPath, o);
  const shotFile = record.shotFile ?? shotFileFromRecordName(recordPath);
  const path = selectionPath(dirname(recordPath), shotFile);
  await writeOnce(path, JSON.stringify({ version: 1, take: basename(recordPath) } satisfies Selection, null, 2) + '\n');
  return { selectionPath: path, shotFile };
}

/** Clears the shot's selection (no take circled). Nothing to clear is fine. */
export async function clearSelection(outputDir: string, shotFile: string): Promise<void> {
  await unlink(selectionPath(outputDir, shotFile)).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'ENOENT') throw e;
  });
}

/** `hero.20260314-091502-2.take.json` → `hero.kling.json` (records written before `shotFile` existed). */
function shotFileFromRecordName(recordPath: string): string {
  return basename(recordPath).replace(/\.\d{8}-\d{6}(?:-\d+)?\.take\.json$/i, '') + '.kling.json';
}
