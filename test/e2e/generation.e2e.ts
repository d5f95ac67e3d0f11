// UI: a real VS Code (code-server) in headless Chromium, provider "simulator" as `npm start` sets
// it: press Generate in the shot editor, watch the progress notification, and play the clip in the
// takes panel; keep focus on Cancel through progress updates (and hear them in the live region).
// Screenshots go to docs/ for the README.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { createHash } from 'node:crypto';
import { readTakeRecord, type TakeRecord } from '../../src/takes';
import {
  openWorkbench,
  quickOpen,
  runCommand,
  screenshot,
  waitForWorkbench,
  webviewWith,
  type Workbench,
  DOC_SCREENSHOTS,
} from '../harness/workbench';
import { webviewFrame } from '../harness/axe';
import { testSimulator, type Simulator } from '../kit/simulator';
import { StopWaiting, waitFor } from '../kit/wait-for';

const FILE = 'e2e-generate.kling.json';
const DURATION = 4;
const RESTART_FILE = 'e2e-restart.kling.json';
const CANCEL_FILE = 'e2e-cancel-focus.kling.json';
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
/** The second test's fal stand-in: it lives in this process, so it survives the extension host. */
let sim: Simulator;

/** The parts of HTMLVideoElement read here (the test tsconfig has no DOM lib). */
interface VideoLike {
  readyState: number;
  duration: number;
  videoWidth: number;
  videoHeight: number;
  currentSrc: string;
  src: string;
  currentTime: number;
  seeking: boolean;
  error: { message: string } | null;
}

before(async () => {
  sim = await testSimulator({ timing: { processingMs: 12_000, logEveryMs: 1000 } });
  wb = await openWorkbench({
    files: {
      [FILE]: TEXT,
      [RESTART_FILE]: '{\n  "prompt": "a take that outlives its extension host",\n  "duration": "3",\n  "aspect_ratio": "9:16"\n}\n',
      [CANCEL_FILE]: '{\n  "prompt": "a slow take watched from its Cancel button",\n  "duration": "5"\n}\n',
    },
    env: { FAL_KEY: 'e2e-key-id:e2e-key-secret' },
    settings: { 'klingStudio.provider': 'simulator', 'klingStudio.simulator.jobSeconds': 5, 'workbench.editor.enablePreview': false },
  });
});
after(async () => {
  await wb?.close();
  await sim?.close();
});

test('Generate in the shot editor → progress → the clip plays in the takes panel', async () => {
  const page = wb.page;
  await quickOpen(page, FILE);
  const editor = await webviewWith(page, '#generate');
  // The editor's own button: the test fails if it is missing (the command is not a stand-in).
  await editor.locator('#generate').click({ timeout: 10_000 });
  const t0 = Date.now();
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'Kling:' }).first();
  await toast.waitFor({ timeout: 30_000 });
  // The simulated job runs 5 s: long enough to catch it generating, with its latest log line.
  await page
    .locator('.notifications-toasts .notification-toast', { hasText: /Generating/ })
    .first()
    .waitFor({ timeout: 20_000 });
  const status = page.locator('.part.statusbar', { hasText: 'Kling: 1 running' });
  await status.waitFor({ timeout: 20_000 });
  await screenshot(page, 'progress', DOC_SCREENSHOTS);

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
  await video.evaluate(el => {
    (el as unknown as VideoLike).currentTime = 2.5;
  });
  // The picture shows the frame at 2.5 s: wait for the seek to finish, not for a length of time.
  const seeked = () =>
    video.evaluate(el => {
      const v = el as unknown as VideoLike;
      return !v.seeking && v.readyState >= 2;
    });
  await waitFor('the seek to 2.5 s to finish', seeked);
  await screenshot(page, 'takes-panel', DOC_SCREENSHOTS);
  console.log(`# generate → clip playable in ${landedMs} ms (pressed the editor's Generate button; simulated job 5 s)`);
});

