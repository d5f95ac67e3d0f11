// The workspace boundary: every read of a path that a user or a file names (a shot, a sequence, a
// take record, a selection sidecar, a clip, local media) goes through here. A file is read only
// when its real path, after every symlink, lies inside the roots (the workspace folders in VS
// Code, the project root in the CLI), when the handle that was opened is a regular file (a FIFO
// would block forever, /dev/zero would never end), and when it is no larger than the caller's cap,
// judged before any of it is read. Uploading sends a file to a third party and the take records
// decide what is paid, so this is money- and privacy-critical: every face calls this module, never
// a copy of it.
import * as l10n from '@vscode/l10n';
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { open, realpath, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isInside, pathAsWritten } from '../core';

export type BoundaryCheck =
  | { inside: true; realPath: string; reason?: undefined }
  | { inside: false; reason: 'outside'; realPath: string }
  | { inside: false; reason: 'missing'; realPath?: undefined };

/** What is being read, as messages name it. */
export type FileKind =
  'take record' | 'sequence file' | 'shot file' | 'selection file' | 'media file' | 'clip' | 'output folder' | 'cast file';

/** Why a read was refused. */
export type ReadProblem = 'missing' | 'outside' | 'not-a-file' | 'too-large' | 'unreadable';

/** Caps of the files the take store reads: far above any real one, far below what hurts. */
export const MAX_RECORD_BYTES = 1024 * 1024;
export const MAX_SELECTION_BYTES = 1024 * 1024;
export const MAX_SEQUENCE_BYTES = 5 * 1024 * 1024;

const MB = 1024 * 1024;
/** Reading a FIFO, a device or a socket must never wait: the open returns at once, and fstat judges it. */
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

function kindText(kind: FileKind): string {
  switch (kind) {
    case 'take record':
      return l10n.t('take record');
    case 'sequence file':
      return l10n.t('sequence file');
    case 'shot file':
      return l10n.t('shot file');
    case 'selection file':
      return l10n.t('selection file');
    case 'clip':
      return l10n.t('clip');
    case 'output folder':
      return l10n.t('output folder');
    case 'cast file':
      return l10n.t('cast file');
    default:
      return l10n.t('media file');
  }
}

/** What a non-regular file is, in words ("a FIFO (named pipe)"). */
export function statKind(s: Stats): string {
  if (s.isDirectory()) return l10n.t('a directory');
  if (s.isFIFO()) return l10n.t('a FIFO (named pipe)');
  if (s.isCharacterDevice()) return l10n.t('a character device');
  if (s.isBlockDevice()) return l10n.t('a block device');
  if (s.isSocket()) return l10n.t('a socket');
  return l10n.t('not a regular file');
}

function rootsText(roots: readonly string[]): string {
  if (roots.length === 0) return l10n.t('the workspace (no folder is open)');
  return roots.length === 1 ? l10n.t('the root {0}', roots[0]!) : l10n.t('the roots {0}', roots.join(', '));
}

/** A read that was refused, with the one sentence that says why (it names the file and the problem). */
export class ReadRefusedError extends Error {
  /** `ENOENT` when nothing is there, as node's own errors say it. */
  readonly code: string | undefined;
  constructor(
    readonly file: string,
    readonly problem: ReadProblem,
    message: string,
    readonly realPath?: string,
  ) {
    super(message);
    this.name = 'ReadRefusedError';
    this.code = problem === 'missing' ? 'ENOENT' : undefined;
  }
}

export class OutsideRootError extends ReadRefusedError {
  constructor(
    file: string,
    realPath: string | undefined,
    readonly roots: readonly string[],
  ) {
    super(
      file,
      realPath === undefined ? 'missing' : 'outside',
      realPath === undefined
        ? l10n.t('{0} does not exist.', pathAsWritten(file))
        : l10n.t(
            '{0} resolves to {1}, outside {2}: only files inside are read or uploaded.',
            pathAsWritten(file),
            realPath,
            rootsText(roots),
          ),
      realPath,
    );
    this.name = 'OutsideRootError';
  }
}

export interface ReadOptions {
  /**
   * Folders the file must really be inside, after every symlink. `undefined`: the caller
   * deliberately allows any place (a file named on the command line); FIFOs, devices and the cap
   * are refused all the same.
   */
  roots?: readonly string[] | undefined;
  /** Refused when larger, before any of it is read. */
  maxBytes: number;
  /** What the file is to the caller, as messages name it. */
  kind: FileKind;
  /** How messages name the file (default: the path as given). */
  shown?: string;
}

