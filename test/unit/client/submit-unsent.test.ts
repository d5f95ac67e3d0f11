// A submit that surely never reached fal (connection refused, unknown host, a URL that is not
// http(s)) is a failed take that cost nothing, not an unknown one that may have been paid.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFalClient } from '../../../src/client';
import { readTakeRecord } from '../../../src/takes';
import { FAST_RETRY, journalledJob, tempDir } from './helpers';

let tmp: Awaited<ReturnType<typeof tempDir>>;
before(async () => {
  tmp = await tempDir();
});
after(async () => {
  await tmp.cleanup();
});
const job = (name: string) => journalledJob(tmp.dir, name);

describe('a submit that never reached fal is failed, not unknown', () => {
  async function closedPort(): Promise<string> {
    const s = createServer();
    await new Promise<void>(r => s.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
    await new Promise(r => s.close(r));
    return url;
  }
  for (const [name, queueUrl] of [
    ['connection refused', closedPort],
    ['an unknown host', async () => 'http://kling-studio-test.invalid'],
    ['a file: URL', async () => 'file:///tmp/queue'],
    ['an ftp: URL', async () => 'ftp://127.0.0.1/queue'],
  ] as const) {
    test(name, async () => {
      const url = await queueUrl();
      const client = createFalClient({
        queueUrl: url,
        storageUrl: url,
        credentials: () => 'fake-key-123456789',
        retry: FAST_RETRY,
        proxyEnv: {},
      });
      const j = job(`unsent-${name.replace(/\W+/g, '-')}`);
      try {
        const rec = await client.generate(j.input, { onRecord: j.onRecord });
        assert.equal(rec.status, 'failed', JSON.stringify(rec.error));
        assert.equal(rec.error?.kind, 'network');
        assert.match(rec.error?.message ?? '', /nothing was sent/);
        assert.equal((await readTakeRecord(j.recordPath)).status, 'failed');
      } finally {
        await client.close();
      }
    });
  }
});
