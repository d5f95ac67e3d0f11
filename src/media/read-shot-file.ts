// Reading a shot file from disk for the CLI: what is not a regular file (a directory, a FIFO, a
// device) or is over 5 MB gets one diagnostic from stat alone, without opening it, so `kling
// validate` can neither hang on a pipe nor run out of memory; the bytes then go through core's
// decodeShotBytes (UTF-8, BOM accepted, other encodings named).
import { promises as fs, type Stats } from 'node:fs';
import { decodeShotBytes, fileDiagnostic, MAX_SHOT_FILE_BYTES, tooLargeDiagnostic, type ShotDiagnostic } from '../core';

function notAFile(s: Stats): string | undefined {
  if (s.isFile()) return undefined;
  if (s.isDirectory()) return 'a directory';
  if (s.isFIFO()) return 'a FIFO (named pipe)';
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  if (s.isSocket()) return 'a socket';
  return 'not a regular file';
}

export async function readShotFile(file: string): Promise<{ text: string } | { diagnostic: ShotDiagnostic }> {
  try {
    const s = await fs.stat(file);
    const what = notAFile(s);
    if (what) return { diagnostic: fileDiagnostic('kling.not-a-file', `Not a shot file: ${file} is ${what}; it was not read.`) };
    if (s.size > MAX_SHOT_FILE_BYTES) return { diagnostic: tooLargeDiagnostic(s.size) };
    // Read at most one byte past the limit, in case the file grew since stat.
    const handle = await fs.open(file, 'r');
    try {
      const buf = Buffer.alloc(Math.min(s.size, MAX_SHOT_FILE_BYTES) + 1);
      let n = 0;
      for (let r = 1; r > 0 && n < buf.length; n += r) r = (await handle.read(buf, n, buf.length - n, n)).bytesRead;
      return decodeShotBytes(buf.subarray(0, n));
    } finally {
      await handle.close();
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : err instanceof Error ? err.message : String(err);
    return { diagnostic: fileDiagnostic('kling.io', `Cannot read ${file}: ${why}.`) };
  }
}
