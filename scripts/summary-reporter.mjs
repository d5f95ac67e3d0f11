// A node:test reporter that prints only the closing line CI reads: "N passed, N failed".
export default async function* summary(source) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') {
      continue;
    }
    // count leaf tests only: suites report their own pass/fail too
    if (event.data.details?.type === 'suite') {
      continue;
    }
    if (event.type === 'test:fail') {
      failed++;
    } else if (event.data.skip || event.data.todo) {
      skipped++;
    } else {
      passed++;
    }
  }
  yield `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`;
}
