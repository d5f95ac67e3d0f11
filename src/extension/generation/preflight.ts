import * as vscode from 'vscode';
import { dirname } from 'node:path';
import type { CostEstimate, MediaRef, ShotDiagnostic } from '../../core';
import { prepareShot as prepareTake, type PreparedShot as TakeShot, type Provider } from '../../takes';
import type { ShotAnalysisService } from '../analysis/shot-analysis-service';
import { mediaCache } from '../analysis/media-checks';
import { isShotDocument } from '../analysis/shot-documents';
import { configuredPrices } from '../common/prices';
import { settleTyping } from '../common/typing-holds';
import { outputDirOf, workspaceRoots } from '../common/take-index';
import { shotName } from '../common/shot-name';
import { errorText } from '../../core';

/** A shot as the take session prepared it, with what the VS Code face shows of it. */
export interface PreparedShot {
  shotUri: vscode.Uri;
  shotName: string;
  text: string;
  /** The take session's preparation: what Generate plans and runs. */
  take: TakeShot;
  endpointId: string;
  body: Record<string, unknown>;
  mediaRefs: MediaRef[];
  /** The estimate at fal's prices (also on the simulator, where the take itself costs nothing). */
  cost: CostEstimate | undefined;
  outputDir: string;
}

export type Refusal = { refused: string; diagnostics?: readonly ShotDiagnostic[] };

export function isRefusal(p: PreparedShot | Refusal): p is Refusal {
  return 'refused' in p;
}

/**
 * Everything before asking the user, from the take session's prepare: the analysis service's
 * diagnostics (sync rules and media checks; fal's own earlier 422s do not block), local media
 * inside the workspace, the price. The same preparation `kling generate` makes.
 */
export async function prepareShot(uri: vscode.Uri, analyses: ShotAnalysisService, provider: Provider): Promise<PreparedShot | Refusal> {
  const name = shotName(uri);
  if (uri.scheme !== 'file') {
    return { refused: vscode.l10n.t('{0}: only shot files on disk can be generated.', name) };
  }
  let doc: vscode.TextDocument;
  try {
    doc = await vscode.workspace.openTextDocument(uri);
  } catch (e) {
    return { refused: `${name}: ${errorText(e)}` };
  }
  // Ctrl/Cmd+Enter right after typing: the prompt the shot editor still holds goes in first.
  await settleTyping(uri);
  if (!isShotDocument(doc)) {
    return { refused: vscode.l10n.t('{0} is not a shot file (*.kling.json).', name) };
  }
  const state = await analyses.getComplete(doc);
  // fal's own errors from an earlier submit stay listed until the file changes; they do not block
  // a retry (fal may have been wrong, or the fix may be elsewhere), only our own rules do.
  const diagnostics = state.diagnostics.filter(d => !d.code.startsWith('kling.fal-'));
  const folders = workspaceRoots();
  const outputDir = outputDirOf(uri);
  const p = await prepareTake({
    shotFile: uri.fsPath,
    text: doc.getText(),
    roots: folders.length ? folders : [dirname(uri.fsPath)],
    rootsText: vscode.l10n.t('the workspace'),
    outputDir,
    provider,
    prices: configuredPrices(),
    diagnostics,
    cache: mediaCache,
    castTextOf: f => analyses.castText(f),
  });
  if (!p.ok) {
    const errors = p.errors;
    if (errors.length) {
      const named = errors
        .slice(0, 3)
        .map(d => vscode.l10n.t('line {0}: {1}', d.range.start.line + 1, d.message))
        .join('; ');
      const list = `${named}${errors.length > 3 ? '; …' : ''}`;
      return {
        refused:
          errors.length === 1
            ? vscode.l10n.t('{0} has 1 error: {1}', name, list)
            : vscode.l10n.t('{0} has {1} errors: {2}', name, errors.length, list),
        diagnostics: errors,
      };
    }
    return { refused: `${name}: ${p.problems.join(' ')}` };
  }
  return {
    shotUri: uri,
    shotName: name,
    text: doc.getText(),
    take: p.shot,
    endpointId: p.shot.endpointId,
    body: p.shot.body,
    mediaRefs: p.shot.mediaRefs,
    cost: p.shot.price.atFal,
    outputDir,
  };
}
