// What makes two takes "the same paid request": endpoint + body, with each local media path
// standing for the content hash of its file (the same path with a new image is a new request).
// Stored in the take record, so a rerun can find the unfinished take of its request.
import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so key order and formatting of the shot file do not matter. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function requestKey(endpointId: string, body: unknown, mediaHashes: Record<string, string> = {}): string {
  const h = createHash('sha256');
  h.update(endpointId).update('\0').update(canonicalJson(body)).update('\0').update(canonicalJson(mediaHashes));
  return h.digest('hex');
}
