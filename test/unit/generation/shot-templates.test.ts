// New Shot File: every template, once the files it asks for are chosen, is a request with no
// diagnostic at all (sync rules and media checks on real files in a temp dir); so is the template
// made from each registry entry, which is what a new endpoint gets without a hand-written one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeShot, checkMedia, createMediaCache, ENDPOINTS, resolveEndpoint } from '../../../src/core';
import { nodeFileAccess } from '../../../src/media/node-files';
import { findFfmpeg } from '../../../src/media/find-ffmpeg';
import { spawnSync } from 'node:child_process';
import { fillTemplate, registryTemplate, shotTemplates, type ShotTemplate } from '../../../src/core/shot-templates';

const REFS = path.join(__dirname, '../../../examples/refs');
const PICKED = { image: 'hero-start.png', video: 'dance.mp4', audio: 'voice.wav' } as const;

/**
 * A video to edit must be 720 px on its short side (O3 and Kling 4.0 video-to-video), which the
 * 360×640 dance.mp4 is not: a 1280×720 4 s clip, encoded once by ffmpeg (the set-up installs it).
 */
let sourceVideo: Promise<string> | undefined;
function sourceVideoFile(): Promise<string> {
  sourceVideo ??= (async () => {
    const ffmpeg = await findFfmpeg(undefined);
    assert.ok(ffmpeg, 'ffmpeg is needed to make a 720p input video (scripts/setup-tools.sh installs it)');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kling-template-video-'));
    const file = path.join(dir, 'source-720p.mp4');
    const args = ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=1280x720:rate=24', '-t', '4', '-pix_fmt', 'yuv420p', file];
    const r = spawnSync(ffmpeg, args);
    assert.equal(r.status, 0, String(r.stderr));
    return file;
  })();
  return sourceVideo;
}

/** A real 6 s mono 16-bit WAV (a 220 Hz tone): a voice sample inside create-voice's 5–30 s. */
function writeVoiceSample(file: string, seconds = 6, rate = 16000): void {
  const samples = seconds * rate;
  const b = Buffer.alloc(44 + samples * 2);
  b.write('RIFF', 0);
  b.writeUInt32LE(36 + samples * 2, 4);
  b.write('WAVEfmt ', 8);
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(rate, 24);
  b.writeUInt32LE(rate * 2, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36);
  b.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) b.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 220 * i) / rate)), 44 + i * 2);
  fs.writeFileSync(file, b);
}

async function problemsOf(t: ShotTemplate): Promise<{ text: string; problems: string[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kling-template-'));
  try {
    fs.mkdirSync(path.join(dir, 'refs'));
    const media: Record<string, string> = {};
    for (const m of t.media ?? []) {
      if (m.kind === 'audio') writeVoiceSample(path.join(dir, 'refs', PICKED.audio));
      else if (m.role === 'source_video') fs.copyFileSync(await sourceVideoFile(), path.join(dir, 'refs', PICKED.video));
      else fs.copyFileSync(path.join(REFS, PICKED[m.kind]), path.join(dir, 'refs', PICKED[m.kind]));
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
    return { text, problems: found.map(d => `${d.code}: ${d.message}`) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

for (const t of shotTemplates()) {
  test(`template "${t.label}" opens with no problem`, async () => {
    const { text, problems } = await problemsOf(t);
    assert.deepEqual(problems, []);
    assert.equal(resolveEndpoint(analyzeShot(text).root).id, t.endpoint, 'the file names the endpoint the template is for');
  });
}

for (const e of ENDPOINTS) {
  test(`the template made from ${e.id} opens with no problem`, async () => {
    const t = registryTemplate(e);
    const { text, problems } = await problemsOf(t);
    assert.deepEqual(problems, [], text);
    assert.equal(resolveEndpoint(analyzeShot(text).root).id, e.id);
  });
}

test('New Shot File offers every family and kind of the registry once, hand-written first', () => {
  const templates = shotTemplates();
  const offered = new Set(templates.map(t => ENDPOINTS.find(e => e.id === t.endpoint)!).map(e => `${e.family}/${e.kind}`));
  assert.deepEqual([...offered].sort(), [...new Set(ENDPOINTS.map(e => `${e.family}/${e.kind}`))].sort());
  assert.ok(templates.some(t => t.endpoint.includes('/o3/')) && templates.some(t => t.endpoint.includes('/turbo/')));
  assert.equal(new Set(templates.map(t => t.label)).size, templates.length, 'no two templates look alike in the pick');
});

test('templates that need a file say so: a placeholder where the file goes, a picker title', () => {
  const needing = shotTemplates().filter(t => t.media?.length);
  assert.ok(needing.length >= 4);
  for (const t of needing) {
    for (const m of t.media!) {
      assert.match(t.text, new RegExp(`"${m.key}": \\[?"\\{\\{${m.key}\\}\\}"`));
      assert.notEqual(m.title, '', `${t.label}: the picker says what it asks for`);
    }
  }
  const reference = needing.find(t => t.endpoint.includes('/o3/') && t.endpoint.endsWith('reference-to-video'));
  assert.deepEqual(
    reference?.media?.map(m => m.key),
    ['image_urls'],
    'the O3 reference template asks for an image for @Image1',
  );
});

test('a chosen path with quotes or backslashes stays valid JSON', () => {
  const t = shotTemplates().find(x => x.media?.length === 1 && x.media[0]!.key === 'start_image_url')!;
  const text = fillTemplate(t, { start_image_url: './refs/a "b"\\c.png' });
  assert.equal(analyzeShot(text).body?.start_image_url, './refs/a "b"\\c.png');
});
