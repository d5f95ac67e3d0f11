// The shot editor's intent → edit functions on tricky files: the result parses, only the touched
// value changes, and comments, key order, unknown keys, CRLF and tabs survive.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, type ParseError } from 'jsonc-parser';
import { applyEdits } from 'jsonc-parser';
import { applyIntent, type ShotIntent } from '../../../src/core/edit';

function parsed(text: string): unknown {
  const errors: ParseError[] = [];
  const v = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  assert.deepEqual(errors, [], `result must parse:\n${text}`);
  return v;
}

/** Apply and check the edit reproduces the returned text. */
function run(text: string, intent: ShotIntent): string {
  const r = applyIntent(text, intent);
  assert.equal(applyEdits(text, r.edits), r.text, 'the edits realise the new text');
  assert.ok(r.edits.length <= 1, 'one minimal edit');
  parsed(r.text);
  return r.text;
}

const COMMENTED = [
  '{',
  '  // The hero shot. Keep this comment.',
  '  "endpoint": "text-to-video",',
  '  "prompt": "a red fox in snow", // trailing note',
  '  /* block */ "duration": "5",',
  '  "my_note": { "owner": "ana" }, // unknown key, kept',
  '  "aspect_ratio": "16:9",',
  '}',
  '',
].join('\n');

