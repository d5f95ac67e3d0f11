// A shot's cast applied at prepare time, for every face: the cast files found above the shot, its
// cast diagnostics, the voices already made (beside the cast, or in a done create-voice record)
// and the body the one builder makes (src/core/cast/build.ts). Voices not made yet are returned as
// needs: the face runs their create-voice takes through the session and prepares again.
import * as l10n from '@vscode/l10n';
import {
  bindsVoices,
  buildCastBody,
  castNamesOf,
  castMediaDiagnostics,
  castShotDiagnostics,
  checkMediaRefs,
  collectMediaRefs,
  errorText,
  MENTION,
  RESERVED_NAME,
  type BuiltCast,
  type MediaContext,
  type ShotAnalysis,
  type ShotDiagnostic,
} from '../core';
import { findCast, usesCast, type CastLookupOptions, type ShotCast } from './cast';
import { knownVoice, voiceNeedOf, type VoiceNeed } from './cast-voices';

export interface CastApplied {
  cast: ShotCast;
  built: BuiltCast;
  /** The analysis of what is sent: the built body and its media. */
  sent: ShotAnalysis;
  diagnostics: ShotDiagnostic[];
  voicesNeeded: VoiceNeed[];
  /** Refusals in words: a cast file with errors, a sample that cannot be read. */
  problems: string[];
}

/** Whether a prompt names something that may be a member (`@Mara`, not `@Element1`). */
function mentionsMember(body: Record<string, unknown>): boolean {
  const texts = [
    body.prompt,
    ...(Array.isArray(body.multi_prompt)
      ? body.multi_prompt.map(s => (typeof s === 'object' && s !== null ? (s as Record<string, unknown>).prompt : undefined))
      : []),
  ];
  return texts.some(t => typeof t === 'string' && [...t.matchAll(MENTION)].some(m => !RESERVED_NAME.test(m[1]!)));
}

/** Whether a shot may use a cast: a `cast` key, or an @Name in a prompt. */
export function castInUse(analysis: ShotAnalysis): boolean {
  return analysis.body !== undefined && (usesCast(analysis.root) || mentionsMember(analysis.body));
}

/** The shot's cast applied; undefined when it uses none (no `cast` key, no @Name). */
export async function applyCast(
  analysis: ShotAnalysis,
  shotFile: string,
  roots: readonly string[],
  o: CastLookupOptions & {
    /** Write a voice found only in a done record beside its cast (prepare does; checks do not). */
    remember?: boolean;
  } = {},
): Promise<CastApplied | undefined> {
  const body = analysis.body;
  if (!body || !castInUse(analysis)) return undefined;
  const cast = await findCast(shotFile, roots, o);
  const names = castNamesOf(analysis.root);
  const diagnostics = castShotDiagnostics(analysis, cast.members, shotFile, cast.duplicates);
  const problems = [...cast.unreadable];
  for (const file of cast.files) {
    for (const d of file.diagnostics) {
      const member = d.path[0] === 'members' ? String(d.path[1]) : undefined;
      if (d.severity === 'error' && (member === undefined || names.includes(member)))
        problems.push(l10n.t('{0}:{1}:{2}: {3}', file.file, d.range.start.line + 1, d.range.start.character + 1, d.message));
    }
  }
  const voiceIds = new Map<string, string>();
  const voicesNeeded: VoiceNeed[] = [];
  if (bindsVoices(analysis.endpoint.id)) {
    for (const name of names) {
      const m = cast.members.get(name);
      if (!m || m.voice_id !== undefined || m.voice_url === undefined) continue;
      try {
        const need = await voiceNeedOf(m, roots);
        if (!need) continue;
        const id = await knownVoice(need, roots, o.remember === true);
        if (id !== undefined) voiceIds.set(name, id);
        else voicesNeeded.push(need);
      } catch (e) {
        problems.push(l10n.t('the voice sample of {0} ({1}): {2}', name, m.file, errorText(e)));
      }
    }
  }
  const built = buildCastBody(analysis.endpoint.id, body, names, cast.members, shotFile, voiceIds);
  const sent: ShotAnalysis = { ...analysis, body: built.body, mediaRefs: collectMediaRefs(analysis.endpoint.id, built.body) };
  return { cast, built, sent, diagnostics, voicesNeeded, problems };
}

/** The media checks on the members' files, as the built body names them, told at the shot's cast entries. */
export async function memberMediaDiagnostics(own: ShotAnalysis, cast: CastApplied, ctx: MediaContext): Promise<ShotDiagnostic[]> {
  const first = Array.isArray(own.body?.elements) ? own.body.elements.length : 0;
  const refs = cast.sent.mediaRefs.filter(r => r.path[0] === 'elements' && typeof r.path[1] === 'number' && r.path[1] >= first);
  if (!refs.length) return [];
  const findings = await checkMediaRefs({ ...cast.sent, mediaRefs: refs }, ctx);
  return castMediaDiagnostics(own, cast.built, findings, ctx.shotFilePath);
}
