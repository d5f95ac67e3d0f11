// fal's live prices in the extension: read once a window opens on fal (from fal's Platform API, or
// the cache in the extension's global storage when it is fresh or fal cannot be reached; src/takes
// price-cache.ts decides), then every estimate made with configuredPrices() uses them and says so.
// Only a connection to fal's own queue asks fal's Platform API: another queue (a proxy, a test
// server) or the simulator keeps the built-in prices, labelled as such.
import * as vscode from 'vscode';
import { ENDPOINT_IDS, type LivePrice } from '../../core';
import { livePrices } from '../../takes/price-cache';
import { loadClient } from '../lazy-bundles';

let current: readonly LivePrice[] = [];

/** The live prices read in this window (none before the first read ends, or without fal). */
export function currentLivePrices(): readonly LivePrice[] {
  return current;
}

export async function refreshLivePrices(o: {
  storageDir: vscode.Uri;
  queueUrl: string;
  credentials: () => Promise<string | undefined>;
  proxy?: string;
  log: { warn(m: string): void };
}): Promise<void> {
  const m = await loadClient();
  if (o.queueUrl.replace(/\/+$/, '') !== m.DEFAULT_QUEUE_URL) return;
  const key = await o.credentials();
  const client = m.createPlatformClient({ credentials: () => key, ...(o.proxy && { proxy: o.proxy }) });
  try {
    const live = await livePrices(ENDPOINT_IDS, {
      file: vscode.Uri.joinPath(o.storageDir, 'prices.json').fsPath,
      origin: client.platformUrl,
      ...(key && { read: ids => client.prices(ids) }),
    });
    if (live.problem !== undefined) o.log.warn(`live prices not read: ${live.problem}`);
    current = live.prices;
  } finally {
    await client.close();
  }
}
