import * as vscode from 'vscode';
import { priceSourceText, type PriceTable, type ShotAnalysis } from '../../core';
import { priceTake } from '../../takes/price';
import type { CostView } from '../../shared/messages';
import { videoSecondsInside } from '../common/media-boundary';
import { resolveMediaUri } from '../common/media-views';
import { workspaceRoots } from '../common/take-index';

/** The last known length of each motion-control reference video, by the path the shot file names. */
const videoSeconds = new Map<string, number>();

function motionVideoSeconds(shotUri: vscode.Uri, analysis: ShotAnalysis, onProbed: () => void): number | undefined {
  const ref = analysis.mediaRefs.find(r => r.role === 'video' && r.isLocal);
  if (!ref || shotUri.scheme !== 'file') {
    return undefined;
  }
  const file = resolveMediaUri(shotUri, ref.value).fsPath;
  // A video outside the workspace (a link pointing out included) is never opened: the cost stays
  // the estimate without it, as the diagnostic on the field says.
  void videoSecondsInside(file, workspaceRoots())
    .then(found => {
      const before = videoSeconds.get(file);
      if (found) {
        videoSeconds.set(file, found.seconds);
      } else {
        videoSeconds.delete(file);
      }
      if (before !== videoSeconds.get(file)) {
        onProbed();
      }
    })
    .catch(() => undefined);
  return videoSeconds.get(file);
}

export function costView(
  shotUri: vscode.Uri,
  analysis: ShotAnalysis,
  prices: PriceTable,
  onProbed: () => void,
  simulated = false,
): CostView | null {
  const videoSeconds = analysis.endpoint.kind === 'motion-control' ? motionVideoSeconds(shotUri, analysis, onProbed) : undefined;
  // The take session's price rule, as Generate and `kling generate` price the take.
  const c = priceTake(analysis.endpoint, analysis.body, { provider: simulated ? 'simulator' : 'fal', prices, videoSeconds }).atFal;
  return c
    ? { usd: c.usd, seconds: c.seconds, perSecond: c.perSecond, audio: c.audio, source: priceSourceText(c.source), simulated }
    : null;
}
