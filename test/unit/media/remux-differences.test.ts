// What stops a remux, named for the user; and ffmpeg's graph for clips that differ.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reencodeArgs, remuxDifferences, type ClipProbe } from '../../../src/media/assemble';

const aac = { codec: 'aac', key: 'mp4a.40.2|1190|48000|2', sampleRate: 48000, channels: 2 };
function clip(name: string, over: Partial<ClipProbe['video']> = {}, audio: ClipProbe['audio'] | null = aac): ClipProbe {
  return {
    path: `/r/${name}.mp4`,
    video: { codec: 'avc', key: 'avc1.42c01e|aa', width: 320, height: 180, fps: 8, ...over },
    audio: audio ?? undefined,
    start: 0,
    end: 3,
  };
}

test('identical parameters: nothing differs', () => {
  assert.deepEqual(remuxDifferences([clip('a'), clip('b'), clip('c')]), []);
});

test('each difference names the clips and what differs', () => {
  assert.deepEqual(remuxDifferences([clip('a'), clip('b', { codec: 'hevc' })]), ['b.mp4 is hevc video, a.mp4 is avc']);
  assert.deepEqual(remuxDifferences([clip('a'), clip('b', { fps: 24 })]), ['b.mp4 runs at 24 fps, a.mp4 at 8 fps']);
  assert.deepEqual(remuxDifferences([clip('a'), clip('b', { key: 'avc1.64001f|bb' })]), [
    'b.mp4 has other avc encoder settings (codec parameters) than a.mp4',
  ]);
  assert.deepEqual(remuxDifferences([clip('a'), clip('b', {}, null)]), ['b.mp4 has no audio track and a.mp4 has one']);
  assert.deepEqual(remuxDifferences([clip('a'), clip('b', {}, { ...aac, key: 'mp4a.40.2|1210|44100|2', sampleRate: 44100 })]), [
    'b.mp4 has aac audio at 44100 Hz, 2 ch; a.mp4 has aac at 48000 Hz, 2 ch',
  ]);
});

test("ffmpeg's graph: every clip scaled and padded to the first's size; silence only where sound is missing", () => {
  const args = reencodeArgs([clip('a'), clip('b', { width: 180, height: 320 }, null)], '/r/out.mp4');
  const graph = args[args.indexOf('-filter_complex') + 1]!;
  assert.equal((graph.match(/scale=320:180:force_original_aspect_ratio=decrease,pad=320:180/g) ?? []).length, 2);
  assert.match(graph, /\[2:a:0\]aformat/);
  assert.ok(args.includes('anullsrc=r=48000:cl=stereo'));
  assert.match(graph, /concat=n=2:v=1:a=1\[v\]\[a\]$/);
  const mute = reencodeArgs([clip('a', {}, null), clip('b', { width: 180 }, null)], '/r/out.mp4');
  assert.ok(!mute.includes('[a]') && !mute.some(a => a.startsWith('anullsrc')));
  assert.equal(mute.at(-1), '/r/out.mp4');
});
