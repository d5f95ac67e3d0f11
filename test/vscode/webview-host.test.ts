// In-host: a page that never says `ready`. WebviewHost hands a visible blank page to its owner's
// whenStuck (the takes panel then opens a new panel) or, without one, writes it again. The page here
// names a script that does not exist, so it stays blank for as long as the test watches.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import * as z from 'zod/mini';
import { WebviewHost } from '../../src/extension/webview/webview-host';
import { EXTENSION_ID, closeAllEditors } from './helpers';
import { waitFor } from '../kit/wait-for';

const Incoming = z.object({ type: z.literal('ready') });

suite('webview host', function () {
  this.timeout(60_000);
  teardown(closeAllEditors);

  test('a visible page that stays blank goes to whenStuck, and is written again when the owner declines', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const lines: string[] = [];
    const log = {
      warn: (s: string) => lines.push(s),
      debug: () => undefined,
      error: (s: string) => lines.push(s),
    } as unknown as vscode.LogOutputChannel;
    const panel = vscode.window.createWebviewPanel('klingStudio.test.blank', 'Blank', vscode.ViewColumn.One, { enableScripts: true });
    const asked: number[] = [];
    const host = new WebviewHost(
      panel,
      {
        extensionUri: ext.extensionUri,
        log,
        name: 'blank page',
        script: 'no-such-page.main.js',
        title: 'Blank',
        incoming: Incoming,
        whenStuck: () => (asked.push(Date.now()), false),
      },
      () => undefined,
    );
    try {
      const firstHtml = panel.webview.html;
      assert.match(firstHtml, /no-such-page\.main\.js/);
      await waitFor('the owner asked', () => (asked.length >= 1 ? true : undefined), { timeoutMs: 40_000 });
      // Declined: the page is written again, with a new nonce.
      await waitFor('written again', () => (panel.webview.html !== firstHtml ? true : undefined));
      assert.equal(host.isReady, false);
      assert.ok(
        lines.some(l => l === 'blank page: the page did not say ready within 10 s; writing it again'),
        lines.join('\n'),
      );
    } finally {
      panel.dispose();
    }
    assert.equal(host.isDisposed, true, 'closing the panel disposes its host');
  });
});
