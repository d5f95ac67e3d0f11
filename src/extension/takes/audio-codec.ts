// Pure (no vscode): unit-tested in test/unit/generation.

/**
 * The audio codec of a clip, read from its container header (mediabunny reads only the boxes it
 * needs): 'aac', 'mp3', 'opus', … or null when the clip has no audio track.
 */
export async function probeAudioCodec(clipPath: string): Promise<string | null> {
  // Loaded on first use: dist/mediabunny.js is a bundle of its own (scripts/build.mjs).
  const { ALL_FORMATS, FilePathSource, Input } = await import('mediabunny');
  const input = new Input({ source: new FilePathSource(clipPath), formats: ALL_FORMATS });
  try {
    const track = await input.getPrimaryAudioTrack();
    if (!track) {
      return null;
    }
    return track.codec ?? 'unknown';
  } finally {
    input.dispose();
  }
}

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
