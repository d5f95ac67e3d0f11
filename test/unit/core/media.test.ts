// Media checks against real files in real temp dirs: PNG/JPEG bytes made in-test, MP4 fixtures
// made once with ffmpeg and committed (CI has no ffmpeg).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeShot, checkMedia, createMediaCache, probeImage, type FileAccess, type ShotDiagnostic } from '../../../src/core';
import { nodeFileAccess } from '../../../src/media/node-files';
import { makePng, makeJpegHeader, makeWebp } from './helpers/media';
import { rangeOf } from './helpers/expect';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'media');
let root: string;
let ws: string;

before(async () => {
  root = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'kling-media-')));
  ws = path.join(root, 'ws');
  await fs.mkdir(path.join(ws, 'refs'), { recursive: true });
  const w = (name: string, data: Buffer) => fs.writeFile(path.join(ws, 'refs', name), data);
  await w('ok.png', makePng(400, 300));
  await w('small.png', makePng(200, 400));
  await w('wide.png', makePng(1300, 500));
  await w('ok.jpg', makeJpegHeader(1280, 720));
  await w('exif.jpg', makeJpegHeader(800, 800, 200_000));
  await w('not-image.png', Buffer.from('hello, not a png'));
  await w('tiny.gif', Buffer.from('R0lGODlhLAEsAYAAAP///wAAACwAAAAAAQABAAACAkQBADs=', 'base64'));
  await w('empty.png', Buffer.alloc(0));
  await w('empty.mp4', Buffer.alloc(0));
  await w('doc.png', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'));
  await w('notes.mp4', Buffer.from('just some notes, not a video\n'));
  for (const f of [
    'element-4s-720x1280.mp4',
    'long-12s-720x1280.mp4',
    'short-2s-480x640.mp4',
    'element-4s-720x1280-12fps.mp4',
    'audio-only-2s.mp4',
  ]) {
    await fs.copyFile(path.join(FIXTURES, f), path.join(ws, 'refs', f));
  }
  // 10 MB + 1 byte: a PNG header followed by padding (size is checked before the header).
  const big = Buffer.alloc(10 * 1024 * 1024 + 1);
  makePng(400, 400).copy(big);
  await w('big.png', big);
  await fs.writeFile(path.join(root, 'secret.png'), makePng(400, 400));
  await fs.symlink(path.join(root, 'secret.png'), path.join(ws, 'refs', 'link.png'));
});
after(() => fs.rm(root, { recursive: true, force: true }));

async function check(text: string, files: FileAccess = nodeFileAccess, cache = createMediaCache()): Promise<ShotDiagnostic[]> {
  return checkMedia(analyzeShot(text), { shotFilePath: path.join(ws, 'shot.kling.json'), workspaceFolders: [ws], files, cache });
}
const i2v = (start: string, extra = '') => `{\n  "start_image_url": ${JSON.stringify(start)},\n  "prompt": "a"${extra}\n}`;

test('a valid PNG and JPEG pass', async () => {
  assert.deepEqual(await check(i2v('./refs/ok.png')), []);
  assert.deepEqual(await check(i2v('refs/ok.jpg')), []);
});

test('kling.media-missing with the exact range', async () => {
  const text = i2v('./refs/nope.png');
  const [d] = await check(text);
  assert.equal(d!.code, 'kling.media-missing');
  assert.deepEqual(d!.path, ['start_image_url']);
  assert.deepEqual(d!.range, rangeOf(text, '"./refs/nope.png"'));
});

test('kling.media-outside-workspace: ../ and symlinks are resolved', async () => {
  for (const p of ['../secret.png', './refs/link.png', path.join(root, 'secret.png')]) {
    const [d] = await check(i2v(p));
    assert.equal(d?.code, 'kling.media-outside-workspace', p);
  }
});

test('kling.media-size', async () => {
  const [d] = await check(i2v('./refs/big.png'));
  assert.equal(d!.code, 'kling.media-size');
  assert.match(d!.message, /at most 10\.0 MB/);
});

test('kling.image-dimensions and kling.image-aspect', async () => {
  assert.deepEqual(
    (await check(i2v('./refs/small.png'))).map(d => d.code),
    ['kling.image-dimensions'],
  );
  const wide = await check(i2v('./refs/wide.png'));
  assert.deepEqual(
    wide.map(d => d.code),
    ['kling.image-aspect'],
  );
  assert.match(wide[0]!.message, /2\.60/);
});

test('JPEG frame header beyond the first read window', async () => {
  assert.deepEqual(await check(i2v('./refs/exif.jpg')), []);
});

test('a file in an image field that is not a JPEG, PNG or WebP is an error that says what the file is', async () => {
  const cases: [string, string][] = [
    ['./refs/not-image.png', 'a text file'],
    ['./refs/tiny.gif', 'a GIF image'],
    ['./refs/doc.png', 'a PDF document'],
    ['./refs/element-4s-720x1280.mp4', 'an MP4 video'],
  ];
  for (const [file, what] of cases) {
    const found = await check(i2v(file));
    assert.deepEqual(
      found.map(d => [d.code, d.severity, (d.data as { what?: string }).what]),
      [['kling.image-format', 'error', what]],
      file,
    );
    assert.equal(found[0]!.message, `${file} is ${what}; this field takes a JPEG, PNG or WebP image.`);
  }
});

