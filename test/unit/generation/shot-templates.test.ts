// New Shot File: every template, once the files it asks for are chosen, is a request with no
// diagnostic at all (sync rules and media checks on real files in a temp dir).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeShot, checkMedia, createMediaCache } from '../../../src/core';
import { nodeFileAccess } from '../../../src/media/node-files';
import { fillTemplate, SHOT_TEMPLATES } from '../../../src/extension/generation/shot-templates';

const REFS = path.join(__dirname, '../../../examples/refs');
const PICKED = { image: 'hero-start.png', video: 'dance.mp4' } as const;

for (const t of SHOT_TEMPLATES) {
  test(`template "${t.label}" opens with no problem`, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kling-template-'));
    try {
      fs.mkdirSync(path.join(dir, 'refs'));
      const media: Record<string, string> = {};
      for (const m of t.media ?? []) {
        fs.copyFileSync(path.join(REFS, PICKED[m.kind]), path.join(dir, 'refs', PICKED[m.kind]));
        media[m.key] = `./refs/${PICKED[m.kind]}`;
      }
      const text = fillTemplate(t, media);
      assert.doesNotMatch(text, /\{\{/, 'every placeholder is filled');
      const file = path.join(dir, `${t.fileName}.kling.json`);
      fs.writeFileSync(file, text);
      const analysis = analyzeShot(text);
      const found = [
        ...analysis.diagnostics,
        ...(await checkMedia(analysis, { shotFilePath: file, workspaceFolders: [dir], files: nodeFileAccess, cache: createMediaCache() })),
      ];
      assert.deepEqual(
        found.map(d => `${d.code}: ${d.message}`),
        [],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('templates that need a file say so, and unfilled they are not silently valid', () => {
  const needing = SHOT_TEMPLATES.filter(t => t.media?.length);
  assert.deepEqual(
    needing.map(t => t.media!.map(m => m.key)),
    [['start_image_url'], ['image_url', 'video_url']],
  );
  for (const t of needing) {
    for (const m of t.media!) assert.match(t.text, new RegExp(`"${m.key}": "\\{\\{${m.key}\\}\\}"`));
  }
});

test('a chosen path with quotes or backslashes stays valid JSON', () => {
  const t = SHOT_TEMPLATES.find(x => x.media?.length === 1)!;
  const text = fillTemplate(t, { start_image_url: './refs/a "b"\\c.png' });
  assert.equal(analyzeShot(text).body?.start_image_url, './refs/a "b"\\c.png');
});
