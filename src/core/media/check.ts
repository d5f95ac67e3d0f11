// Asynchronous media checks for local files: exists, inside a workspace folder after resolving
// symlinks (so a shot file cannot make us upload ~/.ssh), size, image dimensions and aspect,
// video duration and dimensions. https: URLs are not fetched (no network in the core).
import * as nodePath from 'node:path';
import { LineMap, parseDocument } from '../parse';
import { spanOfPath } from '../diagnostics';
import type { MediaRef, ShotAnalysis, ShotDiagnostic, Severity } from '../types';
import type { FileAccess } from './files';
import { createMediaCache, mediaCacheKey, type MediaCache } from './cache';
import { probeImage, probeVideo, type MediaProbe } from './probe';
import * as L from './limits';

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
  severity: Severity;
  code: string;
  message: string;
  data?: unknown;
}

const MB = 1024 * 1024;
const fmtMB = (n: number) => `${(n / MB).toFixed(1)} MB`;
const fmtS = (n: number) => `${Math.round(n * 100) / 100} s`;

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
): Promise<MediaFinding[]> {
  const shown = ref.value;
  const abs = nodePath.resolve(nodePath.dirname(ctx.shotFilePath), ref.value);
  const stat = await ctx.files.stat(abs);
  if (!stat)
    return [
      {
        ref,
        severity: 'error',
        code: 'kling.media-missing',
        message: `File not found: ${shown} (looked for ${abs}).`,
        data: { resolved: abs },
      },
    ];
  if (!stat.isFile)
    return [{ ref, severity: 'error', code: 'kling.media-missing', message: `${shown} is not a file.`, data: { resolved: abs } }];
  const real = await realOrResolved(ctx.files, abs);
  if (!roots.some(r => isInside(r, real))) {
    return [
      {
        ref,
        severity: 'error',
        code: 'kling.media-outside-workspace',
        message: `${shown} resolves to ${real}, outside the workspace folder${roots.length > 1 ? 's' : ''}; only files inside the workspace are uploaded.`,
        data: { resolved: real },
      },
    ];
  }
  const max = ref.kind === 'image' ? L.IMAGE_MAX_BYTES : L.VIDEO_MAX_BYTES;
  const out: MediaFinding[] = [];
  if (stat.size > max) {
    out.push({
      ref,
      severity: 'error',
      code: 'kling.media-size',
      message: `${shown} is ${fmtMB(stat.size)}; ${ref.kind === 'image' ? 'images' : 'videos'} may be at most ${fmtMB(max)}.`,
      data: { size: stat.size, max },
    });
    return out;
  }
  const key = mediaCacheKey(real, stat.mtimeMs, stat.size, ref.kind);
  let probe = cache.get(key);
  if (!probe) {
    let p = inflight.get(key);
    if (!p) {
      p = (ref.kind === 'image' ? probeImage(ctx.files, real, stat.size) : probeVideo(ctx.files, real, stat.size)).catch(
        (err: unknown): MediaProbe => ({ kind: 'unreadable', message: err instanceof Error ? err.message : String(err) }),
      );
      inflight.set(key, p);
    }
    probe = await p;
    cache.set(key, probe);
  }
  if (probe.kind === 'unreadable') {
    out.push({
      ref,
      severity: 'warning',
      code: 'kling.media-unreadable',
      message: `${shown}: ${probe.message}; its limits could not be checked.`,
    });
    return out;
  }
  if (probe.kind === 'image') {
    const { width: w, height: h } = probe;
    if (w < L.IMAGE_MIN_SIDE || h < L.IMAGE_MIN_SIDE) {
      out.push({
        ref,
        severity: 'error',
        code: 'kling.image-dimensions',
        message: `${shown} is ${w}×${h} px; images must be at least ${L.IMAGE_MIN_SIDE}×${L.IMAGE_MIN_SIDE} px.`,
        data: { width: w, height: h },
      });
    }
    const ar = w / h;
    if (ar < L.IMAGE_MIN_ASPECT || ar > L.IMAGE_MAX_ASPECT) {
      out.push({
        ref,
        severity: 'error',
        code: 'kling.image-aspect',
        message: `${shown} has aspect ratio ${ar.toFixed(2)} (${w}×${h}); allowed ${L.IMAGE_MIN_ASPECT}–${L.IMAGE_MAX_ASPECT} (width / height).`,
        data: { width: w, height: h },
      });
    }
    if (!L.IMAGE_TYPES.has(probe.type)) {
      out.push({
        ref,
        severity: 'warning',
        code: 'kling.image-format',
        message: `${shown} is ${probe.type.toUpperCase()}; use JPEG, PNG or WebP.`,
      });
    }
    return out;
  }
  if (probe.kind === 'video') {
    const d = probe.duration;
    if (ref.role === 'element_video') {
      if (d < L.ELEMENT_VIDEO_MIN_SECONDS || d > L.ELEMENT_VIDEO_MAX_SECONDS) {
        out.push({
          ref,
          severity: 'error',
          code: 'kling.video-duration',
          message: `${shown} is ${fmtS(d)} long; an element video must be 3–10 s.`,
          data: { duration: d },
        });
      }
      const { width: w, height: h } = probe;
      if (w !== undefined && h !== undefined && (Math.min(w, h) < L.ELEMENT_VIDEO_MIN_SIDE || Math.max(w, h) > L.ELEMENT_VIDEO_MAX_SIDE)) {
        out.push({
          ref,
          severity: 'error',
          code: 'kling.video-dimensions',
          message: `${shown} is ${w}×${h} px; an element video's width and height must be ${L.ELEMENT_VIDEO_MIN_SIDE}–${L.ELEMENT_VIDEO_MAX_SIDE} px.`,
          data: { width: w, height: h },
        });
      }
    } else if (ref.role === 'video') {
      const o = orientation === 'image' || orientation === 'video' ? orientation : undefined;
      const limit = L.MOTION_VIDEO_MAX_SECONDS[o ?? 'video'];
      if (d > limit) {
        out.push({
          ref,
          severity: 'error',
          code: 'kling.video-duration',
          message:
            o === 'image'
              ? `${shown} is ${fmtS(d)} long; with character_orientation "image" the reference video may be at most 10 s ("video" allows 30 s).`
              : `${shown} is ${fmtS(d)} long; the motion reference video may be at most 30 s (10 s with orientation "image").`,
          data: { duration: d, max: limit },
        });
      }
    }
  }
  return out;
}

