// UI: the takes panel and the compare view in code-server. Two finished takes of one shot; Compare… in the takes panel,
// the second take picked in the quick pick; Play starts both clips and they stay in step, Pause
// stops both, a frame step moves both. axe finds no critical or serious violation in the view, and
// the view's picture goes to docs/compare-view.png (KLING_UPDATE_DOCS=1).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { ROOT } from '../harness/code-server';
import { axeSeriousViolations, describeViolations, webviewFrame } from '../harness/axe';
import { waitFor } from '../kit/wait-for';
import {
  DOC_SCREENSHOTS,
  openFileByKeyboard,
  openWorkbench,
  quickOpen,
  runCommand,
  screenshot,
  type Workbench,
} from '../harness/workbench';

const FILE = 'compare.kling.json';
let wb: Workbench;

before(async () => {
  wb = await openWorkbench({
    files: { [FILE]: '{\n  "prompt": "A paper boat on a puddle at dusk",\n  "duration": "5"\n}\n' },
    settings: { 'workbench.editor.enablePreview': false },
  });
  const renders = path.join(wb.workspace, 'renders');
  fs.mkdirSync(renders, { recursive: true });
  const takes = [
    { stamp: '20260101-100000', id: 'cmp-a', body: { prompt: 'A red paper boat on a puddle at dusk', duration: '5', cfg_scale: 0.5 } },
    {
      stamp: '20260101-110000',
      id: 'cmp-b',
      body: { prompt: 'A blue paper boat on a puddle at dawn', duration: '5', cfg_scale: 0.8, negative_prompt: 'blur' },
    },
  ];
  for (const t of takes) {
    const clip = path.join(renders, `compare.${t.stamp}.mp4`);
    fs.copyFileSync(path.join(ROOT, 'test/fixtures/media/short-2s-480x640.mp4'), clip);
    const at = `${t.stamp.slice(0, 4)}-${t.stamp.slice(4, 6)}-${t.stamp.slice(6, 8)}T${t.stamp.slice(9, 11)}:00:00.000Z`;
    fs.writeFileSync(
      path.join(renders, `compare.${t.stamp}.take.json`),
      JSON.stringify({
        version: 1,
        id: t.id,
        shotFile: path.join(wb.workspace, FILE),
        endpointId: 'fal-ai/kling-video/v3/pro/text-to-video',
        body: t.body,
        requestId: `req-${t.id}`,
        status: 'done',
        createdAt: at,
        updatedAt: at,
        clipPath: clip,
      }),
    );
  }
});
after(async () => {
  await wb?.close();
});

/** The parts of HTMLVideoElement read here (the test tsconfig has no DOM lib). */
interface VideoLike {
  readyState: number;
  currentTime: number;
  paused: boolean;
  seeking: boolean;
}

interface Clocks {
  a: number;
  b: number;
  pausedA: boolean;
  pausedB: boolean;
  ready: boolean;
  seeking: boolean;
}

/** Both clips' clocks and states, read in the view. */
async function clocks(frame: Frame): Promise<Clocks> {
  const vs = await frame.$$eval('.players video', els =>
    (els as unknown as VideoLike[]).map(v => ({ t: v.currentTime, paused: v.paused, ready: v.readyState >= 2, seeking: v.seeking })),
  );
  const [a, b] = vs;
  return { a: a!.t, b: b!.t, pausedA: a!.paused, pausedB: b!.paused, ready: vs.every(v => v.ready), seeking: vs.some(v => v.seeking) };
}

/** Waits until the players' state is `ok`; a timeout says the last state seen. */
function until(frame: Frame, what: string, ok: (c: Clocks) => boolean): Promise<Clocks> {
  let last: Clocks | undefined;
  return waitFor(
    what,
    async () => {
      last = await clocks(frame);
      return ok(last) ? last : undefined;
    },
    { explain: () => JSON.stringify(last) },
  );
}

test('Compare: both clips play in step, pause together and step a frame together; axe is clean', async () => {
  const { page } = wb;
  await openFileByKeyboard(page, FILE);
  await webviewFrame(page, '.editor[data-version]');
  await runCommand(page, 'Kling: Open Takes');
  const takes = await webviewFrame(page, 'ol.takes li[data-id="cmp-a"]');
  await takes.click('ol.takes li[data-id="cmp-a"] button.take-row');
  await takes.click('button[data-focus="compare"]');
  // The other finished take is the one choice of the quick pick.
  const pick = page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first();
  await pick.waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');

  const view = await webviewFrame(page, '.players video[data-side="B"]');
  await until(view, 'both clips loaded', c => c.ready);
  await view.waitForSelector('.diff table');
  const diffText = await view.innerText('.diff');
  assert.match(diffText, /cfg_scale/);
  assert.match(diffText, /negative_prompt/);
  assert.equal(await view.innerText('.diff del'), 'red');

  await view.click('button[data-action="play"]');
  // Playing: both clocks move, and the follower stays with the leader.
  await until(view, 'both playing, in step', c => !c.pausedA && !c.pausedB && c.a > 0.3 && Math.abs(c.a - c.b) < 0.2);
  await view.click('button[data-action="play"]'); // now Pause
  await until(view, 'both paused', c => c.pausedA && c.pausedB);
  const before = await clocks(view);
  await view.click('button[data-action="frame-forward"]');
  const c = await until(view, 'both one frame on', x => !x.seeking && x.a > before.a && Math.abs(x.a - x.b) < 0.01);
  assert.ok(c.pausedA && c.pausedB, 'a frame step leaves both paused');
  assert.ok(Math.abs(c.a - c.b) < 0.01, `both at one frame: ${c.a} / ${c.b}`);

  await screenshot(page, 'compare-view', DOC_SCREENSHOTS);
  const vs = await axeSeriousViolations(view);
  console.log(`[axe] compare view: ${vs.length} critical/serious rule(s)`);
  assert.deepEqual(vs, [], describeViolations(vs));
});