async function waitForMedia(
  video: ReturnType<FrameLocator['locator']>,
  timeout: number,
): Promise<{ readyState: number; duration: number; videoWidth: number; videoHeight: number; src: string }> {
  await video.waitFor({ timeout });
  let last = -1;
  return waitFor(
    'the clip to load (readyState 4)',
    async () => {
      const m = await video.evaluate(el => {
        const v = el as unknown as VideoLike;
        return {
          readyState: v.readyState,
          duration: v.duration,
          videoWidth: v.videoWidth,
          videoHeight: v.videoHeight,
          src: v.currentSrc || v.src,
          error: v.error?.message ?? null,
        };
      });
      if (m.error) {
        throw new StopWaiting(`the video failed to load: ${m.error}`);
      }
      last = m.readyState;
      return m.readyState === 4 ? m : undefined;
    },
    { timeoutMs: timeout, explain: () => `readyState stayed ${last}` },
  );
}

test('progress updates while Cancel has focus: focus stays on Cancel, the live region announces each status', async () => {
  const page = wb.page;
  // A slow simulated job (workspace setting, picked up live): many progress updates before it lands.
  fs.mkdirSync(path.join(wb.workspace, '.vscode'), { recursive: true });
  fs.writeFileSync(
    path.join(wb.workspace, '.vscode', 'settings.json'),
    JSON.stringify({ 'klingStudio.simulator.jobSeconds': 60 }, null, 2),
  );
  await quickOpen(page, CANCEL_FILE);
  const editor = await webviewWith(page, `.editor[data-version]:has(#title:text-is("${CANCEL_FILE}")) #generate`);
  // The panel is open (and empty) before the take exists: its first status is news to announce.
  await runCommand(page, 'Kling: Open Takes');
  await webviewFrame(page, 'ol.takes li.empty');
  await editor.locator('#generate').click();
  const takes = await webviewFrame(page, 'ol.takes li.take button[data-focus^="row:"]', 30_000);
  await takes.waitForSelector('.details button[data-focus="cancel"]', { timeout: 30_000 });
  await takes.focus('.details button[data-focus="cancel"]');
  /** The row's progress text and what has focus (its data-focus key, and whether it is still in the page). */
  const read = () =>
    takes.evaluate(`(() => {
      const a = document.activeElement;
      return {
        progress: document.querySelector('ol.takes li.take .badge')?.textContent ?? '',
        focus: a && a.dataset ? a.dataset.focus ?? a.tagName : '',
        connected: !!(a && a.isConnected),
        live: document.querySelector('[role=status]')?.textContent ?? '',
        // For the failure message: what the panel showed when focus was not where it should be.
        title: document.querySelector('h1')?.textContent ?? '',
        rows: [...document.querySelectorAll('ol.takes li')].map(li => li.className),
        hasFocus: document.hasFocus(),
      };
    })()`) as Promise<{ progress: string; focus: string; connected: boolean; live: string }>;
  /** What is read while the job runs; focus leaving the Cancel button on screen fails the test at once. */
  const readOnCancel = async () => {
    const now = await read();
    if (now.focus !== 'cancel') {
      throw new StopWaiting(`focus stays on Cancel through the progress updates ${JSON.stringify(seen)}; now ${JSON.stringify(now)}`);
    }
    if (!now.connected) {
      throw new StopWaiting('the focused element is the Cancel button on screen, not a replaced one');
    }
    return now;
  };
  const seen: string[] = [(await read()).progress];
  // Two further progress updates, each one a re-render of the details that replaces the Cancel button.
  await waitFor(
    'two further progress updates',
    async () => {
      const now = await readOnCancel();
      if (now.progress !== seen[seen.length - 1]) {
        seen.push(now.progress);
      }
      return seen.length >= 3;
    },
    { explain: () => `seen ${JSON.stringify(seen)}` },
  );
  const generating = await waitFor('the live region to announce the job generating', async () => {
    const now = await readOnCancel();
    return /Generating/.test(now.live) ? now.live : undefined;
  });
  assert.doesNotMatch(generating, /%|\d+s\b/, `the live region says the status, not each tick: ${generating}`);
  // Enter on the focused Cancel (the keyboard, as its user would): the job stops and that is announced too.
  await page.keyboard.press('Enter');
  const cancelled = await waitFor(
    'the live region to announce the cancellation',
    async () => {
      const now = await read();
      // The record on disk may say Cancelled a moment before the job leaves the service (and its
      // Cancel button the panel): wait for both, then look at where focus went.
      return /Cancelled/.test(now.live) && now.focus !== 'cancel' ? now : undefined;
    },
    { timeoutMs: 60_000 },
  );
  // Cancel is gone with the running job: focus falls to the take's row, not to the page.
  assert.match(cancelled.focus, /^row:/);
  console.log(
    `# Cancel kept focus through ${seen.length - 1} progress updates: ${JSON.stringify(seen)}; announced: ${generating} → ${cancelled.live}`,
  );
});

