// Keyboard and screen-reader checks of a webview beyond axe's rules: where focus is when a view
// opens, that no two controls share a name, that a focus ring is drawn where it can be seen, and
// that a view reflows at 320 CSS px (WCAG 1.4.10, a 1280 px window at 400 %, or a 640 px panel at 200 %).
import { PNG } from 'pngjs';
import type { ElementHandle, Frame, Page } from 'playwright-core';
import { waitFor } from '../kit/wait-for';

/** The focused element of the webview's document, as tag#id[data-…] text, once the document has focus and it is not <body>. */
export function focusedOnOpen(frame: Frame, what: string): Promise<string> {
  return waitFor(
    `${what}: focus on a control or heading, not on <body>`,
    async () =>
      (await frame.evaluate(`(() => {
        const a = document.activeElement;
        if (!document.hasFocus() || !a || a === document.body) return undefined;
        return a.tagName.toLowerCase() + (a.id ? '#' + a.id : '') + (a.hasAttribute('data-focus-home') ? '[data-focus-home]' : '') +
          (a.dataset.action ? '[data-action=' + a.dataset.action + ']' : '');
      })()`)) as string | undefined,
    {
      timeoutMs: 30_000,
      // Where the focus is instead: inside this page, and in the workbench around it.
      explain: async () =>
        [
          await frame.evaluate('`hasFocus=${document.hasFocus()} active=${document.activeElement?.tagName}`').catch(e => String(e)),
          await frame
            .page()
            .evaluate('`workbench active=${document.activeElement?.tagName}.${document.activeElement?.className}`')
            .catch(e => String(e)),
        ].join('; '),
    },
  );
}

/**
 * The names that two or more buttons or links of the page share, as the browser's accessibility
 * tree gives them (Playwright's ARIA snapshot, which sees into shadow roots: vscode-button's label).
 */
export async function duplicateNames(frame: Frame): Promise<string[]> {
  const snapshot = await frame.locator('body').ariaSnapshot({ timeout: 15_000 });
  const names = [...snapshot.matchAll(/^\s*- (?:button|link)(?: "((?:[^"\\]|\\.)*)")?/gm)].map(m => m[1] ?? '');
  const seen = new Map<string, number>();
  for (const n of names) seen.set(n, (seen.get(n) ?? 0) + 1);
  return [...seen].filter(([, count]) => count > 1).map(([n, count]) => `${count}× "${n}"`);
}

/** The screen pixels of a band `pad` px wide around the element's box (its inside is left out). */
async function bandAround(page: Page, el: ElementHandle, pad: number): Promise<Buffer> {
  const box = await el.boundingBox();
  if (!box) throw new Error('the element is not on screen');
  const clip = {
    x: Math.floor(box.x) - pad,
    y: Math.floor(box.y) - pad,
    width: Math.ceil(box.width) + 2 * pad,
    height: Math.ceil(box.height) + 2 * pad,
  };
  const png = PNG.sync.read(await page.screenshot({ clip, timeout: 15_000 }));
  const out: number[] = [];
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const inside = x >= pad && x < png.width - pad && y >= pad && y < png.height - pad;
      if (!inside) out.push(...png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3));
    }
  }
  return Buffer.from(out);
}

/**
 * How many pixels of the band around `selector` change when it gets keyboard focus: a focus ring
 * that is drawn and not clipped away changes some. Focus comes from the keyboard (Shift+Tab from
 * the next control), so :focus-visible applies as it does for a user.
 */
export async function focusRingPixels(page: Page, frame: Frame, selector: string): Promise<number> {
  const el = await frame.waitForSelector(selector);
  await frame.evaluate(`document.activeElement?.blur()`);
  const before = await bandAround(page, el, 4);
  await frame.focus(selector);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Shift+Tab');
  await waitFor(
    `${selector} focused from the keyboard`,
    async () => (await frame.evaluate(`document.querySelector(${JSON.stringify(selector)})?.matches(':focus-visible')`)) as boolean,
    { timeoutMs: 10_000, explain: async () => String(await frame.evaluate('document.activeElement?.outerHTML.slice(0, 120)')) },
  );
  // The ring is painted with the focus; a screenshot waits for the next frame.
  const after = await bandAround(page, el, 4);
  let changed = 0;
  for (let i = 0; i < before.length; i += 3) {
    if (before[i] !== after[i] || before[i + 1] !== after[i + 1] || before[i + 2] !== after[i + 2]) changed++;
  }
  return changed;
}

/**
 * Narrows the visible webview that holds `frame` to `width` CSS px (its outer iframe: the page inside
 * gets that viewport) and returns how far its document then scrolls sideways (0 when it reflows).
 * The width is put back afterwards.
 */
export async function sidewaysScrollAt(page: Page, frame: Frame, width: number): Promise<number> {
  const outer = await findOuterIframe(page, frame);
  const setWidth = (w: string): Promise<string> =>
    outer.evaluate((el: { style: { width: string } }, to: string) => {
      const was = el.style.width;
      el.style.width = to;
      return was;
    }, w);
  const old = await setWidth(`${width}px`);
  try {
    await waitFor(`the webview ${width} px wide`, async () => (await frame.evaluate('document.documentElement.clientWidth')) === width);
    return (await frame.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
  } finally {
    await setWidth(old);
  }
}

async function findOuterIframe(page: Page, frame: Frame): Promise<ElementHandle> {
  for (const outer of await page.locator('iframe.webview.ready:visible').elementHandles()) {
    const inner = await outer
      .contentFrame()
      .then(f => f?.$('iframe#active-frame'))
      .then(h => h?.contentFrame());
    if (inner === frame) return outer;
  }
  throw new Error('no visible webview holds this frame');
}
