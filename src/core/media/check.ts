// Asynchronous media checks for local files: exists, inside a workspace folder after resolving
// symlinks (so a shot file cannot make us upload ~/.ssh), size, that the file is what its field
// takes (JPEG/PNG/WebP image, a video track), image dimensions and aspect, video duration,
// dimensions and frame rate. https: URLs are not fetched (no network in the core).
import * as l10n from '@vscode/l10n';
import * as nodePath from 'node:path';
import { LineMap, parseDocument } from '../parse';
import { spanOfPath } from '../diagnostics';
import type { MediaRef, ShotAnalysis, ShotDiagnostic, Severity } from '../types';
import type { FileAccess } from './files';
import { createMediaCache, mediaCacheKey, type MediaCache } from './cache';
import { probeAudio, probeImage, probeVideo, type MediaProbe } from './probe';
import { clipFindings } from './clip-limits';
import { imageTypeName } from './sniff';
import * as L from './limits';
import { severityOf, type DiagnosticCode } from '../codes';
import { pathAsWritten } from '../path-text';
import { errorText } from '../error-text';

type Finding = Omit<MediaFinding, 'severity'>;

export interface MediaContext {
  /** Absolute path of the shot file; relative media paths resolve against its folder. */
  shotFilePath: string;
  /** Absolute workspace folder paths; when empty, the shot file's own folder is the boundary. */
  workspaceFolders: string[];
  files: FileAccess;
  cache?: MediaCache;
}

export interface MediaFinding {
  ref: MediaRef;
  /** From the code (codes.ts). */
  severity: Severity;
  code: DiagnosticCode;
  message: string;
  data?: unknown;
}

const MB = 1024 * 1024;
// Numbers only: the units stay in the translated messages.
const fmtMB = (n: number) => (n / MB).toFixed(1);
const fmtS = (n: number) => String(Math.round(n * 100) / 100);

/** Whether `file` is `folder` or below it (both already resolved). */
export function isInside(folder: string, file: string): boolean {
  const rel = nodePath.relative(folder, file);
  return rel === '' || (!rel.startsWith('..') && !nodePath.isAbsolute(rel));
}

async function realOrResolved(files: FileAccess, p: string): Promise<string> {
  try {
    return await files.realpath(p);
  } catch {
    return nodePath.resolve(p);
  }
}