describe('set / remove on a commented file with a trailing comma and unknown keys', () => {
  test('changing a scalar touches only its literal', () => {
    const out = run(COMMENTED, { kind: 'set', path: ['aspect_ratio'], value: '9:16' });
    assert.equal(out, COMMENTED.replace('"16:9"', '"9:16"'));
    const r = applyIntent(COMMENTED, { kind: 'set', path: ['aspect_ratio'], value: '9:16' });
    assert.deepEqual(r.edits, [{ offset: COMMENTED.indexOf('16:9'), length: 4, content: '9:16' }]);
  });

  test('typing in the prompt changes only the prompt string, escapes included', () => {
    const out = run(COMMENTED, { kind: 'set', path: ['prompt'], value: 'a "red" fox\nin snow' });
    assert.equal(out, COMMENTED.replace('"a red fox in snow"', '"a \\"red\\" fox\\nin snow"'));
  });

  test('setting the same value is no edit at all', () => {
    assert.deepEqual(applyIntent(COMMENTED, { kind: 'set', path: ['duration'], value: '5' }).edits, []);
  });

  test("a new key is appended on its own line in the file's style, keeping the trailing comma style", () => {
    const out = run(COMMENTED, { kind: 'set', path: ['cfg_scale'], value: 0.7 });
    assert.equal(out, COMMENTED.replace('"aspect_ratio": "16:9",\n', '"aspect_ratio": "16:9",\n  "cfg_scale": 0.7,\n'));
  });

  test('reset to default removes the whole line and keeps the comment trailing the previous key', () => {
    const out = run(COMMENTED, { kind: 'remove', path: ['aspect_ratio'] });
    assert.equal(out, COMMENTED.replace('  "aspect_ratio": "16:9",\n', ''));
    const out2 = run(COMMENTED, { kind: 'remove', path: ['my_note'] });
    assert.equal(out2, COMMENTED.replace('  "my_note": { "owner": "ana" }, // unknown key, kept\n', ''));
    assert.match(out2, /trailing note/);
  });

  test('removing a key that shares its line with a block comment keeps the comment', () => {
    const out = run(COMMENTED, { kind: 'remove', path: ['duration'] });
    assert.match(out, /\/\* block \*\//);
    assert.equal((parsed(out) as Record<string, unknown>).duration, undefined);
  });

  test('removing the last key of a strict-JSON object removes the comma before it', () => {
    const strict = '{\n  "prompt": "x",\n  "duration": "5"\n}\n';
    assert.equal(run(strict, { kind: 'remove', path: ['duration'] }), '{\n  "prompt": "x"\n}\n');
    const inline = '{"prompt": "x", "duration": "5"}';
    assert.equal(run(inline, { kind: 'remove', path: ['duration'] }), '{"prompt": "x"}');
    assert.equal(run(inline, { kind: 'remove', path: ['prompt'] }), '{"duration": "5"}');
  });

  test('the endpoint picker rewrites only the endpoint value', () => {
    const out = run(COMMENTED, { kind: 'set', path: ['endpoint'], value: 'fal-ai/kling-video/v3/standard/text-to-video' });
    assert.equal(out, COMMENTED.replace('"text-to-video"', '"fal-ai/kling-video/v3/standard/text-to-video"'));
  });

  test('an inline object gets an inline member', () => {
    const out = run('{"prompt":"x"}', { kind: 'set', path: ['duration'], value: '7' });
    assert.equal(out, '{"prompt":"x", "duration": "7"}');
  });

  test('duplicate keys: the last one (the one in effect) is edited', () => {
    const dup = '{\n  "duration": "3",\n  "duration": "5"\n}';
    assert.equal(run(dup, { kind: 'set', path: ['duration'], value: '8' }), '{\n  "duration": "3",\n  "duration": "8"\n}');
  });
});

describe('CRLF and tabs', () => {
  const CRLF_TABS = '{\r\n\t"prompt": "x",\r\n\t"elements": [\r\n\t\t{ "frontal_image_url": "a.png" }\r\n\t]\r\n}\r\n';

  test('a new key uses CRLF and a tab', () => {
    const out = run(CRLF_TABS, { kind: 'set', path: ['cfg_scale'], value: 0.2 });
    assert.equal(out, CRLF_TABS.replace('\t]\r\n}', '\t],\r\n\t"cfg_scale": 0.2\r\n}'));
    assert.ok(!/[^\r]\n/.test(out), 'no bare LF');
  });

  test('a new element is laid out with tabs and CRLF; the inline neighbour is untouched', () => {
    const out = run(CRLF_TABS, {
      kind: 'insert',
      path: ['elements'],
      index: 99,
      value: { frontal_image_url: './b.png', reference_image_urls: ['./c.png'] },
    });
    assert.equal(
      out,
      CRLF_TABS.replace(
        '{ "frontal_image_url": "a.png" }\r\n',
        '{ "frontal_image_url": "a.png" },\r\n\t\t{\r\n\t\t\t"frontal_image_url": "./b.png",\r\n\t\t\t"reference_image_urls": [\r\n\t\t\t\t"./c.png"\r\n\t\t\t]\r\n\t\t}\r\n',
      ),
    );
    assert.ok(!/[^\r]\n/.test(out), 'no bare LF');
  });

  test('switching to a storyboard keeps CRLF and tabs', () => {
    const out = run(CRLF_TABS, { kind: 'setMode', mode: 'storyboard' });
    assert.ok(!/[^\r]\n/.test(out), 'no bare LF');
    assert.match(out, /\t"multi_prompt": \[\r\n\t\t\{\r\n\t\t\t"prompt": "x",/);
  });
});

describe('deeply nested elements', () => {
  const NESTED = [
    '{',
    '  "start_image_url": "./start.png",',
    '  "prompt": "@Element1 waves",',
    '  "elements": [',
    '    {',
    '      // the hero',
    '      "frontal_image_url": "./hero.png",',
    '      "reference_image_urls": [',
    '        "./hero-side.png", // side view',
    '        "./hero-back.png"',
    '      ]',
    '    }',
    '  ]',
    '}',
  ].join('\n');

  test('replacing one reference image touches only that string', () => {
    const out = run(NESTED, { kind: 'set', path: ['elements', 0, 'reference_image_urls', 1], value: './hero-top.png' });
    assert.equal(out, NESTED.replace('./hero-back.png', './hero-top.png'));
  });

  test('adding a reference image appends a line at the right depth', () => {
    const out = run(NESTED, { kind: 'insert', path: ['elements', 0, 'reference_image_urls'], index: 9, value: './hero-top.png' });
    assert.equal(out, NESTED.replace('"./hero-back.png"\n', '"./hero-back.png",\n        "./hero-top.png"\n'));
  });

  test('removing the first reference removes its line, with the comment trailing it', () => {
    const out = run(NESTED, { kind: 'remove', path: ['elements', 0, 'reference_image_urls', 0] });
    assert.equal(out, NESTED.replace('        "./hero-side.png", // side view\n', ''));
  });

  test('removing the last reference drops the comma of the previous line but not its comment', () => {
    const out = run(NESTED, { kind: 'remove', path: ['elements', 0, 'reference_image_urls', 1] });
    assert.equal(out, NESTED.replace('"./hero-side.png", // side view\n        "./hero-back.png"\n', '"./hero-side.png" // side view\n'));
  });

  test('a missing nested key is created under its parent', () => {
    const out = run(NESTED, { kind: 'set', path: ['elements', 0, 'video_url'], value: './v.mp4' });
    assert.deepEqual((parsed(out) as { elements: Record<string, unknown>[] }).elements[0]!.video_url, './v.mp4');
    assert.match(out, /\/\/ the hero/);
  });
});

describe('storyboard intents', () => {
  const BOARD = [
    '{',
    '  "multi_prompt": [',
    '    { "prompt": "wide shot", "duration": "4" }, // opener',
    '    { "prompt": "close up", "duration": "6" }',
    '  ],',
    '  "duration": "10"',
    '}',
  ].join('\n');
  const shots = (t: string) => (parsed(t) as { multi_prompt: { prompt: string; duration?: string }[] }).multi_prompt;
  const total = (t: string) => (parsed(t) as { duration?: string }).duration;

  test('resizing the boundary moves seconds between neighbours, total unchanged', () => {
    const out = run(BOARD, { kind: 'resizeShots', index: 0, delta: 2 });
    assert.deepEqual(
      shots(out).map(s => s.duration),
      ['6', '4'],
    );
    assert.equal(total(out), '10');
    assert.equal(out, BOARD.replace('"duration": "4"', '"duration": "6"').replace('"duration": "6" }\n  ]', '"duration": "4" }\n  ]'));
  });

  test('resizing is clamped so every shot keeps at least 1 s', () => {
    const out = run(BOARD, { kind: 'resizeShots', index: 0, delta: 50 });
    assert.deepEqual(
      shots(out).map(s => s.duration),
      ['9', '1'],
    );
  });

  test('adding a shot to a board that sums keeps the total in sync', () => {
    const out = run(BOARD, { kind: 'addShot' });
    assert.deepEqual(
      shots(out).map(s => s.duration),
      ['4', '6', '3'],
    );
    assert.equal(total(out), '13');
    assert.match(out, /\/\/ opener/);
  });

  test('adding a shot when the board is short fills the remaining time', () => {
    const short = BOARD.replace('"duration": "10"', '"duration": "12"');
    const out = run(short, { kind: 'addShot' });
    assert.deepEqual(
      shots(out).map(s => s.duration),
      ['4', '6', '2'],
    );
    assert.equal(total(out), '12');
  });

  test('duplicate, move and remove', () => {
    const dup = run(BOARD, { kind: 'duplicateShot', index: 0 });
    assert.deepEqual(
      shots(dup).map(s => s.prompt),
      ['wide shot', 'wide shot', 'close up'],
    );
    assert.equal(total(dup), '14');
    const moved = run(BOARD, { kind: 'moveShot', from: 1, to: 0 });
    assert.deepEqual(
      shots(moved).map(s => s.prompt),
      ['close up', 'wide shot'],
    );
    assert.match(moved, /\/\/ opener/, 'separators and comments stay in their slots');
    const removed = run(BOARD, { kind: 'removeShot', index: 0 });
    assert.deepEqual(
      shots(removed).map(s => s.prompt),
      ['close up'],
    );
    assert.equal(total(removed), '6');
  });

  test('at most 6 shots; at least one', () => {
    let t = BOARD;
    for (let i = 0; i < 4; i++) t = run(t, { kind: 'addShot' });
    assert.equal(shots(t).length, 6);
    assert.throws(() => applyIntent(t, { kind: 'addShot' }), /at most 6/);
    const one = run(BOARD, { kind: 'removeShot', index: 1 });
    assert.throws(() => applyIntent(one, { kind: 'removeShot', index: 0 }), /at least one/);
  });

  test("a quick fix is the text editor's own: found again by code, path and title, the sum of the shots as the total", () => {
    const off = BOARD.replace('"duration": "10"', '"duration": "15"');
    const fix: ShotIntent = {
      kind: 'quickFix',
      code: 'kling.shot-duration-sum',
      path: ['duration'],
      title: 'Set duration to "10" (the sum of the shots)',
    };
    const fixed = run(off, fix);
    assert.equal(total(fixed), '10');
    assert.equal(applyIntent(off, fix).edits.length, 1, 'one edit: one undo step');
    assert.throws(() => applyIntent(fixed, fix), /no longer applies/, 'the problem is gone: nothing to fix');
    assert.throws(() => applyIntent(off, { ...fix, title: 'Set duration to "9" (the sum of the shots)' }), /no longer applies/);
    const numeric = '{ "prompt": "a", "duration": 5 }';
    assert.equal(
      run(numeric, { kind: 'quickFix', code: 'kling.duration-type', path: ['duration'], title: 'Write the duration as a string: "5"' }),
      '{ "prompt": "a", "duration": "5" }',
    );
  });

  test('single ↔ storyboard carries the text across in the same key position', () => {
    const single = '{\n  "prompt": "a fox", // note\n  "duration": "8"\n}';
    const board = run(single, { kind: 'setMode', mode: 'storyboard' });
    assert.deepEqual(shots(board), [{ prompt: 'a fox', duration: '8' }]);
    assert.match(board, /\], \/\/ note\n {2}"duration": "8"/);
    const back = run(board, { kind: 'setMode', mode: 'single' });
    assert.equal(back, single);
    const two = run(BOARD, { kind: 'setMode', mode: 'single' });
    assert.equal((parsed(two) as { prompt: string }).prompt, 'wide shot close up');
  });
});

describe('errors instead of damage', () => {
  test('an unparseable root is refused', () => {
    assert.throws(() => applyIntent('[1, 2]', { kind: 'set', path: ['prompt'], value: 'x' }), /not a JSON object/);
  });
  test('an out-of-range shot is refused', () => {
    assert.throws(() => applyIntent('{"multi_prompt": []}', { kind: 'removeShot', index: 3 }), /no shot 4/);
  });
});

describe('storyboard timing stays within 3–15 s', () => {
  const board = (durations: string[], total: string) =>
    JSON.stringify({ multi_prompt: durations.map((d, i) => ({ prompt: `shot ${i + 1}`, duration: d })), duration: total }, null, 2);
  const shots = (t: string) => (parsed(t) as { multi_prompt: { prompt: string; duration: string }[] }).multi_prompt;
  const total = (t: string) => (parsed(t) as { duration?: string }).duration;
  const sum = (t: string) => shots(t).reduce((a, s) => a + Number(s.duration), 0);

  test('Add shot at 15 s splits the longest shot: still 15 s, one more shot', () => {
    const out = run(board(['5', '7', '3'], '15'), { kind: 'addShot' });
    assert.deepEqual(
      shots(out).map(s => s.duration),
      ['5', '4', '3', '3'],
    );
    assert.equal(shots(out)[3]!.prompt, '');
    assert.equal(total(out), '15');
  });

  test('Add shot at 14 s adds only the second that is left', () => {
    const out = run(board(['7', '7'], '14'), { kind: 'addShot' });
    assert.deepEqual(
      shots(out).map(s => s.duration),
      ['7', '7', '1'],
    );
    assert.equal(total(out), '15');
  });

  test('Add shot at an index splits the longest and puts the new shot there', () => {
    const out = run(board(['3', '12'], '15'), { kind: 'addShot', index: 1 });
    assert.deepEqual(
      shots(out).map(s => [s.prompt, s.duration]),
      [
        ['shot 1', '3'],
        ['', '6'],
        ['shot 2', '6'],
      ],
    );
  });

  test('repeated Add shot never passes 15 s', () => {
    let t = board(['10'], '10');
    while (shots(t).length < 6) {
      t = run(t, { kind: 'addShot' });
      assert.ok(sum(t) <= 15, `sum ${sum(t)} after ${shots(t).length} shots`);
      assert.equal(total(t), String(sum(t)), 'the total follows the shots');
    }
    assert.equal(sum(t), 15);
  });

  test('Add shot on a board already over 15 s does not make it longer', () => {
    const out = run(board(['10', '8'], '15'), { kind: 'addShot' });
    assert.deepEqual(
      shots(out).map(s => s.duration),
      ['5', '8', '5'],
    );
    assert.equal(sum(out), 18);
  });

  test('Duplicate at 15 s shares the seconds of the duplicated shot', () => {
    const out = run(board(['5', '10'], '15'), { kind: 'duplicateShot', index: 1 });
    assert.deepEqual(
      shots(out).map(s => [s.prompt, s.duration]),
      [
        ['shot 1', '5'],
        ['shot 2', '5'],
        ['shot 2', '5'],
      ],
    );
    assert.equal(total(out), '15');
  });

  test('Remove shot never leaves less than 3 s: the neighbour takes the missing seconds', () => {
    const out = run(board(['2', '1'], '3'), { kind: 'removeShot', index: 0 });
    assert.deepEqual(
      shots(out).map(s => [s.prompt, s.duration]),
      [['shot 2', '3']],
    );
    assert.equal(total(out), '3');
    const last = run(board(['1', '1', '1'], '3'), { kind: 'removeShot', index: 2 });
    assert.deepEqual(
      shots(last).map(s => s.duration),
      ['1', '2'],
    );
    assert.equal(total(last), '3');
  });

  test('Remove shot above 3 s just shortens the clip', () => {
    const out = run(board(['4', '6'], '10'), { kind: 'removeShot', index: 1 });
    assert.deepEqual(
      shots(out).map(s => s.duration),
      ['4'],
    );
    assert.equal(total(out), '4');
  });
});
