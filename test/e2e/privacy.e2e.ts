// UI: opening files from an untrusted repository makes no network request. A request-logging HTTPS
// server (self-signed certificate made here with openssl; Chromium told to accept it, so a request
// that is made does arrive and is counted) stands in for the server a hostile shot file names. The
// folder is opened in Restricted Mode; the shot editor, a hover on a crafted key and the Generations
// tree tooltip of a crafted take record must cause 0 requests and show no link. Then "Load remote
// previews" (pressed with the keyboard) must cause one: proof that the server would have seen them.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { webviewFrame } from '../harness/axe';
import { openFileByKeyboard, openWorkbench, quickOpen, screenshot, type Workbench } from '../harness/workbench';
import { waitFor } from '../kit/wait-for';

let wb: Workbench;
let server: https.Server;
let base = '';
const requests: string[] = [];
const certDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kling-privacy-cert-'));

const SHOT = 'untrusted-remote.kling.json';
const HOVER_SHOT = 'untrusted-hover.kling.json';

before(async () => {
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-keyout', 'key.pem', '-out', 'cert.pem'],
    { cwd: certDir, stdio: 'ignore' },
  );
  server = https.createServer(
    { key: fs.readFileSync(path.join(certDir, 'key.pem')), cert: fs.readFileSync(path.join(certDir, 'cert.pem')) },
    (req, res) => {
      requests.push(req.url ?? '');
      // A 1×1 PNG, so a request that is made also renders.
      res.writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*' });
      res.end(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64'));
    },
  );
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  wb = await openWorkbench({
    files: {
      [SHOT]: JSON.stringify(
        {
          endpoint: 'image-to-video',
          start_image_url: `${base}/start.png`,
          prompt: '@Element1 walks in',
          elements: [{ frontal_image_url: `${base}/element.png`, reference_image_urls: [`${base}/ref.png`] }],
          duration: '5',
        },
        null,
        2,
      ),
      // Backticks to break out of the code span the key is shown in.
      [HOVER_SHOT]: `{\n  "x\` ![](${base}/hover.png) [click](${base}/link) \`y": 1,\n  "prompt": "a"\n}\n`,
    },
    settings: {
      // Restricted Mode: trust on, this folder never trusted, no prompt to trust it.
      'security.workspace.trust.enabled': true,
      'security.workspace.trust.startupPrompt': 'never',
      'security.workspace.trust.untrustedFiles': 'open',
      'security.workspace.trust.banner': 'never',
      'workbench.editor.enablePreview': false,
    },
    browserArgs: ['--ignore-certificate-errors'],
  });
  // A committed take record whose prompt, request id and error carry Markdown images and links.
  const renders = path.join(wb.workspace, 'renders');
  fs.mkdirSync(renders, { recursive: true });
  fs.writeFileSync(
    path.join(renders, 'hostile.20260101-000000.take.json'),
    JSON.stringify({
      version: 1,
      id: 'hostile',
      shotFile: path.join(wb.workspace, 'hostile.kling.json'),
      endpointId: 'fal-ai/kling-video/v3/pro/text-to-video',
      body: { prompt: `![](${base}/tree-prompt.png) [win](${base}/tree-link)` },
      requestId: `![](${base}/tree-req.png)`,
      status: 'failed',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      error: { kind: 'http', message: `<img src="${base}/tree-err.png"> ![](${base}/tree-err2.png)` },
    }),
  );
});
after(async () => {
  await wb?.close();
  server?.close();
  fs.rmSync(certDir, { recursive: true, force: true });
});

test('the folder is in Restricted Mode', async () => {
  await wb.page.locator('.part.statusbar', { hasText: 'Restricted Mode' }).waitFor({ timeout: 30_000 });
});

