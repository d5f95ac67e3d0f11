// Everything a take needs before anything leaves the machine, the same for every face: the shot's
// problems (the sync rules and the media checks; any error refuses), its local media inside the
// roots (after symlinks), each hashed from the handle that was checked, the motion-control video's
// length from the probe the check made, the price, and the request key that tells a rerun of the
// same paid request from a new one.
import * as l10n from '@vscode/l10n';
import { dirname, resolve } from 'node:path';
import {
  analyzeShot,
  checkMedia,
  createMediaCache,
  pathAsWritten,
  type JsonPath,
  type MediaCache,
  type MediaRef,
  type PriceTable,
  type ResolvedEndpoint,
  type ShotDiagnostic,
  errorText,
} from '../core';
import { nodeFileAccess } from '../media/node-files';
import { sha256OfHandle } from '../client';
import { checkInside, openInside, realRoots } from './boundary';
import type { CastLookupOptions } from './cast';
import { applyCast, memberMediaDiagnostics } from './cast-shot';
import type { VoiceNeed } from './cast-voices';
import { priceTake, videoSecondsOf, type Provider, type TakePrice } from './price';
import { requestKey } from './store';

export interface LocalMediaFile {
  ref: MediaRef;
  path: JsonPath;
  /** As the shot file names it, resolved against the shot's folder. */
  file: string;
  realPath: string;
  sha256: string;
}

export interface PreparedShot {
  shotFile: string;
  endpoint: ResolvedEndpoint;
  endpointId: string;
  body: Record<string, unknown>;
  mediaRefs: MediaRef[];
  localMedia: LocalMediaFile[];
  /** Real paths of the folders local media must stay inside (checked again when uploading). */
  roots: string[];
  price: TakePrice;
  requestKey: string;
  outputDir: string;
  /**
   * Voices of its cast members not made yet: the body binds none of them. The face makes them
   * (create-voice takes through the session) and prepares the shot again.
   */
  voicesNeeded: VoiceNeed[];
}

export interface PrepareInput {
  /** Absolute path of the shot file. */
  shotFile: string;
  /** Its text (the editor's document in VS Code, the file in the CLI). */
  text: string;
  /** Workspace folders (VS Code) or the project roots (CLI): local media must really be inside. */
  roots: readonly string[];
  /** How a refusal names the roots (default: the folders, comma-separated). */
  rootsText?: string;
  /** Why there are no roots (a shot at / or in the home folder): said when the shot names local media. */
  noRoots?: string;
  outputDir: string;
  provider: Provider;
  prices?: PriceTable | undefined;
  /** Problems already found (the extension's analysis); computed here when absent. */
  diagnostics?: readonly ShotDiagnostic[] | undefined;
  cache?: MediaCache | undefined;
  /** Look up the shot's cast (default true; false for a create-voice take, whose "shot" is a cast file). */
  castLookup?: boolean;
  /** The text of a cast file open in an editor. */
  castTextOf?: CastLookupOptions['textOf'];
}

export type Prepared =
  | { ok: true; shot: PreparedShot; warnings: ShotDiagnostic[] }
  /** `errors`: the shot's diagnostics that refuse it; `problems`: other refusals in words (media outside the roots…). */
  | { ok: false; errors: ShotDiagnostic[]; warnings: ShotDiagnostic[]; problems: string[] };

export async function prepareShot(input: PrepareInput): Promise<Prepared> {
  const cache = input.cache ?? createMediaCache();
  const own = analyzeShot(input.text);
  const roots = await realRoots(input.roots);
  const ctx = { shotFilePath: input.shotFile, workspaceFolders: roots, files: nodeFileAccess, cache };
  const cast =
    input.castLookup === false
      ? undefined
      : await applyCast(own, input.shotFile, roots, { remember: true, ...(input.castTextOf && { textOf: input.castTextOf }) });
  // What is sent: the shot's body, or the one the cast builder made from it.
  const analysis = cast?.sent ?? own;
  const castDiagnostics = cast ? [...cast.diagnostics, ...(await memberMediaDiagnostics(own, cast, ctx))] : [];
  const given = input.diagnostics ?? [...own.diagnostics, ...(await checkMedia(own, ctx))];
  const seen = new Set(given.map(d => `${d.code}@${d.offset}:${d.message}`));
  const diagnostics = [...given, ...castDiagnostics.filter(d => !seen.has(`${d.code}@${d.offset}:${d.message}`))].sort(
    (a, b) => a.offset - b.offset,
  );
  const errors = diagnostics.filter(d => d.severity === 'error');
  const warnings = diagnostics.filter(d => d.severity === 'warning');
  const problems: string[] = [...(cast?.problems ?? [])];
  if (!analysis.body && !errors.length) problems.push(l10n.t('the file is not a JSON object.'));
  const localMedia: LocalMediaFile[] = [];
  const local = analysis.mediaRefs.filter(m => m.isLocal);
  if (local.length && !roots.length) problems.push(input.noRoots ?? l10n.t('no folder is given that local media may come from.'));
  for (const ref of roots.length ? local : []) {
    const file = resolve(dirname(input.shotFile), ref.value);
    const where = ref.path.join('.');
    const shown = pathAsWritten(ref.value);
    const c = await checkInside(file, roots);
    if (!c.inside) {
      problems.push(
        c.reason === 'missing'
          ? l10n.t('{0} ({1}) does not exist.', shown, where)
          : l10n.t(
              '{0} ({1}) resolves to {2}, outside {3}: only files inside are uploaded.',
              shown,
              where,
              c.realPath,
              input.rootsText ?? roots.join(', '),
            ),
      );
      continue;
    }
    try {
      const { handle, realPath } = await openInside(file, roots);
      try {
        localMedia.push({ ref, path: ref.path, file, realPath, sha256: await sha256OfHandle(handle) });
      } finally {
        await handle.close();
      }
    } catch (e) {
      problems.push(l10n.t('{0} ({1}): {2}', shown, where, errorText(e)));
    }
  }
  if (errors.length || problems.length || !analysis.body) return { ok: false, errors, warnings, problems };
  const video = localMedia.find(m => m.ref.role === 'video');
  const videoSeconds = video ? await videoSecondsOf(video.realPath, nodeFileAccess, cache) : undefined;
  const price = priceTake(analysis.endpoint, analysis.body, { provider: input.provider, prices: input.prices, videoSeconds });
  const hashes = Object.fromEntries(localMedia.map(m => [m.ref.value, m.sha256]));
  return {
    ok: true,
    warnings,
    shot: {
      shotFile: input.shotFile,
      endpoint: analysis.endpoint,
      endpointId: analysis.endpoint.id,
      body: analysis.body,
      mediaRefs: analysis.mediaRefs,
      localMedia,
      roots,
      price,
      requestKey: requestKey(analysis.endpoint.id, analysis.body, hashes),
      outputDir: input.outputDir,
      voicesNeeded: cast?.voicesNeeded ?? [],
    },
  };
}
