// A shot's cast checked against the cast it resolved to (the faces find and read the cast files;
// this gets data): unknown members, members named but not listed and the reverse, and what the
// built body breaks, told at the shot's `cast` entry and naming the member's cast file.
import * as l10n from '@vscode/l10n';
import * as nodePath from 'node:path';
import { severityOf, type DiagnosticCode } from '../codes';
import { spanOfPath } from '../diagnostics';
import { LineMap, parseDocument } from '../parse';
import { bodyRules } from '../rules';
import { isObject } from '../rules/issue';
import { promptTexts } from '../rules/elements';
import type { MediaFinding } from '../media/check';
import type { JsonPath, ShotAnalysis, ShotDiagnostic } from '../types';
import { bindsVoices, buildCastBody, castNamesOf, MENTION, takesElements, type BuiltCast, type CastIndex } from './build';
import { RESERVED_NAME } from './schema';

interface Issue {
  code: DiagnosticCode;
  path: JsonPath;
  message: string;
  target?: 'key' | 'value' | { start: number; length: number };
}

/** How a message names a cast file: its name relative to the shot's folder. */
export function castFileShown(castFile: string, shotFile: string): string {
  return nodePath.relative(nodePath.dirname(shotFile), castFile).split(nodePath.sep).join('/') || castFile;
}

function toDiagnostics(analysis: ShotAnalysis, issues: Issue[]): ShotDiagnostic[] {
  if (!issues.length) return [];
  const doc = parseDocument(analysis.text);
  const lines = new LineMap(analysis.text);
  return issues.map(i => {
    const span = spanOfPath(analysis.text, doc.tree, i.path, i.target);
    return {
      severity: severityOf(i.code),
      code: i.code,
      message: i.message,
      path: i.path,
      range: lines.range(span.offset, span.length),
      offset: span.offset,
      length: span.length,
    };
  });
}

/** Problems of a shot's cast, with ranges in the shot file; `cast` is what its lookup found. */
export function castShotDiagnostics(
  analysis: ShotAnalysis,
  cast: CastIndex,
  shotFile: string,
  /** Names defined in more than one cast file, with those files (nearest first). */
  duplicates: ReadonlyMap<string, readonly string[]> = new Map(),
): ShotDiagnostic[] {
  const root = analysis.root;
  const body = analysis.body;
  if (!isObject(root) || !body) return [];
  const issues: Issue[] = [];
  const hasCast = 'cast' in root;
  if (hasCast && (!Array.isArray(root.cast) || root.cast.some(n => typeof n !== 'string'))) {
    issues.push({ code: 'kling.type', path: ['cast'], message: l10n.t('"cast" is a list of member names: ["Mara", "Lamp"].') });
  }
  const names = castNamesOf(root);
  const listed = new Set(names);
  const endpoint = analysis.endpoint.id;
  const elements = takesElements(endpoint);
  names.forEach((name, i) => {
    const m = cast.get(name);
    const twice = duplicates.get(name);
    if (twice) {
      issues.push({
        code: 'kling.cast-duplicate',
        path: ['cast', i],
        message: l10n.t(
          '{0} is defined twice: in {1} and in {2}; keep one.',
          name,
          ...(twice.slice(0, 2).map(f => castFileShown(f, shotFile)) as [string, string]),
        ),
      });
    } else if (!m) {
      issues.push({
        code: 'kling.cast-unknown',
        path: ['cast', i],
        message: cast.size
          ? l10n.t('No cast file here or above defines {0}; known: {1}.', name, [...cast.keys()].join(', '))
          : l10n.t('No cast file here or above defines {0}: add it to a *.kling-cast.json in this folder or above.', name),
      });
    } else if (elements && (m.voice_url !== undefined || m.voice_id !== undefined) && !bindsVoices(endpoint)) {
      issues.push({
        code: 'kling.cast-voice',
        path: ['cast', i],
        message: l10n.t(
          '{0} has a voice ({1}), but {2} binds no voices: it will not be sent.',
          name,
          castFileShown(m.file, shotFile),
          endpoint,
        ),
      });
    }
  });
  if (names.length && !elements)
    issues.push({
      code: 'kling.cast-unknown',
      path: ['cast'],
      target: 'key',
      message: l10n.t('{0} takes no elements, so it cannot use cast members; use image-to-video or reference-to-video.', endpoint),
    });
  const mentioned = new Set<string>();
  for (const { path, text } of promptTexts(body)) {
    MENTION.lastIndex = 0;
    for (let mm = MENTION.exec(text); mm; mm = MENTION.exec(text)) {
      const name = mm[1]!;
      if (RESERVED_NAME.test(name)) continue;
      mentioned.add(name);
      const target = { start: mm.index, length: mm[0].length };
      if (listed.has(name)) continue;
      if (cast.has(name))
        issues.push({
          code: 'kling.cast-unlisted',
          path,
          target,
          message: l10n.t(
            '{0} is a cast member ({1}) but not in this shot\'s "cast": add it there, or it is sent as written.',
            name,
            castFileShown(cast.get(name)!.file, shotFile),
          ),
        });
      else if (hasCast)
        issues.push({ code: 'kling.cast-unknown', path, target, message: l10n.t('@{0}: no cast member has this name.', name) });
    }
  }
  names.forEach((name, i) => {
    if (cast.has(name) && !mentioned.has(name))
      issues.push({
        code: 'kling.cast-unused',
        path: ['cast', i],
        message: l10n.t('{0} is in "cast" but no prompt says @{0}; it is sent as an element all the same.', name),
      });
  });
  if (elements && names.length) issues.push(...builtIssues(analysis, body, names, cast, shotFile));
  return toDiagnostics(analysis, issues);
}

