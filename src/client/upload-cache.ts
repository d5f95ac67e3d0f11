// Remembers which file contents were already uploaded (sha256 → file_url per storage origin), so an
// unchanged reference image is not uploaded again. Entries expire: fal's CDN retention for uploads
// is not documented, so the TTL is an option (default 24 h). Persisted as one small JSON file,
// through the project's one atomic writer.
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../media/atomic-write';

interface Entry {
  fileUrl: string;
  uploadedAt: number;
  size: number;
}

export const DEFAULT_UPLOAD_TTL_MS = 24 * 60 * 60_000;

export class UploadCache {
  private entries = new Map<string, Entry>();
  private loaded: Promise<void> | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string | undefined,
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  private key(origin: string, sha256: string): string {
    return `${origin}|${sha256}`;
  }

  private load(): Promise<void> {
    this.loaded ??= (async () => {
      if (!this.file) return;
      try {
        const data = JSON.parse(await readFile(this.file, 'utf8')) as { entries?: Record<string, Entry> };
        for (const [k, v] of Object.entries(data.entries ?? {})) {
          if (typeof v?.fileUrl === 'string' && typeof v.uploadedAt === 'number') this.entries.set(k, v);
        }
      } catch {
        /* missing or corrupt cache: start empty */
      }
    })();
    return this.loaded;
  }

  async get(origin: string, sha256: string, size: number): Promise<string | undefined> {
    await this.load();
    const e = this.entries.get(this.key(origin, sha256));
    if (!e || e.size !== size || this.now() - e.uploadedAt > this.ttlMs) return undefined;
    return e.fileUrl;
  }

  async set(origin: string, sha256: string, size: number, fileUrl: string): Promise<void> {
    await this.load();
    this.entries.set(this.key(origin, sha256), { fileUrl, uploadedAt: this.now(), size });
    if (!this.file) return;
    const file = this.file;
    const now = this.now();
    for (const [k, v] of this.entries) if (now - v.uploadedAt > this.ttlMs) this.entries.delete(k);
    const snapshot = JSON.stringify({ version: 1, entries: Object.fromEntries(this.entries) });
    this.writing = this.writing
      .then(async () => {
        await mkdir(dirname(file), { recursive: true });
        await writeFileAtomic(file, snapshot);
      })
      .catch(() => undefined);
    await this.writing;
  }
}
