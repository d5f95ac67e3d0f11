// Elements (fal's elements field): @ElementN references must name an element, every element should
// be referenced (an unreferenced one is paid for and unused), an element is an image set or a
// video, at most one video element, and on motion-control one face element only with "video".
import * as l10n from '@vscode/l10n';
import { isObject, type RuleInput, type RuleIssue } from './issue';
import type { JsonPath } from '../types';
import { entryFor } from '../registry';

export interface ElementRefData {
  ref: number;
  elementCount: number;
}

const REF = /@Element(\d+)/g;
/** Kling's own API allows up to 3 elements on image-to-video ; fal states no limit. */
export const SOFT_MAX_ELEMENTS = 3;

export interface PromptText {
  path: JsonPath;
  text: string;
}

export function promptTexts(body: Record<string, unknown>): PromptText[] {
  const out: PromptText[] = [];
  if (typeof body.prompt === 'string') out.push({ path: ['prompt'], text: body.prompt });
  if (Array.isArray(body.multi_prompt)) {
    const shots = body.multi_prompt;
    for (let i = 0; i < shots.length; i++) {
      const shot: unknown = shots[i];
      if (isObject(shot) && typeof shot.prompt === 'string') out.push({ path: ['multi_prompt', i, 'prompt'], text: shot.prompt });
    }
  }
  return out;
}