test('a 0-byte file is an error with a human message, in image and video fields', async () => {
  const img = await check(i2v('./refs/empty.png'));
  assert.deepEqual(
    img.map(d => [d.code, d.severity, d.message]),
    [['kling.media-empty', 'error', './refs/empty.png is an empty file (0 bytes); it must be a JPEG, PNG or WebP image.']],
  );
  const mc = await check('{ "image_url": "./refs/ok.png", "video_url": "./refs/empty.mp4", "character_orientation": "video" }');
  assert.deepEqual(
    mc.map(d => [d.code, d.severity, d.message]),
    [['kling.media-empty', 'error', './refs/empty.mp4 is an empty file (0 bytes); it must be a video.']],
  );
  assert.ok(!/DataView|Offset/.test(img[0]!.message + mc[0]!.message));
});

test('a video field whose file has no video track is an error that says what it is', async () => {
  const mc = (v: string) => `{ "image_url": "./refs/ok.png", "video_url": "${v}", "character_orientation": "video" }`;
  assert.deepEqual(
    (await check(mc('./refs/audio-only-2s.mp4'))).map(d => [d.code, d.severity, (d.data as { what?: string }).what]),
    [['kling.video-format', 'error', 'audio only (no video track)']],
  );
  assert.deepEqual(
    (await check(mc('./refs/notes.mp4'))).map(d => [d.code, d.severity, (d.data as { what?: string }).what]),
    [['kling.video-format', 'error', 'a text file']],
  );
  assert.deepEqual(
    (await check(mc('./refs/ok.png'))).map(d => [d.code, (d.data as { what?: string }).what]),
    [['kling.video-format', 'a PNG image']],
  );
});

test('element video frame rate must be 24–60 fps', async () => {
  const el = (v: string) => i2v('./refs/ok.png', `,\n  "elements": [{ "video_url": ${JSON.stringify(v)} }]`).replace('"a"', '"@Element1"');
  const slow = await check(el('./refs/element-4s-720x1280-12fps.mp4'));
  assert.deepEqual(
    slow.map(d => [d.code, d.severity]),
    [['kling.video-fps', 'error']],
  );
  assert.match(slow[0]!.message, /plays at 12 fps; an element video must be 24–60 fps/);
  assert.deepEqual(await check(el('./refs/element-4s-720x1280.mp4')), []);
});

test('motion-control reference video must be at least 3 s', async () => {
  const mc = (v: string) => `{ "image_url": "./refs/ok.png", "video_url": "${v}", "character_orientation": "video" }`;
  const short = await check(mc('./refs/short-2s-480x640.mp4'));
  assert.deepEqual(
    short.map(d => [d.code, d.severity]),
    [['kling.video-duration', 'error']],
  );
  assert.match(short[0]!.message, /at least 3 s/);
  assert.deepEqual(await check(mc('./refs/element-4s-720x1280.mp4')), []);
});

test('element video: duration and dimensions from the MP4 header', async () => {
  const el = (v: string) => i2v('./refs/ok.png', `,\n  "elements": [{ "video_url": ${JSON.stringify(v)} }]`).replace('"a"', '"@Element1"');
  assert.deepEqual(await check(el('./refs/element-4s-720x1280.mp4')), []);
  const long = await check(el('./refs/long-12s-720x1280.mp4'));
  assert.deepEqual(
    long.map(d => d.code),
    ['kling.video-duration'],
  );
  assert.deepEqual(long[0]!.path, ['elements', 0, 'video_url']);
  const short = await check(el('./refs/short-2s-480x640.mp4'));
  assert.deepEqual(short.map(d => d.code).sort(), ['kling.video-dimensions', 'kling.video-duration']);
});

test('motion-control reference video: 10 s with "image", 30 s with "video"', async () => {
  const mc = (o: string) =>
    `{ "image_url": "./refs/ok.png", "video_url": "./refs/long-12s-720x1280.mp4", "character_orientation": "${o}" }`;
  const img = await check(mc('image'));
  assert.deepEqual(
    img.map(d => d.code),
    ['kling.video-duration'],
  );
  assert.match(img[0]!.message, /at most 10 s/);
  assert.deepEqual(await check(mc('video')), []);
});

