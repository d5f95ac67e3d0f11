// UI: "Continue from Last Frame" in code-server. A short take is generated on the simulator (the
// extension's own, provider "simulator"); in the takes panel the button decodes the clip's last
// frame in the webview (Chromium's H.264 decoder, no ffmpeg); the PNG lands in refs/ at the clip's
// pixel size, and the next shot of the sequence now starts from it, as image-to-video.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { webviewFrame } from '../harness/axe';
import { pngSize } from '../harness/png';
import { openWorkbench, quickOpen, screenshot, type Workbench } from '../harness/workbench';
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
});
