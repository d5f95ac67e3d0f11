// UI: the shot editor fixes seen in the DOM of a real VS Code (code-server) + Chromium, with the
// offline simulator as provider: the cost line, Add shot at 15 s, one Ctrl+Z per typed word, the
// problems list at 7 shots, and Ctrl+Enter generating the active shot.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { openShotEditor, openWorkbench, saveShotEditor, type Workbench } from '../harness/workbench';
import { waitFor } from '../kit/wait-for';

const FULL = 'e2e-full.kling.json';
const SEVEN = 'e2e-seven.kling.json';
const KEYS = 'e2e-keys.kling.json';
const LONG = 'e2e-long.kling.json';
// No hyphen or space: nothing where a browser would break the line by itself.
const LONG_PATH = `./refs/${'a_start_frame_whose_name_goes_on_and_on'.repeat(3)}.png`;
const FULL_TEXT = `{
  // two shots that fill the 15 s a clip can last
  "multi_prompt": [
    { "prompt": "Wide shot: a harbour at dawn", "duration": "7" },
    { "prompt": "Close-up: a gull lands on a post", "duration": "8" }
  ],
  "duration": "15",
  "generate_audio": false
}
`;
const SEVEN_TEXT = JSON.stringify(
  { multi_prompt: Array.from({ length: 7 }, (_, i) => ({ prompt: i % 2 ? '' : `shot ${i + 1}`, duration: '2' })), duration: '14' },
  null,
  2,
);

let wb: Workbench;

before(async () => {
  wb = await openWorkbench({
    files: {
      [FULL]: FULL_TEXT,
      [SEVEN]: SEVEN_TEXT,
      [KEYS]: '{\n  "prompt": "a paper boat on a puddle",\n  "duration": "3",\n  "generate_audio": false\n}\n',
      [LONG]: JSON.stringify({ start_image_url: LONG_PATH, prompt: 'the frame comes alive', duration: '5' }, null, 2),
    },
    settings: { 'klingStudio.provider': 'simulator', 'klingStudio.simulator.jobSeconds': 1, 'workbench.editor.enablePreview': false },
  });
});
after(async () => {
  await wb?.close();
});

const read = (name: string) => fs.readFileSync(path.join(wb.workspace, name), 'utf8');
const shots = (name: string) =>
  JSON.parse(read(name).replace(/^\s*\/\/.*$/gm, '')) as { multi_prompt: { prompt: string; duration: string }[]; duration: string };

const open = (name: string): Promise<FrameLocator> => openShotEditor(wb.page, name);
const save = (frame: FrameLocator, name: string, what: string, check: (text: string) => boolean): Promise<void> =>
  saveShotEditor(wb.page, frame, path.join(wb.workspace, name), what, check);

test('with no takes yet, the Generations view shows its welcome content', async () => {
  await wb.page.locator('.activitybar .action-item a[aria-label^="Kling Studio"]').first().click();
  const welcome = wb.page.locator('.welcome-view-content', { hasText: 'No takes yet.' });
  await welcome.waitFor({ timeout: 30_000 });
  assert.equal(await wb.page.locator('.pane-body .monaco-list-row', { hasText: 'Recent Takes' }).count(), 0);
});

test('on the simulator the cost line says it is free and what fal would charge', async () => {
  const frame = await open(FULL);
  const amount = frame.locator('#cost .cost-amount');
  await amount.waitFor();
  assert.match(await amount.innerText(), /^free \(simulator\) · ≈ \$\d+\.\d\d on fal$/);
});

test('Add shot at 15 s splits the longest shot: three shots, still 15 s', async () => {
  const frame = await open(FULL);
  const add = frame.locator('#add-shot');
  assert.equal(await add.getAttribute('disabled'), null, 'Add shot is enabled at 15 s');
  await add.click();
  await frame.locator('#f-multi_prompt-2-prompt').waitFor();
  await save(frame, FULL, 'a third shot', t => shots(FULL).multi_prompt.length === 3 && t.length > 0);
  const p = shots(FULL);
  assert.deepEqual(
    p.multi_prompt.map(s => s.duration),
    ['7', '4', '4'],
  );
  assert.equal(p.duration, '15');
  assert.equal(await frame.locator('#timeline.mismatch').count(), 0, 'no mismatch between shots and duration');
});

test('type a word in a prompt, Ctrl+Z once: the whole word is gone', async () => {
  const frame = await open(FULL);
  await save(frame, FULL, 'a clean save', () => true);
  const before = read(FULL);
  const area = frame.locator('#f-multi_prompt-0-prompt');
  await area.click();
  await wb.page.keyboard.press('End');
  await wb.page.keyboard.type(' misty', { delay: 30 });
  // The word reaches the document at the typing pause: the editor acknowledges it by its ack number.
  await save(frame, FULL, 'the typed word', t => t.includes('a harbour at dawn misty'));
  await frame.locator('#title').click();
  await wb.page.keyboard.press('Control+Z');
  await save(frame, FULL, 'the word undone in one step', t => t === before);
});

test('7 shots: the problems list shows each shot’s problem, as many as the summary counts', async () => {
  const frame = await open(SEVEN);
  // the shot count plus shots 2, 4 and 6 without a prompt
  await waitFor('4 problems listed', async () => (await frame.locator('#diagnostics li').count()) === 4);
  assert.match(await frame.locator('.summary-title').innerText(), /^4 errors/);
  for (const shot of [1, 3, 5]) {
    await frame.locator(`li.shot[data-index="${shot}"] li[data-code="kling.shot-prompt-required"]`).waitFor();
  }
});

test('a media card’s error text wraps inside the card instead of being clipped', async () => {
  const frame = await open(LONG);
  const diag = frame.locator('.card .field-diags li.diag').first();
  await diag.waitFor({ timeout: 30_000 });
  assert.match(await diag.innerText(), /a_start_frame_whose_name/);
  const fits = await diag.evaluate(el => {
    const li = el as unknown as {
      scrollWidth: number;
      clientWidth: number;
      closest(s: string): { clientWidth: number; scrollWidth: number } | null;
    };
    const card = li.closest('.card')!;
    return { li: li.scrollWidth <= li.clientWidth + 1, card: card.scrollWidth <= card.clientWidth + 1 };
  });
  assert.deepEqual(fits, { li: true, card: true });
});

test('Request Body and Estimate Cost are buttons in the shot editor', async () => {
  const frame = await open(KEYS);
  await frame.locator('#estimate-cost').click();
  await wb.page
    .locator('.notifications-toasts .notification-toast', { hasText: /e2e-keys\.kling\.json — free \(simulator\) · ≈ \$\d+\.\d\d on fal/ })
    .first()
    .waitFor({ timeout: 30_000 });
  await frame.locator('#show-request-body').click();
  await wb.page.locator('.tabs-container .tab', { hasText: 'e2e-keys.request.jsonc' }).first().waitFor({ timeout: 30_000 });
});

test('Ctrl+Enter in the shot editor generates the active shot', async () => {
  const frame = await open(KEYS);
  await frame.locator('#title').click();
  const takes = () => {
    const dir = path.join(wb.workspace, 'renders');
    return fs.existsSync(dir) ? fs.readdirSync(dir).filter(f => f.startsWith('e2e-keys') && f.endsWith('.take.json')) : [];
  };
  assert.deepEqual(takes(), []);
  await wb.page.keyboard.press('Control+Enter');
  await waitFor('a take record for the shot', () => takes().length === 1, { timeoutMs: 60_000 });
});
