// How a timeline names its media so that a moved project keeps its links: relative to the timeline
// file when both are on one volume (the usual case: renders/ and the export inside one project
// folder), an absolute file URL only when no relative path exists (another drive on Windows).
import { dirname, isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The media file from the timeline's folder with `/` separators, or undefined when there is no relative path. */
function relativeParts(timelinePath: string, mediaPath: string): string[] | undefined {
  const rel = relative(dirname(timelinePath), mediaPath);
  if (rel === '' || isAbsolute(rel)) return undefined;
  return rel.split(sep);
}

/**
 * OpenTimelineIO's `target_url`: a bare relative path, which OTIO's own readers take literally (no
 * scheme, so no percent-decoding) and its file bundles write the same way (`media/clip.mov`).
 */
export function otioTargetUrl(timelinePath: string, mediaPath: string): string {
  const parts = relativeParts(timelinePath, mediaPath);
  return parts ? parts.join('/') : pathToFileURL(mediaPath).href;
}

/**
 * FCPXML's `media-rep src`: a URL, absolute (`file:///…`) or relative to the FCPXML document's own
 * location (Apple's reference gives `./Media/MyMovie.mov`), so each segment is percent-encoded.
 */
export function fcpxmlMediaUrl(timelinePath: string, mediaPath: string): string {
  const parts = relativeParts(timelinePath, mediaPath);
  if (!parts) return pathToFileURL(mediaPath).href;
  const url = parts.map(p => (p === '..' ? p : encodeURIComponent(p))).join('/');
  return parts[0] === '..' ? url : `./${url}`;
}
