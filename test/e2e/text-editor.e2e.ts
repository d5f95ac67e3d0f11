// UI: a shot file opened as text gets Kling's squiggles in Problems and @Element highlighting.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openWorkbench, quickOpen, runCommand, screenshot, webview, type Workbench } from '../harness/workbench';

let wb: Workbench;
const FILE = 'text-view.kling.json';
const TEXT = [
  '{',
  '  "prompt": "@Element1 opens the door and @Element2 waves",',
  '  "duration": 5,',
  '  "start_image_url": "https://example.com/start.png",',
  '  "elements": [{ "frontal_image_url": "https://example.com/a.png", "reference_image_urls": ["https://example.com/b.png"] }]',
  '}',
  '',
].join('\n');

before(async () => {
  wb = await openWorkbench({ files: { [FILE]: TEXT } });
});
after(async () => {
  await wb?.close();
});

test('opened as text, the Problems panel lists Kling diagnostics with their positions', async () => {
  await quickOpen(wb.page, FILE);
  // The command is offered only once the shot editor is the active editor: wait for it to show.
  await webview(wb.page).getByRole('button', { name: 'Reopen as Text' }).waitFor({ timeout: 60000 });
  await runCommand(wb.page, 'Kling: Reopen as Text');
  await wb.page.locator('.monaco-editor .view-lines').first().waitFor();
  await runCommand(wb.page, 'View: Focus Problems');
  const rows = wb.page.locator('.markers-panel .monaco-list-row');
  await rows.filter({ hasText: 'Element2' }).first().waitFor({ timeout: 30000 });
  const texts = await rows.allInnerTexts();
  assert.ok(
    texts.some(t => /duration/i.test(t) && /Ln 3/.test(t)),
    `duration error on line 3 in: ${JSON.stringify(texts)}`,
  );
  assert.ok(
    texts.some(t => /@?Element2/.test(t) && /Ln 2/.test(t)),
    `dangling @Element2 on line 2 in: ${JSON.stringify(texts)}`,
  );
  await screenshot(wb.page, 'text-editor-problems');
});

test('@Element references in prompts are highlighted by the injection grammar', async () => {
  const line = wb.page.locator('.monaco-editor .view-line', { hasText: '@Element1' }).first();
  await line.waitFor();
  // A string, not a closure: tsx would wrap a closure in helpers that do not exist in the page.
  const colors = await line.evaluate(
    new Function(
      'el',
      `
    const spans = Array.from(el.querySelectorAll('span span'));
    const colorOf = needle => { const s = spans.find(x => (x.textContent || '').includes(needle)); return s ? getComputedStyle(s).color : undefined; };
    return { element: colorOf('@Element1'), text: colorOf('opens') };
  `,
    ) as (el: unknown) => { element?: string; text?: string },
  );
  assert.ok(colors.element && colors.text, `found both tokens: ${JSON.stringify(colors)}`);
  assert.notEqual(colors.element, colors.text, '@Element1 is coloured unlike the rest of the prompt');
});
