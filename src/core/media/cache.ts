// Probe results keyed by real path + mtime + size: an edited file gets a new key, an unchanged one
// is never read twice. The cache is an object the caller owns (no module state).
import type { MediaProbe } from './probe';

export interface MediaCache {
  get(key: string): MediaProbe | undefined;
  set(key: string, probe: MediaProbe): void;
}

export function mediaCacheKey(realPath: string, mtimeMs: number, size: number, kind: 'image' | 'video' | 'audio'): string {
  return `${kind}\0${realPath}\0${mtimeMs}\0${size}`;
}

/** A Map with least-recently-used eviction. */
export function createMediaCache(maxEntries = 1000): MediaCache & { readonly size: number; clear(): void } {
  const map = new Map<string, MediaProbe>();
  return {
    get(key) {
      const v = map.get(key);
      if (v !== undefined) {
        map.delete(key);
        map.set(key, v);
      }
      return v;
    },
    set(key, probe) {
      map.delete(key);
      map.set(key, probe);
      while (map.size > maxEntries) map.delete(map.keys().next().value as string);
    },
    get size() {
      return map.size;
    },
    clear() {
      map.clear();
    },
  };
}
