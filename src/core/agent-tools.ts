// What an agent may call, for every face that offers it (`kling mcp`, VS Code's language-model
// tools): each tool's name, what it is for, and its input and output as zod schemas. The words are
// for the model, so they stay English, like the zod descriptions of the shot schema.
import { z } from 'zod';
import type { ShotDiagnostic } from './types';

const path = z.string().min(1).describe('A path relative to the project root (an absolute path must be inside it).');

const diagnostic = z.object({
  severity: z.enum(['error', 'warning', 'info']),
  code: z.string(),
  message: z.string(),
  // 1-based, as `kling validate` prints them.
  line: z.number().int(),
  column: z.number().int(),
});

export const AGENT_TOOLS = {
  validate_shot: {
    title: 'Validate a shot file',
    description:
      'Checks a Kling shot file (*.kling.json) or sequence file (*.kling-seq.json) as the editor and `kling validate` do, media included. Free. Returns every problem with its line and column; fix the errors before generating.',
    input: z.object({ path }),
    output: z.object({ file: z.string(), endpoint: z.string(), errors: z.number().int(), diagnostics: z.array(diagnostic) }),
  },
  estimate_cost: {
    title: 'Estimate the cost of a shot',
    description:
      'Prices one take of a shot file at fal.ai before anything is paid: the USD amount and how it was computed (seconds × price per second, with or without audio). Free.',
    input: z.object({ path }),
    output: z.object({
      file: z.string(),
      endpoint: z.string(),
      usd: z.number().nullable().describe('What one take costs at fal.ai; null when it cannot be estimated.'),
      seconds: z.number().nullable(),
      perSecondUsd: z.number().nullable(),
      audio: z.boolean().nullable(),
      simulated: z.boolean().describe('This server runs on the offline simulator: a take costs nothing here.'),
      how: z.string(),
    }),
  },
  generate_shot: {
    title: 'Generate takes of a shot (paid)',
    description:
      'Generates takes of a valid shot file at fal.ai, which COSTS MONEY: the price is reserved against the spending cap first, and a call over the cap or a budget is refused with nothing sent. Waits for the clip (minutes) and reports progress. Answers with the take record, the clip and the cost. Run estimate_cost first.',
    input: z.object({
      path,
      takes: z
        .number()
        .int()
        .min(1)
        .max(4)
        .optional()
        .describe('Takes (variations) of the shot, 1 to 4, each its own paid job (default 1).'),
    }),
    output: z.object({
      takes: z.array(
        z.object({
          record: z.string(),
          clip: z.string().nullable(),
          status: z.string(),
          costUsd: z.number().nullable(),
          error: z.string().nullable(),
        }),
      ),
      costUsd: z.number(),
      capLeftUsd: z.number().nullable().describe("What is left of this session's spending cap; null without one."),
    }),
  },
  list_takes: {
    title: "List a shot's takes",
    description:
      "Lists a shot file's takes, newest first, with their numbers (#1 first), status, cost, the creator's rating and note, and which one is circled (selected). Free.",
    input: z.object({ path }),
    output: z.object({
      takes: z.array(
        z.object({
          /** The take's number in its shot (#1 first), what a person calls it. */
          number: z.number().int(),
          record: z.string(),
          clip: z.string().nullable(),
          status: z.string(),
          createdAt: z.string(),
          selected: z.boolean(),
          rating: z.number().int().nullable(),
          note: z.string().nullable(),
          costUsd: z.number().nullable(),
          simulated: z.boolean(),
        }),
      ),
    }),
  },
  select_take: {
    title: 'Circle a take',
    description:
      'Circles (selects) a take of its shot by its take record (<shot>.<stamp>.take.json); a sequence uses the circled take. Free.',
    input: z.object({ record: path }),
    output: z.object({ record: z.string(), shotFile: z.string(), selection: z.string() }),
  },
  assemble_sequence: {
    title: 'Assemble a sequence into one MP4',
    description:
      "Joins the takes of a sequence file's shots (pinned, else circled, else newest done) into one MP4 at `out`. Free; every shot needs a done take.",
    input: z.object({ path, out: path.describe('The MP4 to write, relative to the project root.') }),
    output: z.object({ out: z.string(), shots: z.number().int(), seconds: z.number(), method: z.string() }),
  },
  new_shot: {
    title: 'Write a new shot file',
    description:
      'Writes a new shot file (*.kling.json) that validates, refusing to overwrite a file. The endpoint is a fal id or an alias such as "text-to-video", "standard/image-to-video" or "4k/text-to-video". Free.',
    input: z.object({
      path: path.describe('The new file, ending in .kling.json, relative to the project root.'),
      endpoint: z.string().min(1),
      prompt: z.string().min(1),
      duration: z.string().optional().describe('Seconds as fal takes them, e.g. "5".'),
      aspect_ratio: z.string().optional().describe('e.g. "16:9", "9:16", "1:1".'),
      generate_audio: z.boolean().optional(),
      start_image_url: z.string().optional().describe('An https URL or a local image relative to the new file.'),
    }),
    output: z.object({ path: z.string(), endpoint: z.string() }),
  },
} as const;

/** A diagnostic as every face tells an agent: 1-based line and column, as `kling validate` prints them. */
export function agentDiagnostic(d: Pick<ShotDiagnostic, 'severity' | 'code' | 'message' | 'range'>): z.infer<typeof diagnostic> {
  return { severity: d.severity, code: d.code, message: d.message, line: d.range.start.line + 1, column: d.range.start.character + 1 };
}

export type AgentToolName = keyof typeof AGENT_TOOLS;
export type AgentInput<N extends AgentToolName> = z.infer<(typeof AGENT_TOOLS)[N]['input']>;
export type AgentOutput<N extends AgentToolName> = z.infer<(typeof AGENT_TOOLS)[N]['output']>;

/** The tools that spend money: they refuse without a cap, and reserve against it. */
export const PAID_AGENT_TOOLS: ReadonlySet<AgentToolName> = new Set(['generate_shot']);

/**
 * A tool's input as JSON Schema without titles or descriptions: what package.json contributes for
 * VS Code's language-model tools, whose shown words must come from package.nls.json.
 */
export function agentInputJsonSchema(name: AgentToolName): Record<string, unknown> {
  const strip = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(strip)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .filter(([k]) => k !== 'description' && k !== 'title' && k !== '$schema')
              .map(([k, x]) => [k, strip(x)]),
          )
        : v;
  return strip(z.toJSONSchema(AGENT_TOOLS[name].input, { io: 'input' })) as Record<string, unknown>;
}
