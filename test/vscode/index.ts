// Loaded by the extension host through extensionTestsPath (the @vscode/test-electron contract).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { EXTENSION_ID } from './helpers';

export function run(): Promise<void> {
  // KLING_TEST_GREP runs only the tests whose full title matches (e.g. one suite while working).
  const grep = process.env.KLING_TEST_GREP;
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60000, reporter: 'spec', ...(grep && { grep }) });
  for (const f of fs.readdirSync(__dirname).sort()) {
    if (f.endsWith('.test.js')) {
      mocha.addFile(path.join(__dirname, f));
    }
  }
  return new Promise((resolve, reject) => {
    const failed: string[] = [];
    const runner = mocha.run(failures => {
      const st = runner.stats!;
      // One line per failed test, which `npm test` repeats under its summary (see summary-reporter.mjs).
      for (const line of failed) {
        console.log(line);
      }
      console.log(`${st.passes} passed, ${st.failures} failed${st.pending ? `, ${st.pending} skipped` : ''}`);
      reportActivationTime();
      if (failures > 0) {
        reject(new Error(`${failures} tests failed`));
      } else {
        resolve();
      }
    });
    runner.on('fail', (test, err: unknown) => {
      const message = String((err as { message?: unknown } | undefined)?.message ?? err).split('\n')[0] ?? '';
      failed.push(`FAILED TEST: ${test.fullTitle()}: ${message.length > 160 ? `${message.slice(0, 157)}...` : message}`);
    });
  });
}

/**
 * Prints how long the host took to load our bundle and to run activate(), from the performance
 * marks the extension host sets around every activation (a figure to read, not a test).
 */
function reportActivationTime(): void {
  const perf = (globalThis as { MonacoPerformanceMarks?: { getMarks(): { name: string; startTime: number }[] } }).MonacoPerformanceMarks;
  const marks = new Map(perf?.getMarks().map(m => [m.name, m.startTime]));
  const at = (what: string) => marks.get(`code/extHost/${what}/${EXTENSION_ID}`);
  const [willLoad, didLoad, willActivate, didActivate] = [
    'willLoadExtensionCode',
    'didLoadExtensionCode',
    'willActivateExtension',
    'didActivateExtension',
  ].map(at);
  if (willLoad === undefined || didLoad === undefined || willActivate === undefined || didActivate === undefined) {
    console.log('activation time: the host set no performance marks for this extension');
    return;
  }
  console.log(
    `activation time: loading the bundle ${(didLoad - willLoad).toFixed(1)} ms, activate() ${(didActivate - willActivate).toFixed(1)} ms`,
  );
}
