import * as vscode from 'vscode';
import { DEFAULT_PRICES, type PriceTable, type ShotAnalysis, type TierPrice } from '../../core';
import { priceTake } from '../../takes/price';
import type { CostView } from '../../shared/messages';
import { videoSecondsInside } from './media-boundary';
import { resolveMediaUri } from './media-views';
import { getSetting } from '../settings/settings';

/**
 * `klingStudio.prices` overrides DEFAULT_PRICES per endpoint kind and tier (fal changes prices;
 * the defaults are fal's published later-2026 figures). Malformed entries and unknown kinds are ignored.
 */
export function configuredPrices(): PriceTable {
  const perSecond: Record<string, Record<string, TierPrice>> = {};
  for (const [kind, tiers] of Object.entries(DEFAULT_PRICES.perSecond)) {
    perSecond[kind] = { ...tiers };
  }
  let changed = false;
  for (const [kind, tiers] of Object.entries(getSetting('prices'))) {
    // Own keys only: a kind named `__proto__` must not reach Object.prototype.
    if (!Object.hasOwn(perSecond, kind)) {
      continue;
    }
    Object.assign(perSecond[kind]!, tiers);
    changed = true;
  }
  return changed
    ? ({ currency: 'USD', source: vscode.l10n.t('your klingStudio.prices setting'), perSecond } as PriceTable)
    : DEFAULT_PRICES;
}

/** The last known length of each motion-control reference video, by the path the shot file names. */
const videoSeconds = new Map<string, number>();

/** The workspace folders on disk: the roots of the one workspace boundary (client/boundary.ts). */
export function workspaceRoots(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter(f => f.uri.scheme === 'file').map(f => f.uri.fsPath);
}

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
  return c ? { usd: c.usd, seconds: c.seconds, perSecond: c.perSecond, audio: c.audio, source: prices.source, simulated } : null;
}
