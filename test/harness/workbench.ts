// Driving the VS Code web workbench with playwright-core (selectors proven on VS Code 1.100.3).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, FrameLocator, Locator, Page } from 'playwright-core';
import { ROOT, launchBrowser, prepareUserDataDir, startServer, type Server } from './code-server';
import { waitFor } from '../kit/wait-for';

export const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');
/**
 * The README's pictures: a test run writes them beside the others, so running the tests never
 * dirties the work tree; `npm run docs:screenshots` (KLING_UPDATE_DOCS=1) refreshes docs/ itself.
 */
export const DOC_SCREENSHOTS = process.env.KLING_UPDATE_DOCS === '1' ? path.join(ROOT, 'docs') : SCREENSHOTS;

export interface Workbench {
  server: Server;
  context: BrowserContext;
  page: Page;
  workspace: string;
  runDir: string;
  close(): Promise<void>;
}

/**
 * A fresh VS Code with Kling Studio installed (the repo folder linked into the extensions dir, as a
 * user install would be) on a copy of `examples/` (or the given files) as the workspace.
 */
export async function openWorkbench(
  opts: {
    settings?: Record<string, unknown>;
    env?: NodeJS.ProcessEnv;
    files?: Record<string, string>;
    theme?: 'dark' | 'light';
    /** More Chromium switches (e.g. --ignore-certificate-errors for a test's own HTTPS server). */
    browserArgs?: readonly string[];
    /** User keybindings (keybindings.json entries), e.g. a key for a command the palette does not list. */
    keybindings?: readonly { key: string; command: string; args?: unknown }[];
  } = {},
): Promise<Workbench> {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kling-e2e-'));
  const ud = path.join(runDir, 'ud');
  const extDir = path.join(runDir, 'ext');
  const workspace = path.join(runDir, 'ws');
  fs.mkdirSync(extDir, { recursive: true });
  fs.cpSync(path.join(ROOT, 'examples'), workspace, { recursive: true });
  for (const [name, text] of Object.entries(opts.files ?? {})) {
    fs.writeFileSync(path.join(workspace, name), text);
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  fs.symlinkSync(ROOT, path.join(extDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`));
  prepareUserDataDir(ud, { ...(opts.theme === 'light' ? { 'workbench.colorTheme': 'Default Light Modern' } : {}), ...opts.settings });
  if (opts.keybindings) {
    fs.writeFileSync(path.join(ud, 'User', 'keybindings.json'), JSON.stringify(opts.keybindings, null, 2));
  }
  const server = await startServer({ userDataDir: ud, extensionsDir: extDir, env: opts.env, logFile: path.join(runDir, 'server.log') });
  try {
    const { context, page } = await launchBrowser(path.join(runDir, 'chromium'), undefined, opts.browserArgs);
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await waitForWorkbench(page);
    return {
      server,
      context,
      page,
      workspace,
      runDir,
      async close() {
        await context.close().catch(() => undefined);
        await server.stop();
        if (process.env.KLING_KEEP_RUNS !== '1') {
          fs.rmSync(runDir, { recursive: true, force: true });
        }
      },
    };
  } catch (e) {
    await server.stop();
    throw e;
  }
}

/** Ready = workbench DOM, status bar, and an Explorer row (the remote file system answered). */
export async function waitForWorkbench(page: Page, timeout = 90000): Promise<void> {
  await page.waitForSelector('.monaco-workbench', { timeout });
  await page.waitForSelector('.part.statusbar', { timeout });
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout });
}

/** Opens a file by Quick Open; resolves to the Date.now() at which Enter was pressed. */
export async function quickOpen(page: Page, fileName: string): Promise<number> {
  await page
    .locator('.monaco-workbench')
    .click({ position: { x: 700, y: 400 } })
    .catch(() => undefined);
  // The first Quick Open waits for the remote extension host's search provider: allow time.
  return acceptInQuickInput(page, 'Control+P', fileName, fileName, 60_000);
}

/**
 * Opens a quick input with `key`, types `text`, and accepts the first row naming `row`; resolves to
 * the Date.now() at which Enter was pressed. A webview that takes focus as it finishes loading can
 * close the quick input between its opening and the typing (a quick input hides when it loses
 * focus): then it is opened and typed into again.
 */
async function acceptInQuickInput(page: Page, key: string, text: string, row: string, rowTimeoutMs: number): Promise<number> {
  await waitFor(`the quick input opened by ${key} with "${text}" typed`, async () => {
    const input = await openQuickInput(page, key);
    await input.fill(text, { timeout: 5_000 });
    return true;
  });
  await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: row }).first().waitFor({ timeout: rowTimeoutMs });
  const pressed = Date.now();
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  return pressed;
}

/**
 * F1 until the command palette shows. A webview that takes focus as it finishes loading closes a
 * palette opened a moment before (a quick input hides when it loses focus): then F1 again.
 */
async function openPalette(page: Page): Promise<Locator> {
  return openQuickInput(page, 'F1');
}

/** Presses `key` until the quick input (palette or Quick Open) shows; see openPalette. */
async function openQuickInput(page: Page, key: string): Promise<Locator> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  return waitFor(`the quick input opened by ${key}`, async () => {
    await page.keyboard.press(key);
    await input.waitFor({ state: 'visible', timeout: 5_000 });
    return input;
  });
}

/**
 * Opens a file by Quick Open from the keyboard alone (no click to take focus first): F1 reaches the
 * command palette from anywhere, a webview included; removing its ">" turns it into Quick Open.
 */
export async function openFileByKeyboard(page: Page, fileName: string): Promise<void> {
  await page.keyboard.press('Escape');
  await openPalette(page);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(fileName);
  await page
    .locator('.quick-input-widget .quick-input-list .monaco-list-row.focused', { hasText: fileName })
    .first()
    .waitFor({ timeout: 60000 });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

export async function runCommand(page: Page, title: string): Promise<void> {
  await acceptInQuickInput(page, 'F1', '>' + title, title, 30_000);
}

/**
 * The extension's HTML inside the visible webview: VS Code's host iframe (class webview ready)
 * wraps a second iframe#active-frame. Hidden webviews keep their iframes, so pick the visible one.
 */
export function webview(page: Page, index?: number): FrameLocator {
  const outer = page.locator('iframe.webview.ready:visible');
  return (index === undefined ? outer.last() : outer.nth(index)).contentFrame().locator('iframe#active-frame').contentFrame();
}

/** The visible webview whose document contains `selector` (others may be kept open behind it). */
export function webviewWith(page: Page, selector: string, timeoutMs = 60_000): Promise<FrameLocator> {
  return waitFor(
    `a visible webview with ${selector}`,
    async () => {
      const n = await page.locator('iframe.webview.ready:visible').count();
      for (let i = 0; i < n; i++) {
        const frame = webview(page, i);
        // A webview being replaced can fail this for a moment: look at the others meanwhile.
        if (
          (await frame
            .locator(selector)
            .count()
            .catch(() => 0)) > 0
        ) {
          return frame;
        }
      }
      return undefined;
    },
    // Each probe walks every webview's frames: not too often on a shared machine.
    { timeoutMs, intervalMs: 250 },
  );
}

/** The shot editor showing `name`: its tab when one is open, else opened with Quick Open. */
export async function openShotEditor(page: Page, name: string): Promise<FrameLocator> {
  const tab = page.locator('.tabs-container .tab', { hasText: name });
  if ((await tab.count()) > 0) {
    await tab.first().click();
  } else {
    await quickOpen(page, name);
  }
  return webviewWith(page, `.editor[data-version] #title:text-is("${name}")`);
}

/**
 * Saves the shot editor's file (Ctrl+S from inside its page) and waits until `check` holds for the
 * file on disk; a half-written file that makes `check` throw is read again.
 */
export async function saveShotEditor(
  page: Page,
  frame: FrameLocator,
  file: string,
  what: string,
  check: (text: string) => boolean,
): Promise<void> {
  await frame.locator('#title').click();
  await page.keyboard.press('Control+S');
  await waitFor(what, () => check(fs.readFileSync(file, 'utf8')), { explain: () => `the file on disk:\n${fs.readFileSync(file, 'utf8')}` });
}

export async function activeTabLabel(page: Page): Promise<string> {
  return ((await page.locator('.tabs-container .tab.active').first().textContent()) ?? '').replace(/\s+/g, '');
}

export async function screenshot(page: Page, name: string, dir = SCREENSHOTS): Promise<string> {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