test('opening a shot file that names remote media makes 0 requests; the cards say why', async () => {
  await quickOpen(wb.page, SHOT);
  const frame = await webviewFrame(wb.page, '.editor[data-media-checked="true"]');
  const placeholders = frame.locator('.thumb .remote-blocked');
  await placeholders.first().waitFor();
  assert.equal(await placeholders.count(), 3, 'start image, element front and reference: each a placeholder');
  assert.match(await placeholders.first().innerText(), /not trusted \(Restricted Mode\)/);
  assert.equal(await frame.locator('.thumb img').count(), 0, 'no <img> for a remote URL');
  const csp = await frame.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(csp ?? '', /img-src [^;]*data:/);
  assert.doesNotMatch(csp ?? '', /img-src [^;]*\shttps:(\s|;|$)/, `no https: images in the CSP: ${csp}`);
  assert.deepEqual(requests, []);
});

test('a hover on a crafted key shows the key as text: no image request, no link', async () => {
  // The text editor for this one file (the shot editor is the default), then the hover from the keyboard.
  await quickOpen(wb.page, HOVER_SHOT);
  await webviewFrame(wb.page, '#reopen-as-text, .editor[data-version]');
  await wb.page.keyboard.press('Control+Shift+P');
  await wb.page.keyboard.type('>Kling: Reopen as Text');
  await wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Kling: Reopen as Text' }).first().waitFor();
  await wb.page.keyboard.press('Enter');
  await wb.page.locator('.monaco-editor .view-lines', { hasText: 'hover.png' }).waitFor();
  await wb.page.keyboard.press('Control+G');
  await wb.page.keyboard.type('2:6');
  await wb.page.keyboard.press('Enter');
  await wb.page.keyboard.press('Control+K');
  await wb.page.keyboard.press('Control+I');
  const hover = wb.page.locator('.monaco-hover:visible', { hasText: 'is not a known field' });
  await hover.waitFor({ timeout: 20_000 });
  assert.match(await hover.innerText(), /x` !\[\]\(https:\/\/127\.0\.0\.1:\d+\/hover\.png\) \[click\]/, 'the key is shown as typed');
  assert.equal(await hover.locator('img').count(), 0);
  assert.equal(await hover.locator(`a[href*="127.0.0.1"], a[data-href*="127.0.0.1"]`).count(), 0);
  await wb.page.keyboard.press('Escape');
  assert.deepEqual(requests, []);
});

test('the Generations tree tooltip of a crafted take record: no image request, no link', async () => {
  await wb.page.keyboard.press('Control+Shift+P');
  await wb.page.keyboard.type('>View: Show Kling Generations');
  await wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Kling Generations' }).first().waitFor();
  await wb.page.keyboard.press('Enter');
  const row = wb.page.locator('.monaco-list-row', { hasText: 'hostile' }).first();
  await row.waitFor({ timeout: 30_000 });
  await row.hover();
  const tip = wb.page.locator('.workbench-hover:visible, .monaco-hover:visible', { hasText: 'Failed' }).first();
  await tip.waitFor({ timeout: 20_000 });
  const text = await tip.innerText();
  assert.match(text, /tree-prompt\.png/, 'the prompt is shown as text');
  assert.match(text, /tree-err\.png/, 'the error is shown as text');
  assert.equal(await tip.locator('img').count(), 0);
  assert.equal(await tip.locator(`a[href*="127.0.0.1"], a[data-href*="127.0.0.1"]`).count(), 0);
  assert.deepEqual(requests, []);
});

test('"Load remote previews", pressed with the keyboard, loads them: the server does see requests', async () => {
  await openFileByKeyboard(wb.page, SHOT);
  const frame = await webviewFrame(wb.page, '.thumb .remote-blocked .load-remote').catch(async e => {
    await screenshot(wb.page, 'privacy-load-remote-not-found');
    throw e;
  });
  await frame.focus('.thumb .remote-blocked .load-remote');
  await wb.page.keyboard.press('Enter');
  // The page reloads with https: images allowed; the thumbnails are fetched from the logging server.
  await webviewFrame(wb.page, '.thumb img');
  // Wait on the server's own log: the thumbnails' requests arrive there.
  await waitFor('the server to see /start.png requested', () => requests.includes('/start.png'), {
    explain: () => `requests: ${requests.join(', ')}`,
  });
});
