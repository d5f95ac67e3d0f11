import * as vscode from 'vscode';
import { stat } from 'node:fs/promises';
import { estimateCost, probeVideo, type CostEstimate, type MediaRef, type ShotDiagnostic } from '../../core';
import { nodeFileAccess } from '../../media/node-files';
import { sha256File } from '../../client';
import type { ShotAnalysisService } from '../analysis/shot-analysis-service';
import { isShotDocument } from '../analysis/shot-documents';
import { configuredPrices } from '../editor/cost-view';
import { settleTyping } from '../editor/typing-holds';
import { mediaRootsFor, MediaOutsideWorkspaceError, resolveLocalMedia, type LocalMedia } from './local-media';
import { outputDirOf } from '../takes/take-index';
import { requestFingerprint } from './request-fingerprint';

export interface PreparedShot {
  shotUri: vscode.Uri;
  shotName: string;
  text: string;
  endpointId: string;
  body: Record<string, unknown>;
  mediaRefs: MediaRef[];
  localMedia: LocalMedia[];
  /** Where local media must really be when it is uploaded (checked again from the opened file). */
  mediaRoots: string[];
  cost: CostEstimate | undefined;
  outputDir: string;
}

export type Refusal = { refused: string; diagnostics?: readonly ShotDiagnostic[] };

export function isRefusal(p: PreparedShot | Refusal): p is Refusal {
  return 'refused' in p;
}

/** Validation (sync rules + media checks), local media resolution, cost: everything before asking the user. */
export async function prepareShot(uri: vscode.Uri, analyses: ShotAnalysisService): Promise<PreparedShot | Refusal> {
  const shotName = uri.path.split('/').pop() ?? uri.toString();
  if (uri.scheme !== 'file') {
    return { refused: vscode.l10n.t('{0}: only shot files on disk can be generated.', shotName) };
  }
  let doc: vscode.TextDocument;
  try {
    doc = await vscode.workspace.openTextDocument(uri);
  } catch (e) {
    return { refused: `${shotName}: ${e instanceof Error ? e.message : String(e)}` };
  }
  // Ctrl/Cmd+Enter right after typing: the prompt the shot editor still holds goes in first.
  await settleTyping(uri);
  if (!isShotDocument(doc)) {
    return { refused: vscode.l10n.t('{0} is not a shot file (*.kling.json).', shotName) };
  }
  const state = await analyses.getComplete(doc);
  // fal's own errors from an earlier submit stay listed until the file changes; they do not block
  // a retry (fal may have been wrong, or the fix may be elsewhere), only our own rules do.
  const errors = state.diagnostics.filter(d => d.severity === 'error' && !d.code.startsWith('kling.fal-'));
  if (errors.length) {
    const named = errors
      .slice(0, 3)
      .map(d => vscode.l10n.t('line {0}: {1}', d.range.start.line + 1, d.message))
      .join('; ');
    const list = `${named}${errors.length > 3 ? '; …' : ''}`;
    return {
      refused:
        errors.length === 1
          ? vscode.l10n.t('{0} has 1 error: {1}', shotName, list)
          : vscode.l10n.t('{0} has {1} errors: {2}', shotName, errors.length, list),
      diagnostics: errors,
    };
  }
  const { analysis } = state;
  if (!analysis.body) {
    return { refused: vscode.l10n.t('{0}: the file is not a JSON object.', shotName) };
  }
  const folders = (vscode.workspace.workspaceFolders ?? []).filter(f => f.uri.scheme === 'file').map(f => f.uri.fsPath);
  let localMedia: LocalMedia[];
  try {
    localMedia = await resolveLocalMedia(uri.fsPath, analysis.mediaRefs, folders);
  } catch (e) {
    if (e instanceof MediaOutsideWorkspaceError) {
      return { refused: `${shotName}: ${e.message}` };
    }
    return { refused: `${shotName}: ${e instanceof Error ? e.message : String(e)}` };
  }
  const cost = estimateCost(analysis.endpoint, analysis.body, configuredPrices(), { ...(await motionVideoSeconds(localMedia)) });
  return {
    shotUri: uri,
    shotName,
    text: doc.getText(),
    endpointId: analysis.endpoint.id,
    body: analysis.body,
    mediaRefs: analysis.mediaRefs,
    localMedia,
    mediaRoots: await mediaRootsFor(uri.fsPath, folders),
    cost,
    outputDir: outputDirOf(uri),
  };
}

/** Motion-control output is as long as its reference video, so the price needs that length. */
async function motionVideoSeconds(media: LocalMedia[]): Promise<{ videoSeconds?: number }> {
  const video = media.find(m => m.ref.role === 'video');
  if (!video) {
    return {};
  }
  try {
    const probe = await probeVideo(nodeFileAccess, video.realPath, (await stat(video.realPath)).size);
    return probe.kind === 'video' ? { videoSeconds: probe.duration } : {};
  } catch {
    return {};
  }
}

/**
 * What makes two requests identical: endpoint, body and the bytes of every local file. Only
 * Generate needs it (hashing the media is the expensive part), so it is not part of prepareShot.
 */
export async function fingerprintOf(p: PreparedShot): Promise<string> {
  const mediaHashes: Record<string, string> = {};
  for (const m of p.localMedia) {
    mediaHashes[m.ref.value] = await sha256File(m.realPath);
  }
  return requestFingerprint(p.endpointId, p.body, mediaHashes);
}
