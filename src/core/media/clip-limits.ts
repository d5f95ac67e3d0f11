// Limits a registry entry sets on one input clip (a video-to-video input, a voice sample): length,
// and for a video its sides. Beyond the entry's `soft` figures (stricter ones fal's prose still
// states) is a warning that says why; beyond the hard ones, an error.
import * as l10n from '@vscode/l10n';
import type { DiagnosticCode } from '../codes';
import type { MediaRef } from '../types';
import type { MediaProbe } from './probe';

export interface ClipFinding {
  ref: MediaRef;
  code: DiagnosticCode;
  message: string;
  data?: unknown;
}

const fmtS = (n: number) => String(Math.round(n * 100) / 100);
// Container rounding puts a 10 s clip at 10.02 s; only a clear miss of a length limit is reported.
const SLACK_S = 0.05;

export function clipFindings(ref: MediaRef, probe: Extract<MediaProbe, { kind: 'video' } | { kind: 'audio' }>): ClipFinding[] {
  const L = ref.limits;
  if (!L) return [];
  const shown = ref.value;
  const out: ClipFinding[] = [];
  const d = probe.duration;
  const audio = ref.kind === 'audio';
  if (d !== undefined && (d < L.minSeconds - SLACK_S || d > L.maxSeconds + SLACK_S)) {
    out.push({
      ref,
      code: audio ? 'kling.audio-duration' : 'kling.video-duration',
      message: audio
        ? l10n.t(
            '{0} is {1} s long; a voice sample must be {2}–{3} s of clean, single-voice speech.',
            shown,
            fmtS(d),
            L.minSeconds,
            L.maxSeconds,
          )
        : l10n.t('{0} is {1} s long; this input video must be {2}–{3} s.', shown, fmtS(d), L.minSeconds, L.maxSeconds),
      data: { duration: d, min: L.minSeconds, max: L.maxSeconds },
    });
  } else if (d !== undefined && L.soft && d > L.soft.maxSeconds + SLACK_S) {
    out.push({
      ref,
      code: 'kling.video-prose-limit',
      message: l10n.t(
        "{0} is {1} s long: fal's schema allows up to {2} s, but its model page still says {3} s at most, so a longer video may be refused.",
        shown,
        fmtS(d),
        L.maxSeconds,
        L.soft.maxSeconds,
      ),
      data: { duration: d },
    });
  }
  if (probe.kind !== 'video' || probe.width === undefined || probe.height === undefined) return out;
  const short = Math.min(probe.width, probe.height);
  const long = Math.max(probe.width, probe.height);
  const { width: w, height: h } = probe;
  if ((L.minSide !== undefined && short < L.minSide) || (L.maxSide !== undefined && long > L.maxSide)) {
    out.push({
      ref,
      code: 'kling.video-dimensions',
      message: l10n.t("{0} is {1}×{2} px; this input video's sides must be {3}–{4} px.", shown, w, h, L.minSide ?? 0, L.maxSide ?? '∞'),
      data: { width: w, height: h },
    });
  } else if (L.soft && long > L.soft.maxSide) {
    out.push({
      ref,
      code: 'kling.video-prose-limit',
      message: l10n.t(
        "{0} is {1}×{2} px: fal's schema allows sides up to {3} px, but its model page still says {4} px at most, so a larger video may be refused.",
        shown,
        w,
        h,
        L.maxSide ?? '∞',
        L.soft.maxSide,
      ),
      data: { width: w, height: h },
    });
  }
  return out;
}
