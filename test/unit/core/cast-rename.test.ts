// Renaming a cast member: the key in the cast file, the shots' "cast" entries and every whole
// @Name in their prompts, as the smallest edits (comments and layout around them untouched).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits } from 'jsonc-parser';
import { addMemberEdits, addToShotCastEdits, analyzeCast, removeMemberEdits, renameMember, type TextEdit } from '../../../src/core';

const CAST = `{
  // the crew
  "members": {
    "Mara": { "description": "a sailor called @Mara", "video_url": "mara.mp4" }, // lead
    "Mara2": { "video_url": "m2.mp4" }
  }
}`;

const SHOT = `{
  "prompt": "@Mara waves at @Mara2; @Mara_x stays, email a@Mara.", // keep me
  "cast": ["Mara", "Mara2"],
  "multi_prompt": [
    { "prompt": "@Mara\\n@Mara runs", "duration": "5" },
    { "prompt": "nobody", "duration": "5" }
  ]
}`;

const apply = (text: string, edits: TextEdit[]) => applyEdits(text, edits);

test('a rename edits the key, the cast entries and each whole @Name, and nothing else', () => {
  const r = renameMember(CAST, 'Mara', 'Skipper', [
    { file: '/p/a.kling.json', text: SHOT },
    { file: '/p/b.kling.json', text: '{ "prompt": "a lamp" }' },
  ]);
  const cast = apply(CAST, r.cast);
  assert.equal(cast, CAST.replace('"Mara":', '"Skipper":'), 'only the key: the description keeps its @Mara');
  assert.deepEqual(
    analyzeCast('/p/c.kling-cast.json', cast).members.map(m => m.name),
    ['Skipper', 'Mara2'],
  );
  assert.deepEqual(
    r.shots.map(s => s.file),
    ['/p/a.kling.json'],
    'a shot that does not use the member is not touched',
  );
  const shot = apply(SHOT, r.shots[0]!.edits);
  assert.equal(
    shot,
    `{
  "prompt": "@Skipper waves at @Mara2; @Mara_x stays, email a@Skipper.", // keep me
  "cast": ["Skipper", "Mara2"],
  "multi_prompt": [
    { "prompt": "@Skipper\\n@Skipper runs", "duration": "5" },
    { "prompt": "nobody", "duration": "5" }
  ]
}`,
  );
  for (const e of r.shots[0]!.edits) assert.ok(e.content === 'Skipper' || e.content === '"Skipper"', 'each edit is the name alone');
});

test('a new name that breaks the name rule, is fal’s own or is taken is refused, naming it', () => {
  assert.throws(() => renameMember(CAST, 'Mara', '2Mara', []), /2Mara/);
  assert.throws(() => renameMember(CAST, 'Mara', 'Element3', []), /Element3/);
  assert.throws(() => renameMember(CAST, 'Mara', 'Mara2', []), /Mara2 already exists/);
  assert.throws(() => renameMember(CAST, 'Mara', 'Lamp', [], ['Lamp']), /Lamp already exists/);
  assert.throws(() => renameMember(CAST, 'Nobody', 'Lamp', []), /no member named Nobody/);
  assert.deepEqual(renameMember(CAST, 'Mara', 'Mara', [{ file: '/p/a.kling.json', text: SHOT }]), { cast: [], shots: [] });
});

test('adding a member from picked images writes frontal + references; removing takes its lines; both keep the rest', () => {
  const added = apply(CAST, addMemberEdits(CAST, 'Lamp', ['./l-front.png', './l-side.png', './l-back.png']));
  const lamp = analyzeCast('/p/c.kling-cast.json', added).members.find(m => m.name === 'Lamp');
  assert.deepEqual([lamp?.frontal_image_url, lamp?.reference_image_urls], ['./l-front.png', ['./l-side.png', './l-back.png']]);
  assert.ok(added.includes('// the crew') && added.includes('// lead'), 'comments stay');
  assert.throws(() => addMemberEdits(CAST, 'Mara', ['a.png', 'b.png']), /Mara already exists/);
  assert.throws(() => addMemberEdits(CAST, 'Solo', ['a.png']), /2–4 images for Solo/);
  const fresh = apply('', addMemberEdits('', 'Lamp', ['a.png', 'b.png']));
  assert.deepEqual(
    analyzeCast('/p/c.kling-cast.json', fresh).members.map(m => m.name),
    ['Lamp'],
  );
  const removed = apply(CAST, removeMemberEdits(CAST, 'Mara2'));
  assert.equal(removed, CAST.replace('\n    "Mara2": { "video_url": "m2.mp4" }', '').replace(', // lead', ' // lead'));
  assert.throws(() => removeMemberEdits(CAST, 'Nobody'), /Nobody/);
});

test('adding members to a shot appends to its "cast", or makes one, skipping names it lists', () => {
  const shot = '{\n  "prompt": "@Mara", // p\n  "cast": ["Mara"]\n}';
  assert.equal(apply(shot, addToShotCastEdits(shot, ['Mara', 'Lamp'])), '{\n  "prompt": "@Mara", // p\n  "cast": ["Mara", "Lamp"]\n}');
  const bare = '{\n  "prompt": "hi"\n}';
  assert.deepEqual(JSON.parse(apply(bare, addToShotCastEdits(bare, ['Lamp']))), { prompt: 'hi', cast: ['Lamp'] });
  assert.deepEqual(addToShotCastEdits(shot, ['Mara']), []);
});