test('window reloaded mid-job → the journalled take is resumed on activation and lands, never resubmitted', async () => {
  const page = wb.page;
  // Workspace settings (picked up live): provider fal, pointed at this process's simulator.
  fs.mkdirSync(path.join(wb.workspace, '.vscode'), { recursive: true });
  fs.writeFileSync(
    path.join(wb.workspace, '.vscode', 'settings.json'),
    JSON.stringify(
      {
        'klingStudio.provider': 'fal',
        'klingStudio.fal.queueUrl': sim.url,
        'klingStudio.fal.storageUrl': sim.url,
      },
      null,
      2,
    ),
  );
  const name = RESTART_FILE;
  await quickOpen(page, name);
  await webviewWith(page, '#generate');
  // In the text editor the CodeLens shows the price (3 s × $0.168/s, audio on by default) once
  // the settings switched to fal (the simulator's lens says "free"): the signal that the new
  // settings are live. Then press it.
  await runCommand(page, 'Kling: Reopen as Text');
  const lens = page.locator('.codelens-decoration a', { hasText: '▶ Generate · $0.50' });
  await lens.waitFor({ timeout: 30_000 }).catch(async e => {
    await screenshot(page, 'generation-restart-no-lens');
    throw new Error(`${(e as Error).message}\nlenses: ${JSON.stringify(await page.locator('.codelens-decoration').allInnerTexts())}`);
  });
  await lens.click();
  const renders = path.join(wb.workspace, 'renders');
  const recordFile = await waitFor(
    'a journalled request id',
    async () => {
      for (const f of fs.existsSync(renders)
        ? fs.readdirSync(renders).filter(n => n.startsWith('e2e-restart.') && n.endsWith('.take.json'))
        : []) {
        const r = await readTakeRecord(path.join(renders, f)).catch(() => undefined);
        if (r?.requestId && (r.status === 'queued' || r.status === 'running')) {
          return path.join(renders, f);
        }
      }
      return undefined;
    },
    { timeoutMs: 60_000 },
  );
  assert.equal(sim.stats.submits, 1);
  // Reload the window: the browser page reloads and the server starts a new extension host (the
  // web workbench has no "Restart Extension Host"). The old host stops without cancelling.
  // Wait for the new page's load, not a length of time: the old workbench must not pass for the new one.
  const reloaded = page.waitForEvent('load', { timeout: 60_000 });
  await runCommand(page, 'Developer: Reload Window');
  await reloaded;
  await waitForWorkbench(page);
  const t0 = Date.now();
  const done: TakeRecord = await waitFor(
    'the resumed take to land',
    async () => {
      const r = await readTakeRecord(recordFile);
      return r.status === 'done' || r.status === 'failed' ? r : undefined;
    },
    { timeoutMs: 90_000 },
  );
  assert.equal(done.status, 'done', JSON.stringify(done.error));
  assert.equal(createHash('sha256').update(fs.readFileSync(done.clipPath!)).digest('hex'), sim.clipSha256(done.requestId!));
  assert.equal(sim.stats.submits, 1, 'the restart did not submit (or pay) again');
  console.log(
    `# restart mid-job: landed ${Date.now() - t0} ms after the reload; ${sim.stats.streamCalls} status streams, ${sim.stats.submits} submit`,
  );
});
