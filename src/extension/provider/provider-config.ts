import { getSetting } from '../settings/settings';
import type { ProviderKind } from '../settings/readers';

export interface ProviderConfig {
  kind: ProviderKind;
  queueUrl: string;
  storageUrl: string;
  simulatorJobSeconds: number;
}

/** Settings are read on every use, so a change applies to the next job without a reload. */
export function readProviderConfig(): ProviderConfig {
  return {
    kind: getSetting('provider'),
    queueUrl: getSetting('fal.queueUrl'),
    storageUrl: getSetting('fal.storageUrl'),
    simulatorJobSeconds: getSetting('simulator.jobSeconds'),
  };
}