/** Raw findings (no source ranges), e.g. for the CLI or the uploader. */
export async function checkMediaRefs(analysis: ShotAnalysis, ctx: MediaContext): Promise<MediaFinding[]> {
  const refs = analysis.mediaRefs.filter(r => r.isLocal);
  if (refs.length === 0) return [];
  const cache = ctx.cache ?? createMediaCache();
  const folders = ctx.workspaceFolders.length ? ctx.workspaceFolders : [nodePath.dirname(ctx.shotFilePath)];
  const roots = await Promise.all(folders.map(f => realOrResolved(ctx.files, f)));
  const orientation = analysis.body?.character_orientation;
  const inflight = new Map<string, Promise<MediaProbe>>();
  const findings: MediaFinding[] = [];
  // A few at a time: shot files reference a handful of files, and the machine is shared.
  const queue = [...refs];
  const worker = async () => {
    for (let ref = queue.shift(); ref; ref = queue.shift()) {
      try {
        findings.push(...(await checkRef(ref, ctx, roots, cache, orientation, inflight)));
      } catch (err) {
        findings.push({
          ref,
          severity: 'warning',
          code: 'kling.media-unreadable',
          message: `${ref.value}: ${err instanceof Error ? err.message : String(err)}`,
        });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, refs.length) }, worker));
  return findings;
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
