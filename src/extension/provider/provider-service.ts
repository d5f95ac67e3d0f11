import * as vscode from 'vscode';
import { Disposable } from '../dispose';
import type { Log } from '../log';
import type { ApiKeyStore } from '../secrets/api-key-store';
import { readProviderConfig } from './provider-config';
import type { ProviderKind } from '../settings/readers';
import { updateSetting } from '../settings/settings';
import { SimulatorHost } from './simulator-host';

export interface Connection {
  kind: ProviderKind;
  queueUrl: string;
  storageUrl: string;
  /** Called by the client when it needs the key; never stored anywhere else. */
  credentials: () => Promise<string | undefined>;
}

/** The key the offline simulator accepts: it checks only that a key is present. */
const SIMULATOR_KEY = 'offline-simulator';

/** Where jobs go: fal.ai (with the user's key) or the in-process offline simulator. */
export class ProviderService extends Disposable {
  readonly simulator: SimulatorHost;

  constructor(
    private readonly keys: ApiKeyStore,
    private readonly log: Log,
  ) {
    super();
    this.simulator = this.register(new SimulatorHost(log));
  }

  get kind(): ProviderKind {
    return readProviderConfig().kind;
  }

  async connection(): Promise<Connection> {
    const cfg = readProviderConfig();
    if (cfg.kind === 'simulator') {
      const sim = await this.simulator.get(cfg.simulatorJobSeconds);
      return { kind: 'simulator', queueUrl: sim.url, storageUrl: sim.url, credentials: async () => SIMULATOR_KEY };
    }
    return { kind: 'fal', queueUrl: cfg.queueUrl, storageUrl: cfg.storageUrl, credentials: async () => (await this.keys.get())?.key };
  }

  /**
   * The connection able to continue a journalled take: its URLs decide, not the current setting
   * (a take submitted to fal is resumed on fal even after switching to the simulator).
   */
  async connectionFor(statusUrl: string | undefined): Promise<Connection | 'simulator-gone' | 'foreign-host'> {
    const cfg = readProviderConfig();
    if (statusUrl && this.simulator.owns(statusUrl)) {
      return this.connection();
    }
    // The key goes only to the configured queue: a take record is a file in the workspace, and a
    // crafted one must not be able to send it anywhere else.
    if (!statusUrl || sameOrigin(statusUrl, cfg.queueUrl)) {
      return { kind: 'fal', queueUrl: cfg.queueUrl, storageUrl: cfg.storageUrl, credentials: async () => (await this.keys.get())?.key };
    }
    // A loopback URL that is not ours is the simulator of an earlier extension host.
    return isLoopback(statusUrl) ? 'simulator-gone' : 'foreign-host';
  }

  async hasKey(): Promise<boolean> {
    return this.kind === 'simulator' || !!(await this.keys.get());
  }

  /** `target`: where the choice is kept (the command asks); by default the workspace, when there is one. */
  async useSimulator(target?: vscode.ConfigurationTarget): Promise<void> {
    target ??= vscode.workspace.workspaceFolders ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    // Workspace scope by default so an explicit workspace value cannot override the switch silently.
    await updateSetting('provider', 'simulator', target);
    const sim = await this.simulator.get(readProviderConfig().simulatorJobSeconds);
    this.log.info(`provider switched to the offline simulator (${sim.url})`);
  }
}

function isLoopback(url: string): boolean {
  try {
    const h = new URL(url).hostname;
    return h === '127.0.0.1' || h === 'localhost' || h === '[::1]';
  } catch {
    return false;
  }
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}
