// `kling mcp` driven by the MCP SDK's own client over stdio, the server being the built CLI
// (dist/cli.js) in a child process: the offline simulator (--simulator) for the free path, and a
// simulator addressed as a paid fal queue (--queue-url/--storage-url) for the cap, so every take is
// priced and the reservation is what refuses.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { CLI, REPO } from '../../kit/cli';
import type { Simulator } from '../../kit/simulator';
import { moneyProject, moneySim, rawTakes, TAKE_USD } from './helpers/money';
import { kling } from './helpers/kling-process';
import { waitFor } from '../../kit/wait-for';

type ToolResult = { isError?: boolean; content: { type: string; text?: string }[]; structuredContent?: unknown };

let base: string;
const clients: Client[] = [];
before(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'kling-mcp-')));
});
after(async () => {
  for (const c of clients) await c.close().catch(() => undefined);
  await rm(base, { recursive: true, force: true });
});

async function serve(args: string[], env: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: 'kling-mcp-test', version: '1' });
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, 'mcp', ...args],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', KLING_BUDGET_USD: '', KLING_DAILY_BUDGET_USD: '', ...env },
    stderr: 'pipe',
  });
  await client.connect(transport);
  clients.push(client);
  return client;
}

async function call(
  c: Client,
  name: string,
  args: Record<string, unknown>,
  onprogress?: (p: { message?: string }) => void,
): Promise<ToolResult> {
  return (await c.callTool({ name, arguments: args }, { ...(onprogress && { onprogress }), timeout: 120_000 })) as ToolResult;
}
const text = (r: ToolResult) => r.content.map(c => c.text ?? '').join('\n');
const out = <T>(r: ToolResult): T => {
  assert.ok(!r.isError, `the tool failed: ${text(r)}`);
  return r.structuredContent as T;
};

async function project(name: string): Promise<string> {
  const dir = join(base, name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), '{}');
  await writeFile(join(dir, 'boat.kling.json'), JSON.stringify({ endpoint: 'text-to-video', prompt: 'a paper boat', duration: '3' }));
  await writeFile(join(dir, 'bad.kling.json'), '{\n  "endpoint": "text-to-video",\n  "duration": "99"\n}\n');
  await writeFile(join(dir, 'cut.kling-seq.json'), JSON.stringify({ shots: ['boat.kling.json'] }));
  return dir;
}

