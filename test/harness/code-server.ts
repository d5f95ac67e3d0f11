// Runs a real VS Code (code-server 4.100.3's bundled VS Code server, "direct" mode) and drives it
// with Debian Chromium through playwright-core. No network: everything is on 127.0.0.1.
// How: node runs the bundled server-main.js directly (no code-server wrapper, so no login page or
// proxy), with --enable-smoke-test-driver as VS Code's own browser tests start it. A browser
// workbench has no command line, so the page URL's `payload` query carries extensionDevelopmentPath
// and extensionTestsPath, as vscode-remote:// URIs the server resolves. When the tests end, the
// workbench calls window.codeAutomationExit(code); playwright exposes that function before the page
// loads, which is how we get the exit code.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as util from 'node:util';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { StopWaiting, waitFor } from '../kit/wait-for';

export const ROOT = path.resolve(__dirname, '../..');
export const TOOLS = process.env.KLING_TOOLS_DIR || path.join(ROOT, '.tools');
export const SERVER_MAIN = path.join(TOOLS, 'code-server/node_modules/code-server/lib/vscode/out/server-main.js');
export const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function httpOk(url: string): Promise<boolean> {
  return new Promise(resolve => {
    const req = http.get(url, res => {
      res.resume();
      resolve((res.statusCode ?? 500) < 500);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(1000, () => {
      req.destroy();
      resolve(false);
    });
  });
}

/** Fresh user-data-dir with settings that keep the workbench quiet, offline and predictable. */
export function prepareUserDataDir(dir: string, extraSettings: Record<string, unknown> = {}): void {
  fs.mkdirSync(path.join(dir, 'User'), { recursive: true });
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'security.workspace.trust.enabled': false,
    'git.enabled': false,
    'npm.autoDetect': 'off',
    'typescript.disableAutomaticTypeAcquisition': true,
    'chat.disableAIFeatures': true,
    'workbench.colorTheme': 'Default Dark Modern',
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'github.gitAuthentication': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    ...extraSettings,
  };
  fs.writeFileSync(path.join(dir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
}

export interface Server {
  proc: ChildProcess;
  url: string;
  port: number;
  logFile: string;
  stop(): Promise<void>;
}

const liveGroups = new Set<number>();
process.on('exit', () => {
  for (const pid of liveGroups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
});
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    for (const pid of liveGroups) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    process.exit(130);
  });
}

/** Start the VS Code server in its own process group; it is always killed when this process exits. */
export async function startServer(opts: {
  userDataDir: string;
  extensionsDir: string;
  env?: NodeJS.ProcessEnv;
  logFile: string;
  port?: number;
}): Promise<Server> {
  if (!fs.existsSync(SERVER_MAIN)) {
    throw new Error(`VS Code server not installed at ${SERVER_MAIN}; run scripts/setup-tools.sh`);
  }
  const port = opts.port ?? (await freePort());
  const out = fs.openSync(opts.logFile, 'w');
  const proc = spawn(
    process.execPath,
    [
      SERVER_MAIN,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--without-connection-token',
      '--accept-server-license-terms',
      '--enable-smoke-test-driver',
      '--disable-telemetry',
      '--server-data-dir',
      path.join(opts.userDataDir, 'server-data'),
      '--user-data-dir',
      opts.userDataDir,
      '--extensions-dir',
      opts.extensionsDir,
    ],
    {
      stdio: ['ignore', out, out],
      detached: true,
      // EXTENSIONS_GALLERY={} turns off marketplace lookups, which would fail offline.
      env: { ...process.env, EXTENSIONS_GALLERY: '{}', ...opts.env },
    },
  );
  fs.closeSync(out);
  liveGroups.add(proc.pid!);
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    'the VS Code server to answer',
    async () => {
      if (proc.exitCode !== null) {
        throw new StopWaiting(`VS Code server exited ${proc.exitCode}; see ${opts.logFile}`);
      }
      return httpOk(`${url}/version`);
    },
    { timeoutMs: 60_000, intervalMs: 100, explain: () => `see ${opts.logFile}` },
  );
  return {
    proc,
    url,
    port,
    logFile: opts.logFile,
    async stop() {
      if (proc.exitCode === null) {
        try {
          process.kill(-proc.pid!, 'SIGTERM');
        } catch {
          /* gone */
        }
        // A grace period to exit on SIGTERM, then SIGKILL.
        const exited = await waitFor('the VS Code server to exit', () => proc.exitCode !== null, { timeoutMs: 5_000 }).catch(() => false);
        if (!exited) {
          try {
            process.kill(-proc.pid!, 'SIGKILL');
          } catch {
            /* gone */
          }
        }
      }
      liveGroups.delete(proc.pid!);
    },
  };
}

