// UI: axe-core (WCAG 2.1 A + AA rules) inside each webview — the shot editor on every example and
// on a file full of problems (audited once its problems are on screen), the takes panel, the
// compare view and the sequence editor — in the Dark, Light and High Contrast themes.
// Fails on any critical or serious violation; prints the counts per webview and theme.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../harness/code-server';
import { axeSeriousViolations, describeViolations, webviewFrame } from '../harness/axe';
import { openFileByKeyboard, openWorkbench, runCommand, type Workbench } from '../harness/workbench';

const THEMES = [
  { name: 'Dark', setting: 'Default Dark Modern', bodyClass: 'vscode-dark' },
  { name: 'Light', setting: 'Default Light Modern', bodyClass: 'vscode-light' },
  { name: 'High Contrast', setting: 'Default High Contrast', bodyClass: 'vscode-high-contrast' },
] as const;

const PROBLEMS_FILE = 'a11y-problems.kling.json';
/** Problems of several kinds: unknown key, a bad enum, shots that do not add up, a missing file, a dangling element. */
const PROBLEMS_TEXT = `{
  "endpoint": "image-to-video",
  "start_image_url": "./refs/missing.png",
  "multi_prompt": [
    { "prompt": "@Element3 enters", "duration": "4" },
    { "prompt": "", "duration": "9" }
  ],
  "duration": "5",
  "aspect_ratio": "4:5",
  "cfg_scale": 7,
  "aspect_ration": "16:9"
}
`;
const EXAMPLES = fs
  .readdirSync(path.join(ROOT, 'examples'))
  .filter(f => f.endsWith('.kling.json'))
  .sort();

let wb: Workbench | undefined;
after(async () => {
  await wb?.close();
});

/** Two finished takes and a failed one for hello.kling.json: the takes panel has a player and a list, Compare… has two clips. */
function writeTakes(workspace: string): void {
  const renders = path.join(workspace, 'renders');
  fs.mkdirSync(renders, { recursive: true });
  const shotFile = path.join(workspace, 'hello.kling.json');
  const base = {
    version: 1,
    shotFile,
    endpointId: 'fal-ai/kling-video/v3/pro/text-to-video',
    body: { prompt: 'A lighthouse at dusk', duration: '5' },
  };
  fs.copyFileSync(path.join(ROOT, 'test/fixtures/media/short-2s-480x640.mp4'), path.join(renders, 'hello.20260101-100000.mp4'));
  fs.writeFileSync(
    path.join(renders, 'hello.20260101-100000.take.json'),
    JSON.stringify({
      ...base,
      id: 'take-done',
      requestId: 'req-done-1',
      status: 'done',
      createdAt: '2026-01-01T10:00:00.000Z',
      updatedAt: '2026-01-01T10:01:00.000Z',
      costEstimateUsd: 0.56,
      clipPath: path.join(renders, 'hello.20260101-100000.mp4'),
    }),
  );
  fs.writeFileSync(
    path.join(renders, 'hello.20260101-090000.take.json'),
    JSON.stringify({
      ...base,
      id: 'take-failed',
      requestId: 'req-failed-1',
      status: 'failed',
      createdAt: '2026-01-01T09:00:00.000Z',
      updatedAt: '2026-01-01T09:01:00.000Z',
      error: { kind: 'validation', message: 'duration: must be one of 3 to 15' },
    }),
  );
  // A second finished take, so that Compare… is offered and the compare view has two clips.
  fs.copyFileSync(path.join(ROOT, 'test/fixtures/media/short-2s-480x640.mp4'), path.join(renders, 'hello.20260101-080000.mp4'));
  fs.writeFileSync(
    path.join(renders, 'hello.20260101-080000.take.json'),
    JSON.stringify({
      ...base,
      body: { prompt: 'A lighthouse at dawn', duration: '5', cfg_scale: 0.8 },
      id: 'take-done-2',
      requestId: 'req-done-2',
      status: 'done',
      createdAt: '2026-01-01T08:00:00.000Z',
      updatedAt: '2026-01-01T08:01:00.000Z',
      costEstimateUsd: 0.56,
      clipPath: path.join(renders, 'hello.20260101-080000.mp4'),
    }),
  );
}

/**
 * The problems file is audited with its problems on screen: the media checks have run (the missing
 * start image is reported) and the list and the inline diagnostics are rendered.
 */