describe('kling mcp on the offline simulator', () => {
  let dir: string;
  let c: Client;
  before(async () => {
    dir = await project('sim');
    c = await serve(['--root', dir, '--simulator', '--budget', '1']);
  });

  test('lists the seven tools, each with input and output schemas', async () => {
    const { tools } = await c.listTools();
    assert.deepEqual(tools.map(t => t.name).sort(), [
      'assemble_sequence',
      'estimate_cost',
      'generate_shot',
      'list_takes',
      'new_shot',
      'select_take',
      'validate_shot',
    ]);
    for (const t of tools) assert.ok(t.inputSchema && t.outputSchema, `${t.name} has both schemas`);
  });

  test('validate_shot gives each problem with its line and column; a clean shot has none', async () => {
    const bad = out<{ errors: number; diagnostics: { line: number; column: number; code: string }[] }>(
      await call(c, 'validate_shot', { path: 'bad.kling.json' }),
    );
    assert.ok(bad.errors >= 1);
    const duration = bad.diagnostics.find(d => d.line === 3);
    assert.ok(duration, JSON.stringify(bad.diagnostics));
    assert.equal(duration.column, 15);
    assert.equal(out<{ errors: number }>(await call(c, 'validate_shot', { path: 'boat.kling.json' })).errors, 0);
  });

  test("estimate_cost prices the shot at fal's price and says the simulator is free", async () => {
    const e = out<{ usd: number; seconds: number; simulated: boolean; how: string }>(
      await call(c, 'estimate_cost', { path: 'boat.kling.json' }),
    );
    assert.equal(e.seconds, 3);
    assert.ok(e.usd > 0);
    assert.equal(e.simulated, true);
    assert.match(e.how, /3 s ×/);
  });

  test('generate_shot sends progress notifications and lands a take; list_takes and select_take see it', async () => {
    const progress: string[] = [];
    const g = out<{ takes: { record: string; clip: string | null; status: string }[] }>(
      await call(c, 'generate_shot', { path: 'boat.kling.json' }, p => progress.push(p.message ?? '')),
    );
    assert.equal(g.takes.length, 1);
    const take = g.takes[0]!;
    assert.equal(take.status, 'done');
    assert.ok(take.clip && existsSync(join(dir, take.clip)), 'the clip is on disk');
    assert.equal(JSON.parse(await readFile(join(dir, take.record), 'utf8')).status, 'done');
    assert.ok(progress.length >= 2, `progress notifications: ${JSON.stringify(progress)}`);
    assert.ok(progress.some(m => /running|queued/.test(m)));

    const listed = out<{ takes: { number: number; record: string; status: string; selected: boolean; rating: number | null }[] }>(
      await call(c, 'list_takes', { path: 'boat.kling.json' }),
    );
    assert.deepEqual(
      listed.takes.map(t => [t.number, t.record, t.status, t.rating]),
      [[1, take.record, 'done', null]],
    );
    out(await call(c, 'select_take', { record: take.record }));
    const again = out<{ takes: { selected: boolean }[] }>(await call(c, 'list_takes', { path: 'boat.kling.json' }));
    assert.equal(again.takes[0]!.selected, true);
    const cut = out<{ shots: number; out: string }>(await call(c, 'assemble_sequence', { path: 'cut.kling-seq.json', out: 'cut.mp4' }));
    assert.equal(cut.shots, 1);
    assert.ok(existsSync(join(dir, 'cut.mp4')));
  });

  test('new_shot writes a shot that validates and never overwrites one', async () => {
    const made = out<{ path: string }>(
      await call(c, 'new_shot', { path: 'fresh.kling.json', endpoint: 'text-to-video', prompt: 'a lighthouse at dusk', duration: '5' }),
    );
    assert.equal(made.path, 'fresh.kling.json');
    assert.equal(out<{ errors: number }>(await call(c, 'validate_shot', { path: 'fresh.kling.json' })).errors, 0);
    const before = await readFile(join(dir, 'boat.kling.json'), 'utf8');
    const again = await call(c, 'new_shot', { path: 'boat.kling.json', endpoint: 'text-to-video', prompt: 'x' });
    assert.ok(again.isError);
    assert.match(text(again), /never overwrites/);
    assert.equal(await readFile(join(dir, 'boat.kling.json'), 'utf8'), before);
    const invalid = await call(c, 'new_shot', { path: 'long.kling.json', endpoint: 'text-to-video', prompt: 'x', duration: '99' });
    assert.ok(invalid.isError);
    assert.ok(!existsSync(join(dir, 'long.kling.json')));
  });

  test('a path outside the root is refused, by ../ or by a symlink inside that leads out', async () => {
    const outside = join(base, 'outside.kling.json');
    await writeFile(outside, JSON.stringify({ endpoint: 'text-to-video', prompt: 'outside', duration: '3' }));
    await symlink(outside, join(dir, 'link.kling.json'));
    for (const p of ['../outside.kling.json', outside, 'link.kling.json']) {
      for (const tool of ['validate_shot', 'generate_shot', 'list_takes']) {
        const r = await call(c, tool, { path: p });
        assert.ok(r.isError, `${tool} ${p} is refused`);
        assert.match(text(r), /outside the project root/);
      }
    }
    const w = await call(c, 'new_shot', { path: '../escape.kling.json', endpoint: 'text-to-video', prompt: 'x' });
    assert.ok(w.isError);
    assert.ok(!existsSync(join(base, 'escape.kling.json')));
  });

  test('the shot and sequence files are resources', async () => {
    const { resources } = await c.listResources();
    const names = resources.map(r => r.name).sort();
    for (const n of ['bad.kling.json', 'boat.kling.json', 'cut.kling-seq.json']) assert.ok(names.includes(n), names.join(', '));
    const boat = resources.find(r => r.name === 'boat.kling.json')!;
    const read = await c.readResource({ uri: boat.uri });
    assert.match((read.contents[0] as { text: string }).text, /a paper boat/);
  });
});

describe('kling mcp and a cast with a voice', () => {
  test("generate_shot makes the member's voice first, binds it in the body, and the cast file is a resource", async () => {
    const dir = await project('cast');
    const refs = join(REPO, 'examples', 'refs');
    await copyFile(join(refs, 'hero-front.png'), join(dir, 'mara-front.png'));
    await copyFile(join(refs, 'hero-side.png'), join(dir, 'mara-side.png'));
    await copyFile(join(refs, 'hero-start.png'), join(dir, 'start.png'));
    await copyFile(join(REPO, 'test', 'fixtures', 'media', 'long-12s-720x1280.mp4'), join(dir, 'mara-voice.mp4'));
    await writeFile(
      join(dir, 'people.kling-cast.json'),
      JSON.stringify({
        members: { Mara: { frontal_image_url: 'mara-front.png', reference_image_urls: ['mara-side.png'], voice_url: 'mara-voice.mp4' } },
      }),
    );
    await writeFile(
      join(dir, 'mara.kling.json'),
      JSON.stringify({
        endpoint: 'fal-ai/kling-video/v3/pro/image-to-video',
        start_image_url: './start.png',
        duration: '3',
        cast: ['Mara'],
        prompt: '@Mara speaks',
      }),
    );
    const c = await serve(['--root', dir, '--simulator']);
    const names = (await c.listResources()).resources.map(r => r.name);
    assert.ok(names.includes('people.kling-cast.json'), names.join(', '));
    const said: string[] = [];
    const r = out<{ takes: { record: string; status: string }[] }>(
      await call(c, 'generate_shot', { path: 'mara.kling.json' }, p => said.push(p.message ?? '')),
    );
    assert.equal(r.takes[0]?.status, 'done');
    assert.ok(
      said.some(m => /making 1 voice first/.test(m)),
      said.join('\n'),
    );
    const voices = JSON.parse(await readFile(join(dir, '.kling-cast.voices.json'), 'utf8')) as {
      voices: Record<string, { voice_id: string }>;
    };
    const [voice] = Object.values(voices.voices);
    assert.ok(voice?.voice_id);
    const record = JSON.parse(await readFile(join(dir, r.takes[0]!.record), 'utf8')) as {
      body: { elements: { voice_id?: string }[]; prompt: string };
    };
    assert.equal(record.body.elements[0]?.voice_id, voice.voice_id, 'the take binds the voice made first');
    assert.equal(record.body.prompt, '@Element1 speaks');
  });
});

