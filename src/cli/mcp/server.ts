// The MCP server of `kling mcp` (official MCP TypeScript SDK, stdio): the agent tools of
// src/core/agent-tools.ts, each answered by the same code as its `kling` command, and the project's
// shot, sequence and cast files as resources. stdout carries the protocol; everything else goes to stderr.
import * as path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { McpServer, ResourceTemplate, type CallToolResult, type ServerContext } from '@modelcontextprotocol/server';
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import { glob } from 'tinyglobby';
import { AGENT_TOOLS, type AgentToolName } from '../../core';
import { errorText } from '../../core/error-text';
import { MAX_SEQUENCE_BYTES, readTextInside } from '../../takes';
import { generateShot } from './generate-tool';
import { McpSession, ToolError, type McpSessionOptions } from './session';
import { estimateCost, newShot, validateShot } from './shot-tools';
import { assembleSequence, listTakes, selectTakeTool } from './take-tools';

const VERSION = '1';

type Handler = (s: McpSession, input: never, ctx: ServerContext) => Promise<Record<string, unknown>>;

const HANDLERS: Record<AgentToolName, Handler> = {
  validate_shot: validateShot as Handler,
  estimate_cost: estimateCost as Handler,
  generate_shot: ((s, input, ctx) => generateShot(s, input, progressSink(ctx))) as Handler,
  list_takes: listTakes as Handler,
  select_take: selectTakeTool as Handler,
  assemble_sequence: ((s, input, ctx) => assembleSequence(s, input, ctx.mcpReq.signal)) as Handler,
  new_shot: newShot as Handler,
};

/** Progress notifications when the call carried a progress token; nothing otherwise. */
function progressSink(ctx: ServerContext): { signal: AbortSignal; progress(message: string): void } {
  const token = ctx.mcpReq._meta?.progressToken;
  let n = 0;
  return {
    signal: ctx.mcpReq.signal,
    progress(message) {
      if (token === undefined) return;
      n++;
      ctx.mcpReq
        .notify({ method: 'notifications/progress', params: { progressToken: token, progress: n, message } })
        .catch(() => undefined);
    },
  };
}

function errorResult(e: unknown): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: e instanceof ToolError ? e.message : `failed: ${errorText(e)}` }] };
}

export function createMcpServer(session: McpSession): McpServer {
  const server = new McpServer({ name: 'kling-studio', version: VERSION });
  for (const [name, tool] of Object.entries(AGENT_TOOLS) as [AgentToolName, (typeof AGENT_TOOLS)[AgentToolName]][]) {
    server.registerTool(
      name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: tool.input,
        outputSchema: tool.output,
        annotations: {
          readOnlyHint: name === 'validate_shot' || name === 'estimate_cost' || name === 'list_takes',
          openWorldHint: name === 'generate_shot',
          destructiveHint: false,
        },
      },
      async (input: unknown, ctx: ServerContext): Promise<CallToolResult> => {
        try {
          const out = await HANDLERS[name](session, input as never, ctx);
          return { content: [{ type: 'text', text: JSON.stringify(out, null, 2) }], structuredContent: out };
        } catch (e) {
          if (!(e instanceof ToolError)) session.o.log(`${name}: ${errorText(e)}`);
          return errorResult(e);
        }
      },
    );
  }
  registerFiles(server, session);
  return server;
}

const FILES = ['**/*.kling.json', '**/*.kling-seq.json', '**/*.kling-cast.json'];

function describe(file: string): string {
  return file.endsWith('.kling-seq.json')
    ? 'Kling sequence file'
    : file.endsWith('.kling-cast.json')
      ? 'Kling cast file'
      : 'Kling shot file';
}

/** The project's shot, sequence and cast files, as file: URIs below the root, read through the boundary. */
function registerFiles(server: McpServer, session: McpSession): void {
  const rootUrl = pathToFileURL(session.root).href;
  server.registerResource(
    'project-files',
    new ResourceTemplate(`${rootUrl}/{+path}`, {
      list: async () => {
        const files = await glob(FILES, { cwd: session.root, ignore: ['**/node_modules/**'], followSymbolicLinks: false });
        return {
          resources: files.sort().map(f => ({
            uri: pathToFileURL(path.join(session.root, f)).href,
            name: f,
            mimeType: 'application/json',
            description: describe(f),
          })),
        };
      },
    }),
    {
      title: 'Shot, sequence and cast files',
      description:
        'The Kling shot files (*.kling.json), sequence files (*.kling-seq.json) and cast files (*.kling-cast.json) of the project.',
    },
    async uri => {
      const file = await session.existing(fileURLToPath(uri), 'file');
      if (!FILES.some(g => file.endsWith(g.slice('**/*'.length)))) throw new ToolError(`${uri.href} is not a shot, sequence or cast file`);
      const text = await readTextInside(file, { roots: [session.root], maxBytes: MAX_SEQUENCE_BYTES, kind: 'shot file' });
      return { contents: [{ uri: uri.href, mimeType: 'application/json', text }] };
    },
  );
}

/** Serves until the client closes stdin. */
export async function serveMcp(o: McpSessionOptions): Promise<void> {
  const session = new McpSession(o);
  const server = createMcpServer(session);
  const transport = new StdioServerTransport();
  await server.connect(transport);
  const closed = new Promise<void>(resolve => {
    // connect() sets the transport's own onclose: chained, not replaced.
    const theirs = transport.onclose;
    transport.onclose = () => {
      theirs?.();
      resolve();
    };
    process.stdin.once('end', () => resolve());
  });
  o.log(
    `kling mcp: serving ${o.root}${o.capUsd !== undefined ? `, cap $${o.capUsd.toFixed(2)}` : ', no spending cap'}${o.simulator ? ', simulator' : ''}`,
  );
  await closed;
  await server.close().catch(() => undefined);
  await session.close();
}
