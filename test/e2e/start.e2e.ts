// UI: starting a project in code-server. New Sequence asks for a name and opens the sequence
// editor on the new file; its Add Shots… picks two shot files of the workspace at once and writes
// them as one edit that one Ctrl+Z takes back, and New Shot… appends a shot made from a template. An empty shot, sequence and cast file each open on a
// sentence and a button (never "Value expected") that fills the file from a template. Use Offline
// Simulator asks where to keep the choice: Escape writes nothing, Workspace settings writes
// .vscode/settings.json and says so.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { axeSeriousViolations, describeViolations, webviewFrame } from '../harness/axe';
import { openWorkbench, quickOpen, type Workbench } from '../harness/workbench';
import { waitFor } from '../kit/wait-for';

let wb: Workbench;

before(async () => {
  wb = await openWorkbench({
    files: { 'blank.kling.json': '', 'blank.kling-seq.json': '  \n', 'blank.kling-cast.json': '' },
    settings: { 'workbench.editor.enablePreview': false },
  });
  // The palette lists the commands known when it opens: the workbench can be up before the
  // extension's contributions are. Its view container in the activity bar shows they are there.
  await wb.page.locator('.activitybar .action-item a[aria-label^="Kling Studio"]').first().waitFor({ timeout: 60_000 });
});
after(async () => {
  await wb?.close();
});

/**
 * Runs a command from the palette whose own quick input follows at once: the harness's runCommand
 * waits for the palette to close, which the next question (the same widget) can keep from happening.
 * `next` is a locator of what that question shows.
 */
async function commandAsking(page: Page, title: string, next: () => Promise<void>): Promise<void> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await waitFor(`the palette to offer ${title}`, async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: 5_000 });
    await input.fill('>' + title);
    await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: title }).first().waitFor({ timeout: 10_000 });
    return true;
  });
  await page.keyboard.press('Enter');
  await next();
}

const file = (name: string) => path.join(wb.workspace, name);
const read = (name: string) => fs.readFileSync(file(name), 'utf8');

/** Ticks the rows of the open multi-select quick pick whose text is one of `names`, then accepts. */
async function pickMany(page: Page, names: string[]): Promise<void> {
  const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
  await rows.first().waitFor({ timeout: 30_000 });
  for (const name of names) {
    await page.locator('.quick-input-widget .quick-input-box input').fill(name);
    const row = rows.filter({ hasText: name }).first();
    await row.waitFor();
    await row.locator('input[type="checkbox"], .monaco-checkbox, .quick-input-list-checkbox').first().click();
    await page.locator('.quick-input-widget .quick-input-list .monaco-list-row[aria-checked="true"]', { hasText: name }).first().waitFor();
  }
  await page.locator('.quick-input-widget .quick-input-box input').fill('');
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/**
 * Presses a page's button from the keyboard. A click moves focus into the webview, and a quick
 * input the button opens closes when that focus change lands after it has shown.
 */
async function press(page: Page, frame: Frame, selector: string): Promise<void> {
  await frame.focus(selector);
  await page.keyboard.press('Enter');
}

async function cardNames(frame: Frame): Promise<string[]> {
  return frame.$$eval('li.card .name', els => els.map(e => (e.textContent ?? '').replace(/^\d+\.\s*/, '')));
}

async function noParserWords(frame: Frame): Promise<void> {
  const text = await frame.innerText('body');
  assert.doesNotMatch(text, /Value ?expected/i, text);
}

test('New Sequence → Add Shots… (two at once, one undo) → the cards', async () => {
  const { page } = wb;
  await commandAsking(page, 'Kling: New Sequence', () =>
    page.locator('.quick-input-widget .quick-input-message', { hasText: 'File name' }).waitFor({ timeout: 30_000 }),
  );
  await page.keyboard.press('Control+A');
  await page.keyboard.type('my-cut');
  await page.keyboard.press('Enter');
  const frame = await webviewFrame(page, '[data-empty="no-shots"] vscode-button[data-action="empty-add-shots"]');
  assert.match(read('my-cut.kling-seq.json'), /"shots": \[\]/);
  await noParserWords(frame);

  await press(page, frame, '[data-empty="no-shots"] vscode-button[data-action="empty-add-shots"]');
  await pickMany(page, ['hello.kling.json', 'storyboard.kling.json']);
  await frame.waitForSelector('li.card[data-position="1"]');
  assert.deepEqual(await cardNames(frame), ['hello.kling.json', 'storyboard.kling.json']);
  const vs = await axeSeriousViolations(frame);
  assert.deepEqual(vs, [], describeViolations(vs));

  // One edit: one Ctrl+Z takes both back.
  await frame.focus('li.card[data-position="0"]');
  await page.keyboard.press('Control+Z');
  await frame.waitForSelector('[data-empty="no-shots"]');
  await page.keyboard.press('Control+Shift+Z');
  await frame.waitForSelector('li.card[data-position="1"]');
  await page.keyboard.press('Control+S');
  await waitFor('the file to list both shots', () =>
    /"shots": \[\s*"hello\.kling\.json",\s*"storyboard\.kling\.json"\s*\]/.test(read('my-cut.kling-seq.json')) ? true : undefined,
  );

  // New Shot…: New Shot File's own templates and name, then the new file is appended.
  await press(page, frame, 'vscode-button[data-action="new-shot"]');
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Text to video' }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget .quick-input-message', { hasText: 'File name' }).waitFor();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('third');
  await page.keyboard.press('Enter');
  // New Shot File opens the new shot: only then go back to the sequence.
  await page.locator('.tabs-container .tab.active', { hasText: 'third.kling.json' }).waitFor({ timeout: 30_000 });
  await webviewFrame(page, '.editor[data-version] #f-prompt');
  // Its tab, clicked: Quick Open could be closed by the shot editor taking focus as it loads.
  await page.locator('.tabs-container .tab', { hasText: 'my-cut.kling-seq.json' }).first().click();
  const again = await webviewFrame(page, 'li.card[data-position="2"]');
  assert.deepEqual(await cardNames(again), ['hello.kling.json', 'storyboard.kling.json', 'third.kling.json']);
  await page.keyboard.press('Control+S');
  await waitFor('the file to list the new shot', () =>
    /"third\.kling\.json"\s*\]/.test(read('my-cut.kling-seq.json')) ? true : undefined,
  );
});

