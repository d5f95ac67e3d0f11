// UI: editing a shot in the shot editor of a real VS Code (code-server) + Chromium. The storyboard
// shows the text editor's quick fixes beside each problem and applies one as one undoable edit; a
// numeric duration reads as not valid (never "0 s") with its fix in the endpoint's form; Kling 4.0's
// numeric seconds read as seconds; select-all then typing in a prompt keeps every character typed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { openShotEditor, openWorkbench, saveShotEditor, type Workbench } from '../harness/workbench';
import { waitFor } from '../kit/wait-for';

const NUMERIC = 'e2e-numeric.kling.json';
const V4 = 'e2e-v4-board.kling.json';
const TYPING = 'e2e-select-all.kling.json';
const NUMERIC_TEXT = `{
  // the total written as a number, as Kling 4.0 takes it; this is a V3 file
  "multi_prompt": [
    { "prompt": "Wide: a harbour at dawn", "duration": "4" },
    { "prompt": "Close-up: a gull lands", "duration": "6" }
  ],
  "duration": 5,
  "generate_audio": false
}
`;
const V4_TEXT = JSON.stringify(
  {
    endpoint: 'kling/v4/text-to-video',
    multi_prompt: [
      { prompt: 'Wide: the city wakes', duration: 12 },
      { prompt: 'Close-up: a kettle boils', duration: 8 },
    ],
    duration: 20,
  },
  null,
  2,
);

let wb: Workbench;

before(async () => {
  wb = await openWorkbench({
    files: {
      [NUMERIC]: NUMERIC_TEXT,
      [V4]: V4_TEXT,
      [TYPING]: '{\n  "prompt": "the words already here",\n  "duration": "5"\n}\n',
    },
    settings: { 'klingStudio.provider': 'simulator', 'workbench.editor.enablePreview': false },
  });
});
after(async () => {
  await wb?.close();
});

const read = (name: string) => fs.readFileSync(path.join(wb.workspace, name), 'utf8');
const parsed = (name: string) => JSON.parse(read(name).replace(/^\s*\/\/.*$/gm, '')) as Record<string, unknown>;

const open = (name: string): Promise<FrameLocator> => openShotEditor(wb.page, name);
const save = (frame: FrameLocator, name: string, what: string, check: (text: string) => boolean): Promise<void> =>
  saveShotEditor(wb.page, frame, path.join(wb.workspace, name), what, check);

test('a numeric duration on a V3 storyboard reads as not valid, with the text editor’s fixes beside the problem', async () => {
  const frame = await open(NUMERIC);
  const legend = frame.locator('.timeline-legend');
  await legend.waitFor();
  const text = await legend.innerText();
  assert.doesNotMatch(text, /\b0 s\b/, `no "0 s": ${text}`);
  assert.match(text, /Shots:\s*10 s/);
  assert.match(text, /Duration:\s*not valid/);
  assert.equal(await frame.locator('#timeline.mismatch').count(), 0, 'no made-up mismatch against 0 s');

  const problem = frame.locator('#diagnostics li[data-code="kling.duration-type"]');
  await problem.waitFor();
  const fixes = problem.locator('button.fix');
  await waitFor('two fixes', async () => (await fixes.count()) === 2);
  assert.deepEqual(
    (await fixes.allInnerTexts()).map(t => t.replace(/^\W+/u, '').trim()),
    ['Set duration to "10" (the sum of the shots)', 'Write the duration as a string: "5"'],
  );
  await problem.getByRole('button', { name: 'Set duration to "10" (the sum of the shots)' }).click();
  await waitFor('the problem gone from the page', async () => (await frame.locator('li[data-code="kling.duration-type"]').count()) === 0);
  await save(frame, NUMERIC, 'duration "10" on disk, comments kept', t => /"duration": "10",/.test(t) && t.includes('// the total'));
  assert.equal((await legend.innerText()).match(/Duration:\s*10 s/)?.length, 1);

  // One undo takes the fix back, exactly.
  await frame.locator('#title').click();
  await wb.page.keyboard.press('Control+Z');
  await save(frame, NUMERIC, 'the file as it was', t => t === NUMERIC_TEXT);
});

test('a Kling 4.0 storyboard reads its numeric seconds; the shot duration choice writes a number', async () => {
  const frame = await open(V4);
  const legend = frame.locator('.timeline-legend');
  await legend.waitFor();
  assert.match(await legend.innerText(), /Shots:\s*20 s[\s\S]*Duration:\s*20 s/);
  assert.equal(await frame.locator('#timeline.mismatch').count(), 0);
  // Kling 4.0 sets no cap on shots: no "2 / 6".
  assert.equal((await frame.locator('#add-shot + .muted').innerText()).trim(), '2 shots');
  // Past V3's 15 s: the choice lists Kling 4.0's seconds.
  await frame.locator('#f-multi_prompt-0-duration vscode-option[value="20"]').waitFor({ state: 'attached' });
  // Make the shots not add up, then fix it from the timeline: the same fix, written as a number.
  await frame.locator('.handle').first().focus();
  await wb.page.keyboard.press('ArrowRight');
  await waitFor('shot 1 at 13 s', async () => /1 · 13s/.test(await frame.locator('#timeline').innerText()));
  await frame.locator('#f-multi_prompt-1-duration').evaluate(el => {
    const select = el as unknown as { value: string; dispatchEvent(e: Event): boolean };
    select.value = '9';
    select.dispatchEvent(new Event('change'));
  });
  const fit = frame.locator('#fit-duration');
  await fit.waitFor();
  assert.equal((await fit.innerText()).trim(), 'Set duration to 22 (the sum of the shots)');
  await fit.click();
  await save(frame, V4, 'numbers on disk', () => {
    const p = parsed(V4) as { duration: unknown; multi_prompt: { duration: unknown }[] };
    return p.duration === 22 && p.multi_prompt[0]!.duration === 13 && p.multi_prompt[1]!.duration === 9;
  });
});

test('select-all in a prompt, then typing: the prompt is exactly what was typed', async () => {
  const frame = await open(TYPING);
  const area = frame.locator('#f-prompt');
  // Typed at full speed right after the key: VS Code's own select-all, were it to arrive, would land
  // in the middle of the words and swallow what was typed before it.
  for (const words of ['Hello, a lighthouse at dusk', 'Wide: waves break on rocks', 'x']) {
    await area.click();
    await wb.page.keyboard.press('Control+A');
    await wb.page.keyboard.type(words);
    await save(frame, TYPING, `"${words}" on disk`, () => parsed(TYPING).prompt === words);
    assert.equal(await area.inputValue(), words);
  }
});
