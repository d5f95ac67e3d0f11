// The free tools on one shot file: its problems (`kling validate`'s), its price (the take session's
// price rule, on the shot as `kling generate` prepares it) and writing a new one that validates.
import * as path from 'node:path';
import { agentDiagnostic, isSequenceFile, type AgentInput, type AgentOutput } from '../../core';
import { writeNewShot } from '../../takes';
import { prepareFile } from '../generate';
import { validateFile } from '../validate';
import { ToolError, type McpSession } from './session';

export async function validateShot(s: McpSession, input: AgentInput<'validate_shot'>): Promise<AgentOutput<'validate_shot'>> {
  const file = await s.existing(input.path, 'file');
  const r = await validateFile(file, s.shown(file), { given: [s.root], media: true, cache: s.cache });
  const diagnostics = r.diagnostics.map(agentDiagnostic);
  return { file: r.file, endpoint: r.endpoint, errors: diagnostics.filter(d => d.severity === 'error').length, diagnostics };
}

export async function estimateCost(s: McpSession, input: AgentInput<'estimate_cost'>): Promise<AgentOutput<'estimate_cost'>> {
  const file = await s.existing(input.path, 'shot file');
  if (isSequenceFile(file)) throw new ToolError(`${input.path} is a sequence file: estimate each of its shots`);
  const p = await prepareFile(file, s.shown(file), { out: undefined, roots: [s.root], provider: s.provider, cache: s.cache });
  if (!p.shot) throw new ToolError(`${input.path} cannot be priced until its errors are fixed:\n${p.errors.join('\n')}`);
  const fal = p.shot.price.atFal;
  const how = fal
    ? `${fal.seconds} s × $${fal.perSecond.toFixed(3)}/s (${fal.audio ? 'with' : 'without'} audio) on ${p.shot.endpointId} = $${fal.usd.toFixed(2)}` +
      (p.shot.price.simulated ? '; this server runs on the offline simulator, where a take costs $0' : '')
    : `the price of ${p.shot.endpointId} for this request cannot be estimated, so a budget refuses it`;
  return {
    file: s.shown(file),
    endpoint: p.shot.endpointId,
    usd: fal?.usd ?? null,
    seconds: fal?.seconds ?? null,
    perSecondUsd: fal?.perSecond ?? null,
    audio: fal?.audio ?? null,
    simulated: p.shot.price.simulated,
    how,
  };
}

export async function newShot(s: McpSession, input: AgentInput<'new_shot'>): Promise<AgentOutput<'new_shot'>> {
  if (!input.path.endsWith('.kling.json')) throw new ToolError(`${input.path}: a shot file's name must end in .kling.json`);
  const file = await s.writable(input.path, 'shot file');
  const r = await writeNewShot(file, input, { roots: [s.root], cache: s.cache });
  if (r.kind === 'invalid')
    throw new ToolError(`not written, the shot would not validate:\n${r.errors.map(d => `${d.code} ${d.message}`).join('\n')}`);
  if (r.kind === 'exists') throw new ToolError(`${input.path} exists; new_shot never overwrites a file`);
  return { path: path.relative(s.root, file), endpoint: r.endpoint };
}