/** Where a problem of element `index` of a built body is told in the shot file. */
function memberAt(
  names: readonly string[],
  built: BuiltCast,
  own: number,
  index: number,
  shotFile: string,
): { path: JsonPath; who: string } | undefined {
  const m = built.members[index - own];
  if (!m) return undefined;
  return { path: ['cast', names.indexOf(m.name)], who: `${m.name} (${castFileShown(m.file, shotFile)})` };
}

function ownCount(body: Record<string, unknown>): number {
  return Array.isArray(body.elements) ? body.elements.length : 0;
}

/** The endpoint's element rules on the built body, for what the members add to it. */
function builtIssues(
  analysis: ShotAnalysis,
  body: Record<string, unknown>,
  names: readonly string[],
  cast: CastIndex,
  shotFile: string,
): Issue[] {
  const built = buildCastBody(analysis.endpoint.id, body, names, cast, shotFile);
  const own = ownCount(body);
  const out: Issue[] = [];
  for (const i of bodyRules({ kind: analysis.endpoint.kind, endpoint: analysis.endpoint.id, body: built.body })) {
    if (i.path[0] !== 'elements' || i.code === 'kling.element-unused') continue;
    if (i.path.length === 1) {
      out.push({ code: i.code, path: ['cast'], target: 'key', message: l10n.t('With its cast: {0}', i.message) });
      continue;
    }
    const at = typeof i.path[1] === 'number' ? memberAt(names, built, own, i.path[1], shotFile) : undefined;
    if (at) out.push({ code: i.code, path: at.path, message: l10n.t('{0}: {1}', at.who, i.message) });
  }
  return out;
}

/**
 * Media findings of a built body (media/check.ts on the body `buildCastBody` made) told at the
 * shot's `cast` entry of the member whose file it is; findings on the shot's own media are left out.
 */
export function castMediaDiagnostics(
  analysis: ShotAnalysis,
  built: BuiltCast,
  findings: readonly MediaFinding[],
  shotFile: string,
): ShotDiagnostic[] {
  const body = analysis.body;
  if (!body) return [];
  const names = castNamesOf(analysis.root);
  const own = ownCount(body);
  const issues: Issue[] = [];
  for (const f of findings) {
    const index = f.ref.path[0] === 'elements' && typeof f.ref.path[1] === 'number' ? f.ref.path[1] : -1;
    const at = index >= own ? memberAt(names, built, own, index, shotFile) : undefined;
    if (at) issues.push({ code: f.code, path: at.path, message: l10n.t('{0}: {1}', at.who, f.message) });
  }
  return toDiagnostics(analysis, issues);
}
