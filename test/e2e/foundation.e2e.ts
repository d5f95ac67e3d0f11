// UI: a real VS Code (code-server) in headless Chromium opens a shot file in the custom editor.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { activeTabLabel, openWorkbench, quickOpen, screenshot, webview, type Workbench } from '../harness/workbench';

let wb: Workbench;
const FILE = 'e2e-foundation.kling.json';
const TEXT = '{\n  // written by the foundation UI test\n  "prompt": "a lighthouse at dusk, foundation-e2e-marker",\n  "duration": "5"\n}\n';

before(async () => { wb = await openWorkbench({ files: { [FILE]: TEXT } }); });
after(async () => { await wb?.close(); });

test('Quick Open shows the shot file in the custom editor with the file content', async () => {
  await quickOpen(wb.page, FILE);
  const content = webview(wb.page).locator('#content');
  await content.waitFor({ timeout: 30000 });
  assert.match(await content.innerText(), /foundation-e2e-marker/);
  assert.ok((await activeTabLabel(wb.page)).includes(FILE), 'the active tab is the shot file');
  await screenshot(wb.page, 'foundation-custom-editor');
});

test('the webview follows an edit of the file', async () => {
  fs.writeFileSync(path.join(wb.workspace, FILE), TEXT.replace('foundation-e2e-marker', 'edited-on-disk-marker'));
  await webview(wb.page).locator('#content', { hasText: 'edited-on-disk-marker' }).waitFor({ timeout: 20000 });
});

test('parse errors are shown in the editor', async () => {
  fs.writeFileSync(path.join(wb.workspace, FILE), '{ "prompt": "broken", \n');
  const item = webview(wb.page).locator('#diagnostics li').first();
  await item.waitFor({ timeout: 20000 });
  assert.match(await item.innerText(), /parse error/i);
  await screenshot(wb.page, 'foundation-parse-error');
});
