// Kling endpoints fal serves that the registry does not model (none at present). The editor names
// them to explain the refusal; the simulator accepts them with a minimal check so clients that
// call them can still be tried offline. Each leaves this list when it becomes an entry.
import * as l10n from '@vscode/l10n';

export const UNMODELLED_KLING_IDS: readonly string[] = [];

/** Why a syntactically plausible id is not one we support, for a better message. */
export function unsupportedEndpointReason(name: string): string | undefined {
  if (/\/o3\/4k\/video-to-video/.test(name) || name.startsWith('o3/4k/video-to-video'))
    return l10n.t('Kling O3 video-to-video (edit, reference) comes in standard and pro only');
  if (/\/o3\//.test(name) || name.startsWith('o3/'))
    return l10n.t(
      'Kling O3 has text-, image- and reference-to-video in standard, pro and 4k, and video-to-video edit and reference in standard and pro',
    );
  if (/\/turbo\//.test(name) || name.startsWith('turbo/')) return l10n.t('V3 turbo has text- and image-to-video in standard and pro');
  if (/4k\/motion-control$/.test(name)) return l10n.t('fal has no 4k motion-control endpoint; use pro or standard');
  if (/reference-to-video/.test(name)) return l10n.t('reference-to-video exists only for O3; in V3 use image-to-video with elements');
  return undefined;
}
