import { endpointLabel, ENDPOINTS, FIELD_INFO, formLayout } from '../../core';
import type { SetupMessage } from '../../shared/messages';

let cached: SetupMessage | undefined;

/**
 * Endpoints and field metadata for the webview's forms. Built on the host from core (so the webview
 * bundle carries no zod schemas) and once per extension host: it only changes with the code.
 */
export function setupMessage(): SetupMessage {
  cached ??= {
    type: 'setup',
    endpoints: ENDPOINTS.map(e => ({ id: e.id, kind: e.kind, tier: e.tier, label: endpointLabel(e), aliases: [...e.aliases] })),
    fields: Object.fromEntries(ENDPOINTS.map(e => [e.id, [...(FIELD_INFO[e.id] ?? [])]])),
    forms: Object.fromEntries(ENDPOINTS.map(e => [e.id, formLayout(e)])),
  };
  return cached;
}
