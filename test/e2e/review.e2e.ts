// UI: telling takes apart and reviewing them. Two finished takes of one shot (one record from before
// take numbers): the takes panel lists them as #2 and #1, each row with its clip's first frame; a
// take gets a poster file; a take is rated and noted beside the player (written into its record), the list filters by rating
// and by the circled take; then the window is reloaded twice (Developer: Reload Window) and the
// restored panel lists its rows each time. axe finds no critical or serious violation.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { checkPngFrame } from '../../src/core';
import { ROOT } from '../harness/code-server';
import { axeSeriousViolations, describeViolations, webviewFrame } from '../harness/axe';
import { openFileByKeyboard, openWorkbench, runCommand, waitForWorkbench, type Workbench } from '../harness/workbench';
import { waitFor } from '../kit/wait-for';

const FILE = 'review.kling.json';
let wb: Workbench;
const records: Record<string, string> = {};

before(async () => {
  wb = await openWorkbench({
    files: { [FILE]: '{\n  "prompt": "A paper boat on a puddle",\n  "duration": "5"\n}\n' },
    settings: { 'workbench.editor.enablePreview': false },
  });
  const renders = path.join(wb.workspace, 'renders');
  fs.mkdirSync(renders, { recursive: true });
  for (const [stamp, id, number] of [
    ['20260301-100000', 'rev-a', undefined],
    ['20260301-110000', 'rev-b', 2],
  ] as const) {
    const clip = path.join(renders, `review.${stamp}.mp4`);
    fs.copyFileSync(path.join(ROOT, 'test/fixtures/media/short-2s-480x640.mp4'), clip);
    const at = `2026-03-01T${stamp.slice(9, 11)}:00:00.000Z`;
    records[id] = path.join(renders, `review.${stamp}.take.json`);
    fs.writeFileSync(
      records[id],
      JSON.stringify({
        version: 1,
        id,
        ...(number !== undefined && { number }),
        shotFile: path.join(wb.workspace, FILE),
        endpointId: 'fal-ai/kling-video/v3/pro/text-to-video',
        body: { prompt: 'A paper boat on a puddle', duration: '5' },
        requestId: `req-${id}`,
        status: 'done',
        createdAt: at,
        updatedAt: at,
        clipPath: clip,
        video: { url: 'https://v3.fal.media/files/clip.mp4', durationSeconds: 2, width: 480, height: 640 },
      }),
    );
  }
});
after(async () => {
  await wb?.close();
});

const readRecord = (id: string) => JSON.parse(fs.readFileSync(records[id]!, 'utf8')) as { rating?: number; note?: string };

/** The rows the panel lists: each take's id and the number its row shows. */
function rows(frame: Frame): Promise<[string, string][]> {
  return frame.$$eval('ol.takes li[data-id]', els =>
    els.map(e => [e.getAttribute('data-id') ?? '', e.querySelector('.take-number')?.textContent ?? ''] as [string, string]),
  );
}

test('takes are told apart by number and first frame, rated, noted and filtered; the panel lists its rows after two reloads', async () => {
  const { page } = wb;
  await openFileByKeyboard(page, FILE);
  await webviewFrame(page, '.editor[data-version]');
  await runCommand(page, 'Kling: Open Takes');
  let takes = await webviewFrame(page, 'ol.takes li[data-id="rev-a"]');
  assert.deepEqual(await rows(takes), [
    ['rev-b', '#2'],
    ['rev-a', '#1'],
  ]);
  // Each row's poster is its clip's first frame: the video has a picture to show.
  await waitFor('both posters loaded', async () =>
    (await takes.$$eval('ol.takes li video.poster', vs => vs.map(v => (v as unknown as { readyState: number }).readyState >= 2))).join() ===
    'true,true'
      ? true
      : undefined,
  );

  // Each take's poster is made once, beside its record, for the surfaces that show an image file
  // (the Generations view, the Compare picker): a whole PNG of the first frame, thumbnail-sized.
  for (const id of ['rev-a', 'rev-b']) {
    const poster = records[id]!.replace(/\.take\.json$/, '.poster.png');
    const check = await waitFor(`the poster of ${id}`, () => {
      const c = fs.existsSync(poster) ? checkPngFrame(new Uint8Array(fs.readFileSync(poster))) : undefined;
      return c?.ok ? c : undefined;
    });
    assert.deepEqual([check.width, check.height], [320, 427], 'the 480×640 clip scaled to 320 wide');
  }

  await takes.click('ol.takes li[data-id="rev-a"] button.take-row');
  await takes.click('.review .rating button[data-focus="rate:4"]');
  await takes.waitForSelector('.review .rating button[data-focus="rate:4"][aria-pressed="true"]');
  await takes.waitForSelector('ol.takes li[data-id="rev-a"] .meta:has-text("rated 4/5")');
  await takes.fill('#take-note', 'the wave breaks late');
  await takes.click('.review .note button[data-focus="save-note"]');
  await waitFor('the note in the record', () => (readRecord('rev-a').note === 'the wave breaks late' ? true : undefined));
  assert.equal(readRecord('rev-a').rating, 4);

  // Rated at least 4: only #1 is left; circled only: none is circled yet.
  await takes.selectOption('.filter select', '4');
  await waitFor('the filter by rating', async () => ((await rows(takes)).map(r => r[0]).join() === 'rev-a' ? true : undefined));
  await takes.check('.filter input[type="checkbox"]');
  await takes.waitForSelector('ol.takes li.empty');
  await takes.uncheck('.filter input[type="checkbox"]');
  await takes.selectOption('.filter select', '0');
  await waitFor('both rows back', async () => ((await rows(takes)).length === 2 ? true : undefined));
  const vs = await axeSeriousViolations(takes);
  assert.deepEqual(vs, [], describeViolations(vs));

  for (const round of [1, 2]) {
    // The new page's load, not a length of time: the old workbench must not pass for the new one.
    const reloaded = page.waitForEvent('load', { timeout: 60_000 });
    await runCommand(page, 'Developer: Reload Window');
    await reloaded;
    await waitForWorkbench(page);
    // The restored panel asks for its takes again and lists both rows, with what was written.
    takes = await webviewFrame(page, 'ol.takes li[data-id="rev-a"] .take-number', 90_000);
    assert.deepEqual(
      await rows(takes),
      [
        ['rev-b', '#2'],
        ['rev-a', '#1'],
      ],
      `after reload ${round}`,
    );
    await takes.waitForSelector('ol.takes li[data-id="rev-a"] .meta:has-text("rated 4/5")');
  }
});
