// "Copy Request as cURL / JavaScript / Python": the snippet's body is the request builder's own
// (takes' prepareShot, what Generate sends), the key is only ever named, and the cURL snippet run
// by a real shell reaches the simulator with the body Generate would send and the key from $FAL_KEY.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { requestSnippet, SNIPPET_FORMS, type SnippetForm, type SnippetInput } from '../../../src/core';
import { prepareShot, type PreparedShot } from '../../../src/takes';
import { testSimulator, type Simulator } from '../../kit/simulator';

const SECRET = 'fal-test-secret-0d9c4e7a:never-in-a-snippet';
const REPO = resolve(__dirname, '../../..');
let dir: string;
let sim: Simulator;
let savedKey: string | undefined;

async function prepared(name: string, shot: object): Promise<PreparedShot> {
  const shotFile = join(dir, `${name}.kling.json`);
  const text = JSON.stringify(shot, null, 2);
  await writeFile(shotFile, text);
  const p = await prepareShot({ shotFile, text, roots: [dir], outputDir: join(dir, 'renders'), provider: 'fal' });
  assert.ok(p.ok, JSON.stringify(p));
  return p.shot;
}

const inputOf = (p: PreparedShot, queueUrl?: string): SnippetInput => ({
  endpointId: p.endpointId,
  body: p.body,
  localFiles: p.localMedia.map(m => ({ path: m.path, file: m.file })),
  ...(queueUrl !== undefined && { queueUrl }),
});

/** The body each snippet sends, read back by the language's own parser where it is at hand. */
function bodyIn(form: SnippetForm, text: string): unknown {
  if (form === 'curl') return JSON.parse(/<<'KLING_REQUEST_BODY'\n([\s\S]*?)\nKLING_REQUEST_BODY\n/.exec(text)![1]!);
  if (form === 'javascript') return JSON.parse(/^const input = ([\s\S]*?);$/m.exec(text)![1]!);
  const literal = /^arguments = ([\s\S]*?)\n(?=\n|#)/m.exec(text)![1]!;
  const py = spawnSync('python3', ['-c', 'import ast, json, sys; print(json.dumps(ast.literal_eval(sys.stdin.read())))'], {
    input: literal,
    encoding: 'utf8',
  });
  assert.equal(py.status, 0, py.stderr);
  return JSON.parse(py.stdout);
}

/** bash in its own process, awaited: the simulator answers from this process's event loop, so no spawnSync. */
function bash(script: string, env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise(done => {
    const child = spawn('bash', ['-c', script], { env: { ...process.env, ...env } });
    let stdout = '',
      stderr = '';
    child.stdout.on('data', d => (stdout += d));
    child.stderr.on('data', d => (stderr += d));
    child.on('close', status => done({ status, stdout, stderr }));
  });
}

before(async () => {
  savedKey = process.env.FAL_KEY;
  process.env.FAL_KEY = SECRET;
  sim = await testSimulator();
  dir = await realpath(await mkdtemp(join(tmpdir(), 'kling-snippet-')));
  await mkdir(join(dir, 'refs'));
  await writeFile(join(dir, 'package.json'), '{}');
  await copyFile(join(REPO, 'examples/refs/hero-start.png'), join(dir, 'refs/start frame.png'));
});
after(async () => {
  if (savedKey === undefined) delete process.env.FAL_KEY;
  else process.env.FAL_KEY = savedKey;
  await sim?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('request snippets', () => {
  // What a prompt may hold that each language must quote: quotes, $, a backslash, a newline, emoji.
  const prompt = `It's "$HOME" \\ 'quoted' \`tick\`\nline two 🌊 ${'KLING_REQUEST_BODY'}`;

  for (const form of SNIPPET_FORMS) {
    test(`${form}: the request builder's body, the endpoint from the registry, the key as a placeholder only`, async () => {
      const p = await prepared(`t2v-${form}`, { prompt, duration: '5', generate_audio: false });
      const text = requestSnippet(form, inputOf(p));
      assert.ok(!text.includes(SECRET), 'the key in the environment is not in the snippet');
      assert.deepEqual(bodyIn(form, text), p.body);
      assert.ok(text.includes(p.endpointId));
      assert.match(text, { curl: /\$FAL_KEY/, javascript: /process\.env\.FAL_KEY/, python: /os\.environ\["FAL_KEY"\]/ }[form]);
    });
  }

  test('local media: cURL says which files to upload; JavaScript and Python upload them to fal storage', async () => {
    const p = await prepared('i2v', {
      endpoint: 'image-to-video',
      prompt: 'a lighthouse',
      duration: '5',
      start_image_url: './refs/start frame.png',
    });
    assert.equal(p.localMedia.length, 1);
    const file = join(dir, 'refs/start frame.png');
    const curl = requestSnippet('curl', inputOf(p));
    assert.match(curl, /^# .*upload each to fal storage first/m);
    assert.ok(curl.includes(`#   start_image_url ← ${file}`));
    assert.deepEqual(bodyIn('curl', curl), p.body, 'the body is still the builder’s own');
    const js = requestSnippet('javascript', inputOf(p));
    assert.ok(js.includes(`input["start_image_url"] = await fal.storage.upload(new Blob([await readFile(${JSON.stringify(file)})]));`));
    assert.match(js, /^import \{ readFile \} from 'node:fs\/promises';$/m);
    const py = requestSnippet('python', inputOf(p));
    assert.ok(py.includes(`arguments["start_image_url"] = client.upload_file(${JSON.stringify(file)})`));
    for (const text of [curl, js, py]) assert.ok(!text.includes(SECRET));
  });

  test('the cURL snippet, run by bash, submits the same body to the queue with the key from $FAL_KEY', async () => {
    const p = await prepared('run', { prompt, duration: '5' });
    const text = requestSnippet('curl', inputOf(p, sim.url));
    const run = await bash(`set -e\n${text.replace(/^curl /m, 'curl -sS --fail-with-body ')}`, { FAL_KEY: 'run-test-key' });
    assert.equal(run.status, 0, run.stderr + run.stdout);
    const { request_id } = JSON.parse(run.stdout) as { request_id: string };
    assert.deepEqual(sim.job(request_id)?.body, p.body);
    const unauthorized = sim.stats.unauthorized;
    const noKey = await bash(text, { FAL_KEY: '' });
    assert.equal(noKey.status, 0);
    assert.equal(sim.stats.unauthorized, unauthorized + 1, 'without $FAL_KEY the snippet sends no key');
  });
});
