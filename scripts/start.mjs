// `npm start [-- [--port N] [folder]]`: build, then open the extension in a real VS Code
// (code-server, in your browser) on the folder, or on a scratch project outside the clone
// (start-folder.mjs), with Kling Studio loaded as a development extension. The port: --port, else
// the PORT environment variable, else a free one. Ctrl+C stops it.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startFolder } from './start-folder.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
let args;
try {
  args = parseArgs({ options: { port: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
} catch (e) {
  console.error(`npm start: ${e.message}`);
  process.exit(2);
}
if (args.values.help || args.positionals.length > 1) {
  console.log('usage: npm start [-- [--port N] [folder]]   (no folder: a scratch project in ~/.kling-studio/scratch)');
  process.exit(args.values.help ? 0 : 2);
}
const portArg = args.values.port ?? process.env.PORT;
if (portArg !== undefined && !/^\d+$/.test(portArg)) {
  console.error(`npm start: the port must be a number, not '${portArg}'`);
  process.exit(2);
}
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    process.exit(r.status ?? 1);
  }
};
run('bash', ['scripts/setup-tools.sh']);
run(process.execPath, ['scripts/build.mjs']);

const opened = startFolder({ folderArg: args.positionals[0], cwd: process.cwd(), cli: join(root, 'dist', 'cli.js') });
if (opened.error) {
  console.error(`npm start: ${opened.error}`);
  process.exit(1);
}

const dataDir = join(root, '.tools', 'start-profile');
mkdirSync(join(dataDir, 'User'), { recursive: true });
const settingsFile = join(dataDir, 'User', 'settings.json');
if (!existsSync(settingsFile)) {
  // First start only: afterwards the user's own changes to these settings are kept.
  writeFileSync(
    settingsFile,
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'telemetry.telemetryLevel': 'off',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'update.mode': 'none',
        'chat.disableAIFeatures': true,
        'klingStudio.provider': 'simulator',
      },
      null,
      2,
    ),
  );
}

const port =
  Number(portArg) ||
  (await new Promise(resolve => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  }));
const serverMain = join(root, '.tools/code-server/node_modules/code-server/lib/vscode/out/server-main.js');
const child = spawn(
  process.execPath,
  [
    serverMain,
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--without-connection-token',
    '--accept-server-license-terms',
    '--disable-telemetry',
    '--server-data-dir',
    join(dataDir, 'server-data'),
    '--user-data-dir',
    dataDir,
    '--extensions-dir',
    join(dataDir, 'extensions'),
  ],
  { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], detached: true, env: { ...process.env, EXTENSIONS_GALLERY: '{}' } },
);

const authority = `127.0.0.1:${port}`;
const payload = JSON.stringify([['extensionDevelopmentPath', `vscode-remote://${authority}${root.replace(/\/$/, '')}`]]);
const url = `http://${authority}/?folder=${encodeURIComponent(opened.folder)}&payload=${encodeURIComponent(payload)}`;
const where =
  args.positionals[0] !== undefined
    ? opened.folder
    : `${opened.made ? 'a new scratch project (made now, outside the clone)' : 'the scratch project'}: ${opened.folder}\n  Open a folder of your own with: npm start -- /path/to/folder`;
console.log(
  `\nKling Studio is running in VS Code at:\n\n  ${url}\n\nThe folder open in it:\n  ${where}\n\nOpen it in a browser. Ctrl+C stops the server.\n`,
);

let stopping = false;
const stop = () => {
  if (stopping) {
    return;
  }
  stopping = true;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
  setTimeout(() => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
    process.exit(0);
  }, 3000).unref();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
process.on('exit', () => {
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    /* gone */
  }
});
child.on('exit', code => {
  if (!stopping) {
    console.error(`VS Code server exited (${code})`);
    process.exit(code ?? 1);
  } else {
    process.exit(0);
  }
});
