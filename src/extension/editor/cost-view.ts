import * as vscode from 'vscode';
import { DEFAULT_PRICES, estimateCost, nodeFileAccess, probeVideo, type PriceTable, type ShotAnalysis } from '../../core';
import type { CostView } from '../../shared/messages';
import { resolveMediaUri } from './media-views';

/**
 * `klingStudio.prices` overrides DEFAULT_PRICES per endpoint kind and tier (fal changes prices;
 * the defaults are fal's published later-2026 figures). Malformed entries are ignored.
 */
export function configuredPrices(): PriceTable {
  const raw = vscode.workspace.getConfiguration('klingStudio').get<unknown>('prices');
  if (typeof raw !== 'object' || raw === null) {
    return DEFAULT_PRICES;
  }
  const perSecond: Record<string, Record<string, unknown>> = {};
  for (const [kind, tiers] of Object.entries(DEFAULT_PRICES.perSecond)) {
    perSecond[kind] = { ...tiers };
  }
  let changed = false;
  for (const [kind, tiers] of Object.entries(raw as Record<string, unknown>)) {
    if (!perSecond[kind] || typeof tiers !== 'object' || tiers === null) {
      continue;
    }
    for (const [tier, p] of Object.entries(tiers as Record<string, unknown>)) {
      const price = p as Record<string, unknown>;
      if (typeof price?.audioOff !== 'number' || typeof price.audioOn !== 'number') {
        continue;
      }
      perSecond[kind]![tier] = {
        audioOff: price.audioOff,
        audioOn: price.audioOn,
        ...(typeof price.voice === 'number' ? { voice: price.voice } : {}),
      };
      changed = true;
    }
  }
  return changed ? ({ currency: 'USD', source: 'your klingStudio.prices setting', perSecond } as PriceTable) : DEFAULT_PRICES;
}

/** Lengths of motion-control reference videos (the output follows them), by path + mtime. */
const videoSeconds = new Map<string, number | null>();

function motionVideoSeconds(shotUri: vscode.Uri, analysis: ShotAnalysis, onProbed: () => void): number | undefined {
  const ref = analysis.mediaRefs.find(r => r.role === 'video' && r.isLocal);
  if (!ref || shotUri.scheme !== 'file') {
    return undefined;
  }
  const file = resolveMediaUri(shotUri, ref.value).fsPath;
  const known = [...videoSeconds.entries()].find(([k]) => k.startsWith(file + '\0'));
  void (async () => {
    const st = await nodeFileAccess.stat(file);
    if (!st?.isFile) {
      return;
    }
    const key = `${file}\0${st.mtimeMs}`;
    if (videoSeconds.has(key)) {
      return;
    }
    videoSeconds.set(key, null);
    const probe = await probeVideo(nodeFileAccess, file, st.size);
    videoSeconds.set(key, probe.kind === 'video' ? probe.duration : null);
    if (probe.kind === 'video') {
      onProbed();
    }
  })().catch(() => undefined);
  return known?.[1] ?? undefined;
}

export function costView(
  shotUri: vscode.Uri,
  analysis: ShotAnalysis,
  prices: PriceTable,
  onProbed: () => void,
  simulated = false,
): CostView | null {
  const options = analysis.endpoint.kind === 'motion-control' ? { videoSeconds: motionVideoSeconds(shotUri, analysis, onProbed) } : {};
  const c = estimateCost(analysis.endpoint, analysis.body, prices, options);
  return c ? { usd: c.usd, seconds: c.seconds, perSecond: c.perSecond, audio: c.audio, source: prices.source, simulated } : null;
}
