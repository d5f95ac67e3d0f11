// Reading take records through the boundary: a record is read only when it is a regular file of
// at most 1 MB whose real path is inside the roots (by default the folder it is listed in, so a
// record symlinked to another place is never read), and what is not a record says why in words.
import * as l10n from '@vscode/l10n';
import { dirname } from 'node:path';
import type { z } from 'zod';
import { jsonProblemAt, pathAsWritten, errorText } from '../../core';
import { MAX_RECORD_BYTES, readInsideReal, readInsideRealSync, realRoots, realRootsSync, ReadRefusedError } from '../boundary';

export interface RecordReadOptions {
  /**
   * Folders a record must really be inside, after every symlink (the workspace folders, the
   * project root). Default: the folder the record is listed in.
   */
  roots?: readonly string[] | undefined;
}

/** A file that was read but is no take record: torn, foreign, or hand-edited into nonsense. */
export class NotATakeRecordError extends Error {
  constructor(
    readonly file: string,
    readonly reason: 'not JSON' | 'not a take record',
    message: string,
  ) {
    super(message);
    this.name = 'NotATakeRecordError';
  }
}

/** The record's text as `schema` (the whole record, or only what the ledger sums). */
export function parseRecordText<T>(text: string, file: string, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const why = jsonProblemAt(text) ?? errorText(e);
    throw new NotATakeRecordError(file, 'not JSON', l10n.t('take record {0} is not JSON: {1}.', pathAsWritten(file), why));
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.map(String).join('.') : l10n.t('the file');
    throw new NotATakeRecordError(
      file,
      'not a take record',
      l10n.t('{0} is not a take record ({1}: {2}).', pathAsWritten(file), where, issue?.message ?? ''),
    );
  }
  return parsed.data;
}

/** The real roots a record at `path` is read under (the option, else its own folder). */
export function recordRoots(path: string, o: RecordReadOptions): Promise<string[]> {
  return realRoots(o.roots ?? [dirname(path)]);
}

export function recordRootsSync(path: string, o: RecordReadOptions): string[] {
  return realRootsSync(o.roots ?? [dirname(path)]);
}

/** One record's text, through the boundary (roots already real). */
export async function recordText(path: string, roots: readonly string[]): Promise<string> {
  return (await readInsideReal(path, roots, { roots, maxBytes: MAX_RECORD_BYTES, kind: 'take record' })).toString('utf8');
}

export function recordTextSync(path: string, roots: readonly string[]): string {
  return readInsideRealSync(path, roots, { roots, maxBytes: MAX_RECORD_BYTES, kind: 'take record' }).toString('utf8');
}

/** Whether the boundary refused the file (as opposed to a file that was read and is no record). */
export function isRefusal(e: unknown): boolean {
  return e instanceof ReadRefusedError && e.problem !== 'missing';
}