async function expectProblemsShown(frame: Awaited<ReturnType<typeof webviewFrame>>): Promise<void> {
  await frame.waitForSelector('.editor[data-media-checked="true"]', { timeout: 30_000 });
  await frame.waitForSelector('#diagnostics li.diag[data-code="kling.media-missing"]', { timeout: 30_000 });
  const listed = await frame.$$eval('#diagnostics li.diag', els => els.length);
  const inline = await frame.$$eval('.field-diags li.diag', els => els.length);
  assert.ok(listed >= 5, `the problems list shows the file's problems (${listed})`);
  assert.ok(inline > 0, `problems are shown beside their fields (${inline})`);
}

const counts: string[] = [];

/** Runs axe, logs the counts, and returns a failure text (undefined when clean). */
async function audit(themeName: string, webviewName: string, frame: Awaited<ReturnType<typeof webviewFrame>>): Promise<string | undefined> {
  const vs = await axeSeriousViolations(frame);
  const critical = vs.filter(v => v.impact === 'critical');
  const serious = vs.filter(v => v.impact === 'serious');
  const line = `${themeName} · ${webviewName}: ${critical.length} critical rule(s) / ${critical.reduce((s, v) => s + v.nodes.length, 0)} elements, ${serious.length} serious rule(s) / ${serious.reduce((s, v) => s + v.nodes.length, 0)} elements`;
  counts.push(line);
  console.log(`[axe] ${line}${vs.length ? '\n' + describeViolations(vs) : ''}`);
  return vs.length ? `${line}\n${describeViolations(vs)}` : undefined;
}

for (const theme of THEMES) {
  test(`axe: every webview in the ${theme.name} theme has no critical or serious violation`, async () => {
    await wb?.close();
    wb = await openWorkbench({
      files: { [PROBLEMS_FILE]: PROBLEMS_TEXT },
      settings: { 'workbench.colorTheme': theme.setting, 'workbench.editor.enablePreview': false },
    });
    writeTakes(wb.workspace);
    const failures: string[] = [];
    for (const file of [...EXAMPLES, PROBLEMS_FILE]) {
      await openFileByKeyboard(wb.page, file);
      const frame = await webviewFrame(wb.page, `body.${theme.bodyClass} .editor[data-version]`);
      if (file === PROBLEMS_FILE) {
        await expectProblemsShown(frame);
      } else {
        // Diagnostics of the media checks arrive later than the first paint: audit the settled page.
        await frame.waitForSelector('.editor[data-media-checked="true"]', { timeout: 30_000 }).catch(() => undefined);
      }
      failures.push((await audit(theme.name, `shot editor ${file}`, frame)) ?? '');
    }
    await openFileByKeyboard(wb.page, 'hello.kling.json');
    // "Open Takes" is offered while a shot editor is active: wait for it.
    await webviewFrame(wb.page, `body.${theme.bodyClass} .editor[data-version]`);
    await runCommand(wb.page, 'Kling: Open Takes');
    const takes = await webviewFrame(wb.page, `body.${theme.bodyClass} ol.takes li[data-id="take-done"]`);
    await takes.waitForSelector('video', { timeout: 30_000 });
    failures.push((await audit(theme.name, 'takes panel', takes)) ?? '');
    // Compare… on the selected finished take (from the keyboard), the other finished take picked.
    await takes.waitForSelector('li[data-id="take-done"].selected button[data-focus="row:take-done"]');
    await takes.focus('button[data-focus="compare"]');
    await wb.page.keyboard.press('Enter');
    await wb.page
      .locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'A lighthouse at dawn' })
      .first()
      .waitFor({ timeout: 30_000 });
    await wb.page.keyboard.press('Enter');
    const compare = await webviewFrame(wb.page, `body.${theme.bodyClass} .players video[data-side="B"]`);
    await compare.waitForSelector('.diff table');
    failures.push((await audit(theme.name, 'compare view', compare)) ?? '');
    // The example sequence: hello has a finished take (a card with a thumbnail), the others have none.
    await openFileByKeyboard(wb.page, 'cut.kling-seq.json');
    const sequence = await webviewFrame(wb.page, `body.${theme.bodyClass} li.card[data-position="0"] video`);
    failures.push((await audit(theme.name, 'sequence editor', sequence)) ?? '');
    assert.deepEqual(failures.filter(Boolean), [], failures.filter(Boolean).join('\n\n'));
  });
}

after(() => {
  console.log(`[axe] summary (critical + serious):\n${counts.map(c => '  ' + c).join('\n')}`);
});
