// The take session's side of a cast, against real files: the lookup walks up to the root and no
// further, a member's media outside the roots is refused by name, and a shot whose member's voice
// is not made yet cannot be planned (every face makes the voice first; nothing sends it without).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { castFolders, findCast, planTakes, prepareShot } from '../../../src/takes';

const repo = resolve(__dirname, '../../..');
let base: string;
before(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'kling-cast-prepare-')));
});
after(() => rm(base, { recursive: true, force: true }));

const I2V = 'fal-ai/kling-video/v3/pro/image-to-video';

test('the lookup searches the shot folder and each folder above up to the root, and not above it', async () => {
  const root = join(base, 'walk', 'project');
  await mkdir(join(root, 'a', 'b'), { recursive: true });
  await writeFile(join(base, 'walk', 'above.kling-cast.json'), '{ "members": { "Far": { "video_url": "x.mp4" } } }');
  await writeFile(join(root, 'top.kling-cast.json'), '{ "members": { "Top": { "video_url": "t.mp4" } } }');
  await writeFile(join(root, 'a', 'b', 'near.kling-cast.json'), '{ "members": { "Near": { "video_url": "n.mp4" } } }');
  const shot = join(root, 'a', 'b', 's.kling.json');
  assert.deepEqual(castFolders(shot, [root]), [join(root, 'a', 'b'), join(root, 'a'), root]);
  const cast = await findCast(shot, [root]);
  assert.deepEqual([...cast.members.keys()].sort(), ['Near', 'Top']);
});

test("a member's media outside the roots is refused by name; a voice not made yet cannot be planned", async () => {
  const dir = join(base, 'p');
  await mkdir(join(dir, 'cast'), { recursive: true });
  for (const f of ['hero-front.png', 'hero-side.png', 'hero-start.png'])
    await copyFile(join(repo, 'examples/refs', f), join(dir, 'cast', f));
  await copyFile(join(repo, 'examples/refs/hero-side.png'), join(base, 'outside.png'));
  await copyFile(join(repo, 'test/fixtures/media/long-12s-720x1280.mp4'), join(dir, 'cast', 'voice.mp4'));
  const castText = (side: string) =>
    JSON.stringify({
      members: { Mara: { frontal_image_url: 'cast/hero-front.png', reference_image_urls: [side], voice_url: 'cast/voice.mp4' } },
    });
  const shotFile = join(dir, 's.kling.json');
  const text = JSON.stringify({
    endpoint: I2V,
    start_image_url: 'cast/hero-start.png',
    cast: ['Mara'],
    prompt: '@Mara waves',
    duration: '5',
  });
  const prepare = () => prepareShot({ shotFile, text, roots: [dir], outputDir: join(dir, 'renders'), provider: 'fal' });

  await writeFile(join(dir, 'people.kling-cast.json'), castText('../outside.png'));
  const out = await prepare();
  assert.equal(out.ok, false);
  if (!out.ok) assert.match([...out.problems, ...out.errors.map(e => e.message)].join('\n'), /outside\.png/);

  await writeFile(join(dir, 'people.kling-cast.json'), castText('cast/hero-side.png'));
  const p = await prepare();
  assert.ok(p.ok, JSON.stringify(p));
  assert.deepEqual(
    p.shot.voicesNeeded.map(n => n.member.name),
    ['Mara'],
  );
  assert.equal(p.shot.body.prompt, '@Element1 waves');
  assert.equal((p.shot.body.elements as Record<string, unknown>[])[0]!.voice_id, undefined);
  await assert.rejects(
    planTakes([p.shot], { takes: 1, fresh: false, provider: 'fal', scopes: [], scopesOf: () => [], canFollow: () => true, note: () => {} }),
    /needs the voice of Mara, not made yet/,
  );
});
