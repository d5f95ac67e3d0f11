// File access is injected so the core stays free of I/O choices: the extension and CLI pass
// nodeFileAccess (src/media/node-files.ts), tests can pass anything.
export interface FileStat {
  size: number;
  mtimeMs: number;
  isFile: boolean;
}

/** What a video container holds, as far as the media check asks. */
export type VideoTracks =
  | { kind: 'video'; duration: number; width: number; height: number; fps?: number }
  /** `duration` when the container states or yields one (a voice sample's length is checked). */
  | { kind: 'audio-only'; duration?: number }
  | { kind: 'no-video' };

export interface FileAccess {
  /** undefined when nothing exists at the path. */
  stat(path: string): Promise<FileStat | undefined>;
  /** Up to `length` bytes from `start` (fewer at the end of the file). */
  read(path: string, start: number, length: number): Promise<Uint8Array>;
  /** Symlinks resolved; rejects when the path does not exist. */
  realpath(path: string): Promise<string>;
  /** The tracks of the video container at `path` (`size` bytes); rejects when it cannot be read as one. */
  video(path: string, size: number): Promise<VideoTracks>;
}
