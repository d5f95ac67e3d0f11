// A node:test reporter that prints the slowest files, the number of tests and the time they took,
// the failed tests (one "FAILED TEST:" line each, which `npm test` repeats under its summary so the
// end of a long log names them), then the closing line CI reads: "N passed, N failed".
export default async function* summary(source) {
  const t0 = Date.now();
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const failures = [];
  /** The time of each file's top-level tests and suites (the process's start-up is not in it). */
  const perFile = new Map();
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') {
      continue;
    }
    if (event.data.nesting === 0 && event.data.file) {
      perFile.set(event.data.file, (perFile.get(event.data.file) ?? 0) + (event.data.details?.duration_ms ?? 0));
    }
    // count leaf tests only: suites report their own pass/fail too
    if (event.data.details?.type === 'suite') {
      continue;
    }
    if (event.type === 'test:fail') {
      failed++;
      failures.push({ file: event.data.file, name: event.data.name, error: event.data.details?.error });
    } else if (event.data.skip || event.data.todo) {
      skipped++;
    } else {
      passed++;
    }
  }
  const cwd = process.cwd();
  // The unit layer runs bundles (scripts/unit-bundles.mjs): name the TypeScript file each came from.
  const named = file => (file.startsWith(cwd) ? file.slice(cwd.length + 1) : file).replace(/^out\/unit\/(.*)\.js$/, '$1.ts');
  const slowest = [...perFile]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([file, ms]) => `  ${(ms / 1000).toFixed(1).padStart(6)} s  ${named(file)}`);
  if (slowest.length > 1) {
    yield `slowest files:\n${slowest.join('\n')}\n`;
  }
  for (const f of failures) {
    yield `FAILED TEST: ${named(f.file ?? '?')} › ${f.name}: ${firstLine(f.error)}\n`;
  }
  yield `${passed + failed + skipped} tests in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`;
  yield `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`;
}

/** The error's own message, not node:test's wrapper ("test failed") or a stack, cut to one line. */
function firstLine(error) {
  const e = error?.cause ?? error;
  const text =
    String(e?.message ?? e ?? 'failed')
      .split('\n')
      .find(l => l.trim()) ?? 'failed';
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}
