// axe-core inside a webview: VS Code's host iframe wraps a second iframe (#active-frame) that holds
// the extension's HTML, so axe is injected into and run in that inner frame. Injected through the
// DevTools protocol (frame.evaluate), which the webview's strict CSP does not govern, so the page
// under test keeps its real CSP.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ElementHandle, Frame, Page } from 'playwright-core';
import { ROOT } from './code-server';
import { waitFor } from '../kit/wait-for';

const AXE_SOURCE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** The extension's document inside a webview's outer iframe, or null while it is being swapped. */
function innerFrameOf(outer: ElementHandle): Promise<Frame | null | undefined> {
  return outer
    .contentFrame()
    .then(f => f?.$('iframe#active-frame'))
    .then(h => h?.contentFrame())
    .catch(() => null);
}

/** The inner frame (the extension's document) of the visible webview that contains `selector`. */
export function webviewFrame(page: Page, selector: string, timeout = 60_000): Promise<Frame> {
  return waitFor(
    `a visible webview with ${selector}`,
    async () => {
      for (const outer of await page.locator('iframe.webview.ready:visible').elementHandles()) {
        // A webview that is being created or replaced (an editor just opened) can swap its document
        // between these calls: that one is skipped this round and looked at again on the next.
        const inner = await innerFrameOf(outer);
        if (inner && (await inner.$(selector).catch(() => null))) {
          return inner;
        }
      }
      return undefined;
    },
    {
      timeoutMs: timeout,
      // Each probe walks every webview's frames: not too often on a shared machine.
      intervalMs: 250,
      // What the workbench showed instead, for the one who reads the failure.
      explain: async () => {
        const shot = path.join(ROOT, 'test-results', `no-webview-${Date.now()}.png`);
        await page.screenshot({ path: shot }).catch(() => undefined);
        const found = await visibleWebviewStates(page);
        return `seen: ${found.join(' | ') || 'no webview'}; screenshot ${shot}`;
      },
    },
  );
}

/** A short description of each visible webview's document (its body classes and data- states), for failure messages. */
async function visibleWebviewStates(page: Page): Promise<string[]> {
  const seen: string[] = [];
  for (const outer of await page.locator('iframe.webview.ready:visible').elementHandles()) {
    const inner = await innerFrameOf(outer);
    const text = await inner
      ?.evaluate<string>(
        "[document.title, ...[...document.querySelectorAll('[data-state]')].map(e => '#' + e.id + '[data-state=' + e.getAttribute('data-state') + ']')].join(' ').slice(0, 300)",
      )
      .catch(() => null);
    if (text) seen.push(text);
  }
  return seen;
}

/** WCAG 2.0/2.1 A and AA rules on the whole document; returns the critical and serious violations. */
export async function axeSeriousViolations(frame: Frame): Promise<AxeViolation[]> {
  const loaded = await frame.evaluate('typeof window.axe');
  if (loaded !== 'object') {
    await frame.evaluate(AXE_SOURCE);
  }
  const result =
    (await frame.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] })
    .then(r => r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => ({ target: n.target, failureSummary: n.failureSummary })) })))`)) as AxeViolation[];
  return result.filter(v => v.impact === 'critical' || v.impact === 'serious');
}

/** One line per violation for the test log: rule, impact, element count and the first targets. */
export function describeViolations(vs: readonly AxeViolation[]): string {
  return vs
    .map(
      v =>
        `  ${v.impact} ${v.id} (${v.nodes.length}): ${v.help} — ${v.nodes
          .slice(0, 4)
          .map(n => JSON.stringify(n.target))
          .join(', ')}\n    first: ${(v.nodes[0]?.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 300)}`,
    )
    .join('\n');
}
