// The one request builder for shots with a cast: the shot's own `elements` first, then its members
// in `cast` order, `@Name` rewritten to `@ElementN`, each member's voice bound where the endpoint
// binds voices. Member media paths are relative to their cast file; the built body names them
// relative to the shot, so the shot's media checks, boundary and uploads apply unchanged.
import * as nodePath from 'node:path';
import { fieldInfo } from '../field-info';
import { entryFor } from '../registry';
import { isObject } from '../rules/issue';
import { urlScheme } from '../rules/media-refs';
import type { CastMember } from './cast-file';

/** `@Name` in a prompt: the name as CAST_NAME spells it. */
export const MENTION = /@([A-Za-z][A-Za-z0-9_]*)/g;

/** Members by name, as a shot's cast lookup found them (the CLI and the extension resolve files). */
export type CastIndex = ReadonlyMap<string, CastMember>;

/** Whether the endpoint's elements take `voice_id` (V3 image-to-video, O3 reference-to-video). */
export function bindsVoices(endpoint: string): boolean {
  return Boolean(entryFor(endpoint)?.media.elements) && fieldInfo(endpoint, 'elements[].voice_id') !== undefined;
}

/** Whether the endpoint takes `elements` at all, and a video element. */
export function takesElements(endpoint: string): { video: boolean } | undefined {
  return entryFor(endpoint)?.media.elements;
}

/** The shot's `"cast"` list: the strings in order (others are the schema's to report). */
export function castNamesOf(root: unknown): string[] {
  if (!isObject(root) || !Array.isArray(root.cast)) return [];
  return root.cast.filter((n): n is string => typeof n === 'string');
}

function rebase(value: string | undefined, castFile: string, shotDir: string): string | undefined {
  if (value === undefined || value === '' || urlScheme(value) !== undefined) return value;
  const abs = nodePath.resolve(nodePath.dirname(castFile), value);
  const rel = nodePath.relative(shotDir, abs);
  return rel.split(nodePath.sep).join('/');
}

/** The element a member becomes in a shot's body (media relative to the shot's folder). */
export function memberElement(m: CastMember, shotFile: string, voiceId: string | undefined, voices: boolean): Record<string, unknown> {
  const dir = nodePath.dirname(shotFile);
  const el: Record<string, unknown> = {};
  if (m.video_url !== undefined) el.video_url = rebase(m.video_url, m.file, dir);
  else {
    if (m.frontal_image_url !== undefined) el.frontal_image_url = rebase(m.frontal_image_url, m.file, dir);
    if (m.reference_image_urls) el.reference_image_urls = m.reference_image_urls.map(u => rebase(u, m.file, dir));
  }
  const voice = voiceId ?? m.voice_id;
  if (voices && voice !== undefined) el.voice_id = voice;
  return el;
}

export interface BuiltCast {
  body: Record<string, unknown>;
  /** The members that became elements, in order (element N = own elements + index + 1). */
  members: CastMember[];
  /** Members whose voice the endpoint binds but whose voice is not made yet (only `voice_url`). */
  voicesNeeded: CastMember[];
}

/**
 * The body sent for a shot whose `cast` lists members: `body` is the shot's body (without "cast"),
 * `names` its cast list; unknown names are left out (the cast rules report them). `voiceIds` are
 * voices already made from members' samples, by member name.
 */
export function buildCastBody(
  endpoint: string,
  body: Record<string, unknown>,
  names: readonly string[],
  cast: CastIndex,
  shotFile: string,
  voiceIds: ReadonlyMap<string, string> = new Map(),
): BuiltCast {
  const seen = new Set<string>();
  const members: CastMember[] = [];
  for (const n of names) {
    const m = cast.get(n);
    if (m && !seen.has(n)) {
      seen.add(n);
      members.push(m);
    }
  }
  if (!members.length || !takesElements(endpoint)) return { body, members: [], voicesNeeded: [] };
  const voices = bindsVoices(endpoint);
  const own = Array.isArray(body.elements) ? body.elements : [];
  const number = new Map(members.map((m, i) => [m.name, own.length + i + 1]));
  const rewrite = (text: string) => text.replace(MENTION, (all, name: string) => (number.has(name) ? `@Element${number.get(name)}` : all));
  const out: Record<string, unknown> = { ...body };
  out.elements = [...own, ...members.map(m => memberElement(m, shotFile, voiceIds.get(m.name), voices))];
  if (typeof body.prompt === 'string') out.prompt = rewrite(body.prompt);
  if (Array.isArray(body.multi_prompt))
    out.multi_prompt = body.multi_prompt.map((s: unknown) =>
      isObject(s) && typeof s.prompt === 'string' ? { ...s, prompt: rewrite(s.prompt) } : s,
    );
  const voicesNeeded = voices ? members.filter(m => m.voice_id === undefined && m.voice_url !== undefined && !voiceIds.has(m.name)) : [];
  return { body: out, members, voicesNeeded };
}