export async function launchBrowser(
  profileDir: string,
  viewport = { width: 1400, height: 900 },
  extraArgs: readonly string[] = [],
): Promise<{ context: BrowserContext; page: Page }> {
  fs.rmSync(profileDir, { recursive: true, force: true });
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      '--autoplay-policy=no-user-gesture-required',
      ...extraArgs,
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}

/**
 * Run an extension test module inside the extension host (the @vscode/test-electron contract: a
 * CommonJS module exporting run(): Promise<void>). Resolves to the exit code the workbench reports
 * (0 pass, 1 fail), or 2 on timeout.
 */
export async function runExtensionTests(opts: {
  extensionDevelopmentPath: string[];
  extensionTestsPath: string;
  workspace?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  settings?: Record<string, unknown>;
  log?: (line: string) => void;
}): Promise<number> {
  const log = opts.log ?? (s => console.log(s));
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kling-inhost-'));
  const ud = path.join(runDir, 'ud');
  const extDir = path.join(runDir, 'ext');
  fs.mkdirSync(extDir, { recursive: true });
  prepareUserDataDir(ud, opts.settings);
  let server: Server | undefined;
  let context: BrowserContext | undefined;
  try {
    server = await startServer({ userDataDir: ud, extensionsDir: extDir, env: opts.env, logFile: path.join(runDir, 'server.log') });
    ({ context } = await launchBrowser(path.join(runDir, 'chromium')));
    const page = context.pages()[0]!;
    let resolveExit!: (code: number) => void;
    const done = new Promise<number>(r => {
      resolveExit = r;
    });
    // Both must be exposed before goto: the workbench calls them when run() settles / mocha prints.
    await page.exposeFunction('codeAutomationExit', (code: unknown) => resolveExit(Number(code)));
    await page.exposeFunction('codeAutomationLog', (_type: unknown, args: unknown[]) => {
      const line = util.format(...(args ?? []));
      if (
        !/^(Resolving connection token|Resolved connection token|Creating a socket|Updating additional builtin|\[Service Worker\]|ChatSessionStore|Ignoring fetching additional builtin)/.test(
          line,
        )
      ) {
        log(line);
      }
    });
    const authority = `127.0.0.1:${server.port}`;
    const payload = [
      ...opts.extensionDevelopmentPath.map(p => ['extensionDevelopmentPath', `vscode-remote://${authority}${path.resolve(p)}`]),
      ['extensionTestsPath', `vscode-remote://${authority}${path.resolve(opts.extensionTestsPath)}`],
    ];
    let url = `${server.url}/?payload=${encodeURIComponent(JSON.stringify(payload))}`;
    url += opts.workspace ? `&folder=${encodeURIComponent(path.resolve(opts.workspace))}` : '&ew=true';
    await page.goto(url);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<number>(resolve => {
      timer = setTimeout(() => {
        log('in-host tests timed out');
        resolve(2);
      }, opts.timeoutMs ?? 600000);
    });
    const code = await Promise.race([done, timeout]);
    clearTimeout(timer);
    return code;
  } finally {
    if (context) {
      await context.close().catch(() => undefined);
    }
    if (server) {
      await server.stop();
    }
    if (process.env.KLING_KEEP_RUNS !== '1') {
      fs.rmSync(runDir, { recursive: true, force: true });
    }
  }
}
