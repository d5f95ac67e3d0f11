// validateRequestBody: the simulator's stand-in for fal's input validation, from the same zod
// schemas and rules as the editor. Only errors fal would reject become 422 details; warnings
// (unknown keys and the like) are ignored, as fal ignores them.
import { withoutNulls } from './absent';
import { severityOf } from './codes';
import { lookupEndpoint, ENDPOINT_IDS } from './registry';
import { bodyRules } from './rules';
import { isObject } from './rules/issue';
import { collectMediaRefs, requestMediaRules } from './rules/media-refs';
import type { FalValidationDetail } from './fal-validation';
import type { RuleIssue } from './rules/issue';

export function validateRequestBody(endpointId: string, sent: unknown): FalValidationDetail[] {
  const body = withoutNulls(sent);
  const spec = lookupEndpoint(endpointId);
  if (!spec) {
    return [
      { loc: ['path', 'endpoint_id'], msg: `Unknown endpoint '${endpointId}'; known: ${ENDPOINT_IDS.join(', ')}`, type: 'value_error' },
    ];
  }
  if (!isObject(body)) {
    return [{ loc: ['body'], msg: 'Input should be a valid dictionary or object to extract fields from', type: 'model_attributes_type' }];
  }
  const issues: RuleIssue[] = bodyRules({ kind: spec.kind, endpoint: spec.id, body });
  requestMediaRules(collectMediaRefs(spec.id, body), issues);
  const details: FalValidationDetail[] = [];
  for (const issue of issues) {
    if (severityOf(issue.code) !== 'error' || !issue.fal) continue;
    const d: FalValidationDetail = { loc: issue.fal.loc ?? ['body', ...issue.path], msg: issue.fal.msg, type: issue.fal.type };
    if (issue.fal.ctx !== undefined) d.ctx = issue.fal.ctx;
    details.push(d);
  }
  return details;
}
