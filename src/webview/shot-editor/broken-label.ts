// Pure (no DOM): unit-tested in test/unit/editor.

/**
 * What a card whose image cannot be drawn says, from the media check of its path: a file that
 * exists but is not an image must not read "Not found" (the inline problem below says what it is).
 */
export function brokenLabel(codes: readonly string[]): string {
  if (codes.includes('kling.media-empty')) return 'Empty file';
  if (codes.includes('kling.image-format')) return 'Not an image';
  if (codes.includes('kling.media-missing')) return 'Not found';
  if (codes.includes('kling.media-outside-workspace')) return 'Outside the workspace';
  return 'Cannot be shown';
}