async function checkRef(
  ref: MediaRef,
  ctx: MediaContext,
  roots: string[],
  cache: MediaCache,
  orientation: unknown,
  inflight: Map<string, Promise<MediaProbe>>,
): Promise<Finding[]> {
  // As written in the shot file: a NUL or a line break is shown as its escape, never lost or obeyed.
  const shown = pathAsWritten(ref.value);
  const abs = nodePath.resolve(nodePath.dirname(ctx.shotFilePath), ref.value);
  // A NUL cannot be in a file name: no file has that path.
  const stat = ref.value.includes('\0') ? undefined : await ctx.files.stat(abs);
  if (!stat)
    return [
      {
        ref,
        code: 'kling.media-missing',
        message: l10n.t('File not found: {0} (looked for {1}).', shown, pathAsWritten(abs)),
        data: { resolved: abs },
      },
    ];
  if (!stat.isFile) return [{ ref, code: 'kling.media-missing', message: l10n.t('{0} is not a file.', shown), data: { resolved: abs } }];
  const real = await realOrResolved(ctx.files, abs);
  if (!roots.some(r => isInside(r, real))) {
    return [
      {
        ref,
        code: 'kling.media-outside-workspace',
        message:
          roots.length > 1
            ? l10n.t('{0} resolves to {1}, outside the workspace folders; only files inside the workspace are uploaded.', shown, real)
            : l10n.t('{0} resolves to {1}, outside the workspace folder; only files inside the workspace are uploaded.', shown, real),
        data: { resolved: real },
      },
    ];
  }
  if (stat.size === 0) {
    return [
      {
        ref,
        code: 'kling.media-empty',
        message:
          ref.kind === 'image'
            ? l10n.t('{0} is an empty file (0 bytes); it must be a JPEG, PNG or WebP image.', shown)
            : ref.kind === 'audio'
              ? l10n.t('{0} is an empty file (0 bytes); it must be an audio clip (MP3 or WAV) or a video with sound.', shown)
              : l10n.t('{0} is an empty file (0 bytes); it must be a video.', shown),
        data: { what: l10n.t('an empty file') },
      },
    ];
  }
  const max = ref.limits?.maxBytes ?? (ref.kind === 'image' ? L.IMAGE_MAX_BYTES : L.VIDEO_MAX_BYTES);
  if (stat.size > max) {
    return [
      {
        ref,
        code: 'kling.media-size',
        message:
          ref.kind === 'image'
            ? l10n.t('{0} is {1} MB; images may be at most {2} MB.', shown, fmtMB(stat.size), fmtMB(max))
            : ref.kind === 'audio'
              ? l10n.t('{0} is {1} MB; a voice sample may be at most {2} MB.', shown, fmtMB(stat.size), fmtMB(max))
              : l10n.t('{0} is {1} MB; videos may be at most {2} MB.', shown, fmtMB(stat.size), fmtMB(max)),
        data: { size: stat.size, max },
      },
    ];
  }
  const key = mediaCacheKey(real, stat.mtimeMs, stat.size, ref.kind);
  let probe = cache.get(key);
  if (!probe) {
    let p = inflight.get(key);
    if (!p) {
      const probeOf = ref.kind === 'image' ? probeImage : ref.kind === 'audio' ? probeAudio : probeVideo;
      p = probeOf(ctx.files, real, stat.size).catch((err: unknown): MediaProbe => ({ kind: 'unreadable', message: errorText(err) }));
      inflight.set(key, p);
    }
    probe = await p;
    cache.set(key, probe);
  }
  switch (probe.kind) {
    case 'empty':
      return [
        {
          ref,
          code: 'kling.media-empty',
          message: l10n.t('{0} is an empty file (0 bytes).', shown),
          data: { what: l10n.t('an empty file') },
        },
      ];
    case 'unreadable':
      return [
        {
          ref,
          code: 'kling.media-unreadable',
          message: l10n.t('{0} could not be read ({1}); its limits were not checked.', shown, probe.message),
        },
      ];
    case 'wrong-type':
      if (ref.kind === 'audio') {
        return [
          {
            ref,
            code: 'kling.audio-format',
            message: l10n.t('{0} is {1}; a voice sample is an MP3 or WAV clip, or an MP4 or MOV video with sound.', shown, probe.what),
            data: { what: probe.what },
          },
        ];
      }
      return ref.kind === 'image'
        ? [
            {
              ref,
              code: 'kling.image-format',
              message: l10n.t('{0} is {1}; this field takes a JPEG, PNG or WebP image.', shown, probe.what),
              data: { what: probe.what },
            },
          ]
        : [
            {
              ref,
              code: 'kling.video-format',
              message: l10n.t('{0} is {1}; this field takes a video (MP4 or MOV).', shown, probe.what),
              data: { what: probe.what },
            },
          ];
    case 'image':
      return imageFindings(ref, probe);
    case 'video':
      return ref.role === 'source_video' ? clipFindings(ref, probe) : videoFindings(ref, probe, orientation);
    case 'audio':
      return clipFindings(ref, probe);
  }
}

function imageFindings(ref: MediaRef, probe: Extract<MediaProbe, { kind: 'image' }>): Finding[] {
  const shown = ref.value;
  const { width: w, height: h } = probe;
  if (!L.IMAGE_TYPES.has(probe.type)) {
    const what = imageTypeName(probe.type);
    return [
      {
        ref,
        code: 'kling.image-format',
        message: l10n.t('{0} is {1}; this field takes a JPEG, PNG or WebP image.', shown, what),
        data: { what },
      },
    ];
  }
  const out: Finding[] = [];
  if (w < L.IMAGE_MIN_SIDE || h < L.IMAGE_MIN_SIDE) {
    out.push({
      ref,
      code: 'kling.image-dimensions',
      message: l10n.t('{0} is {1}×{2} px; images must be at least {3}×{3} px.', shown, w, h, L.IMAGE_MIN_SIDE),
      data: { width: w, height: h },
    });
  }
  const ar = w / h;
  if (ar < L.IMAGE_MIN_ASPECT || ar > L.IMAGE_MAX_ASPECT) {
    out.push({
      ref,
      code: 'kling.image-aspect',
      message: l10n.t(
        '{0} has aspect ratio {1} ({2}×{3}); allowed {4}–{5} (width / height).',
        shown,
        ar.toFixed(2),
        w,
        h,
        L.IMAGE_MIN_ASPECT,
        L.IMAGE_MAX_ASPECT,
      ),
      data: { width: w, height: h },
    });
  }
  return out;
}

