// Media fields take an https: URL or a local path relative to the shot file (uploaded
// on submit). The scheme is checkable synchronously; file checks live in media/check.ts.
import * as l10n from '@vscode/l10n';
import type { ClipLimits, JsonPath, MediaRef, MediaRole } from '../types';
import { entryFor } from '../registry';
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

/** Which kind of file a media role takes; the media checks, the editor's cards and its pickers go by it. */
export function mediaKindOf(role: MediaRole): MediaRef['kind'] {
  return role === 'voice_audio' ? 'audio' : role === 'video' || role === 'element_video' || role === 'source_video' ? 'video' : 'image';
}

function addRef(refs: MediaRef[], path: JsonPath, value: unknown, role: MediaRole, limits?: ClipLimits): void {
  if (typeof value !== 'string') return;
  const ref: MediaRef = { path, value, role, kind: mediaKindOf(role), isLocal: value !== '' && urlScheme(value) === undefined };
  if (limits) ref.limits = limits;
  refs.push(ref);
}

/** The media a body names, by the fields its endpoint's registry entry (id, alias or bare kind) lists. */
export function collectMediaRefs(endpoint: string, body: Record<string, unknown>): MediaRef[] {
  const refs: MediaRef[] = [];
  const media = entryFor(endpoint)!.media;
  for (const f of media.fields) {
    const v = body[f.key];
    if (f.list && Array.isArray(v)) for (let j = 0; j < v.length; j++) addRef(refs, [f.key, j], v[j], f.role, f.limits);
    else if (!f.list) addRef(refs, [f.key], v, f.role, f.limits);
  }
  if (media.elements && Array.isArray(body.elements)) {
    const elements = body.elements;
    for (let i = 0; i < elements.length; i++) {
      const el: unknown = elements[i];
      if (!isObject(el)) continue;
      addRef(refs, ['elements', i, 'frontal_image_url'], el.frontal_image_url, 'element_frontal');
      const r = el.reference_image_urls;
      if (Array.isArray(r))
        for (let j = 0; j < r.length; j++) addRef(refs, ['elements', i, 'reference_image_urls', j], r[j], 'element_reference');
      if (media.elements.video) addRef(refs, ['elements', i, 'video_url'], el.video_url, 'element_video');
    }
  }
  return refs;
}

/** Editor rule: https: or a local path; http:, file: and friends cannot be fetched by fal as-is. */
export function mediaSchemeRules(refs: MediaRef[], out: RuleIssue[]): void {
  for (const ref of refs) {
    if (ref.value.trim() === '') {
      out.push({
        code: 'kling.media-url',
        path: ref.path,
        message: l10n.t('Empty media reference: give an https: URL or a path relative to the shot file (for example ./refs/hero.png).'),
      });
      continue;
    }
    if (ref.isLocal) continue;
    const scheme = urlScheme(ref.value)!;
    if (scheme === 'https') continue;
    if (scheme === 'data') {
      out.push({
        code: 'kling.media-data-uri',
        path: ref.path,
        message: l10n.t(
          'data: URIs are not confirmed to work with Kling V3 on fal; use a local file (uploaded on submit) or an https: URL.',
        ),
      });
      continue;
    }
    out.push({
      code: 'kling.media-url',
      path: ref.path,
      message: l10n.t(
        '{0}: URLs are not allowed here: use an https: URL or a path relative to the shot file (local files are uploaded on submit).',
        scheme,
      ),
    });
  }
}

/** Simulator rule: the sent body must hold fetchable URLs (its own storage serves plain http). */
export function requestMediaRules(refs: MediaRef[], out: RuleIssue[]): void {
  for (const ref of refs) {
    const scheme = urlScheme(ref.value);
    if (scheme === 'https' || scheme === 'http' || scheme === 'data') continue;
    out.push({
      code: 'kling.media-url',
      path: ref.path,
      message: l10n.t('{0} must be a URL fal can download', ref.path.join('.')),
      fal: { type: 'value_error', msg: `Could not download the file: '${ref.value.slice(0, 100)}' is not a valid URL` },
    });
  }
}