test('https URLs are not fetched; probes are cached by path + mtime + size', async () => {
  let reads = 0;
  const counting: FileAccess = {
    ...nodeFileAccess,
    read: (p, s, l) => {
      reads++;
      return nodeFileAccess.read(p, s, l);
    },
  };
  const cache = createMediaCache();
  const text = i2v('./refs/ok.png', ',\n  "end_image_url": "https://example.com/end.png"');
  assert.deepEqual(await check(text, counting, cache), []);
  const first = reads;
  assert.ok(first > 0);
  assert.deepEqual(await check(text, counting, cache), []);
  assert.equal(reads, first, 'second run served from the cache');
  // A changed file (new mtime/size) is read again.
  await fs.writeFile(path.join(ws, 'refs', 'ok.png'), makePng(200, 200));
  assert.deepEqual(
    (await check(text, counting, cache)).map(d => d.code),
    ['kling.image-dimensions'],
  );
  assert.ok(reads > first);
  await fs.writeFile(path.join(ws, 'refs', 'ok.png'), makePng(400, 300));
});

test('the shot file folder is the boundary when there is no workspace folder', async () => {
  const a = analyzeShot(i2v('../secret.png'));
  const d = await checkMedia(a, { shotFilePath: path.join(ws, 'shot.kling.json'), workspaceFolders: [], files: nodeFileAccess });
  assert.deepEqual(
    d.map(x => x.code),
    ['kling.media-outside-workspace'],
  );
});

test('a failing file system becomes a warning, never a rejection', async () => {
  const broken: FileAccess = {
    stat: async () => {
      throw new Error('EIO');
    },
    read: async () => new Uint8Array(),
    realpath: async p => p,
    video: async () => {
      throw new Error('EIO');
    },
  };
  const d = await check(i2v('./refs/ok.png'), broken);
  assert.deepEqual(
    d.map(x => x.code),
    ['kling.media-unreadable'],
  );
});

describe('an image whose header is whole but whose body is cut short', () => {
  const png = makePng(400, 300);
  const jpg = makeJpegHeader(1280, 720);
  const webp = makeWebp(400, 300);
  const sosAt = jpg.indexOf(Buffer.from([0xff, 0xda]));
  const cases: [string, Buffer, string][] = [
    ['cut-iend.png', png.subarray(0, png.length - 12), 'a truncated PNG image that cannot be decoded (no IEND chunk at its end)'],
    ['cut-idat.png', png.subarray(0, 60), 'a truncated PNG image that cannot be decoded (no IEND chunk at its end)'],
    [
      'cut-scan.jpg',
      jpg.subarray(0, jpg.length - 2),
      'a truncated JPEG image that cannot be decoded (no end-of-image marker after its scan data)',
    ],
    ['cut-header.jpg', jpg.subarray(0, sosAt), 'a truncated JPEG image that cannot be decoded (no scan data after its header)'],
    [
      'cut.webp',
      webp.subarray(0, webp.length - 10),
      `a truncated WebP image that cannot be decoded (${webp.length - 10} of the ${webp.length} bytes its RIFF header announces)`,
    ],
  ];
  before(async () => {
    for (const [name, data] of cases) await fs.writeFile(path.join(ws, 'refs', name), data);
    await fs.writeFile(path.join(ws, 'refs', 'ok.webp'), webp);
    // Bytes after the end are not a cut: a few tools append them, and a motion photo carries a
    // whole video after the JPEG's end-of-image marker.
    await fs.writeFile(path.join(ws, 'refs', 'trailer.png'), Buffer.concat([png, Buffer.from('trailing')]));
    await fs.writeFile(path.join(ws, 'refs', 'motion.jpg'), Buffer.concat([jpg, Buffer.alloc(600 * 1024, 0x42)]));
    await fs.writeFile(path.join(ws, 'refs', 'padded.webp'), Buffer.concat([webp, Buffer.alloc(3)]));
    // Stray bytes before a marker, which decoders skip with a warning.
    await fs.writeFile(
      path.join(ws, 'refs', 'stray.jpg'),
      Buffer.concat([jpg.subarray(0, sosAt), Buffer.from([0x00, 0x17]), jpg.subarray(sosAt)]),
    );
  });

  test('is an error that says the image is truncated and cannot be decoded', async () => {
    for (const [name, , what] of cases) {
      const file = `./refs/${name}`;
      const found = await check(i2v(file));
      assert.deepEqual(
        found.map(d => [d.code, d.severity, (d.data as { what?: string }).what]),
        [['kling.image-format', 'error', what]],
        file,
      );
      assert.equal(found[0]!.message, `${file} is ${what}; this field takes a JPEG, PNG or WebP image.`);
    }
  });

  test('whole images pass, with bytes after their end or not', async () => {
    for (const name of ['ok.webp', 'trailer.png', 'motion.jpg', 'padded.webp', 'stray.jpg'])
      assert.deepEqual(await check(i2v(`./refs/${name}`)), [], name);
  });

  test('every image the examples ship passes', async () => {
    const refs = path.join(__dirname, '..', '..', '..', 'examples', 'refs');
    const images = (await fs.readdir(refs)).filter(n => /\.(png|jpe?g|webp)$/i.test(n));
    assert.ok(images.length >= 5, images.join());
    for (const name of images) {
      const probe = await probeImage(nodeFileAccess, path.join(refs, name), (await fs.stat(path.join(refs, name))).size);
      assert.equal(probe.kind, 'image', `${name}: ${JSON.stringify(probe)}`);
    }
  });
});
