// Core's media checks read files through the FileAccess interface; this is the node:fs one the
// extension and the CLI pass in (videos through src/media/mp4.ts).
import { promises as fs } from 'node:fs';
import type { FileAccess } from '../core';
import { videoTracks } from './mp4';

export const nodeFileAccess: FileAccess = {
  async stat(path) {
    try {
      const s = await fs.stat(path);
      return { size: s.size, mtimeMs: s.mtimeMs, isFile: s.isFile() };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
      throw err;
    }
  },
  async read(path, start, length) {
    const handle = await fs.open(path, 'r');
    try {
      const buf = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buf, 0, length, start);
      return buf.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  },
  realpath: path => fs.realpath(path),
  video: (path, size) => videoTracks({ size, read: (start, length) => nodeFileAccess.read(path, start, length) }),
};
