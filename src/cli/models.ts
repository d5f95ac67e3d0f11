// `kling models list|check`: the endpoint registry as the CLI knows it, and how it compares with
// what fal publishes. `list` prints each entry (id, aliases, family, tier, kind, built-in price and
// the live price when fal's Platform API answers). `check` compares each entry's schema and price
// with fal's (core's schema-drift.ts) and prints what changed. Exit 0 when nothing drifted, 1 on
// drift, 2 for usage errors, 3 when fal's published schemas could not be read.
import {
  BUILT_IN_PRICES_AS_OF,
  DEFAULT_PRICES,
  driftText,
  ENDPOINTS,
  entryJsonSchema,
  errorText,
  mapLivePrice,
  openApiInputSchema,
  priceDrift,
  priceSourceOf,
  priceSourceText,
  schemaDrift,
  type Drift,
  type EndpointEntry,
  type LivePrice,
  type PriceTable,
  type PriceFigures,
  isResolutionPrice,
} from '../core';
import { createPlatformClient, DEFAULT_PLATFORM_URL, falKeyFromEnv, type PlatformModel } from '../client';
import { startSimulator, type Simulator } from '../simulator';
import { withLive, type LivePrices } from '../takes';
import { command, PLATFORM_URL_OPTION, platformUrlOption } from './command-line';
import { readLivePrices } from './live-prices';
import { defineCommand, HELP_OPTION } from './usage';

export const MODELS = defineCommand({
  name: 'models',
  forms: ['list', 'check'],
  summary: "the endpoint registry with its prices; check: drift from fal's published schemas and prices (exit 1)",
  options: {
    simulator: { type: 'boolean', help: "ask the built-in offline simulator's Platform API instead of fal's" },
    'platform-url': { ...PLATFORM_URL_OPTION, help: 'fal Platform API, http(s) (default https://api.fal.ai/v1)' },
    format: {
      type: 'string',
      value: 'text|json',
      default: 'text',
      help: 'json: list → [{ id, aliases, family, tier, kind, builtIn, live }], check → { drift: { "<id>": [...] }, pricesChecked }',
    },
    help: HELP_OPTION,
  },
  notes: `Prices need FAL_KEY (fal's pricing route takes a key); schemas are read without one. check exits 1
when any endpoint drifted (a field added or removed, an enum or a limit changed, a price changed),
3 when fal could not be asked.`,
});

const money = (n: number) => `$${Number(n.toFixed(4))}`;

/** An entry's per-second figures in words, by its rule. */
function figures(entry: EndpointEntry, figures: PriceFigures): string {
  const rule = entry.price;
  if (rule.type === 'per-second-by-resolution' || isResolutionPrice(figures)) {
    if (!isResolutionPrice(figures)) return '?';
    const { generate: g, videoInput: v } = figures;
    return `${money(g['720p'])}/s 720p, ${money(g['1080p'])}/s 1080p; with a video in ${money(v['720p'])}/s 720p, ${money(v['1080p'])}/s 1080p on input + output (at least ${rule.type === 'per-second-by-resolution' ? rule.minBilledMultiple : 2}× the output)`;
  }
  const usd = figures;
  switch (rule.type) {
    case 'per-second':
      return [
        `${money(usd.audioOff)}/s sound off`,
        `${money(usd.audioOn)}/s sound on`,
        ...(rule.voiceBinding && usd.voice !== undefined ? [`${money(usd.voice)}/s with a voice`] : []),
      ].join(', ');
    case 'flat-per-second':
      return `${money(usd.audioOff)}/s`;
    case 'per-call':
      return `${money(usd.audioOff)} a call`;
    default:
      return unhandled(rule);
  }
}

function unhandled(value: never): never {
  throw new Error(`Unhandled price rule: ${JSON.stringify(value)}`);
}

interface Row {
  entry: EndpointEntry;
  builtIn: string;
  live: { text: string; used: boolean; readAt: string } | undefined;
}

function rows(table: PriceTable, live: readonly LivePrice[]): Row[] {
  return ENDPOINTS.map(entry => {
    const p = live.find(l => l.endpointId === entry.id);
    const builtIn = figures(entry, DEFAULT_PRICES.byEndpoint[entry.id]!);
    if (!p) return { entry, builtIn, live: undefined };
    const mapped = mapLivePrice(entry, p);
    const text = mapped.ok
      ? `${figures(entry, table.byEndpoint[entry.id]!)}`
      : `${money(p.unitPrice)} ${p.currency} per ${p.unit}, not used: ${mapped.reason}`;
    return { entry, builtIn, live: { text, used: mapped.ok && priceSourceOf(table, entry.id).kind === 'live', readAt: p.readAt } };
  });
}

