// The create-voice takes a run needs before its shots: one per distinct sample, prepared like a
// shot (the sample's media checks, boundary, hash, price and request key) with the cast file
// standing for the shot, so the take session plans, reserves, journals and resumes them as any take.
import * as l10n from '@vscode/l10n';
import type { PriceTable } from '../core';
import { CREATE_VOICE, type VoiceNeed } from './cast-voices';
import { prepareShot, type PreparedShot, type Prepared } from './prepare';
import type { Provider } from './price';
import { outputDirFor } from './store';

/** The create-voice take of a need; its records go to the output folder beside the cast file. */
export function prepareVoice(
  need: VoiceNeed,
  o: { roots: readonly string[]; rootsText?: string; provider: Provider; prices?: PriceTable | undefined },
): Promise<Prepared> {
  return prepareShot({
    shotFile: need.member.file,
    text: JSON.stringify({ endpoint: CREATE_VOICE, voice_url: need.member.voice_url }),
    roots: o.roots,
    ...(o.rootsText !== undefined && { rootsText: o.rootsText }),
    outputDir: outputDirFor(need.member.file, undefined),
    provider: o.provider,
    prices: o.prices,
    castLookup: false,
  });
}

/** The distinct voices a set of prepared shots still needs (one per sample, whichever shots share it). */
export function voicesNeeded(shots: readonly PreparedShot[]): VoiceNeed[] {
  const byKey = new Map<string, VoiceNeed>();
  for (const s of shots) for (const n of s.voicesNeeded) if (!byKey.has(n.key)) byKey.set(n.key, n);
  return [...byKey.values()];
}

/** Why a voice could not be made, naming the member and its cast file. */
export function voiceFailure(need: VoiceNeed, why: string): string {
  return l10n.t('the voice of {0} ({1}) was not made: {2}', need.member.name, need.member.file, why);
}
