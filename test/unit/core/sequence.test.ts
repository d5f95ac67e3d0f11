// The sequence format's pure half: shape problems at exact ranges, entries with their spans, the
// take resolution rule and the disk-fact diagnostics, all from plain values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  analyzeSequence,
  moveSequenceEntry,
  resolveEntryTake,
  sequenceFactDiagnostics,
  severityOf,
  type EntryFacts,
} from '../../../src/core';

const TEXT = `// cut
{
  "shots": [
    "a.kling.json",
    { "shot": "b.kling.json", "take": "renders/b.1.take.json" },
  ]
}
`;

test('entries carry the exact spans of their shot and take strings', () => {
  const a = analyzeSequence(TEXT);
  assert.deepEqual(a.diagnostics, []);
  assert.equal(a.entries.length, 2);
  const [first, second] = a.entries;
  assert.equal(TEXT.slice(first!.shotSpan.offset, first!.shotSpan.offset + first!.shotSpan.length), '"a.kling.json"');
  assert.equal(second!.take, 'renders/b.1.take.json');
  assert.equal(TEXT.slice(second!.takeSpan!.offset, second!.takeSpan!.offset + second!.takeSpan!.length), '"renders/b.1.take.json"');
});

test('shape problems name the field and sit on it; good entries are still listed', () => {
  const text = '{ "shots": [ "a.kling.json", 42, { "shot": "c.kling.json", "tkae": "x" } ] }';
  const a = analyzeSequence(text);
  const codes = a.diagnostics.map(d => d.code);
  assert.ok(
    codes.every(c => c === 'kling.sequence-shape'),
    codes.join(),
  );
  const at42 = a.diagnostics.find(d => text.slice(d.offset, d.offset + d.length) === '42');
  assert.ok(at42, JSON.stringify(a.diagnostics));
  assert.match(at42.message, /^shots\.1: /);
  assert.deepEqual(
    a.entries.map(e => e.shot),
    ['a.kling.json', 'c.kling.json'],
  );
});

test('an empty file, a parse error and a missing shots list are errors, not crashes', () => {
  assert.equal(analyzeSequence('').diagnostics[0]?.code, 'kling.parse');
  assert.equal(analyzeSequence('{ "shots": [ ').diagnostics[0]?.code, 'kling.parse');
  const none = analyzeSequence('{}');
  assert.equal(none.diagnostics[0]?.code, 'kling.sequence-shape');
  assert.match(none.diagnostics[0]!.message, /shots/);
  assert.equal(analyzeSequence('{ "shots": [] }').diagnostics[0]?.message, 'shots: must list at least one shot');
});

const done = (path: string, createdAt: string) => ({ path, status: 'done', createdAt });

test('resolution: pinned wins, then selected, then newest done', () => {
  const takes = [done('old', '2026-01-01'), done('new', '2026-02-01'), { path: 'newer-failed', status: 'failed', createdAt: '2026-03-01' }];
  assert.equal(resolveEntryTake({ shotExists: true, takes })?.take.path, 'new');
  assert.equal(resolveEntryTake({ shotExists: true, takes })?.source, 'newest');
  assert.equal(resolveEntryTake({ shotExists: true, takes, selected: takes[0] })?.take.path, 'old');
  const pinned = { ...done('pin', '2025-01-01'), exists: true };
  assert.deepEqual(resolveEntryTake({ shotExists: true, takes, selected: takes[0], pinned }), { take: pinned, source: 'pinned' });
  // A selected take that is not done falls through to the newest done one.
  assert.equal(resolveEntryTake({ shotExists: true, takes, selected: takes[2] })?.take.path, 'new');
  // A pinned take that is unusable is never silently replaced.
  assert.equal(resolveEntryTake({ shotExists: true, takes, pinned: { path: 'p', status: 'running', exists: true } }), undefined);
  assert.equal(resolveEntryTake({ shotExists: true, takes: [] }), undefined);
});

test('fact diagnostics: missing shot and pinned take are errors, not generated is a hint', () => {
  const text =
    '{ "shots": [ "gone.kling.json", "fresh.kling.json", { "shot": "b.kling.json", "take": "t1" }, { "shot": "b.kling.json", "take": "t2" }, "ok.kling.json" ] }';
  const a = analyzeSequence(text);
  const facts: EntryFacts[] = [
    { shotExists: false, takes: [] },
    { shotExists: true, takes: [{ path: 'f', status: 'failed' }] },
    { shotExists: true, takes: [], pinned: { path: 't1', status: undefined, exists: false } },
    { shotExists: true, takes: [], pinned: { path: 't2', status: 'running', exists: true } },
    { shotExists: true, takes: [done('x', '2026')] },
  ];
  const ds = sequenceFactDiagnostics(a, facts);
  const seen = ds.map(d => [d.code, text.slice(d.offset, d.offset + d.length), d.severity]);
  assert.deepEqual(seen, [
    ['kling.sequence-shot-missing', '"gone.kling.json"', 'error'],
    ['kling.sequence-not-generated', '"fresh.kling.json"', 'info'],
    ['kling.sequence-take-missing', '"t1"', 'error'],
    ['kling.sequence-take-not-done', '"t2"', 'error'],
  ]);
  assert.match(ds[3]!.message, /running, not done/);
  assert.equal(severityOf('kling.sequence-not-generated'), 'info');
});

/** Applies non-overlapping edits back to front. */
function apply(text: string, edits: { offset: number; length: number; content: string }[]): string {
  return [...edits]
    .sort((a, b) => b.offset - a.offset)
    .reduce((t, e) => t.slice(0, e.offset) + e.content + t.slice(e.offset + e.length), text);
}

test('moving an entry is a minimal text edit: order changes, comments and layout stay', () => {
  const text = `{
  // the cut
  "shots": [
    "a.kling.json", // opening
    { "shot": "b.kling.json", "take": "renders/b.1.take.json" },
    "c.kling.json",
    "d.kling.json"
  ]
}
`;
  const edits = moveSequenceEntry(text, 0, 2);
  // Only the three slots between the positions change; d stays untouched.
  assert.equal(edits.length, 3);
  const moved = apply(text, edits);
  assert.deepEqual(
    analyzeSequence(moved).entries.map(e => e.shot),
    ['b.kling.json', 'c.kling.json', 'a.kling.json', 'd.kling.json'],
  );
  assert.equal(analyzeSequence(moved).entries[0]!.take, 'renders/b.1.take.json');
  assert.match(moved, /\/\/ the cut\n/);
  assert.match(moved, /, \/\/ opening\n/);
  assert.equal(moved.length, text.length);
  // And back again restores the file byte for byte.
  assert.equal(apply(moved, moveSequenceEntry(moved, 2, 0)), text);
});

test('moves that are no moves, or out of range, or in a broken file, edit nothing', () => {
  const text = '{ "shots": [ "a.kling.json", "b.kling.json" ] }';
  assert.deepEqual(moveSequenceEntry(text, 1, 1), []);
  assert.deepEqual(moveSequenceEntry(text, 0, 2), []);
  assert.deepEqual(moveSequenceEntry(text, -1, 0), []);
  assert.deepEqual(moveSequenceEntry('{ "shots": 3 }', 0, 1), []);
  assert.deepEqual(moveSequenceEntry('', 0, 1), []);
  assert.equal(apply(text, moveSequenceEntry(text, 1, 0)), '{ "shots": [ "b.kling.json", "a.kling.json" ] }');
});