const refusal = {
  missing: (file: string, o: ReadOptions) =>
    new ReadRefusedError(file, 'missing', l10n.t('{0} {1} does not exist.', kindText(o.kind), shownOf(file, o))),
  outside: (file: string, real: string, roots: readonly string[], o: ReadOptions) =>
    new ReadRefusedError(
      file,
      'outside',
      l10n.t('{0} {1} resolves to {2}, outside {3}; it was not read.', kindText(o.kind), shownOf(file, o), real, rootsText(roots)),
      real,
    ),
  notAFile: (file: string, s: Stats, o: ReadOptions) =>
    new ReadRefusedError(
      file,
      'not-a-file',
      l10n.t('{0} {1} is {2}, not a regular file; it was not read.', kindText(o.kind), shownOf(file, o), statKind(s)),
    ),
  tooLarge: (file: string, o: ReadOptions) =>
    new ReadRefusedError(
      file,
      'too-large',
      l10n.t(
        '{0} {1} is larger than {2} MB; it was not read.',
        kindText(o.kind),
        shownOf(file, o),
        String(Math.round((o.maxBytes / MB) * 100) / 100),
      ),
    ),
  io: (file: string, e: unknown, o: ReadOptions) => {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ERR_INVALID_ARG_VALUE') return refusal.missing(file, o);
    const why =
      code === 'EACCES' || code === 'EPERM'
        ? l10n.t('permission denied')
        : code === 'EISDIR'
          ? l10n.t('it is a directory')
          : e instanceof Error
            ? e.message
            : String(e);
    return new ReadRefusedError(file, 'unreadable', l10n.t('{0} {1} cannot be read: {2}.', kindText(o.kind), shownOf(file, o), why));
  },
};

function shownOf(file: string, o: ReadOptions): string {
  return pathAsWritten(o.shown ?? file);
}

/** The roots with their own symlinks resolved (a root that does not exist stays as written). */
export function realRoots(roots: readonly string[]): Promise<string[]> {
  return Promise.all(roots.map(r => realpath(r).catch(() => resolve(r))));
}

export function realRootsSync(roots: readonly string[]): string[] {
  return roots.map(r => {
    try {
      return realpathSync.native(r);
    } catch {
      return resolve(r);
    }
  });
}

/** Where `file` really is, and whether that is inside one of `roots` (already real, see realRoots). */
export async function checkInside(file: string, roots: readonly string[]): Promise<BoundaryCheck> {
  let real: string;
  try {
    real = await realpath(file);
  } catch {
    return { inside: false, reason: 'missing' };
  }
  return roots.some(r => isInside(r, real)) ? { inside: true, realPath: real } : { inside: false, reason: 'outside', realPath: real };
}

export function checkInsideSync(file: string, roots: readonly string[]): BoundaryCheck {
  let real: string;
  try {
    real = realpathSync.native(file);
  } catch {
    return { inside: false, reason: 'missing' };
  }
  return roots.some(r => isInside(r, real)) ? { inside: true, realPath: real } : { inside: false, reason: 'outside', realPath: real };
}

const sameFile = (a: Stats, b: Stats) => a.dev === b.dev && a.ino === b.ino;

/**
 * Opens `file` (never blocking: a FIFO or a device opens at once) and proves that the handle is a
 * regular file, inside the real roots when they are given, and the very file that was checked:
 * a symlink retargeted between the check and the open would otherwise read another file. The
 * caller reads from the handle only and closes it.
 */
async function openChecked(
  file: string,
  roots: readonly string[] | undefined,
  o: ReadOptions,
): Promise<{ handle: FileHandle; realPath: string; stats: Stats }> {
  let target = file;
  if (roots) {
    const checked = await checkInside(file, roots);
    if (checked.reason === 'missing') throw refusal.missing(file, o);
    if (checked.reason === 'outside') throw refusal.outside(file, checked.realPath, roots, o);
    target = checked.realPath; // open what was judged, not the link
  }
  let handle: FileHandle;
  try {
    handle = await open(target, READ_FLAGS);
  } catch (e) {
    throw refusal.io(file, e, o);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw refusal.notAFile(file, stats, o);
    if (roots) {
      const [named, again] = await Promise.all([stat(target).catch(() => undefined), checkInside(file, roots)]);
      if (!named || !sameFile(stats, named) || !again.inside || again.realPath !== target)
        throw again.reason === 'outside' ? refusal.outside(file, again.realPath, roots, o) : refusal.missing(file, o);
    }
    return { handle, realPath: target, stats };
  } catch (e) {
    await handle.close();
    throw e;
  }
}

/**
 * Opens `file` for reading only if it is a regular file inside the roots (already real), and
 * proves that the opened file is the one that was checked. Read (hash, upload) from the returned
 * handle only; the caller closes it.
 */
export async function openInside(
  file: string,
  roots: readonly string[],
  kind: FileKind = 'media file',
): Promise<{ handle: FileHandle; realPath: string }> {
  const { handle, realPath } = await openChecked(file, roots, { kind, maxBytes: Infinity }).catch((e: unknown) => {
    // Uploads have always named these refusals this way (the roots, "read or uploaded").
    if (e instanceof ReadRefusedError && (e.problem === 'outside' || e.problem === 'missing'))
      throw new OutsideRootError(file, e.realPath, roots);
    throw e;
  });
  return { handle, realPath };
}

