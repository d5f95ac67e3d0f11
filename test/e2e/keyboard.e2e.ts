// UI: the keyboard-only path. From "Kling: New Shot File" to a playing clip in the takes panel with
// no mouse event at all (only page.keyboard; no click, hover or mouse move anywhere in this file):
// pick the storyboard template, name the file, type the shots (add one with Alt+Insert, remove one
// with Alt+Delete, append one with the Add shot button, checking where focus lands each time), fit
// the duration if needed, Generate on the simulator twice (the second take lands and autoplays),
// open the takes panel, start the FIRST take with Enter on its row; then the prompt-mode radios
// by arrow keys. Then the prompt's @Element autocomplete (ARIA combobox) by keyboard, with axe.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { axeSeriousViolations, describeViolations, webviewFrame } from '../harness/axe';
import { openFileByKeyboard, openWorkbench, screenshot, type Workbench } from '../harness/workbench';
import { waitFor } from '../kit/wait-for';

let wb: Workbench;

before(async () => {
  wb = await openWorkbench({
    settings: {
      'klingStudio.provider': 'simulator',
      'klingStudio.simulator.jobSeconds': 2,
      'klingStudio.confirmCostAbove': 1000,
      'workbench.editor.enablePreview': false,
    },
  });
});
after(async () => {
  await wb?.close();
});

/** The id (or, without one, the tag and class) of the focused element inside a webview. */
const focused = (frame: Frame) =>
  frame.evaluate(
    `(() => { const a = document.activeElement; return a ? (a.id || a.tagName.toLowerCase() + '.' + a.className) : ''; })()`,
  ) as Promise<string>;

/** The focused element's data-focus key (the takes panel's), else as `focused` says. */
const focusedKey = (frame: Frame) =>
  frame.evaluate(
    `(() => { const a = document.activeElement; return a ? (a.dataset?.focus || a.id || a.tagName.toLowerCase() + '.' + a.className) : ''; })()`,
  ) as Promise<string>;

/** Tab (or Shift+Tab) until the focused element matches; fails after `max` presses. */
async function tabTo(
  page: Page,
  frame: Frame,
  matches: (f: string) => boolean,
  what: string,
  back = false,
  max = 80,
  describe: (frame: Frame) => Promise<string> = focused,
): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    const now = await describe(frame);
    if (matches(now)) {
      return;
    }
    seen.push(now);
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(
    `${what} not reached in ${max} presses of ${back ? 'Shift+Tab' : 'Tab'}; focus is on ${await describe(frame)}; last stops: ${seen.slice(-25).join(', ')}`,
  );
}

/** The takes panel's player: its clip (decoded URL), whether it plays and where it is. Read only. */
const playerState = (frame: Frame) =>
  frame.evaluate(
    `(() => { const v = document.querySelector('.player video'); return v ? { src: decodeURIComponent(v.currentSrc || v.src), paused: v.paused, t: v.currentTime } : null; })()`,
  ) as Promise<{ src: string; paused: boolean; t: number } | null>;

async function command(page: Page, title: string): Promise<void> {
  // The palette lists the commands known when it opens: on a busy machine the workbench can be up
  // before the extension's contributions are, and the palette then never offers ours. Its view
  // container in the activity bar shows they are registered.
  await page.locator('.activitybar .action-item a[aria-label^="Kling Studio"]').first().waitFor({ timeout: 60_000 });
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  // Replace whatever the palette was opened with (F1 puts a ">" there).
  await page.keyboard.press('Control+A');
  await page.keyboard.type('>' + title);
  await page
    .locator('.quick-input-widget .monaco-list-row.focused', { hasText: title })
    .first()
    .waitFor({ timeout: 30_000 })
    .catch(async (e: unknown) => {
      // Say what the palette showed instead (its text and rows), with a screenshot.
      const typed = await input.inputValue().catch(() => '?');
      const rows = await page
        .locator('.quick-input-widget .monaco-list-row')
        .allInnerTexts()
        .catch(() => []);
      const shot = await screenshot(page, 'keyboard-palette-failure').catch(() => '');
      throw new Error(
        `${e instanceof Error ? e.message : String(e)}\npalette input: ${JSON.stringify(typed)}; rows: ${JSON.stringify(rows)}; ${shot}`,
        {
          cause: e,
        },
      );
    });
  await page.keyboard.press('Enter');
}

