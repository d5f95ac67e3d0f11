// UI: a shot file's name is text. A file named like a Markdown link to a `command:` URI is generated
// on the simulator (the extension's own, provider "simulator"): the progress notification and, once
// cancelled from it, the finish notification show the name with its brackets, and no link. VS Code
// renders `[x](command:…)` in a notification as an <a> that runs the command when clicked.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { webviewFrame } from '../harness/axe';
import { openWorkbench, quickOpen, screenshot, type Workbench } from '../harness/workbench';

const NAME = '[x](command:workbench.action.quit).kling.json';
let wb: Workbench;

before(async () => {
  wb = await openWorkbench({
    files: { [NAME]: '{\n  "prompt": "a shot whose file name is a link",\n  "duration": "3",\n  "generate_audio": false\n}\n' },
    // A long simulated job: the progress notification stays until the test cancels it.
    settings: { 'klingStudio.provider': 'simulator', 'klingStudio.simulator.jobSeconds': 300, 'workbench.editor.enablePreview': false },
  });
});
after(async () => {
  await wb?.close();
});

/** The notification shows the whole name as it is on disk (zero-width spaces aside), and links nothing. */
async function showsNameAsText(toast: Locator, what: string): Promise<void> {
  const message = toast.locator('.notification-list-item-message');
  const text = (await message.innerText()).replace(/\u200b/g, '');
  const links = await message.locator('a').evaluateAll(as => as.map(a => `${a.textContent} → ${a.getAttribute('href') ?? ''}`));
  if (links.length || !text.includes(NAME)) await screenshot(wb.page, `ui-text-${what}`);
  assert.deepEqual(links, [], `the ${what} notification links nothing: ${text}`);
  assert.ok(text.includes(NAME), `the ${what} notification shows the name with its brackets: ${JSON.stringify(text)}`);
}

test('a shot file named like a command link: the progress and finish notifications show the name, no link', async () => {
  const page = wb.page;
  await quickOpen(page, 'workbench.action.quit).kling.json');
  const editor = await webviewFrame(page, '#generate');
  await editor.click('#generate');

  // The progress notification of the job: its title is "Kling: <name>", its message the status.
  const progress = page
    .locator('.notifications-toasts .notification-toast', { hasText: /kling\.json/ })
    .filter({ hasText: /Starting|Submitting|Queued|Generating/ })
    .first();
  await progress.waitFor({ timeout: 60_000 });
  await showsNameAsText(progress, 'progress');

  // Cancel from the notification: the finish notification says so, naming the shot.
  await progress.getByRole('button', { name: 'Cancel', exact: true }).click();
  const finished = page.locator('.notifications-toasts .notification-toast', { hasText: /was cancelled/ }).first();
  await finished.waitFor({ timeout: 60_000 });
  await showsNameAsText(finished, 'finish');
});
