// `kling mcp` benchmark (npm run bench mcp): an agent's validate_shot round trip, from the MCP SDK's
// client over stdio to the built CLI (dist/cli.js; `npm run build` first) and back, on a shot with a
// local start image (the media check reads its header). The peer is what an agent without the
// server does: run `kling validate --format json` as a process per check. Budget: p95 ≤ 50 ms.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';

const CLI = resolve('dist/cli.js');
const CALLS = 300;
const SPAWNS = 20;
const BUDGET_P95_MS = 50;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function main(): Promise<number> {
  if (!existsSync(CLI)) {
    console.log('dist/cli.js is missing: run npm run build first');
    return 1;
  }
  const dir = mkdtempSync(join(tmpdir(), 'kling-mcp-bench-'));
  try {
    writeFileSync(join(dir, 'package.json'), '{}');
    copyFileSync(resolve('examples/refs/hero-start.png'), join(dir, 'start.png'));
    writeFileSync(
      join(dir, 'shot.kling.json'),
      JSON.stringify(
        { endpoint: 'image-to-video', prompt: 'a paper boat on a pond', duration: '5', start_image_url: './start.png' },
        null,
        2,
      ),
    );
    const client = new Client({ name: 'kling-bench', version: '1' });
    await client.connect(
      new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp', '--root', dir, '--simulator'], stderr: 'ignore' }),
    );
    const times: number[] = [];
    for (let i = 0; i < CALLS + 20; i++) {
      const t0 = performance.now();
      const r = await client.callTool({ name: 'validate_shot', arguments: { path: 'shot.kling.json' } });
      const dt = performance.now() - t0;
      if (r.isError) throw new Error(`validate_shot failed: ${JSON.stringify(r.content)}`);
      if (i >= 20) times.push(dt); // the first calls warm up the server
    }
    await client.close();

    const spawns: number[] = [];
    for (let i = 0; i < SPAWNS; i++) {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, [CLI, 'validate', '--format', 'json', join(dir, 'shot.kling.json')], { encoding: 'utf8' });
      spawns.push(performance.now() - t0);
      if (r.status !== 0) throw new Error(`kling validate failed: ${r.stderr}`);
    }

    console.log(
      `validate_shot over kling mcp (${CALLS} calls): p50 ${ms(pct(times, 50))}, p95 ${ms(pct(times, 95))}, max ${ms(Math.max(...times))}`,
    );
    console.log(`peer: a kling validate process per check (${SPAWNS} runs): p50 ${ms(pct(spawns, 50))}, p95 ${ms(pct(spawns, 95))}`);
    const p95 = pct(times, 95);
    console.log(`budget: p95 ≤ ${BUDGET_P95_MS} ms: ${p95 <= BUDGET_P95_MS ? 'met' : 'MISSED'}`);
    return p95 <= BUDGET_P95_MS ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  code => process.exit(code),
  e => {
    console.error(e);
    process.exit(1);
  },
);
