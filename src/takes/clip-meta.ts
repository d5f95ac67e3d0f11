// What an exported timeline says of each clip: the prompt, endpoint and id of the take it is, read
// from the take record (the sequence report only carries the facts that pick a take).
import { promptTexts } from '../core';
import type { ClipMeta } from '../media/assemble/timeline-shot';
import { readTakeRecord } from './store';

/**
 * The take's metadata for the timelines. A record that cannot be read now (it was read a moment ago
 * to pick the take) gives none: the cut and its timelines are still right without it.
 */
export async function takeClipMeta(recordPath: string, roots: readonly string[]): Promise<ClipMeta> {
  try {
    const rec = await readTakeRecord(recordPath, { roots });
    // A multi-shot take's prompts, one line each, in order.
    const prompt = promptTexts(rec.body)
      .map(p => p.text)
      .join('\n');
    return { ...(prompt !== '' && { prompt }), endpointId: rec.endpointId, takeId: rec.id };
  } catch {
    return {};
  }
}
