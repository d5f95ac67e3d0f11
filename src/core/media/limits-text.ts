// The file limits the media checks (check.ts) apply to each media role, said in one line for hovers
// and completion details: the same constants, so what a hover promises is what a check enforces.
import * as l10n from '@vscode/l10n';
import type { MediaRole } from '../types';
import * as L from './limits';

const MB = (bytes: number) => Math.round(bytes / (1024 * 1024));
const formats = () => [...L.IMAGE_TYPES].map(t => t.toUpperCase()).join(', ');

/** The limits of a file in a field of this role, or undefined for a role the checks do not limit. */
export function mediaLimitsText(role: MediaRole): string | undefined {
  switch (role) {
    case 'start_image':
    case 'end_image':
    case 'image':
    case 'element_frontal':
    case 'element_reference':
      return l10n.t(
        'File: {0}; at most {1} MB; at least {2} px per side; aspect ratio {3}–{4}',
        formats(),
        MB(L.IMAGE_MAX_BYTES),
        L.IMAGE_MIN_SIDE,
        L.IMAGE_MIN_ASPECT,
        L.IMAGE_MAX_ASPECT,
      );
    case 'element_video':
      return l10n.t(
        'File: a video of {0}–{1} s, {2}–{3} px per side, {4}–{5} fps; at most {6} MB',
        L.ELEMENT_VIDEO_MIN_SECONDS,
        Math.floor(L.ELEMENT_VIDEO_MAX_SECONDS),
        L.ELEMENT_VIDEO_MIN_SIDE,
        L.ELEMENT_VIDEO_MAX_SIDE,
        L.ELEMENT_VIDEO_MIN_FPS,
        L.ELEMENT_VIDEO_MAX_FPS,
        MB(L.VIDEO_MAX_BYTES),
      );
    case 'video':
      return l10n.t(
        'File: a video of {0}–{1} s ({0}–{2} s with character_orientation "image"); at most {3} MB',
        L.MOTION_VIDEO_MIN_SECONDS,
        L.MOTION_VIDEO_MAX_SECONDS.video,
        L.MOTION_VIDEO_MAX_SECONDS.image,
        MB(L.VIDEO_MAX_BYTES),
      );
    default:
      return undefined;
  }
}
