import * as vscode from 'vscode';
import { DEFAULT_QUEUE_URL, DEFAULT_STORAGE_URL } from '../../client';

export type ProviderKind = 'fal' | 'simulator';

export interface ProviderConfig {
  kind: ProviderKind;
  queueUrl: string;
  storageUrl: string;
  simulatorJobSeconds: number;
}

/** Settings are read on every use, so a change applies to the next job without a reload. */
export function readProviderConfig(): ProviderConfig {
  const c = vscode.workspace.getConfiguration('klingStudio');
  const kind = c.get<string>('provider') === 'simulator' ? 'simulator' : 'fal';
  return {
    kind,
    queueUrl: nonEmpty(c.get<string>('fal.queueUrl')) ?? DEFAULT_QUEUE_URL,
    storageUrl: nonEmpty(c.get<string>('fal.storageUrl')) ?? DEFAULT_STORAGE_URL,
    simulatorJobSeconds: Math.max(0, c.get<number>('simulator.jobSeconds') ?? 6),
  };
}

function nonEmpty(s: string | undefined): string | undefined {
  return s && s.trim() ? s.trim().replace(/\/+$/, '') : undefined;
}
