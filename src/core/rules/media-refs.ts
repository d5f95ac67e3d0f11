// Media fields (DESIGN §2) take an https: URL or a local path relative to the shot file (uploaded
// on submit). The scheme is checkable synchronously; file checks live in media/check.ts.
import type { EndpointKind, JsonPath, MediaRef, MediaRole } from '../types';
import { isObject, type RuleIssue } from './issue';

/** A URL has a scheme of two or more letters; `C:\…` is a Windows path, not a scheme. */
export function urlScheme(value: string): string | undefined {
  // Hand-rolled rather than a regex: it runs for every media field on every keystroke.
  const n = value.length;
  let i = 0;
  for (; i < n; i++) {
    const c = value.charCodeAt(i);
    const alpha = (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
    if (alpha) continue;
    if (i > 0 && ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46)) continue;
    break;
  }
  return i >= 2 && value.charCodeAt(i) === 58 ? value.slice(0, i).toLowerCase() : undefined;
}

export function collectMediaRefs(kind: EndpointKind, body: Record<string, unknown>): MediaRef[] {
  const refs: MediaRef[] = [];
  const add = (path: JsonPath, value: unknown, role: MediaRole) => {
    if (typeof value !== 'string') return;
    const kindOf = role === 'video' || role === 'element_video' ? 'video' : 'image';
    refs.push({ path, value, role, kind: kindOf, isLocal: value !== '' && urlScheme(value) === undefined });
  };
  if (kind === 'image-to-video') {
    add(['start_image_url'], body.start_image_url, 'start_image');
    add(['end_image_url'], body.end_image_url, 'end_image');
  } else if (kind === 'motion-control') {
    add(['image_url'], body.image_url, 'image');
    add(['video_url'], body.video_url, 'video');
  }
  if (kind !== 'text-to-video' && Array.isArray(body.elements)) {
    body.elements.forEach((el, i) => {
      if (!isObject(el)) return;
      add(['elements', i, 'frontal_image_url'], el.frontal_image_url, 'element_frontal');
      if (Array.isArray(el.reference_image_urls)) {
        el.reference_image_urls.forEach((u, j) => add(['elements', i, 'reference_image_urls', j], u, 'element_reference'));
      }
      if (kind === 'image-to-video') add(['elements', i, 'video_url'], el.video_url, 'element_video');
    });
  }
  return refs;
}

/** Editor rule: https: or a local path; http:, file: and friends cannot be fetched by fal as-is. */
export function mediaSchemeRules(refs: MediaRef[], out: RuleIssue[]): void {
  for (const ref of refs) {
    if (ref.value.trim() === '') {
      out.push({
        code: 'kling.media-url', severity: 'error', path: ref.path,
        message: 'Empty media reference: give an https: URL or a path relative to the shot file (for example ./refs/hero.png).',
      });
      continue;
    }
    if (ref.isLocal) continue;
    const scheme = urlScheme(ref.value)!;
    if (scheme === 'https') continue;
    if (scheme === 'data') {
      out.push({
        code: 'kling.media-url', severity: 'warning', path: ref.path,
        message: 'data: URIs are not confirmed to work with Kling V3 on fal; use a local file (uploaded on submit) or an https: URL.',
      });
      continue;
    }
    out.push({
      code: 'kling.media-url', severity: 'error', path: ref.path,
      message: `${scheme}: URLs are not allowed here: use an https: URL or a path relative to the shot file (local files are uploaded on submit).`,
    });
  }
}

/** Simulator rule: the sent body must hold fetchable URLs (its own storage serves plain http). */
export function requestMediaRules(refs: MediaRef[], out: RuleIssue[]): void {
  for (const ref of refs) {
    const scheme = urlScheme(ref.value);
    if (scheme === 'https' || scheme === 'http' || scheme === 'data') continue;
    out.push({
      code: 'kling.media-url', severity: 'error', path: ref.path,
      message: `${ref.path.join('.')} must be a URL fal can download`,
      fal: { type: 'value_error', msg: `Could not download the file: '${ref.value.slice(0, 100)}' is not a valid URL` },
    });
  }
}
