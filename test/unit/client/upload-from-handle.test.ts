// An upload sends the file that passed the boundary check, even when its symlink is retargeted
// after the check: the bytes come from the handle that was opened and proved, not from the path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, rename, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createFalClient } from '../../../src/client';
import { tempDir } from './helpers';
import { mediaOpener } from '../../../src/takes';

test('a symlink retargeted between the check and the upload cannot upload its new target', async () => {
  const { dir, cleanup } = await tempDir();
  // A storage origin whose initiate waits for the test: the link is retargeted while it waits.
  let atInitiate!: () => void;
  const initiated = new Promise<void>(r => (atInitiate = r));
  let proceed!: () => void;
  const retargeted = new Promise<void>(r => (proceed = r));
  const received: Buffer[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', c => chunks.push(c as Buffer));
    req.on('end', () => {
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      if (req.url?.startsWith('/storage/upload/initiate')) {
        atInitiate();
        void retargeted.then(() => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ upload_url: `${origin}/put/1`, file_url: `${origin}/files/1` }));
        });
        return;
      }
      received.push(Buffer.concat(chunks));
      res.writeHead(200);
      res.end();
    });
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = createFalClient({ queueUrl: url, storageUrl: url, credentials: () => 'k', proxyEnv: {} });
  try {
    const root = join(dir, 'project');
    await mkdir(root);
    await writeFile(join(root, 'a.png'), 'the checked file');
    await writeFile(join(dir, 'secret'), 'a file outside the project');
    await symlink(join(root, 'a.png'), join(root, 'link.png'));
    const upload = client.upload(join(root, 'link.png'), { open: mediaOpener([root]) });
    await initiated; // opened, proved inside, hashed: now point the link outside
    await rename(join(root, 'link.png'), join(root, 'old-link.png'));
    await symlink(join(dir, 'secret'), join(root, 'link.png'));
    proceed();
    assert.equal(await upload, `${url}/files/1`);
    assert.deepEqual(
      received.map(b => b.toString()),
      ['the checked file'],
    );
    // And once retargeted, the same path is refused before anything is sent.
    await assert.rejects(client.upload(join(root, 'link.png'), { open: mediaOpener([root]) }), /outside the root/);
    assert.equal(received.length, 1);
  } finally {
    await client.close();
    await new Promise(r => server.close(r));
    await cleanup();
  }
});
