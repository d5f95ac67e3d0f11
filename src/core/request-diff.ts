// What differs between the requests of two takes, for the compare view: the prompt word by word
// (jsdiff), every other setting side by side, and the media each sent. Pure: the takes' bodies in,
// plain data out.
import * as l10n from '@vscode/l10n';
import { diffWords } from 'diff';
import { collectMediaRefs } from './rules/media-refs';
import { lookupEndpoint } from './registry';
import type { JsonPath } from './types';

export interface PromptPart {
  text: string;
  /** In the first take's prompt only, the second's only, or both. */
  in: 'a' | 'b' | 'both';
}

export interface ValueChange {
  key: string;
  /** Undefined where that take did not send the key. */
  a?: string;
  b?: string;
}

export interface RequestDiff {
  endpoint?: { a: string; b: string };
  /** Absent when the prompts are the same. */
  prompt?: PromptPart[];
  settings: ValueChange[];
  media: ValueChange[];
}

export interface TakeRequest {
  endpointId: string;
  body: Record<string, unknown>;
}

export function diffRequests(a: TakeRequest, b: TakeRequest): RequestDiff {
  const out: RequestDiff = { settings: [], media: [] };
  if (a.endpointId !== b.endpointId) out.endpoint = { a: a.endpointId, b: b.endpointId };
  const pa = promptText(a.body);
  const pb = promptText(b.body);
  if (pa !== pb) {
    out.prompt = diffWords(pa, pb).map(c => ({ text: c.value, in: c.added ? 'b' : c.removed ? 'a' : 'both' }));
  }
  const mediaA = mediaOf(a);
  const mediaB = mediaOf(b);
  for (const key of union(Object.keys(mediaA), Object.keys(mediaB))) {
    if (mediaA[key] !== mediaB[key]) out.media.push(change(key, mediaA[key], mediaB[key]));
  }
  // Everything else. Media keys (top-level, and the URLs inside elements) are listed above.
  const skip = new Set(['prompt', 'multi_prompt']);
  for (const key of union(Object.keys(a.body), Object.keys(b.body))) {
    if (skip.has(key) || key in mediaA || key in mediaB) continue;
    const va = key === 'elements' ? stripMedia(a.body[key]) : a.body[key];
    const vb = key === 'elements' ? stripMedia(b.body[key]) : b.body[key];
    if (JSON.stringify(va) !== JSON.stringify(vb)) out.settings.push(change(key, show(va), show(vb)));
  }
  return out;
}

/** The prompt, or the shots of a storyboard one per line (`1. … (3 s)`). */
function promptText(body: Record<string, unknown>): string {
  if (typeof body.prompt === 'string') return body.prompt;
  if (!Array.isArray(body.multi_prompt)) return '';
  return (body.multi_prompt as { prompt?: unknown; duration?: unknown }[])
    .map((s, i) =>
      s?.duration !== undefined
        ? l10n.t('{0}. {1} ({2} s)', i + 1, typeof s?.prompt === 'string' ? s.prompt : '', String(s.duration))
        : `${i + 1}. ${typeof s?.prompt === 'string' ? s.prompt : ''}`,
    )
    .join('\n');
}

function mediaOf(r: TakeRequest): Record<string, string> {
  const out: Record<string, string> = {};
  if (!lookupEndpoint(r.endpointId)) return out;
  for (const ref of collectMediaRefs(r.endpointId, r.body)) out[pathText(ref.path)] = ref.value;
  return out;
}

function pathText(p: JsonPath): string {
  return p.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** An element without its media URLs (those are compared as media), so only its other settings remain. */
function stripMedia(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripMedia);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>)
        .filter(([k]) => !/_urls?$/.test(k))
        .map(([k, x]) => [k, stripMedia(x)]),
    );
  }
  return v;
}

function show(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function change(key: string, a: string | undefined, b: string | undefined): ValueChange {
  return { key, ...(a !== undefined && { a }), ...(b !== undefined && { b }) };
}

function union(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])];
}
