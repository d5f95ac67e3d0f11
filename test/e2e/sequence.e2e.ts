// UI: the sequence editor in code-server. A sequence of three shots, two with finished takes (real
// H.264 clips of 4 s and 12 s) and one not generated yet. Alt+Down on a focused card and a drag of a card
// each change the file's text (saved with Ctrl+S) and one Ctrl+Z takes a move back; play-through
// reaches the second clip after the first and can be paused with Space and stopped; Open Shot opens
// the shot editor; axe finds nothing serious. The editor's picture
// goes to docs/sequence-editor.png (KLING_UPDATE_DOCS=1).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { ROOT } from '../harness/code-server';
import { axeSeriousViolations, describeViolations, webviewFrame } from '../harness/axe';
import { DOC_SCREENSHOTS, openWorkbench, quickOpen, screenshot, type Workbench } from '../harness/workbench';
import { waitFor } from '../kit/wait-for';

const SEQ = 'film.kling-seq.json';
const SEQ_TEXT = `// The cut, in order.
{
  "shots": [
    "harbour.kling.json", // establishing
    "lighthouse.kling.json",
    "storm.kling.json"
  ]
}
`;
let wb: Workbench;

before(async () => {
  wb = await openWorkbench({
    files: {
      [SEQ]: SEQ_TEXT,
      'harbour.kling.json': '{ "prompt": "A fishing harbour at dawn", "duration": "5" }\n',
      'lighthouse.kling.json': '{ "prompt": "A lighthouse beam sweeps the fog", "duration": "5" }\n',
      'storm.kling.json': '{ "prompt": "A storm rolls over the sea", "duration": "5" }\n',
    },
    settings: { 'workbench.editor.enablePreview': false },
  });
  const renders = path.join(wb.workspace, 'renders');
  fs.mkdirSync(renders, { recursive: true });
  // harbour plays second: its 12 s leave the test time to pause it, whatever the machine's load.
  for (const [shot, id, fixture, seconds] of [
    ['harbour', 'seq-harbour', 'long-12s-720x1280.mp4', 12],
    ['lighthouse', 'seq-lighthouse', 'element-4s-720x1280.mp4', 4],
  ] as const) {
    const clip = path.join(renders, `${shot}.20260101-100000.mp4`);
    fs.copyFileSync(path.join(ROOT, 'test/fixtures/media', fixture), clip);
    const at = '2026-01-01T10:00:00.000Z';
    fs.writeFileSync(
      path.join(renders, `${shot}.20260101-100000.take.json`),
      JSON.stringify({
        version: 1,
        id,
        shotFile: path.join(wb.workspace, `${shot}.kling.json`),
        endpointId: 'fal-ai/kling-video/v3/pro/text-to-video',
        body: { prompt: shot, duration: '5' },
        requestId: `req-${id}`,
        status: 'done',
        createdAt: at,
        updatedAt: at,
        clipPath: clip,
        video: { url: `https://example.invalid/${shot}.mp4`, durationSeconds: seconds },
      }),
    );
  }
});
after(async () => {
  await wb?.close();
});

const seqFile = () => path.join(wb.workspace, SEQ);

/** Waits until the file on disk holds the shots in this order. */
function fileOrder(names: string[]): Promise<string> {
  let text = '';
  return waitFor(
    `the file to list ${names.join(', ')}`,
    () => {
      text = fs.readFileSync(seqFile(), 'utf8');
      const order = [...text.matchAll(/"(\w+)\.kling\.json"/g)].map(m => m[1]);
      return order.join() === names.join() ? text : undefined;
    },
    { explain: () => text },
  );
}

async function cardNames(frame: Frame): Promise<string[]> {
  return frame.$$eval('li.card .name', els => els.map(e => (e.textContent ?? '').replace(/^\d+\.\s*/, '').replace('.kling.json', '')));
}

