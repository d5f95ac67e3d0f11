// prompt XOR multi_prompt: fal rejects a request with neither and
// documents "not both"; an empty prompt counts as missing, as fal's truthiness check does.
import * as l10n from '@vscode/l10n';
import { SHOT_TYPES } from '../schema/fields';
import type { RuleInput, RuleIssue } from './issue';

export function promptRules({ kind, body }: RuleInput, out: RuleIssue[]): void {
  // Motion control needs no prompt; video-to-video and create-voice have no multi_prompt, and
  // video-to-video's schema requires prompt itself.
  if (kind === 'motion-control' || kind === 'create-voice' || kind === 'video-to-video/edit' || kind === 'video-to-video/reference') return;
  const hasPromptKey = body.prompt !== undefined;
  const hasMultiKey = body.multi_prompt !== undefined;
  if (hasPromptKey && hasMultiKey) {
    out.push({
      code: 'kling.prompt-xor',
      path: ['prompt'],
      target: 'key',
      message: l10n.t('Use either prompt or multi_prompt, not both: fal rejects a request that has both. Remove one of them.'),
      data: { keys: ['prompt', 'multi_prompt'] },
      fal: { type: 'value_error', msg: "Either 'prompt' or 'multi_prompt' must be provided, but not both.", loc: ['body', 'root'] },
    });
    return;
  }
  if (!hasPromptKey && !hasMultiKey) {
    out.push({
      code: 'kling.prompt-required',
      path: [],
      message: l10n.t('A prompt is required: add "prompt" (one shot) or "multi_prompt" (a storyboard of up to 6 shots), not both.'),
      fal: { type: 'value_error', msg: "Either 'prompt' or 'multi_prompt' must be provided.", loc: ['body', 'root'] },
    });
    return;
  }
  if (typeof body.prompt === 'string' && body.prompt.trim() === '') {
    out.push({
      code: 'kling.prompt-required',
      path: ['prompt'],
      message: l10n.t('prompt is empty: describe the clip (or use multi_prompt for a storyboard).'),
      fal: { type: 'value_error', msg: "Either 'prompt' or 'multi_prompt' must be provided.", loc: ['body', 'root'] },
    });
  }
  if (hasMultiKey && body.shot_type === SHOT_TYPES[1]) {
    out.push({
      code: 'kling.shot-type',
      path: ['shot_type'],
      message: l10n.t(
        'With multi_prompt use shot_type "customize": "intelligent" lets the model choose the shots and can override your storyboard.',
      ),
      data: { value: SHOT_TYPES[0] },
    });
  }
}
