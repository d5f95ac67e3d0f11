// Pure (no vscode): unit-tested in test/unit/generation.
import type { TakeRecord } from '../../client';
import { markdownCode, markdownText } from '../../core/markdown-text';
import { shorten, statusLabel } from './progress-text';

/**
 * The Markdown tooltip of a take in the Generations tree. Everything but the status label comes from
 * the record on disk, which may be committed by anyone: it goes in as literal text or code only.
 */
export function takeTooltip(r: TakeRecord): string {
  const prompt =
    typeof r.body.prompt === 'string' ? r.body.prompt : Array.isArray(r.body.multi_prompt) ? `${r.body.multi_prompt.length} shots` : '';
  return [
    `**${statusLabel(r.status)}** · ${markdownCode(r.endpointId)}`,
    prompt ? markdownText(shorten(prompt, 200)) : '',
    r.requestId ? `Request ${markdownCode(r.requestId)}` : '',
    r.error ? `Error: ${markdownText(r.error.message)}` : '',
    r.durationMismatch ? markdownText(r.durationMismatch.message) : '',
  ]
    .filter(Boolean)
    .join('\n\n');
}
