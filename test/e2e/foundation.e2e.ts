// UI: a real VS Code (code-server) in headless Chromium opens a shot file in the custom editor.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { activeTabLabel, openWorkbench, quickOpen, screenshot, webview, type Workbench } from '../harness/workbench';

let wb: Workbench;
const FILE = 'e2e-foundation.kling.json';
const TEXT =
  '{\n  // written by the foundation UI test\n  "prompt": "a lighthouse at dusk, foundation-e2e-marker",\n  "duration": "5"\n}\n';

before(async () => {
  wb = await openWorkbench({ files: { [FILE]: TEXT } });
});
after(async () => {
  await wb?.close();
});

test('Quick Open shows the shot file in the custom editor with the file content', async () => {
  await quickOpen(wb.page, FILE);
  // The shot editor shows the prompt in its prompt field.
  const prompt = webview(wb.page).locator('#f-prompt');
  await prompt.waitFor({ timeout: 30000 });
  assert.match(await prompt.inputValue(), /foundation-e2e-marker/);
  assert.ok((await activeTabLabel(wb.page)).includes(FILE), 'the active tab is the shot file');
  await screenshot(wb.page, 'foundation-custom-editor');
});

test('the webview follows an edit of the file', async () => {
  fs.writeFileSync(path.join(wb.workspace, FILE), TEXT.replace('foundation-e2e-marker', 'edited-on-disk-marker'));
  const prompt = webview(wb.page).locator('#f-prompt');
  const t0 = Date.now();
  while (!/edited-on-disk-marker/.test(await prompt.inputValue())) {
    assert.ok(Date.now() - t0 < 20000, 'the prompt field shows the text edited on disk');
    await new Promise(r => setTimeout(r, 100));
  }
});

test('parse errors are shown in the editor', async () => {
  fs.writeFileSync(path.join(wb.workspace, FILE), '{ "prompt": "broken", \n');
  const item = webview(wb.page).locator('#diagnostics li[data-code="kling.parse"]').first();
  await item.waitFor({ timeout: 20000 });
  assert.match(await item.innerText(), /Ln 2, Col 1: .*must be JSON/);
  // What still parses is shown, with the way out to the text editor.
  await webview(wb.page).locator('#reopen-broken').waitFor();
  assert.equal(await webview(wb.page).locator('#f-prompt').inputValue(), 'broken');
  await screenshot(wb.page, 'foundation-parse-error');
});
