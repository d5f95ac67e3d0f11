// Reading a shot or sequence file from disk (the CLI): through the boundary, so what is not a
// regular file (a directory, a FIFO, a device) or is over 5 MB gets one diagnostic naming the file
// and the problem, judged on the opened handle before anything is read: `kling validate` can
// neither hang on a pipe nor run out of memory. The bytes then go through core's decodeShotBytes
// (UTF-8, BOM accepted, other encodings named).
import { decodeShotBytes, fileDiagnostic, isCastFile, isSequenceFile, MAX_SHOT_FILE_BYTES, type ShotDiagnostic, errorText } from '../core';
import { readInside, ReadRefusedError } from './boundary';

export interface ShotFileReadOptions {
  /** Folders the file must really be inside; undefined: anywhere (a file named on the command line). */
  roots?: readonly string[] | undefined;
  /** How messages name the file (default: the path as given). */
  shown?: string;
}

export async function readShotFile(file: string, o: ShotFileReadOptions = {}): Promise<{ text: string } | { diagnostic: ShotDiagnostic }> {
  let bytes: Buffer;
  try {
    bytes = await readInside(file, {
      roots: o.roots,
      maxBytes: MAX_SHOT_FILE_BYTES,
      kind: isSequenceFile(file) ? 'sequence file' : isCastFile(file) ? 'cast file' : 'shot file',
      ...(o.shown !== undefined && { shown: o.shown }),
    });
  } catch (e) {
    if (!(e instanceof ReadRefusedError)) return { diagnostic: fileDiagnostic('kling.io', errorText(e)) };
    const code = e.problem === 'too-large' ? 'kling.too-large' : e.problem === 'not-a-file' ? 'kling.not-a-file' : 'kling.io';
    return { diagnostic: fileDiagnostic(code, e.message) };
  }
  return decodeShotBytes(bytes);
}