describe('kling mcp spending at fal: the cap', () => {
  let s: Simulator;
  before(async () => {
    s = await moneySim();
  });
  after(async () => {
    await s.close();
  });
  const paid = (dir: string, more: string[]) =>
    serve(['--root', dir, '--queue-url', s.url, '--storage-url', s.url, ...more], { FAL_KEY: 'mcp-cap-test-key' });

  test('without --budget generate_shot refuses and says how to set one; nothing is sent', async () => {
    const p = await moneyProject(base, 'nocap', { names: ['a'] });
    const c = await paid(p.dir, []);
    const r = await call(c, 'generate_shot', { path: 'a.kling.json' });
    assert.ok(r.isError);
    assert.match(text(r), /--budget USD/);
    assert.deepEqual(await rawTakes(p.out), []);
    assert.equal(s.stats.submits, 0);
  });

  test(`four generate_shot calls at once under a $1 cap (each $${TAKE_USD}): one runs, three are refused with "budget", nothing else is sent`, async () => {
    const p = await moneyProject(base, 'race', { names: ['s1', 's2', 's3', 's4'], spentUsd: 5 });
    const c = await paid(p.dir, ['--budget', '1']);
    const submitsBefore = s.stats.submits;
    const results = await Promise.all(['s1', 's2', 's3', 's4'].map(n => call(c, 'generate_shot', { path: `${n}.kling.json` })));
    const ok = results.filter(r => !r.isError);
    const refused = results.filter(r => r.isError);
    assert.equal(ok.length, 1, results.map(text).join('\n---\n'));
    assert.equal(refused.length, 3);
    for (const r of refused) assert.match(text(r), /budget/);
    assert.equal(s.stats.submits - submitsBefore, 1, 'exactly one submit at fal');
    const g = out<{ costUsd: number; capLeftUsd: number; takes: { status: string }[] }>(ok[0]!);
    assert.equal(g.takes[0]!.status, 'done');
    assert.equal(g.costUsd, TAKE_USD);
    assert.equal(g.capLeftUsd, 0.44);
    // The project's earlier $5 is not the agent's: the cap counts what was made since the server started.
    const fresh = (await rawTakes(p.out)).filter(t => !t.name.startsWith('earlier.'));
    assert.deepEqual(
      fresh.map(t => t.status),
      ['done'],
    );
    // Over the cap: refused, whatever the shot.
    const again = await call(c, 'generate_shot', { path: 's2.kling.json' });
    assert.ok(again.isError);
    assert.match(text(again), /budget/);
    assert.equal(s.stats.submits - submitsBefore, 1);
  });

  test('a cancelled generate_shot leaves its submitted take to kling resume, which lands it', { timeout: 120_000 }, async () => {
    const slow = await moneySim({ processingMs: 2000 });
    try {
      const p = await moneyProject(base, 'cancel', { names: ['c1'] });
      const c = await serve(['--root', p.dir, '--queue-url', slow.url, '--storage-url', slow.url, '--budget', '5'], {
        FAL_KEY: 'mcp-cap-test-key',
      });
      const ac = new AbortController();
      const progress: string[] = [];
      const call = c.callTool(
        { name: 'generate_shot', arguments: { path: 'c1.kling.json' } },
        { signal: ac.signal, timeout: 120_000, onprogress: pr => progress.push(pr.message ?? '') },
      );
      const settled = call.then(
        () => 'answered',
        () => 'aborted',
      );
      await waitFor('the submit to be reported', () => (progress.some(m => /submitted, request id/.test(m)) ? true : undefined));
      ac.abort();
      assert.equal(await settled, 'aborted');
      const left = await waitFor('the server to let the take go, unfinished', async () => {
        const t = (await rawTakes(p.out)).find(r => r.requestId);
        const locked = existsSync(join(p.out, `${t?.name ?? ''}.lock`));
        return t && !locked && t.status !== 'done' ? t : undefined;
      });
      assert.ok(['queued', 'running', 'submitting'].includes(left.status), left.status);
      assert.equal(slow.stats.submits, 1);
      const resumed = await kling(['resume', p.dir], { cwd: p.dir, sim: slow, env: { FAL_KEY: 'mcp-cap-test-key' } }).done;
      assert.equal(resumed.code, 0, resumed.err);
      assert.equal((await rawTakes(p.out)).find(r => r.name === left.name)?.status, 'done');
      assert.equal(slow.stats.submits, 1, 'resumed, not paid again');
    } finally {
      await slow.close();
    }
  });
});
