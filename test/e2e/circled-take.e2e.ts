// UI: the circled take survives a reload of the whole workbench. The shot editor's button opens the
// takes panel; a take is circled there and the shot editor follows; the browser page is reloaded;
// the shot is opened again and the circle is found in the shot editor and in the takes panel. The
// picture after the reload goes to docs/circled-take.png (KLING_UPDATE_DOCS=1); axe finds no critical
// or serious violation in either view.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../harness/code-server';
import { axeSeriousViolations, describeViolations, webviewFrame } from '../harness/axe';
import { DOC_SCREENSHOTS, openFileByKeyboard, openWorkbench, screenshot, waitForWorkbench, type Workbench } from '../harness/workbench';

const FILE = 'keep.kling.json';
let wb: Workbench;

before(async () => {
  wb = await openWorkbench({
    files: {
      [FILE]: '{\n  "prompt": "The hero turns to the camera",\n  "start_image_url": "./refs/hero-start.png",\n  "duration": "5"\n}\n',
    },
    settings: { 'workbench.editor.enablePreview': false },
  });
  const renders = path.join(wb.workspace, 'renders');
  fs.mkdirSync(renders, { recursive: true });
  for (const [stamp, id] of [
    ['20260201-100000', 'keep-a'],
    ['20260201-110000', 'keep-b'],
  ] as const) {
    const clip = path.join(renders, `keep.${stamp}.mp4`);
    fs.copyFileSync(path.join(ROOT, 'test/fixtures/media/short-2s-480x640.mp4'), clip);
    const at = `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:00:00.000Z`;
    const t = (s: number) => new Date(Date.parse(at) + s * 1000).toISOString();
    fs.writeFileSync(
      path.join(renders, `keep.${stamp}.take.json`),
      JSON.stringify({
        version: 1,
        id,
        shotFile: path.join(wb.workspace, FILE),
        endpointId: 'fal-ai/kling-video/v3/pro/image-to-video',
        // An older record may name its media by path; fal storage URLs are remote media.
        body: { prompt: 'The hero turns to the camera', start_image_url: './refs/hero-start.png', duration: '5' },
        requestId: `req-${id}`,
        status: 'done',
        createdAt: at,
        updatedAt: t(70),
        submittedAt: t(1),
        completedAt: t(68),
        phaseAt: { queued: t(1), running: t(5), downloading: t(68), done: t(70) },
        clipPath: clip,
        video: { url: 'https://v3.fal.media/files/clip.mp4', durationSeconds: 2, width: 480, height: 640 },
      }),
    );
  }
});
after(async () => {
  await wb?.close();
});

const circledIn = (id: string) => `#circled-take[data-state="circled"][data-take="${id}"]`;

test('a circled take survives a reload: the shot editor and the takes panel both show it', async () => {
  const { page } = wb;
  await openFileByKeyboard(page, FILE);
  const editor = await webviewFrame(page, '#circled-take[data-state="not-circled"]');
  // The shot editor's own button opens the takes panel.
  await editor.click('#open-circled-take');
  const takes = await webviewFrame(page, 'ol.takes li[data-id="keep-a"]');
  await takes.click('ol.takes li[data-id="keep-a"] button.take-row');
  await takes.click('.details button[data-focus="circle"][aria-pressed="false"]');
  await takes.waitForSelector('ol.takes li.circled[data-id="keep-a"]');
  // The shot editor follows the choice made in the panel.
  await webviewFrame(page, circledIn('keep-a'));

  await page.reload();
  await waitForWorkbench(page);
  await openFileByKeyboard(page, FILE);
  const reopened = await webviewFrame(page, circledIn('keep-a'));
  // The clip is in the workspace: its first frame stands for it.
  await reopened.waitForSelector(`${circledIn('keep-a')} video`);
  assert.match(await reopened.innerText('#circled-take'), /keep\.20260201-100000/);

  // "Show in Takes" opens the panel on the circled take.
  await reopened.click('#open-circled-take');
  const panel = await webviewFrame(page, 'ol.takes li.circled[data-id="keep-a"]');
  await panel.waitForSelector('ol.takes li.selected[data-id="keep-a"]');
  await panel.waitForSelector('.details button[data-focus="circle"][aria-pressed="true"]');
  assert.equal(await panel.locator('ol.takes li.circled').count(), 1, 'one circled take');
  // The details: the time per phase and the take's media as a thumbnail from the workspace.
  const details = await panel.innerText('.details');
  assert.match(details, /queued 4 s · running 1 min 3 s · downloading 2 s/);
  await panel.waitForSelector('.take-media li[data-key="start_image_url"] img');
  await panel.locator('.take-media').scrollIntoViewIfNeeded();
  await screenshot(page, 'circled-take', DOC_SCREENSHOTS);
  const vs = await axeSeriousViolations(panel);
  assert.deepEqual(vs, [], describeViolations(vs));
  // The shot editor with its circled take line (a tab of its own again).
  await openFileByKeyboard(page, FILE);
  const shot = await webviewFrame(page, circledIn('keep-a'));
  const inEditor = await axeSeriousViolations(shot);
  assert.deepEqual(inEditor, [], describeViolations(inEditor));
});
