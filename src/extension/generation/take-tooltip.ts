// Pure (no vscode): unit-tested in test/unit/generation.
import type { TakeRecord } from '../../takes';
import { markdownCode, markdownText } from '../../core/ui-text';
import { shorten, statusLabel } from '../common/progress-text';
import * as l10n from '@vscode/l10n';

/**
 * The Markdown tooltip of a take in the Generations tree. Everything but the status label comes from
 * the record on disk, which may be committed by anyone: it goes in as literal text or code only.
 */
export function takeTooltip(r: TakeRecord): string {
  const prompt =
    typeof r.body.prompt === 'string'
      ? r.body.prompt
      : Array.isArray(r.body.multi_prompt)
        ? r.body.multi_prompt.length === 1
          ? l10n.t('1 shot')
          : l10n.t('{0} shots', r.body.multi_prompt.length)
        : '';
  return [
    `**${statusLabel(r.status)}** · ${markdownCode(r.endpointId)}`,
    prompt ? markdownText(shorten(prompt, 200)) : '',
    r.requestId ? l10n.t('Request {0}', markdownCode(r.requestId)) : '',
    r.error ? l10n.t('Error: {0}', markdownText(r.error.message)) : '',
    r.durationMismatch ? markdownText(r.durationMismatch.message) : '',
    r.billingMismatch ? markdownText(r.billingMismatch.message) : '',
  ]
    .filter(Boolean)
    .join('\n\n');
}