test('the sequence editor: filmstrip, keyboard and drag reorder change the file, play-through, axe', async () => {
  const { page } = wb;
  await quickOpen(page, SEQ);
  let frame = await webviewFrame(page, 'li.card[data-position="2"] .status');
  assert.deepEqual(await cardNames(frame), ['harbour', 'lighthouse', 'storm']);
  assert.match(await frame.innerText('[data-total]'), /Total length: 16\.0 s · 1 shot has no take yet/);
  assert.equal(await frame.innerText('li.card[data-position="2"] .status'), 'Not generated yet');
  assert.match(await frame.innerText('li.card[data-position="0"] .status'), /12\.0 s · Newest take/);
  assert.equal(await frame.getAttribute('li.card[data-position="0"] video', 'preload'), 'metadata');

  // Keyboard: Alt+Down on the focused first card moves it down one; the live region says so.
  await frame.focus('li.card[data-position="0"]');
  await page.keyboard.press('Alt+ArrowDown');
  await frame.waitForSelector('li.card[data-position="1"][data-index="1"]:focus');
  assert.match(await frame.innerText('[data-announce]'), /Moved harbour\.kling\.json to position 2 of 3/);
  await page.keyboard.press('Control+S');
  const afterKey = await fileOrder(['lighthouse', 'harbour', 'storm']);
  assert.equal(
    afterKey,
    SEQ_TEXT.replace(
      '"harbour.kling.json", // establishing\n    "lighthouse.kling.json",',
      '"lighthouse.kling.json", // establishing\n    "harbour.kling.json",',
    ),
    'only the two entries changed places; the comments stay',
  );

  // Drag: the last card onto the first.
  frame = await webviewFrame(page, 'li.card[data-position="2"]');
  await frame.waitForSelector('li.card[data-position="0"] .name:has-text("lighthouse")');
  await frame.locator('li.card[data-position="2"]').dragTo(frame.locator('li.card[data-position="0"]'));
  await frame.waitForSelector('li.card[data-position="0"] .name:has-text("storm")');
  await page.keyboard.press('Control+S');
  await fileOrder(['storm', 'lighthouse', 'harbour']);

  // Play-through: the two clips in order; the second is reached after the first.
  await frame.click('vscode-button[data-action="play"]');
  await frame.waitForSelector('.player[data-playing-index="0"][data-state="playing"]');
  assert.match(await frame.innerText('.player figcaption'), /Shot 1 of 2: lighthouse\.kling\.json/);
  await frame.waitForSelector('.player[data-playing-index="1"]', { timeout: 30_000 });
  assert.match(await frame.innerText('.player figcaption'), /Shot 2 of 2: harbour\.kling\.json/);
  assert.equal(await frame.getAttribute('li.card.playing', 'data-position'), '2', 'the playing shot is marked');
  // Space pauses (focus on a card, not a button).
  await frame.focus('li.card[data-position="0"]');
  await page.keyboard.press('Space');
  await frame.waitForSelector('.player[data-playing-index="1"][data-state="paused"]');

  await screenshot(page, 'sequence-editor', DOC_SCREENSHOTS);
  const vs = await axeSeriousViolations(frame);
  console.log(`[axe] sequence editor: ${vs.length} critical/serious rule(s)`);
  assert.deepEqual(vs, [], describeViolations(vs));

  await frame.click('vscode-button[data-action="stop"]');
  await frame.waitForSelector('.player[data-state="stopped"]:not([data-playing-index])');

  // One Ctrl+Z takes the drag back (one edit, one undo step).
  await frame.focus('li.card[data-position="1"]');
  await page.keyboard.press('Control+Z');
  await frame.waitForSelector('li.card[data-position="0"] .name:has-text("lighthouse")');
  await page.keyboard.press('Control+S');
  await fileOrder(['lighthouse', 'harbour', 'storm']);

  // Open Shot on a card opens that shot in the shot editor.
  await frame.click('li.card[data-position="2"] vscode-button[data-action="open"]');
  await page.locator('.tabs-container .tab.active', { hasText: 'storm.kling.json' }).waitFor({ timeout: 30_000 });
  await webviewFrame(page, '.editor[data-version]');
});