function videoFindings(ref: MediaRef, probe: Extract<MediaProbe, { kind: 'video' }>, orientation: unknown): Finding[] {
  const shown = ref.value;
  const out: Finding[] = [];
  const d = probe.duration;
  if (ref.role === 'element_video') {
    if (d < L.ELEMENT_VIDEO_MIN_SECONDS || d > L.ELEMENT_VIDEO_MAX_SECONDS) {
      out.push({
        ref,
        code: 'kling.video-duration',
        message: l10n.t('{0} is {1} s long; an element video must be 3–10 s.', shown, fmtS(d)),
        data: { duration: d },
      });
    }
    const { width: w, height: h, fps } = probe;
    if (w !== undefined && h !== undefined && (Math.min(w, h) < L.ELEMENT_VIDEO_MIN_SIDE || Math.max(w, h) > L.ELEMENT_VIDEO_MAX_SIDE)) {
      out.push({
        ref,
        code: 'kling.video-dimensions',
        message: l10n.t(
          "{0} is {1}×{2} px; an element video's width and height must be {3}–{4} px.",
          shown,
          w,
          h,
          L.ELEMENT_VIDEO_MIN_SIDE,
          L.ELEMENT_VIDEO_MAX_SIDE,
        ),
        data: { width: w, height: h },
      });
    }
    // Container rounding puts a 24 fps clip at 23.98; only a clear miss is reported.
    if (fps !== undefined && (fps < L.ELEMENT_VIDEO_MIN_FPS - 0.5 || fps > L.ELEMENT_VIDEO_MAX_FPS + 0.5)) {
      out.push({
        ref,
        code: 'kling.video-fps',
        message: l10n.t(
          '{0} plays at {1} fps; an element video must be {2}–{3} fps.',
          shown,
          Math.round(fps * 100) / 100,
          L.ELEMENT_VIDEO_MIN_FPS,
          L.ELEMENT_VIDEO_MAX_FPS,
        ),
        data: { fps },
      });
    }
  } else if (ref.role === 'video') {
    const o = orientation === 'image' || orientation === 'video' ? orientation : undefined;
    const limit = L.MOTION_VIDEO_MAX_SECONDS[o ?? 'video'];
    if (d < L.MOTION_VIDEO_MIN_SECONDS) {
      out.push({
        ref,
        code: 'kling.video-duration',
        message: l10n.t(
          '{0} is {1} s long; the motion reference video must be at least {2} s.',
          shown,
          fmtS(d),
          L.MOTION_VIDEO_MIN_SECONDS,
        ),
        data: { duration: d, min: L.MOTION_VIDEO_MIN_SECONDS },
      });
    } else if (d > limit) {
      out.push({
        ref,
        code: 'kling.video-duration',
        message:
          o === 'image'
            ? l10n.t(
                '{0} is {1} s long; with character_orientation "image" the reference video may be at most 10 s ("video" allows 30 s).',
                shown,
                fmtS(d),
              )
            : l10n.t('{0} is {1} s long; the motion reference video may be at most 30 s (10 s with orientation "image").', shown, fmtS(d)),
        data: { duration: d, max: limit },
      });
    }
  }
  return out;
}

/** Raw findings (no source ranges), e.g. for the CLI or the uploader. */
export async function checkMediaRefs(analysis: ShotAnalysis, ctx: MediaContext): Promise<MediaFinding[]> {
  // A file that does not parse shows its parse errors only (diagnostics.ts).
  if (analysis.diagnostics.some(d => d.code === 'kling.parse')) return [];
  const refs = analysis.mediaRefs.filter(r => r.isLocal);
  if (refs.length === 0) return [];
  const cache = ctx.cache ?? createMediaCache();
  const folders = ctx.workspaceFolders.length ? ctx.workspaceFolders : [nodePath.dirname(ctx.shotFilePath)];
  const roots = await Promise.all(folders.map(f => realOrResolved(ctx.files, f)));
  const orientation = analysis.body?.character_orientation;
  const inflight = new Map<string, Promise<MediaProbe>>();
  const findings: Finding[] = [];
  // A few at a time: shot files reference a handful of files, and the machine is shared.
  const queue = [...refs];
  const worker = async () => {
    for (let ref = queue.shift(); ref; ref = queue.shift()) {
      try {
        findings.push(...(await checkRef(ref, ctx, roots, cache, orientation, inflight)));
      } catch (err) {
        findings.push({
          ref,
          code: 'kling.media-unreadable',
          message: `${ref.value}: ${errorText(err)}`,
        });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, refs.length) }, worker));
  return findings.map(f => ({ ...f, severity: severityOf(f.code) }));
}

/** Media diagnostics with source ranges; never rejects. */
export async function checkMedia(analysis: ShotAnalysis, ctx: MediaContext): Promise<ShotDiagnostic[]> {
  let findings: MediaFinding[];
  try {
    findings = await checkMediaRefs(analysis, ctx);
  } catch {
    findings = [];
  }
  if (findings.length === 0) return [];
  const doc = parseDocument(analysis.text);
  const lines = new LineMap(analysis.text);
  return findings
    .map(f => {
      const span = spanOfPath(analysis.text, doc.tree, f.ref.path);
      const d: ShotDiagnostic = {
        severity: f.severity,
        code: f.code,
        message: f.message,
        path: f.ref.path,
        range: lines.range(span.offset, span.length),
        offset: span.offset,
        length: span.length,
      };
      if (f.data !== undefined) d.data = f.data;
      return d;
    })
    .sort((a, b) => a.offset - b.offset);
}
