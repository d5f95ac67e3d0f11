// UI: "Continue from Last Frame" in code-server, offline end to end. A short take is generated on
// the simulator (the extension's own, provider "simulator"); in the takes panel the button decodes
// the clip's last frame in the webview (Chromium's H.264 decoder, no ffmpeg); the PNG lands in refs/
// at the clip's pixel size, and the next shot of the sequence now starts from it, as
// image-to-video. That shot is clean (the simulator's frames are above the image minimum) and
// generates a take on the simulator whose first frame is the PNG.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { webviewFrame } from '../harness/axe';
import { pngSize } from '../harness/png';
import { openWorkbench, quickOpen, screenshot, type Workbench } from '../harness/workbench';
import { spawnSync } from 'node:child_process';
import { PNG } from 'pngjs';
import { inspectClip } from '../../src/media/inspect-clip';
import { waitFor } from '../kit/wait-for';

const SHOT = 'opening.kling.json';
const NEXT = 'harbour.kling.json';
let wb: Workbench;

before(async () => {
  wb = await openWorkbench({
    files: {
      [SHOT]:
        '{\n  "prompt": "A lighthouse at dusk, the lamp turns on",\n  "duration": "3",\n  "aspect_ratio": "16:9",\n  "generate_audio": false\n}\n',
      [NEXT]:
        '{\n  // the boats, after the lighthouse\n  "endpoint": "text-to-video",\n  "prompt": "Boats rock in the harbour",\n  "aspect_ratio": "16:9"\n}\n',
      'continuity.kling-seq.json': `{\n  "shots": [\n    "${SHOT}",\n    "${NEXT}"\n  ]\n}\n`,
    },
    settings: { 'klingStudio.provider': 'simulator', 'klingStudio.simulator.jobSeconds': 1, 'workbench.editor.enablePreview': false },
  });
});
after(async () => {
  await wb?.close();
});