test('every button of the takes panel, then typing in the shot editor: the workbench still answers', async () => {
  const { page } = wb;
  const url = page.url();
  await openFileByKeyboard(page, FILE);
  await webviewFrame(page, '.editor[data-version]');
  await runCommand(page, 'Kling: Open Takes');
  const takes = await webviewFrame(page, 'ol.takes li[data-id="cmp-b"]');
  await takes.click('ol.takes li[data-id="cmp-b"] button.take-row');
  await takes.waitForSelector('.details button[data-focus="circle"]');
  // Every button the panel shows for a finished take, header included; each clicked once.
  const shown = await takes.$$eval('button:not(.take-row)', els => els.map(e => (e.textContent ?? '').trim()));
  // Open Shot File brings the shot editor over the panel: it goes last.
  const labels = [...shown.filter(l => l !== 'Open Shot File'), ...shown.filter(l => l === 'Open Shot File')];
  assert.ok(labels.length >= 8, `buttons: ${labels.join(', ')}`);
  const clicked: string[] = [];
  for (const label of labels) {
    // Re-found each time: the panel re-renders after most actions.
    const frame = await webviewFrame(page, 'ol.takes li[data-id="cmp-b"]');
    const button = frame.locator('button:not(.take-row)', { hasText: label }).first();
    if (!(await button.count())) continue; // renamed by an earlier click (Circle Take → Circled)
    await button.click();
    clicked.push(label);
    // Whatever it opened (a quick pick, a modal, a save dialog) is dismissed, as a user would.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    assert.equal(page.url(), url, `after ${label} the workbench page is still there`);
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 10_000 });
  }
  assert.ok(
    clicked.includes('Circle Take') && clicked.includes('Use These Settings') && clicked.includes('Move to Trash…'),
    clicked.join(', '),
  );
  // The browser has no system player: Save Clip As… is offered instead.
  assert.ok(clicked.includes('Save Clip As…') && !labels.includes('Open in System Player'), labels.join(', '));

  // The workbench answers: Quick Open opens the file, and typing in the shot editor edits it.
  await quickOpen(page, FILE);
  // This file's editor: Continue from Last Frame opened the shot after it in another one.
  const editor = await webviewFrame(page, `.editor[data-version]:has(#title:text-is("${FILE}")) #f-prompt`);
  await editor.click('#f-prompt');
  await page.keyboard.press('End');
  await page.keyboard.type(' with fireflies');
  await page.keyboard.press('Control+S');
  const file = path.join(wb.workspace, FILE);
  await waitFor(`the typed words to reach ${FILE}`, () => fs.readFileSync(file, 'utf8').includes('with fireflies'), {
    explain: () => fs.readFileSync(file, 'utf8'),
  });
});

test('the takes panel follows the active shot file', async () => {
  const { page } = wb;
  await quickOpen(page, FILE);
  await webviewFrame(page, '.editor[data-version]');
  await runCommand(page, 'Kling: Open Takes');
  await page.locator('.tab', { hasText: 'Takes: compare.kling.json' }).first().waitFor({ timeout: 30_000 });
  // The test before pressed every button, Pin among them: unpin, and the panel follows again.
  const panel = await webviewFrame(page, 'button[data-focus="pin"]');
  // The page draws "Pin" until the host's first list says whether the panel is pinned: read the
  // button only once that list (its heading names the shot) is there.
  await panel.waitForSelector('h1:has-text("compare.kling.json")');
  if ((await panel.innerText('button[data-focus="pin"]')) === 'Unpin') {
    await panel.click('button[data-focus="pin"]');
    await panel.waitForSelector('button[data-focus="pin"][aria-pressed="false"]');
  }
  // Another shot file in the editor: the same panel now shows its takes.
  await quickOpen(page, 'hello.kling.json');
  await page.locator('.tab', { hasText: 'Takes: hello.kling.json' }).first().waitFor({ timeout: 30_000 });
  // One panel, not one per shot: the old title goes (the tab strip may show both for a moment, so
  // wait for that state rather than reading it once; a second panel would time this out).
  await page.locator('.tab', { hasText: 'Takes: compare.kling.json' }).first().waitFor({ state: 'detached', timeout: 30_000 });
});
