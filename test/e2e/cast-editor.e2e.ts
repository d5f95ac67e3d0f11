// UI: the cast editor in code-server. A cast file of two members opens in the cast editor: the
// frontal image loads, "Used in" names the shot, the Remove button (reached by keyboard, named
// for its member) edits the file, Ctrl+Z puts it back, and axe finds nothing serious.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../harness/code-server';
import { axeSeriousViolations, describeViolations, webviewFrame } from '../harness/axe';
import { openWorkbench, quickOpen, type Workbench } from '../harness/workbench';
import { waitFor } from '../kit/wait-for';

const CAST = 'crew.kling-cast.json';
const CAST_TEXT = `{
  "members": {
    "Hero": { "description": "a sailor", "frontal_image_url": "hero-front.png", "reference_image_urls": ["hero-side.png"] },
    "Lamp": { "video_url": "lamp.mp4" }
  }
}
`;
let wb: Workbench;

before(async () => {
  wb = await openWorkbench({
    files: { [CAST]: CAST_TEXT, 'harbour.kling.json': '{ "cast": ["Hero"], "prompt": "@Hero at the harbour" }\n' },
    settings: { 'workbench.editor.enablePreview': false },
  });
  for (const f of ['hero-front.png', 'hero-side.png']) fs.copyFileSync(path.join(ROOT, 'examples/refs', f), path.join(wb.workspace, f));
  fs.copyFileSync(path.join(ROOT, 'test/fixtures/media/element-4s-720x1280.mp4'), path.join(wb.workspace, 'lamp.mp4'));
});
after(async () => {
  await wb?.close();
});

test('the cast editor: thumbnails, Used in, keyboard Remove edits the file and undoes, axe', async () => {
  const { page } = wb;
  await quickOpen(page, CAST);
  const frame = await webviewFrame(page, 'li.member[data-member="Hero"] .used a');
  await waitFor('the frontal image to load', async () =>
    (await frame.evaluate('document.querySelector(\'li.member[data-member="Hero"] img.thumb\')?.naturalWidth')) ? true : undefined,
  );
  assert.equal(await frame.innerText('li.member[data-member="Hero"] .used a'), 'harbour.kling.json');
  assert.equal(await frame.getAttribute('li.member[data-member="Lamp"] video.thumb', 'aria-label'), 'Video of Lamp');

  const vs = await axeSeriousViolations(frame);
  assert.deepEqual(vs, [], describeViolations(vs));

  await frame.focus('vscode-button[aria-label="Remove Lamp"]');
  await page.keyboard.press('Enter');
  await frame.waitForSelector('li.member[data-member="Lamp"]', { state: 'detached' });
  await page.keyboard.press('Control+S');
  const file = path.join(wb.workspace, CAST);
  await waitFor('Lamp gone from the file', () => (fs.readFileSync(file, 'utf8').includes('"Lamp"') ? undefined : true));
  await page.keyboard.press('Control+Z');
  await page.keyboard.press('Control+S');
  await waitFor('the file as it was', () => (fs.readFileSync(file, 'utf8') === CAST_TEXT ? true : undefined));
});
