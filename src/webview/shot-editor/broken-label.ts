// Pure (no DOM): unit-tested in test/unit/editor.
import * as l10n from '@vscode/l10n';

/**
 * What a card whose image cannot be drawn says, from the media check of its path: a file that
 * exists but is not an image must not read "Not found" (the inline problem below says what it is).
 */
export function brokenLabel(codes: readonly string[]): string {
  if (codes.includes('kling.media-empty')) return l10n.t('Empty file');
  if (codes.includes('kling.image-format')) return l10n.t('Not an image');
  if (codes.includes('kling.media-missing')) return l10n.t('Not found');
  if (codes.includes('kling.media-outside-workspace')) return l10n.t('Outside the workspace');
  return l10n.t('Cannot be shown');
}
