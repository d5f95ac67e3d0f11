// Pure (no vscode): unit-tested in test/unit/generation.
import { setAtPath } from '../../client';
import type { JsonPath, MediaRef } from '../../core';
import * as l10n from '@vscode/l10n';

/** A deep copy of the body with the value at each path replaced (paths come from core's MediaRef). */
export function replaceAtPaths(
  body: Record<string, unknown>,
  replacements: readonly { path: JsonPath; value: unknown }[],
): Record<string, unknown> {
  const copy = structuredClone(body);
  for (const { path, value } of replacements) {
    setAtPath(copy, path, value);
  }
  return copy;
}

/** What "Show Request Body" displays: the body to be sent, each local file as a visible placeholder. */
export function bodyWithUploadPlaceholders(body: Record<string, unknown>, refs: readonly MediaRef[]): Record<string, unknown> {
  return replaceAtPaths(
    body,
    refs.filter(r => r.isLocal).map(r => ({ path: r.path, value: l10n.t('<uploaded to fal storage on submit: {0}>', r.value) })),
  );
}