function printList(list: Row[], live: LivePrices, json: boolean): void {
  if (json) {
    const out = list.map(r => ({
      id: r.entry.id,
      aliases: r.entry.aliases,
      family: r.entry.family,
      tier: r.entry.tier,
      kind: r.entry.kind,
      builtIn: r.builtIn,
      live: r.live ? { price: r.live.text, used: r.live.used, readAt: r.live.readAt } : null,
    }));
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }
  const lines: string[] = [];
  const builtInLabel = priceSourceText({ kind: 'built-in', asOf: BUILT_IN_PRICES_AS_OF });
  for (const r of list) {
    lines.push(
      r.entry.id,
      `  aliases: ${r.entry.aliases.join(', ') || '(none)'}`,
      `  ${r.entry.family} · ${r.entry.tier} · ${r.entry.kind}`,
    );
    lines.push(`  ${builtInLabel}: ${r.builtIn}`);
    if (r.live) lines.push(`  ${priceSourceText({ kind: 'live', readAt: r.live.readAt })}: ${r.live.text}`);
  }
  const from = live.from === 'cache' ? ' (fal not reachable: the prices read earlier)' : '';
  const note =
    live.from === 'none'
      ? `live prices: not read${live.problem !== undefined ? ` (${live.problem})` : ' (FAL_KEY is not set)'}`
      : `live prices: ${live.prices.length} read${from}`;
  process.stdout.write(`${lines.join('\n')}\n\n${ENDPOINTS.length} endpoints; ${note}\n`);
}

/** Every entry's drift; undefined for an entry that did not drift. */
function driftOf(models: readonly PlatformModel[], live: readonly LivePrice[] | undefined): Map<string, Drift[]> {
  const out = new Map<string, Drift[]>();
  for (const entry of ENDPOINTS) {
    const model = models.find(m => m.endpointId === entry.id);
    const input = model?.openapi && openApiInputSchema(model.openapi, entry.id);
    const drift: Drift[] = input ? schemaDrift(entryJsonSchema(entry), input, model.openapi) : [{ kind: 'not-published', what: 'schema' }];
    if (live)
      drift.push(
        ...priceDrift(
          entry,
          live.find(p => p.endpointId === entry.id),
        ),
      );
    if (drift.length) out.set(entry.id, drift);
  }
  return out;
}

async function runCheck(platformUrl: string, live: LivePrices, json: boolean, err: (s: string) => void): Promise<number> {
  const key = falKeyFromEnv(process.env);
  const client = createPlatformClient({ platformUrl, credentials: () => key });
  let models: PlatformModel[];
  try {
    models = await client.models(
      ENDPOINTS.map(e => e.id),
      { openapi: true },
    );
  } catch (e) {
    err(`could not read fal's published schemas from ${platformUrl}: ${errorText(e)}`);
    return 3;
  } finally {
    await client.close();
  }
  // Only a price read now is compared: a remembered one says nothing about fal today.
  const prices = live.from === 'platform' ? live.prices : undefined;
  const drift = driftOf(models, prices);
  if (json) {
    process.stdout.write(`${JSON.stringify({ drift: Object.fromEntries(drift), pricesChecked: prices !== undefined }, null, 2)}\n`);
  } else {
    const lines = [...drift].flatMap(([id, ds]) => [`${id}:`, ...ds.map(d => `  - ${driftText(d)}`)]);
    const priceNote = prices ? '' : `; prices not checked (${live.problem ?? 'FAL_KEY is not set'})`;
    const summary = drift.size
      ? `${drift.size} of ${ENDPOINTS.length} endpoints differ from fal's published schemas and prices${priceNote}`
      : `no drift: ${ENDPOINTS.length} endpoints match fal's published schemas${prices ? ' and prices' : ''}${priceNote}`;
    process.stdout.write(`${[...lines, summary].join('\n')}\n`);
  }
  return drift.size ? 1 : 0;
}

export async function runModels(args: string[]): Promise<number> {
  const cmd = command(MODELS);
  const parsed = cmd.parse(args);
  if (typeof parsed === 'number') return parsed;
  const v = parsed.values;
  const [what, ...extra] = parsed.positionals;
  if (what !== 'list' && what !== 'check')
    return cmd.usageError(what === undefined ? 'say list or check' : `unknown subcommand '${what}' (list or check)`);
  if (extra.length) return cmd.usageError(`unexpected argument '${extra[0]}'`);
  if (v.format !== 'text' && v.format !== 'json') return cmd.usageError(`--format must be text or json, not '${v.format}'`);
  const platform = platformUrlOption(v['platform-url']);
  if (typeof platform === 'string') return cmd.usageError(platform);
  if (v.simulator && platform.platformUrl !== undefined) return cmd.usageError('--simulator cannot be combined with --platform-url');
  let sim: Simulator | undefined;
  try {
    if (v.simulator) sim = await startSimulator();
    const platformUrl = sim ? `${sim.url}/v1` : (platform.platformUrl ?? DEFAULT_PLATFORM_URL).replace(/\/+$/, '');
    // The simulator's prices are never cached: they are not fal's.
    if (sim && !falKeyFromEnv(process.env)) process.env.FAL_KEY = 'simulator-models-key';
    const live = await readLivePrices(platformUrl, { force: true, cache: !sim });
    if (what === 'check') return await runCheck(platformUrl, live, v.format === 'json', cmd.err);
    printList(rows(withLive(DEFAULT_PRICES, live), live.prices), live, v.format === 'json');
    return 0;
  } finally {
    await sim?.close();
  }
}