const FILE = 'kb-story.kling.json';
const parsedFile = () => JSON.parse(fs.readFileSync(path.join(wb.workspace, FILE), 'utf8').replace(/^\s*\/\/.*$/gm, ''));

/** The saved shots as one line: each shot's duration and prompt, then the total. */
function shotsLine(text: string): string {
  try {
    const p = JSON.parse(text.replace(/^\s*\/\/.*$/gm, '')) as { multi_prompt?: { prompt: string; duration: string }[]; duration?: string };
    const shots = (p.multi_prompt ?? []).map((x, i) => `${i + 1}: ${x.duration} s ${JSON.stringify(x.prompt)}`);
    return `shots ${shots.join(' | ')}; duration ${p.duration}`;
  } catch (e) {
    return `not JSON (${e instanceof Error ? e.message : String(e)})`;
  }
}

/** The finished takes of FILE on disk, oldest first. */
function doneTakes(): { id: string; clipPath: string; createdAt: string }[] {
  const renders = path.join(wb.workspace, 'renders');
  if (!fs.existsSync(renders)) {
    return [];
  }
  return fs
    .readdirSync(renders)
    .filter(n => n.startsWith('kb-story.') && n.endsWith('.take.json'))
    .map(n => {
      try {
        return JSON.parse(fs.readFileSync(path.join(renders, n), 'utf8')) as {
          id: string;
          status: string;
          clipPath: string;
          createdAt: string;
        };
      } catch {
        return undefined; // caught half-written: not done yet
      }
    })
    .filter((r): r is { id: string; status: string; clipPath: string; createdAt: string } => r?.status === 'done' && !!r.clipPath)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

test('keyboard only: New Shot File → storyboard typed → Generate → the clip plays after Enter on its take', async () => {
  const page = wb.page;
  await command(page, 'Kling: New Shot File');
  // The template pick, then the file name.
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'multi-shot' }).first().waitFor();
  await page.keyboard.type('multi-shot');
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: 'multi-shot' }).waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget .quick-input-message', { hasText: 'File name' }).waitFor();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('kb-story');
  await page.keyboard.press('Enter');

  const editor = await webviewFrame(page, '.editor[data-version] #f-multi_prompt-2-prompt');
  // Focus into the editor: the custom editor takes focus when it opens; Tab reaches the first shot.
  await tabTo(page, editor, f => f === 'f-multi_prompt-0-prompt', 'the first shot prompt');
  // Select the prompt's text with the caret keys, not Ctrl+A: VS Code answers Ctrl+A in a webview
  // with a select-all of its own a moment later, which can swallow what was typed in between.
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Control+Shift+Home');
  await page.keyboard.type('Wide: a lighthouse on a cliff at dusk');

  // Alt+Insert adds a shot after this one, and focus goes to its prompt.
  await page.keyboard.press('Alt+Insert');
  await waitFor('focus in the new shot prompt', async () => (await focused(editor)) === 'f-multi_prompt-1-prompt');
  // Focus may land only once the new shot is on screen: were it put in the shot that was at that
  // place before, what is typed next would go into that shot.
  assert.equal(await editor.locator('#f-multi_prompt-1-prompt').inputValue(), '', 'the focused prompt is the new, empty shot');
  await page.keyboard.type('Close-up: the lamp turns on');

  // Move to the third shot (the template's old second shot) and remove it: focus goes to the next shot.
  await tabTo(page, editor, f => f === 'f-multi_prompt-2-prompt', 'the third shot prompt');
  const before = await editor.locator('#f-multi_prompt-3-prompt').inputValue();
  await page.keyboard.press('Alt+Delete');
  await waitFor('the shot removed', async () => (await editor.locator('#f-multi_prompt-3-prompt').count()) === 0);
  await waitFor('focus in the shot that took its place', async () => (await focused(editor)) === 'f-multi_prompt-2-prompt');
  assert.equal(await editor.locator('#f-multi_prompt-2-prompt').inputValue(), before);

  // "+ Add shot" (Tab to it, Enter) appends a shot and puts focus in its prompt.
  await tabTo(page, editor, f => f === 'add-shot', 'the Add shot button');
  await page.keyboard.press('Enter');
  await waitFor('focus in the appended shot prompt', async () => (await focused(editor)) === 'f-multi_prompt-3-prompt');
  await page.keyboard.type('Aerial: the beam sweeps the sea');

  // Adding and removing keep the total in step; should the shots not add up, "Set duration to N s" fixes it.
  if (await editor.locator('#timeline.mismatch').count()) {
    await tabTo(page, editor, f => f === 'fit-duration', 'the fit-duration button', true);
    await page.keyboard.press('Enter');
    await waitFor('no shot-sum problem', async () => (await editor.locator('#timeline.mismatch').count()) === 0);
  }
  await page.keyboard.press('Control+S');
  let lastSaved = '';
  await waitFor(
    'the file saved with four shots that add up',
    () => {
      lastSaved = fs.readFileSync(path.join(wb.workspace, FILE), 'utf8');
      const p = parsedFile();
      return (
        p.multi_prompt.length === 4 &&
        p.multi_prompt[3].prompt === 'Aerial: the beam sweeps the sea' &&
        p.multi_prompt[0].prompt === 'Wide: a lighthouse on a cliff at dusk' &&
        p.multi_prompt[1].prompt.startsWith('Close-up: the lamp turns on') &&
        p.multi_prompt.reduce((s: number, x: { duration: string }) => s + Number(x.duration), 0) === Number(p.duration)
      );
    },
    // One line first: CI keeps only the end of a long log, where the whole file would not fit.
    { explain: () => `${shotsLine(lastSaved)}; the file on disk:\n${lastSaved}` },
  );

  // Generate from the editor's own button.
  await tabTo(page, editor, f => f === 'generate', 'the Generate button', true);
  await page.keyboard.press('Enter');

  // The take lands (2 s simulated job); the panel opens beside without taking focus. A second take
  // from the editor's button after a change to the last shot (the same request again would ask
  // first): it lands, is selected and starts playing (muted) by itself, so the clip that plays after
  // Enter below must be the FIRST take's to show that Enter did it.
  await waitFor('a done take record', () => doneTakes().length === 1, { timeoutMs: 120_000 });
  const takes = await webviewFrame(page, 'ol.takes li.take.status-done', 60_000);
  await tabTo(page, editor, f => f === 'f-multi_prompt-3-prompt', 'the last shot prompt');
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' at night');
  await page.keyboard.press('Control+S');
  await waitFor('the change saved', async () => parsedFile().multi_prompt[3].prompt === 'Aerial: the beam sweeps the sea at night');
  await tabTo(page, editor, f => f === 'generate', 'the Generate button', true);
  await page.keyboard.press('Enter');
  const [first, second] = await waitFor(
    'two done take records',
    async () => {
      const done = doneTakes();
      return done.length === 2 ? done : undefined;
    },
    { timeoutMs: 120_000 },
  );
  assert.ok(first && second);
  await takes.waitForSelector(`ol.takes li.take.status-done.selected[data-id="${second.id}"]`, { timeout: 60_000 });
  // Into the panel from the keyboard.
  await command(page, 'Kling: Open Takes');
  await waitFor('the second take in the player', async () => (await playerState(takes))?.src.includes(path.basename(second.clipPath)));
  await tabTo(page, takes, f => f === `row:${first.id}`, "the first take's row", false, 80, focusedKey);
  await page.keyboard.press('Enter');
  const playing = await waitFor(
    "the first take's clip playing",
    async () => {
      const s = await playerState(takes);
      return s && s.src.includes(path.basename(first.clipPath)) && !s.paused && s.t > 0 ? s : undefined;
    },
    { explain: async () => `player: ${JSON.stringify(await playerState(takes))}` },
  );
  assert.ok(playing.t > 0);
  assert.equal(await takes.locator('ol.takes li.take.selected').getAttribute('data-id'), first.id);
  // Focus stayed on the row that was pressed (the list re-rendered under it).
  assert.equal(await focusedKey(takes), `row:${first.id}`);

  // Back in the shot editor (first editor group), the prompt-mode radio group moves with the arrow keys.
  await page.keyboard.press('Control+1');
  // VS Code hands focus into the webview a moment after the group is focused; Shift+Tab pressed
  // before that walks the workbench, whose stops count too, hence the larger allowance.
  await waitFor('focus inside the shot editor', async () => (await editor.evaluate('document.hasFocus()')) === true);
  await tabTo(page, editor, f => f === 'mode-storyboard', 'the checked prompt-mode radio', true, 200);
  await page.keyboard.press('ArrowLeft');
  await waitFor('single prompt mode, focus on its radio', async () => {
    return (await editor.locator('#mode-single[aria-checked="true"]').count()) === 1 && (await focused(editor)) === 'mode-single';
  });
  await waitFor('the file in single-prompt mode', async () => (await editor.locator('#f-prompt').count()) === 1);
});