test('Continue from Last Frame: a PNG of the clip size in refs/, and the next shot starts from it', async () => {
  const { page, workspace } = wb;
  await quickOpen(page, SHOT);
  const editor = await webviewFrame(page, '#generate');
  await editor.click('#generate');

  // The take lands on the simulator and the takes panel shows it with the button.
  const panel = await webviewFrame(page, '.details button[data-focus="continue-last-frame"]', 120_000);
  await panel.click('.details button[data-focus="continue-last-frame"]');

  const pngPath = path.join(workspace, 'refs', 'opening.last-frame.png');
  const size = await waitFor('the PNG in refs/', () => (fs.existsSync(pngPath) ? pngSize(fs.readFileSync(pngPath)) : undefined), {
    timeoutMs: 60_000,
  });

  const renders = path.join(workspace, 'renders');
  const recordName = fs.readdirSync(renders).find(f => f.startsWith('opening.') && f.endsWith('.take.json'))!;
  const record = JSON.parse(fs.readFileSync(path.join(renders, recordName), 'utf8'));
  const clip = await inspectClip(path.join(renders, recordName.replace(/\.take\.json$/, '.mp4')));
  assert.ok(clip.ok, 'the clip is an MP4');
  assert.deepEqual(size, { width: clip.width, height: clip.height }, 'the PNG is the size of the clip');
  assert.deepEqual(size, { width: record.video.width, height: record.video.height }, 'and of the take record');
  // It is the clip's last frame (the frame counter and the sweeping bar tell it from the first).
  const openingClip = path.join(renders, recordName.replace(/\.take\.json$/, '.mp4'));
  const grabbed = PNG.sync.read(fs.readFileSync(pngPath)).data;
  const [firstFrame, lastFrame] = [0, 71].map(n => rgbaFrame(openingClip, n));
  assert.ok(
    differing(grabbed, lastFrame!) < differing(grabbed, firstFrame!),
    `the PNG is nearer the last frame (${differing(grabbed, lastFrame!)} pixels differ) than the first (${differing(grabbed, firstFrame!)})`,
  );

  const next = path.join(workspace, NEXT);
  const text = await waitFor(
    'the next shot to reference the frame',
    () => {
      const t = fs.readFileSync(next, 'utf8');
      return t.includes('"start_image_url": "refs/opening.last-frame.png"') ? t : undefined;
    },
    { timeoutMs: 60_000 },
  );
  assert.match(text, /"endpoint": "image-to-video"/, 'switched to image-to-video in the same alias style');
  assert.doesNotMatch(text, /aspect_ratio/, 'image-to-video takes the frame from the image');
  assert.match(text, /\/\/ the boats, after the lighthouse/, 'the comment stays');

  // The user is told what was done, with the file names.
  await page
    .locator('.notifications-toasts .notification-toast', { hasText: /opening\.last-frame\.png.*harbour\.kling\.json/ })
    .first()
    .waitFor({ timeout: 30_000 });
  await screenshot(page, 'continue-from-last-frame');

  // The next shot, now image-to-video from the PNG, shows no problem once its media are checked…
  await quickOpen(page, NEXT);
  const nextEditor = await webviewFrame(page, '.editor[data-media-checked="true"] #generate', 60_000);
  const problems = await nextEditor.$$eval('#diagnostics li', els => els.map(e => e.textContent?.trim() ?? ''));
  assert.deepEqual(problems, [], 'the next shot has no problems');
  // …and generates a take on the simulator, whose first frame is the last frame it continues.
  await nextEditor.click('#generate');
  const nextRecord = await waitFor(
    'a done take of the next shot',
    () => {
      const name = fs.readdirSync(renders).find(f => f.startsWith('harbour.') && f.endsWith('.take.json'));
      const r = name && JSON.parse(fs.readFileSync(path.join(renders, name), 'utf8'));
      return r?.status === 'done' ? { ...r, name } : undefined;
    },
    { timeoutMs: 120_000 },
  );
  assert.equal(nextRecord.endpointId, 'fal-ai/kling-video/v3/pro/image-to-video');
  const nextClip = path.join(renders, nextRecord.name.replace(/\.take\.json$/, '.mp4'));
  // The start image went up to the simulator's storage and came back as the first frame, not a fallback.
  assert.deepEqual(
    (nextRecord.logs ?? []).filter((l: { message: string }) => /does without/.test(l.message)),
    [],
    'the simulator used the start image',
  );
  assert.deepEqual([nextRecord.video.width, nextRecord.video.height], [size.width, size.height], 'framed like the PNG');
  const mean = (px: Uint8Array) => [0, 1, 2].map(c => px.reduce((sum, v, i) => (i % 4 === c ? sum + v : sum), 0) / (px.length / 4));
  const [want, got] = [mean(grabbed), mean(rgbaFrame(nextClip, 0))];
  assert.ok(
    want.every((v, c) => Math.abs(v - got[c]!) < 10),
    `the first frame (mean ${got.map(Math.round).join(',')}) is the PNG (mean ${want.map(Math.round).join(',')})`,
  );
  await screenshot(page, 'continue-from-last-frame-next-take');
});

/** Frame `n` of a clip as RGBA bytes, decoded by ffmpeg. */
function rgbaFrame(clip: string, n: number): Buffer {
  const r = spawnSync('ffmpeg', [
    '-v',
    'error',
    '-i',
    clip,
    '-vf',
    `select=eq(n\\,${n})`,
    '-frames:v',
    '1',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'rgba',
    '-',
  ]);
  assert.equal(r.status, 0, r.stderr?.toString());
  assert.ok(r.stdout.length > 0, `frame ${n} of ${clip}`);
  return r.stdout;
}

/** How many pixels of two RGBA pictures of one size differ clearly (compression noise aside). */
function differing(a: Uint8Array, b: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i += 4)
    if (Math.abs(a[i]! - b[i]!) + Math.abs(a[i + 1]! - b[i + 1]!) + Math.abs(a[i + 2]! - b[i + 2]!) > 90) n++;
  return n;
}
