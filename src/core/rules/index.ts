// The value-level rules, in the order their diagnostics read best.
import type { RuleInput, RuleIssue } from './issue';
import { schemaIssues } from './schema-issues';
import { promptRules } from './prompt';
import { shotRules } from './shots';
import { elementRules } from './elements';
import { inputRefRules } from './input-refs';
import { speechRules } from './speech';

export function bodyRules(input: RuleInput): RuleIssue[] {
  const out = schemaIssues(input);
  promptRules(input, out);
  shotRules(input, out);
  elementRules(input, out);
  inputRefRules(input, out);
  speechRules(input, out);
  return out;
}

export type { RuleIssue, RuleInput } from './issue';
