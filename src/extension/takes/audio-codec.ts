// Pure (no vscode): unit-tested in test/unit/generation. The codec itself is read by src/media/mp4.ts.

/**
 * Desktop VS Code ships a Chromium media stack without AAC (licensing; microsoft/vscode#167685):
 * the picture plays, the sound does not. The browser-hosted workbench uses the browser's codecs.
 */
export function audioUnsupported(codec: string | null, desktop: boolean): boolean {
  return desktop && codec !== null && !PLAYABLE_ON_DESKTOP.has(codec);
}

const PLAYABLE_ON_DESKTOP = new Set([
  'mp3',
  'opus',
  'vorbis',
  'flac',
  'pcm-s16',
  'pcm-s16be',
  'pcm-s24',
  'pcm-s24be',
  'pcm-s32',
  'pcm-s32be',
  'pcm-f32',
  'pcm-f32be',
  'pcm-u8',
  'pcm-s8',
]);
