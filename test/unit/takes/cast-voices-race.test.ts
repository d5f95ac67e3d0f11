// Runs that make voices at once each remember theirs beside the cast file: real processes, all
// writing the same voices file, and none of their voices may be lost (each is a paid voice).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { bundleScript } from '../../kit/node-script';

const castVoicesModule = resolve('src/takes/cast-voices.ts');
const WRITERS = 6;
const EACH = 12;

test(
  `${WRITERS} processes remembering ${EACH} voices each in one cast's voices file at once: all ${WRITERS * EACH} are kept`,
  { timeout: 120_000 },
  async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kling-voices-race-'));
    try {
      const cast = join(dir, 'crew.kling-cast.json');
      await writeFile(cast, '{ "members": {} }\n');
      const go = join(dir, 'go');
      const script = join(dir, 'writer.ts');
      await writeFile(
        script,
        `
      import { existsSync } from 'node:fs';
      import { rememberVoice } from ${JSON.stringify(castVoicesModule)};
      const who = process.argv[2];
      process.stdout.write('ready\\n');
      const t = setInterval(async () => {
        if (!existsSync(${JSON.stringify(go)})) return;
        clearInterval(t);
        for (let i = 0; i < ${EACH}; i++) {
          const member = { name: 'm' + who + '-' + i, file: ${JSON.stringify(cast)}, voice_url: 'v.mp3', nameOffset: 0, nameLength: 0 };
          await rememberVoice({ member, key: 'sha256:' + who + '-' + i, requestKey: 'k' }, 'voice-' + who + '-' + i, [${JSON.stringify(dir)}]);
        }
        process.exit(0);
      }, 1);
    `,
      );
      const bundle = await bundleScript(script, dir);
      const children = Array.from({ length: WRITERS }, (_, i) =>
        spawn(process.execPath, [bundle, String(i)], { stdio: ['ignore', 'pipe', 'pipe'] }),
      );
      const exits = children.map(
        c =>
          new Promise<{ code: number | null; err: string }>(res => {
            let err = '';
            c.stderr!.on('data', d => (err += d));
            c.once('exit', code => res({ code, err }));
          }),
      );
      await Promise.all(children.map(c => new Promise<void>(res => c.stdout!.once('data', () => res()))));
      await writeFile(go, '');
      for (const e of await Promise.all(exits)) assert.equal(e.code, 0, e.err);

      const voices = JSON.parse(await readFile(join(dir, '.kling-cast.voices.json'), 'utf8')) as {
        voices: Record<string, { voice_id: string }>;
      };
      const kept = Object.keys(voices.voices).length;
      assert.equal(kept, WRITERS * EACH, `${WRITERS * EACH - kept} remembered voices were lost`);
      assert.equal(voices.voices['sha256:3-7']?.voice_id, 'voice-3-7');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
);