/**
 * Reads a whole file a user or a file named: refused (ReadRefusedError, one sentence naming the
 * file and the problem) when it is missing, outside `roots` after symlinks, not a regular file, or
 * larger than `maxBytes`, before reading it. Roots are resolved here (realRoots).
 */
export async function readInside(file: string, o: ReadOptions): Promise<Buffer> {
  return readInsideReal(file, o.roots && (await realRoots(o.roots)), o);
}

/** readInside as UTF-8 text. */
export async function readTextInside(file: string, o: ReadOptions): Promise<string> {
  return (await readInside(file, o)).toString('utf8');
}

/** readInside with roots already real (realRoots): for callers reading many files under the same roots. */
export async function readInsideReal(file: string, roots: readonly string[] | undefined, o: ReadOptions): Promise<Buffer> {
  const { handle, stats } = await openChecked(file, roots, o);
  try {
    if (stats.size > o.maxBytes) throw refusal.tooLarge(file, o);
    // At most one byte past the cap, in case the file grew since fstat.
    const buf = Buffer.alloc(Math.min(stats.size, o.maxBytes) + 1);
    let n = 0;
    for (let r = 1; r > 0 && n < buf.length; n += r) r = (await handle.read(buf, n, buf.length - n, n)).bytesRead;
    if (n > o.maxBytes) throw refusal.tooLarge(file, o);
    return buf.subarray(0, n);
  } finally {
    await handle.close();
  }
}

/** The synchronous twin of readInsideReal (roots already real: realRootsSync), for hot loops (spend records). */
export function readInsideRealSync(file: string, roots: readonly string[] | undefined, o: ReadOptions): Buffer {
  let target = file;
  if (roots) {
    const checked = checkInsideSync(file, roots);
    if (checked.reason === 'missing') throw refusal.missing(file, o);
    if (checked.reason === 'outside') throw refusal.outside(file, checked.realPath, roots, o);
    target = checked.realPath;
  }
  let fd: number;
  try {
    fd = openSync(target, READ_FLAGS);
  } catch (e) {
    throw refusal.io(file, e, o);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw refusal.notAFile(file, stats, o);
    if (roots) {
      let named: Stats | undefined;
      try {
        named = statSync(target);
      } catch {
        named = undefined;
      }
      const again = checkInsideSync(file, roots);
      if (!named || !sameFile(stats, named) || !again.inside || again.realPath !== target)
        throw again.reason === 'outside' ? refusal.outside(file, again.realPath, roots, o) : refusal.missing(file, o);
    }
    if (stats.size > o.maxBytes) throw refusal.tooLarge(file, o);
    const buf = Buffer.alloc(Math.min(stats.size, o.maxBytes) + 1);
    let n = 0;
    for (let r = 1; r > 0 && n < buf.length; n += r) r = readSync(fd, buf, n, buf.length - n, n);
    if (n > o.maxBytes) throw refusal.tooLarge(file, o);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** readInside, synchronously (roots resolved here). */
export function readInsideSync(file: string, o: ReadOptions): Buffer {
  return readInsideRealSync(file, o.roots && realRootsSync(o.roots), o);
}

/**
 * Whether `file` could be read (inside the roots, already real, after symlinks; a regular file),
 * judged without opening it: for a file that is only named here (a sequence's shot, read later by
 * whoever uses it). `missing` when there is nothing there.
 */
export async function readableInside(
  file: string,
  roots: readonly string[],
  o: Omit<ReadOptions, 'maxBytes' | 'roots'>,
): Promise<{ ok: true; realPath: string } | { ok: false; missing: boolean; error: ReadRefusedError }> {
  const full = { ...o, maxBytes: Infinity };
  const checked = await checkInside(file, roots);
  if (checked.reason === 'missing') return { ok: false, missing: true, error: refusal.missing(file, full) };
  if (checked.reason === 'outside') return { ok: false, missing: false, error: refusal.outside(file, checked.realPath, roots, full) };
  const s = await stat(checked.realPath).catch(() => undefined);
  if (!s) return { ok: false, missing: true, error: refusal.missing(file, full) };
  if (!s.isFile()) return { ok: false, missing: false, error: refusal.notAFile(file, s, full) };
  return { ok: true, realPath: checked.realPath };
}

/**
 * Whether a folder (an output folder) is really inside the roots: undefined when it is (or does
 * not exist: nothing to read), else the refusal that names it and where it leads.
 */
export async function folderRefusal(
  dir: string,
  roots: readonly string[],
  o: Omit<ReadOptions, 'maxBytes'>,
): Promise<ReadRefusedError | undefined> {
  const checked = await checkInside(dir, roots);
  return checked.reason === 'outside' ? refusal.outside(dir, checked.realPath, roots, { ...o, maxBytes: 0 }) : undefined;
}

/**
 * What the network client uploads through: a file is opened only inside the roots, and the handle
 * that was checked is the one read. Handed to the client, which never opens a user's file itself.
 */
export function mediaOpener(roots: readonly string[]): (file: string) => Promise<FileHandle> {
  const real = realRoots(roots);
  return async file => (await openInside(file, await real)).handle;
}