export function elementRules({ kind, endpoint, body }: RuleInput, out: RuleIssue[]): void {
  const elements = Array.isArray(body.elements) ? body.elements : [];
  const count = kind === 'text-to-video' ? 0 : elements.length;
  // referenced[n] for @Element n; a plain array is cheaper than a Set on this hot path.
  const referenced: boolean[] = [];

  for (const { path, text } of promptTexts(body)) {
    REF.lastIndex = 0;
    if (!text.includes('@Element')) continue;
    for (let m = REF.exec(text); m; m = REF.exec(text)) {
      const n = Number(m[1]);
      if (n >= 1 && n <= count) {
        referenced[n] = true;
        continue;
      }
      const message =
        kind === 'text-to-video'
          ? l10n.t(
              '{0} refers to an element, but text-to-video has no elements; use image-to-video (or motion-control) for @Element references.',
              m[0],
            )
          : count === 0
            ? l10n.t('{0} does not exist: this request has no elements. Add one to "elements".', m[0])
            : count === 1
              ? l10n.t('{0} does not exist: this request has 1 element (@Element1).', m[0])
              : l10n.t('{0} does not exist: this request has {1} elements (@Element1…@Element{1}).', m[0], count);
      const data: ElementRefData = { ref: n, elementCount: count };
      out.push({
        code: 'kling.element-ref',
        path,
        target: { start: m.index, length: m[0].length },
        message,
        data: kind === 'text-to-video' ? undefined : data,
        fal: { type: 'value_error', msg: `${m[0]} does not match any element` },
      });
    }
  }

  if (kind === 'text-to-video' || !Array.isArray(body.elements)) return;

  for (let i = 0; i < elements.length; i++) {
    if (!referenced[i + 1]) {
      out.push({
        code: 'kling.element-unused',
        path: ['elements', i],
        message: l10n.t('@Element{0} is never referenced in a prompt; mention it as @Element{0} or remove it.', i + 1),
        data: { ref: i + 1 },
      });
    }
  }

  if (kind === 'motion-control') {
    if (elements.length > 0 && body.character_orientation === 'image') {
      out.push({
        code: 'kling.motion-element',
        path: ['elements'],
        target: 'key',
        message: l10n.t(
          'A face element works only with character_orientation "video"; it is "image". Switch to "video" or remove elements.',
        ),
        fal: { type: 'value_error', msg: 'elements are only supported when character_orientation is "video"' },
      });
    }
    return;
  }

  // The cap of 4 is O3's prose; Kling 4.0's kinds of the same names state none on fal.
  if ((entryFor(endpoint ?? kind) ?? entryFor(kind))?.family !== 'v4') referenceTotalRule(kind, body, elements, out);

  if (elements.length > SOFT_MAX_ELEMENTS) {
    out.push({
      code: 'kling.element-count',
      path: ['elements'],
      target: 'key',
      message: l10n.t('{0} elements: Kling supports up to {1} elements per image-to-video request.', elements.length, SOFT_MAX_ELEMENTS),
    });
  }

  let firstVideo = -1;
  for (let i = 0; i < elements.length; i++) {
    const el: unknown = elements[i];
    if (!isObject(el)) continue;
    const hasImages = el.frontal_image_url !== undefined || el.reference_image_urls !== undefined;
    const hasVideo = el.video_url !== undefined;
    const n = i + 1;
    if (hasImages && hasVideo) {
      out.push({
        code: 'kling.element-shape',
        path: ['elements', i],
        message: l10n.t(
          'Element {0} (@Element{0}) mixes images and a video: an element is either frontal_image_url + 1–3 reference_image_urls, or a video_url, never both.',
          n,
        ),
        fal: { type: 'value_error', msg: 'An element must have either images or a video, not both' },
      });
    } else if (!hasImages && !hasVideo) {
      out.push({
        code: 'kling.element-shape',
        path: ['elements', i],
        message: l10n.t('Element {0} (@Element{0}) is empty: give frontal_image_url with 1–3 reference_image_urls, or a video_url.', n),
        fal: { type: 'value_error', msg: 'An element must have either images or a video' },
      });
    } else if (hasImages) {
      if (el.frontal_image_url === undefined) {
        out.push({
          code: 'kling.element-shape',
          path: ['elements', i, 'frontal_image_url'],
          message: l10n.t('Element {0} (@Element{0}) has reference images but no frontal_image_url; an image element needs both.', n),
          fal: { type: 'missing', msg: 'Field required' },
        });
      }
      if (el.reference_image_urls === undefined) {
        out.push({
          code: 'kling.element-shape',
          path: ['elements', i, 'reference_image_urls'],
          message: l10n.t(
            'Element {0} (@Element{0}) needs 1–3 reference_image_urls besides frontal_image_url (at least one is required).',
            n,
          ),
          fal: { type: 'missing', msg: 'Field required' },
        });
      }
      if (el.voice_id !== undefined) {
        out.push({
          code: 'kling.element-voice',
          path: ['elements', i, 'voice_id'],
          target: 'key',
          message: l10n.t(
            'Element {0} (@Element{0}): voice_id binds a voice only to a video element; on an image element it is ignored.',
            n,
          ),
        });
      }
    } else if (hasVideo) {
      if (firstVideo === -1) firstVideo = i;
      else {
        out.push({
          code: 'kling.element-video-count',
          path: ['elements', i, 'video_url'],
          target: 'key',
          message: l10n.t('Only one element per request may be a video; @Element{0} already is.', firstVideo + 1),
          fal: { type: 'value_error', msg: 'A request can only have one element with a video' },
        });
      }
    }
  }
}

/** fal's prose cap on O3 references: "Maximum 4 total (elements + reference images) when using video". */
export const O3_VIDEO_REFERENCE_MAX = 4;

/**
 * A warning, not an error: fal's O3 schema sets no maximum, only its descriptions do. A video is in
 * use on every video-to-video request, and on reference-to-video when an element is a video.
 */
function referenceTotalRule(kind: string, body: Record<string, unknown>, elements: unknown[], out: RuleIssue[]): void {
  const v2v = kind === 'video-to-video/edit' || kind === 'video-to-video/reference';
  const videoElement = kind === 'reference-to-video' && elements.some(e => isObject(e) && e.video_url !== undefined);
  if (!v2v && !videoElement) return;
  const images = Array.isArray(body.image_urls) ? body.image_urls.length : 0;
  const total = elements.length + images;
  if (total <= O3_VIDEO_REFERENCE_MAX) return;
  out.push({
    code: 'kling.reference-total',
    path: ['elements'],
    target: 'key',
    message: l10n.t(
      '{0} elements and reference images with a video: fal says at most {1} in total when a video is used (its schema does not enforce it, so the request may still be refused).',
      total,
      O3_VIDEO_REFERENCE_MAX,
    ),
    data: { total, max: O3_VIDEO_REFERENCE_MAX },
  });
}