test('an empty sequence file: a sentence and Add Shots…, which writes the whole file', async () => {
  const { page } = wb;
  await quickOpen(page, 'blank.kling-seq.json');
  const frame = await webviewFrame(page, '[data-empty="blank"] vscode-button[data-action="empty-add-shots"]');
  assert.match(await frame.innerText('[data-empty="blank"]'), /This sequence file is empty/);
  assert.equal(await frame.locator('.file-problems').count(), 0);
  await noParserWords(frame);
  const vs = await axeSeriousViolations(frame);
  assert.deepEqual(vs, [], describeViolations(vs));
  await press(page, frame, '[data-empty="blank"] vscode-button[data-action="empty-add-shots"]');
  await pickMany(page, ['dance.kling.json']);
  await frame.waitForSelector('li.card[data-position="0"]');
  await page.keyboard.press('Control+S');
  await waitFor('the sequence written', () =>
    /"shots": \[\s*"dance\.kling\.json"\s*\]/.test(read('blank.kling-seq.json')) ? true : undefined,
  );
});

test('an empty shot file: a sentence and Start from a Template (one undo step)', async () => {
  const { page } = wb;
  await quickOpen(page, 'blank.kling.json');
  const frame = await webviewFrame(page, '[data-empty="blank"] #start-from-template');
  assert.match(await frame.innerText('[data-empty="blank"]'), /This shot file is empty/);
  await noParserWords(frame);
  const vs = await axeSeriousViolations(frame);
  assert.deepEqual(vs, [], describeViolations(vs));
  await frame.click('#start-from-template');
  await frame.waitForSelector('.editor[data-version] #f-prompt');
  assert.equal(await frame.locator('.notice').count(), 0, 'the template is a clean shot');
  // Undo from the page, not inside a text field (whose own undo would answer).
  await frame.evaluate('document.activeElement && document.activeElement.blur()');
  await page.keyboard.press('Control+Z');
  await frame.waitForSelector('[data-empty="blank"] #start-from-template');
  await page.keyboard.press('Control+Shift+Z');
  await frame.waitForSelector('.editor[data-version] #f-prompt');
  await page.keyboard.press('Control+S');
  await waitFor('the template on disk', () => (read('blank.kling.json').includes('"prompt"') ? true : undefined));
});

test('an empty cast file: a sentence and Start an Empty Cast', async () => {
  const { page } = wb;
  await quickOpen(page, 'blank.kling-cast.json');
  const frame = await webviewFrame(page, '[data-empty="blank"] vscode-button[data-action="start-template"]');
  assert.match(await frame.innerText('[data-empty="blank"]'), /This cast file is empty/);
  assert.equal(await frame.locator('.problems').count(), 0);
  await noParserWords(frame);
  const vs = await axeSeriousViolations(frame);
  assert.deepEqual(vs, [], describeViolations(vs));
  await frame.click('vscode-button[data-action="start-template"]');
  await frame.waitForSelector('.cast:not(:has([data-empty]))');
  assert.match(await frame.innerText('.cast'), /No members yet/);
  await page.keyboard.press('Control+S');
  await waitFor('the cast on disk', () => (read('blank.kling-cast.json').includes('"members": {}') ? true : undefined));
});

test('Use Offline Simulator asks where to keep the choice; Escape changes nothing; Workspace writes .vscode/settings.json and says so', async () => {
  const { page } = wb;
  const settings = file('.vscode/settings.json');
  const before = fs.existsSync(settings) ? read('.vscode/settings.json') : undefined;
  const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
  const asked = () => rows.filter({ hasText: 'Workspace settings' }).first().waitFor({ timeout: 30_000 });
  await commandAsking(page, 'Kling: Use Offline Simulator', asked);
  assert.match(await rows.filter({ hasText: 'Workspace settings' }).first().innerText(), /project root/);
  assert.match(await rows.filter({ hasText: 'User settings' }).first().innerText(), /no file of the project changes/);
  await page.keyboard.press('Escape');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  assert.equal(fs.existsSync(settings) ? read('.vscode/settings.json') : undefined, before, 'Escape wrote nothing');

  await commandAsking(page, 'Kling: Use Offline Simulator', asked);
  await rows.filter({ hasText: 'Workspace settings' }).first().click();
  await waitFor('the workspace setting', () =>
    fs.existsSync(settings) && /"klingStudio\.provider":\s*"simulator"/.test(read('.vscode/settings.json')) ? true : undefined,
  );
  await page
    .locator('.notifications-toasts .notification-toast', { hasText: '.vscode/settings.json of this folder' })
    .first()
    .waitFor({ timeout: 30_000 });
});
