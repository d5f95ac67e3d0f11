// UI: the shot editor draws an O3 reference-to-video shot from the registry: the reference image
// list with a card per image (named by its field), @Image and @Element chips in the prompt, and an
// image added through the list's own button and VS Code's file dialog lands in the file, in order.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { openWorkbench, quickOpen, screenshot, webview, type Workbench } from '../harness/workbench';
import { waitFor } from '../kit/wait-for';

let wb: Workbench;
const FILE = 'e2e-o3-reference.kling.json';
const TEXT = [
  '{',
  '  // written by the registry form UI test',
  '  "endpoint": "o3/pro/reference-to-video",',
  '  "prompt": "@Element1 walks through a harbour in the style of @Image1 and @Image2",',
  '  "image_urls": ["./refs/hero-start.png"],',
  '  "elements": [{ "frontal_image_url": "./refs/hero-front.png", "reference_image_urls": ["./refs/hero-side.png"] }],',
  '  "duration": "5"',
  '}',
  '',
].join('\n');

before(async () => {
  wb = await openWorkbench({ files: { [FILE]: TEXT } });
});
after(async () => {
  await wb?.close();
});

const imageUrls = (): unknown => {
  try {
    return (JSON.parse(fs.readFileSync(path.join(wb.workspace, FILE), 'utf8').replace(/^\s*\/\/.*$/gm, '')) as { image_urls: unknown })
      .image_urls;
  } catch {
    return undefined; // caught half-written: not yet
  }
};

let frame: FrameLocator;

test('an O3 reference-to-video shot shows its image list and its @ references', async () => {
  await quickOpen(wb.page, FILE);
  frame = webview(wb.page);
  const list = frame.getByRole('group', { name: 'Reference images' });
  await list.waitFor({ timeout: 60_000 });
  // One card for the one image, named by the field and its place, with the @Image1 it is in prompts.
  await list.getByRole('listitem', { name: 'Reference image 1' }).waitFor();
  assert.equal(
    await list
      .locator('.card .chip')
      .first()
      .textContent()
      .then(t => t?.trim()),
    '@Image1',
  );
  await frame.getByRole('button', { name: 'Choose file… Start image' }).waitFor();
  await frame.getByRole('button', { name: 'Add image to Reference images…' }).waitFor();
  // The prompt's chips: the element and the image exist, @Image2 does not (yet).
  const chip = (ref: string) => frame.locator(`.prompt-meta .chip[data-ref="${ref}"]`);
  await waitFor('the prompt chips', async () => (await chip('@Image2').getAttribute('class'))?.includes('bad'));
  assert.match((await chip('@Element1').getAttribute('class')) ?? '', /\bok\b/);
  assert.match((await chip('@Image1').getAttribute('class')) ?? '', /\bok\b/);
});

test('add an image with the list button: the file gets it at the end, and @Image2 now refers to it', async () => {
  await frame.getByRole('button', { name: 'Add image to Reference images…' }).click();
  // VS Code's own open dialog (the simple one in the browser): type the file's path and accept.
  const input = wb.page.locator('.quick-input-widget input[type="text"]').first();
  await input.waitFor({ timeout: 30_000 });
  // The dialog fills in the shot's folder and lists it once it has read it; a path typed before
  // that is merged with the folder. So: wait for the listing, then type the path and accept it with
  // the button named after the kind of file, once the path stays as typed. An accept that comes
  // while the dialog is still listing the typed path's folder only finishes that listing, and the
  // dialog stays open (VS Code's simple file dialog); so type and accept until it has closed.
  await wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'refs' }).first().waitFor({ timeout: 30_000 });
  const picked = path.join(wb.workspace, 'refs', 'lamp-front.png');
  const dialog = wb.page.locator('.quick-input-widget');
  await waitFor(
    'the open dialog took the typed path and closed',
    async () => {
      if (!(await dialog.isVisible())) return true;
      if ((await input.inputValue()) !== picked) {
        await input.fill(picked);
        return undefined;
      }
      await dialog.getByRole('button', { name: 'Use Image' }).click({ timeout: 5_000 });
      return undefined;
    },
    {
      timeoutMs: 60_000,
      intervalMs: 500,
      explain: async () =>
        `the dialog holds "${await input.inputValue()}", says "${await dialog.locator('.quick-input-message').textContent()}"`,
    },
  );
  await waitFor(
    'the file names two reference images',
    async () => {
      await wb.page.keyboard.press('Control+S');
      const urls = imageUrls();
      return Array.isArray(urls) && urls.length === 2 ? urls : undefined;
    },
    { timeoutMs: 20_000 },
  ).catch(async e => {
    await screenshot(wb.page, 'registry-form-add-failed');
    throw e;
  });
  assert.deepEqual(imageUrls(), ['./refs/hero-start.png', './refs/lamp-front.png']);
  const list = frame.getByRole('group', { name: 'Reference images' });
  await list.getByRole('listitem', { name: 'Reference image 2' }).waitFor();
  await waitFor('@Image2 is a reference that exists', async () =>
    (await frame.locator('.prompt-meta .chip[data-ref="@Image2"]').getAttribute('class'))?.includes('ok'),
  );
  await screenshot(wb.page, 'o3-reference-form');
});

test('move the second image first from the keyboard: the order in the file follows', async () => {
  const list = frame.getByRole('group', { name: 'Reference images' });
  await list.getByRole('button', { name: 'Move Reference image 2 earlier' }).focus();
  await wb.page.keyboard.press('Enter');
  await waitFor('the images swapped in the file', async () => {
    await wb.page.keyboard.press('Control+S');
    const urls = imageUrls();
    return Array.isArray(urls) && urls[0] === './refs/lamp-front.png' ? urls : undefined;
  });
  assert.deepEqual(imageUrls(), ['./refs/lamp-front.png', './refs/hero-start.png']);
});
