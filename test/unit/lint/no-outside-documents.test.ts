// The repo explains itself: no tracked file points at documents that live outside it (the design
// notes, the API notes, or a `shared` folder beside the checkout). A `../shared` that resolves,
// from the file it is in, to our own src/shared is an import or a tsconfig include, not a citation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, posix, relative } from 'node:path';

const root = join(__dirname, '../../..');
const self = relative(root, __filename).split('\\').join('/');

function outsideCitations(file: string, text: string): string[] {
  const hits: string[] = [];
  text.split('\n').forEach((line, i) => {
    const at = `${file}:${i + 1}`;
    for (const name of ['DESIGN.md', 'kling-fal-api']) {
      if (line.includes(name)) hits.push(`${at}: ${name}`);
    }
    for (const [up] of line.matchAll(/(?:\.\.\/)+shared\b/g)) {
      const target = posix.join(posix.dirname(file), up);
      if (target !== 'src/shared') hits.push(`${at}: ${up} (resolves to ${target})`);
    }
  });
  return hits;
}

test('no tracked file cites a document outside the repo', () => {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
  assert.ok(files.length > 100, `git ls-files listed only ${files.length} files`);
  const hits = files
    .filter(f => f !== self)
    .flatMap(f => {
      let text: string;
      try {
        text = readFileSync(join(root, f), 'utf8');
      } catch {
        return []; // listed but deleted in the work tree
      }
      return text.includes('\0') ? [] : outsideCitations(f, text);
    });
  assert.deepEqual(hits, []);
});
