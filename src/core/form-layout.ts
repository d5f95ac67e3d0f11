// What the shot editor's form shows for an endpoint, read from its registry entry and its fields
// (FIELD_INFO, from the zod schema): the prompt and storyboard, a card or a list of cards per media
// field, elements, the prompt references each input gives (@Element1, @Image1, @Video1) and the
// settings. The webview draws this and knows no endpoint or kind, so a new entry gets its form
// without code in the editor.
import * as l10n from '@vscode/l10n';
import { fieldsOf } from './field-info';
import { mediaKindOf } from './rules/media-refs';
import { durationRuleOf, type DurationRule, type EndpointEntry, type Family } from './registry';
import type { MediaRole } from './types';

/** The word after `@` in a prompt for each kind of input: `@Element1`, `@Image1`, `@Video1`. */
export type ReferenceKind = 'Element' | 'Image' | 'Video';

export interface FormMedia {
  /** The top-level key (`start_image_url`, `image_urls`, `video_url`). */
  key: string;
  kind: 'image' | 'video' | 'audio';
  role: MediaRole;
  /** A list of files, each a card; its order is the order fal reads them (and of their @ names). */
  list: boolean;
  required: boolean;
  maxItems?: number;
  /** The prompt refers to this input as `@Image1`… or `@Video1`…, numbered across such fields in order. */
  reference?: Exclude<ReferenceKind, 'Element'>;
}

export interface FormLayout {
  prompt: boolean;
  storyboard: boolean;
  media: FormMedia[];
  /** Elements, when the endpoint takes them: whether one may be a video, and how many fit. */
  elements?: { video: boolean; max: number };
  /** The kinds of `@` reference the prompt may use, in the order suggestions list them. */
  references: ReferenceKind[];
  /** The top-level settings with a control of their own, in the order the form shows them. */
  settings: string[];
  /** The clip is as long as an input video, so its length (and cost) waits for that file. */
  lengthFromVideo: boolean;
  /** How the body writes seconds (the storyboard reads and writes its durations so). */
  duration: DurationRule;
}

/** Without a schema maximum, the editor stops adding elements where Kling's own API does. */
const DEFAULT_MAX_ELEMENTS = 3;

/** Settings the form shows first, in this order where an endpoint has them; the rest follow in schema order. */
const FIRST = [
  'duration',
  'aspect_ratio',
  'resolution',
  'generate_audio',
  'keep_audio',
  'keep_original_sound',
  'character_orientation',
  'shot_type',
  'cfg_scale',
  'negative_prompt',
];
/** Keys the prompt section draws, never the settings. */
const PROMPT_KEYS = new Set(['prompt', 'multi_prompt', 'elements']);

/**
 * The prompt names a list of plain images as `@Image1`…, and an input video as `@Video1`… except
 * where the video only lends its motion (motion control), which the prompt does not name.
 */
function referenceOf(entry: EndpointEntry, role: MediaRole, list: boolean): FormMedia['reference'] {
  if (role === 'image' && list) return 'Image';
  if (mediaKindOf(role) === 'video' && entry.kind !== 'motion-control') return 'Video';
  return undefined;
}

export function formLayout(entry: EndpointEntry): FormLayout {
  const fields = fieldsOf(entry.id);
  const field = (key: string) => fields.find(f => f.key === key);
  const media: FormMedia[] = entry.media.fields.map(m => {
    const info = field(m.key);
    const reference = referenceOf(entry, m.role, m.list === true);
    return {
      key: m.key,
      kind: mediaKindOf(m.role),
      role: m.role,
      list: m.list === true,
      required: info?.required ?? false,
      ...(info?.maxItems !== undefined ? { maxItems: info.maxItems } : {}),
      ...(reference ? { reference } : {}),
    };
  });
  const mediaKeys = new Set(media.map(m => m.key));
  const elements = entry.media.elements && field('elements') ? entry.media.elements : undefined;
  const references: ReferenceKind[] = [
    ...(elements ? (['Element'] as const) : []),
    ...(['Image', 'Video'] as const).filter(r => media.some(m => m.reference === r)),
  ];
  const top = fields.filter(f => f.name !== '' && !f.key.includes('.') && !f.key.includes('[]'));
  const settings = top
    .filter(f => !PROMPT_KEYS.has(f.name) && !mediaKeys.has(f.name) && f.type !== 'object' && f.type !== 'array')
    .map(f => f.name)
    .sort((a, b) => rank(a) - rank(b));
  return {
    prompt: field('prompt') !== undefined,
    storyboard: field('multi_prompt') !== undefined,
    media,
    ...(elements ? { elements: { video: elements.video, max: field('elements')?.maxItems ?? DEFAULT_MAX_ELEMENTS } } : {}),
    references,
    settings,
    lengthFromVideo: entry.length.from === 'input-video',
    duration: durationRuleOf(entry.id),
  };
}

/** Sort key: the listed settings first in their order, the others after them (a stable sort keeps schema order). */
function rank(key: string): number {
  const i = FIRST.indexOf(key);
  return i < 0 ? FIRST.length : i;
}

// Every family has its label: a new family is a compile error here until it is named.
const FAMILY_LABELS: Record<Family, () => string> = {
  v3: () => l10n.t('Kling 3.0'),
  o3: () => l10n.t('Kling O3'),
  turbo: () => l10n.t('Kling 3.0 Turbo'),
  v4: () => l10n.t('Kling 4.0'),
  voice: () => l10n.t('Kling voices'),
};

const TIER_LABELS: Record<string, () => string> = {
  pro: () => l10n.t('Pro'),
  standard: () => l10n.t('Standard'),
  '4k': () => l10n.t('4K'),
};

/** The model's name for people: "Kling O3"; a family without a name of its own shows its id. */
export function familyLabel(family: Family): string {
  return FAMILY_LABELS[family]();
}

/** "Kling O3 Pro · reference-to-video": what the endpoint picker and New Shot File show. */
export function endpointLabel(entry: EndpointEntry): string {
  if (entry.tier === null) return l10n.t('{0} · {1}', familyLabel(entry.family), entry.kind);
  const tier = TIER_LABELS[entry.tier]?.() ?? String(entry.tier);
  return l10n.t('{0} {1} · {2}', familyLabel(entry.family), tier, entry.kind);
}
