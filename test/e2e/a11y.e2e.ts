// UI: accessibility of every webview in all four theme kinds (Dark Modern, Light Modern, Dark High
// Contrast, Light High Contrast), one window per theme with every view opened in it: the shot editor
// on every example and on a file full of problems (audited once its problems are on screen), with a
// circled take; the takes panel; the compare view; the sequence editor with a missing shot; the cast
// editor. In each: axe-core (WCAG 2.1 A + AA rules) finds no critical or serious violation (the counts
// are printed per webview and theme), focus is on the view's heading or a control when it opens (never
// <body>), no two buttons share a name, and the "Single prompt" radio draws a focus ring. In the first
// theme also: the compare view's Sound toggle has a pressed state, the takes panel reflows at 320 CSS
// px (200 % zoom of a 640 px panel) and focus comes back to Export Cut… when its save dialog closes.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { ROOT } from '../harness/code-server';
import { axeSeriousViolations, describeViolations, webviewFrame } from '../harness/axe';
import { duplicateNames, focusedOnOpen, focusRingPixels, sidewaysScrollAt } from '../harness/a11y-checks';
import { openFileByKeyboard, openWorkbench, runCommand, type Workbench } from '../harness/workbench';
import { waitFor } from '../kit/wait-for';

/** `body` selects the webview documents of the theme (VS Code puts the kind on the webview's body). */
const THEMES = [
  { name: 'Dark Modern', setting: 'Default Dark Modern', body: 'body.vscode-dark' },
  { name: 'Light Modern', setting: 'Default Light Modern', body: 'body.vscode-light' },
  { name: 'Dark High Contrast', setting: 'Default High Contrast', body: 'body.vscode-high-contrast:not(.vscode-high-contrast-light)' },
  { name: 'Light High Contrast', setting: 'Default High Contrast Light', body: 'body.vscode-high-contrast-light' },
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
/** hello (a take, circled), storyboard (none yet) and a shot file that is gone: "Shot file not found" on its card. */
const SEQUENCE_FILE = 'a11y-cut.kling-seq.json';
const SEQUENCE_TEXT = '{ "shots": ["hello.kling.json", "storyboard.kling.json", "gone.kling.json"] }\n';
/** Every shot has a take: Export Cut… gets as far as its save dialog. */
const EXPORT_FILE = 'a11y-export.kling-seq.json';
const EXPORT_TEXT = '{ "shots": ["hello.kling.json"] }\n';
/** Two members, each with a Rename… and a Remove button. */
const CAST_FILE = 'a11y.kling-cast.json';
const CAST_TEXT = `{ "members": {
  "Hero": { "frontal_image_url": "refs/hero-front.png", "reference_image_urls": ["refs/hero-side.png"] },
  "Lamp": { "video_url": "renders/hello.20260101-080000.mp4" }
} }
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
  // The newest take is circled: the shot editor shows "● Circled take" under its title.
  fs.writeFileSync(path.join(renders, 'hello.selection.json'), JSON.stringify({ version: 1, take: 'hello.20260101-100000.take.json' }));
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

/** Everything a view is checked for in every theme: axe, focus on opening, unique names. */
async function checkView(themeName: string, view: string, frame: Frame, opened = false): Promise<string[]> {
  const failures: string[] = [];
  if (opened) {
    try {
      await focusedOnOpen(frame, `${themeName} · ${view}`);
    } catch (e) {
      failures.push((e as Error).message);
    }
  }
  failures.push((await audit(themeName, view, frame)) ?? '');
  const dups = await duplicateNames(frame);
  if (dups.length) failures.push(`${themeName} · ${view}: buttons share a name: ${dups.join(', ')}`);
  return failures.filter(Boolean);
}

for (const [i, theme] of THEMES.entries()) {
  test(`a11y in the ${theme.name} theme: axe, focus on open and unique names in every webview`, async () => {
    await wb?.close();
    wb = await openWorkbench({
      files: { [PROBLEMS_FILE]: PROBLEMS_TEXT, [SEQUENCE_FILE]: SEQUENCE_TEXT, [EXPORT_FILE]: EXPORT_TEXT, [CAST_FILE]: CAST_TEXT },
      settings: { 'workbench.colorTheme': theme.setting, 'workbench.editor.enablePreview': false },
    });
    writeTakes(wb.workspace);
    const { page } = wb;
    const failures: string[] = [];
    for (const file of [...EXAMPLES, PROBLEMS_FILE]) {
      await openFileByKeyboard(page, file);
      const frame = await webviewFrame(page, `${theme.body} .editor[data-version]`);
      if (file === PROBLEMS_FILE) {
        await expectProblemsShown(frame);
      } else {
        // Diagnostics of the media checks arrive later than the first paint: audit the settled page.
        await frame.waitForSelector('.editor[data-media-checked="true"]', { timeout: 30_000 }).catch(() => undefined);
      }
      if (file === 'hello.kling.json') {
        await frame.waitForSelector('#circled-take[data-state="circled"] .circle-mark');
      }
      failures.push(...(await checkView(theme.name, `shot editor ${file}`, frame, true)));
      if (file === 'hello.kling.json') {
        // The prompt mode radio (a single prompt here) draws a ring outside itself when focused from the keyboard.
        const ring = await focusRingPixels(page, frame, '#mode-single');
        if (ring < 20) failures.push(`${theme.name} · "Single prompt": no visible focus ring (${ring} pixels around it change)`);
      }
    }
    await openFileByKeyboard(page, 'hello.kling.json');
    // "Open Takes" is offered while a shot editor is active: wait for it.
    await webviewFrame(page, `${theme.body} .editor[data-version]`);
    await runCommand(page, 'Kling: Open Takes');
    const takes = await webviewFrame(page, `${theme.body} ol.takes li[data-id="take-done"]`);
    await takes.waitForSelector('video', { timeout: 30_000 });
    failures.push(...(await checkView(theme.name, 'takes panel', takes, true)));
    if (i === 0) {
      const sideways = await sidewaysScrollAt(page, takes, 320);
      if (sideways > 0) failures.push(`takes panel at 320 CSS px: scrolls ${sideways} px sideways`);
    }
    // Compare… on the selected finished take (from the keyboard), the other finished take picked.
    await takes.waitForSelector('li[data-id="take-done"].selected button[data-focus="row:take-done"]');
    await takes.focus('button[data-focus="compare"]');
    await page.keyboard.press('Enter');
    await page
      .locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'A lighthouse at dawn' })
      .first()
      .waitFor({ timeout: 30_000 });
    await page.keyboard.press('Enter');
    const compare = await webviewFrame(page, `${theme.body} .players video[data-side="B"]`);
    await compare.waitForSelector('.diff table');
    failures.push(...(await checkView(theme.name, 'compare view', compare, true)));
    if (i === 0) {
      // The Sound toggle says whether it is on: aria-pressed, changed by Enter, its name kept.
      const sound = compare.locator('.controls button', { hasText: 'Sound' });
      await waitFor('the Sound toggle enabled', () => sound.isEnabled());
      const pressed = () => sound.getAttribute('aria-pressed');
      const before = await pressed();
      await sound.focus();
      await page.keyboard.press('Enter');
      const after = await waitFor('Sound toggled', async () => ((await pressed()) !== before ? await pressed() : undefined), {
        timeoutMs: 5_000,
      }).catch(() => null);
      const name = (await sound.innerText()).trim();
      if (before !== 'false' || after !== 'true' || name !== 'Sound') {
        failures.push(`Sound toggle: aria-pressed ${before} → ${after} by Enter, name "${name}" (want false → true, "Sound")`);
      }
    }
    await openFileByKeyboard(page, SEQUENCE_FILE);
    const sequence = await webviewFrame(page, `${theme.body} li.card[data-position="0"] video`);
    await sequence.waitForSelector('li.card[data-position="2"] .status.error');
    assert.match(await sequence.innerText('li.card[data-position="2"] .status'), /Shot file not found/);
    failures.push(...(await checkView(theme.name, 'sequence editor', sequence, true)));
    await openFileByKeyboard(page, CAST_FILE);
    const cast = await webviewFrame(page, `${theme.body} li.member[data-member="Lamp"]`);
    failures.push(...(await checkView(theme.name, 'cast editor', cast, true)));
    if (i === 0) {
      // Export Cut… from the keyboard, its save dialog cancelled: focus is back on the button.
      await openFileByKeyboard(page, EXPORT_FILE);
      const exp = await webviewFrame(page, `${theme.body} li.card[data-position="0"] video`);
      await exp.waitForSelector('vscode-button[data-action="export"]');
      await exp.focus('vscode-button[data-action="export"]');
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-widget').waitFor({ state: 'visible', timeout: 30_000 });
      await page.keyboard.press('Escape');
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
      const back = await focusedOnOpen(exp, 'after Export Cut…').catch((e: Error) => e.message);
      if (back !== 'vscode-button[data-action=export]') failures.push(`after Export Cut…: focus on ${back}, not on the Export button`);
    }
    assert.deepEqual(failures, [], failures.join('\n\n'));
  });
}

after(() => {
  console.log(`[axe] summary (critical + serious):\n${counts.map(c => '  ' + c).join('\n')}`);
});
