// The repo explains itself (docs/ARCHITECTURE.md, "Documents"): every Markdown document a tracked
// file names is one of ours, and a `../` path that climbs out of the checkout from the file it is
// written in must name something the checkout has (build scripts and tests write paths relative to
// dist/ or out/, which sit deeper than the source).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';

const root = join(__dirname, '../../..');

interface Ours {
  docs: ReadonlySet<string>;
  /** Whether a repo-relative path names a tracked file or folder (anywhere below the root), or a build folder. */
  has(rest: string): boolean;
}

function outsideCitations(file: string, text: string, ours: Ours): string[] {
  const hits: string[] = [];
  text.split('\n').forEach((line, i) => {
    const at = `${file}:${i + 1}`;
    for (const [up] of line.matchAll(/(?:\.\.\/)+[\w.-]+(?:\/[\w.-]+)*/g)) {
      const target = posix.join(posix.dirname(file), up);
      if (target.startsWith('../') && !ours.has(up.replace(/^(\.\.\/)+/, ''))) {
        hits.push(`${at}: ${up} climbs out of the repo to something it does not have`);
      }
    }
    for (const [doc] of line.matchAll(/[\w-]+\.md\b/g)) {
      if (!ours.docs.has(doc)) hits.push(`${at}: ${doc} is not a document of the repo`);
    }
  });
  return hits;
}

test('no tracked file cites a document outside the repo', () => {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
  assert.ok(files.length > 100, `git ls-files listed only ${files.length} files`);
  const ignored = readFileSync(join(root, '.gitignore'), 'utf8')
    .split('\n')
    .map(l => l.trim().replace(/^\/|\/$/g, ''))
    .filter(Boolean);
  const ours: Ours = {
    docs: new Set(files.filter(f => f.endsWith('.md')).map(f => posix.basename(f))),
    has: p => ignored.includes(p.split('/')[0]!) || files.some(f => `/${f}`.includes(`/${p}`)),
  };
  const hits = files.flatMap(f => {
    let text: string;
    try {
      text = readFileSync(join(root, f), 'utf8');
    } catch {
      return []; // listed but deleted in the work tree
    }
    return text.includes('\0') ? [] : outsideCitations(f, text, ours);
  });
  assert.deepEqual(hits, []);
});