test('keyboard only: the prompt autocomplete is an ARIA combobox — @ opens the elements, ArrowDown moves, Enter inserts, Escape closes', async () => {
  const page = wb.page;
  const HERO = 'hero-elements.kling.json';
  const heroPrompt = () =>
    (JSON.parse(fs.readFileSync(path.join(wb.workspace, HERO), 'utf8').replace(/^\s*\/\/.*$/gm, '')) as { prompt: string }).prompt;
  const original = heroPrompt();
  await openFileByKeyboard(page, HERO);
  const editor = await webviewFrame(page, `.editor[data-version]:has(#title:text-is("${HERO}")) #f-prompt`);
  await tabTo(page, editor, f => f === 'f-prompt', 'the prompt');
  await page.keyboard.press('Control+End');
  /** The combobox's ARIA state and its listbox, read from the page. */
  const combo = () =>
    editor.evaluate(`(() => {
      const box = document.getElementById('f-prompt');
      const list = document.getElementById(box.getAttribute('aria-controls'));
      return {
        role: box.getAttribute('role'),
        expanded: box.getAttribute('aria-expanded'),
        active: box.getAttribute('aria-activedescendant'),
        listRole: list && list.getAttribute('role'),
        listHidden: !list || list.hidden,
        options: list ? [...list.querySelectorAll('[role=option]')].map(o => ({ id: o.id, text: o.textContent.trim(), selected: o.getAttribute('aria-selected') })) : [],
        value: box.value,
      };
    })()`) as Promise<{
      role: string | null;
      expanded: string | null;
      active: string | null;
      listRole: string | null;
      listHidden: boolean;
      options: { id: string; text: string; selected: string | null }[];
      value: string;
    }>;
  const closed = await combo();
  assert.equal(closed.role, 'combobox');
  assert.equal(closed.expanded, 'false');
  assert.equal(closed.active, null);

  await page.keyboard.type(' @');
  const open = await waitFor('the element list open', async () => {
    const c = await combo();
    return c.expanded === 'true' && !c.listHidden && c.options.length === 2 ? c : undefined;
  });
  assert.equal(open.listRole, 'listbox');
  assert.deepEqual(
    open.options.map(o => o.text),
    ['@Element1', '@Element2'],
  );
  assert.equal(open.active, open.options[0]!.id);
  assert.equal(open.options[0]!.selected, 'true');

  // The list open on screen passes axe.
  const vs = await axeSeriousViolations(editor);
  console.log(`[axe] shot editor with the prompt autocomplete open: ${vs.length} critical/serious rule(s)`);
  assert.deepEqual(vs, [], describeViolations(vs));

  await page.keyboard.press('ArrowDown');
  const moved = await waitFor('the second option active', async () => {
    const c = await combo();
    return c.active === c.options[1]?.id ? c : undefined;
  });
  assert.equal(moved.options[1]!.selected, 'true');
  assert.equal(moved.options[0]!.selected, 'false');

  await page.keyboard.press('Enter');
  const accepted = await waitFor('the element inserted, the list closed', async () => {
    const c = await combo();
    return c.expanded === 'false' && c.value.endsWith(' @Element2 ') ? c : undefined;
  });
  assert.equal(accepted.active, null);
  assert.ok(accepted.listHidden);

  // Open again, then Escape: closed, and the text is what was typed (no element inserted).
  await page.keyboard.type('@');
  await waitFor('the element list open again', async () => (await combo()).expanded === 'true');
  await page.keyboard.press('Escape');
  const escaped = await waitFor('the list closed by Escape', async () => {
    const c = await combo();
    return c.expanded === 'false' ? c : undefined;
  });
  assert.ok(escaped.listHidden);
  assert.equal(escaped.active, null);
  assert.ok(escaped.value.endsWith(' @Element2 @'), JSON.stringify(escaped.value));
  await page.keyboard.press('Backspace');

  await page.keyboard.press('Control+S');
  await waitFor('the saved prompt ends with the chosen element', () => heroPrompt() === `${original} @Element2 `, {
    explain: () => `saved prompt: ${JSON.stringify(heroPrompt())}`,
  });
});
