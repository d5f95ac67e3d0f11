// The agent tools are defined once (src/core/agent-tools.ts): package.json's language-model tools
// must contribute the same inputs VS Code checks calls against, and the extension must offer
// exactly the tools package.json declares.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { agentInputJsonSchema, AGENT_TOOLS, type AgentToolName } from '../../../src/core/agent-tools';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  contributes: { languageModelTools: { name: string; inputSchema: unknown }[] };
};

test("package.json's language-model tools take the inputs of the agent tools", () => {
  const tools = pkg.contributes.languageModelTools;
  assert.ok(tools.length >= 4);
  for (const t of tools) {
    const name = t.name.replace(/^kling_/, '') as AgentToolName;
    assert.ok(name in AGENT_TOOLS, `${t.name} is an agent tool`);
    assert.deepEqual(t.inputSchema, agentInputJsonSchema(name), `${t.name}'s inputSchema (regenerate it from AGENT_TOOLS)`);
  }
});

test('the extension registers exactly the tools package.json contributes', () => {
  const src = readFileSync('src/extension/agent/lm-tools.ts', 'utf8');
  const offered = /LM_TOOL_NAMES = \[([^\]]*)\]/
    .exec(src)![1]!
    .match(/'([a-z_]+)'/g)!
    .map(s => `kling_${s.slice(1, -1)}`);
  assert.deepEqual(offered.sort(), pkg.contributes.languageModelTools.map(t => t.name).sort());
});
