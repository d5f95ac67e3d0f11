// "Continue from Last Frame", the pure half: the names of the saved frame and of a new next shot,
// and the edit that makes a shot start from an image (image-to-video, as the shot schema infers
// from start_image_url). Paths come in already relative; the extension does the disk and the UI.
import * as l10n from '@vscode/l10n';
import { EditError, removeValue, setValue, valueAt } from './edit';
import { nodeValue, parseDocument } from './parse';
import { bodyKeysFor, endpointIdFor, entryFor, lookupEndpoint, resolveEndpoint } from './registry';
import type { Tier } from './types';

/** `harbour.kling.json` → `harbour`. */
function shotStem(fileName: string): string {
  return fileName.replace(/\.kling\.json$/i, '') || fileName;
}

/** The n-th candidate name of a shot's saved last frame: `harbour.last-frame.png`, then `-2`, `-3`… */
export function lastFrameFileName(shotFileName: string, n: number): string {
  return `${shotStem(shotFileName)}.last-frame${n > 1 ? `-${n}` : ''}.png`;
}

/** The n-th candidate name of the shot that continues `shotFileName`: `harbour-next.kling.json`, `-next-2`… */
export function nextShotFileName(shotFileName: string, n: number): string {
  return `${shotStem(shotFileName)}-next${n > 1 ? `-${n}` : ''}.kling.json`;
}

export interface StartFromImage {
  /** The shot file's text afterwards (unchanged when it already starts from this image). */
  text: string;
  /** The start image it had before, when it was a different one. */
  replaced?: string;
  /** Keys image-to-video has no use for that were removed (`aspect_ratio`: the image sets the frame). */
  removed: string[];
  /** The new `endpoint` value, when an explicit text-to-video endpoint was switched. */
  endpoint?: string;
}

/**
 * Makes the shot start from `imageRef`: sets `start_image_url`, switches an explicit text-to-video
 * `endpoint` to image-to-video of the same tier (in the file's own style: a full id stays a full
 * id, an alias an alias) and removes the text-to-video keys image-to-video does not take. A
 * motion-control shot is refused: its picture comes from `image_url` and its motion from a video.
 */
export function startFromImage(text: string, imageRef: string): StartFromImage {
  const tree = parseDocument(text).tree;
  const root = tree ? nodeValue(tree) : undefined;
  if (typeof root !== 'object' || root === null || Array.isArray(root)) {
    throw new EditError(l10n.t('The shot file is not a JSON object; fix it in the text editor first.'));
  }
  const body = root as Record<string, unknown>;
  const endpoint = resolveEndpoint(body);
  if (endpoint.kind === 'motion-control') {
    throw new EditError(l10n.t('It is a motion-control shot: its picture comes from image_url, so it cannot start from a frame.'));
  }
  if (endpoint.kind === 'video-to-video/edit' || endpoint.kind === 'video-to-video/reference' || endpoint.kind === 'create-voice') {
    throw new EditError(l10n.t('It is a {0} shot: it starts from its input, so it cannot start from a frame.', endpoint.kind));
  }
  const out: StartFromImage = { text, removed: [] };
  // A text-to-video shot becomes its family's image-to-video; the first frame's key is the target's
  // (O3 and turbo call it image_url).
  const target = endpoint.kind === 'text-to-video' ? imageToVideoName(endpoint.id, endpoint.tier ?? 'pro') : endpoint.id;
  const key = entryFor(target)?.media.fields.find(f => f.role === 'start_image')?.key ?? 'start_image_url';
  const current = valueAt(text, [key]);
  if (typeof current === 'string' && current !== '' && current !== imageRef) out.replaced = current;
  if (current !== imageRef) out.text = setValue(out.text, [key], imageRef);
  if (endpoint.kind === 'text-to-video') {
    if (!endpoint.inferred && typeof body.endpoint === 'string') {
      out.endpoint = imageToVideoName(body.endpoint.trim(), endpoint.tier ?? 'pro');
      out.text = setValue(out.text, ['endpoint'], out.endpoint);
    }
    const from = bodyKeysFor(endpoint.id);
    const to = bodyKeysFor(target);
    // Removed last key first, so each removal sees the text the previous one left.
    for (const k of Object.keys(body).reverse()) {
      if (k !== 'endpoint' && k !== '$schema' && from.has(k) && !to.has(k)) {
        out.text = removeValue(out.text, [k]);
        out.removed.unshift(k);
      }
    }
  }
  return out;
}

function imageToVideoName(current: string, tier: Tier): string {
  const swapped = current.replace(/text-to-video$/, 'image-to-video');
  const spec = lookupEndpoint(swapped);
  return spec && spec.kind === 'image-to-video' && spec.tier === tier ? swapped : endpointIdFor('image-to-video', tier)!;
}

/**
 * A new shot that continues `sourceText`'s shot from `imageRef`: image-to-video of the same tier,
 * the same duration and audio setting, and an empty prompt. The prompt is left for the creator on
 * purpose: the old one describes what already happened, and generating it again would pay for
 * the same action twice; the editor marks the empty prompt as the one thing left to write.
 */
export function nextShotText(sourceText: string, imageRef: string, sourceFileName: string): string {
  const tree = parseDocument(sourceText).tree;
  const root = tree ? nodeValue(tree) : undefined;
  const body = typeof root === 'object' && root !== null && !Array.isArray(root) ? (root as Record<string, unknown>) : {};
  const ep = resolveEndpoint(body);
  const tier = ep.kind === 'motion-control' ? 'pro' : (ep.tier ?? 'pro');
  const lines = [
    '  // ' + l10n.t('Continues {0}: the first frame is its last frame. Write what happens next.', sourceFileName),
    `  "endpoint": ${JSON.stringify(endpointIdFor('image-to-video', tier))},`,
    `  "start_image_url": ${JSON.stringify(imageRef)},`,
    `  "prompt": "",`,
  ];
  if (typeof body.duration === 'string' && ep.kind !== 'motion-control') lines.push(`  "duration": ${JSON.stringify(body.duration)},`);
  if (typeof body.generate_audio === 'boolean') lines.push(`  "generate_audio": ${body.generate_audio},`);
  const last = lines.length - 1;
  lines[last] = lines[last]!.replace(/,$/, '');
  return `{\n${lines.join('\n')}\n}\n`;
}
