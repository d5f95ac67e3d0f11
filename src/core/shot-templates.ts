// The shot templates of New Shot File, the sequence editor's Add Shot, an empty shot file's
// template button and `kling init`, unit-tested in test/unit/generation. A few are written by hand
// (V3, O3, turbo: a prompt worth reading, the settings a user changes first); every other family
// and kind the registry holds gets one made from its entry, so a new endpoint is in New Shot File
// without code here. Words go through @vscode/l10n when the list is made (after
// activate() set the bundle), never at load.
import * as l10n from '@vscode/l10n';
import { fieldsOf } from './field-info';
import { endpointLabel, formLayout } from './form-layout';
import { endpointIdFor, ENDPOINTS, entryFor, type EndpointEntry } from './registry';
import type { MediaRole } from './types';

/** A file of the user's that a template needs before it can be valid. */
export interface TemplateMedia {
  /** The top-level key, and the `{{key}}` placeholder in the text. */
  key: string;
  kind: 'image' | 'video' | 'audio';
  /** The field's media role where the registry gives one (a video to edit has limits of its own). */
  role?: MediaRole;
  /** What the picker asks for. */
  title: string;
}

export interface ShotTemplate {
  /** The endpoint the file names (a full id). */
  endpoint: string;
  label: string;
  description: string;
  fileName: string;
  text: string;
  /** Asked for before the file is created, so it never opens with an error. */
  media?: readonly TemplateMedia[];
}

// Each template is a valid request (no diagnostics) once its media are filled in: the files it
// needs are asked for before it is written (test/unit/generation checks both, for every entry).
function handWritten(): ShotTemplate[] {
  const v3t2v = endpointIdFor('text-to-video', 'pro')!;
  const v3i2v = endpointIdFor('image-to-video', 'pro')!;
  const motion = endpointIdFor('motion-control', 'pro')!;
  const o3r2v = endpointIdFor('reference-to-video', 'pro', 'o3')!;
  const o3i2v = endpointIdFor('image-to-video', 'pro', 'o3')!;
  const turboT2v = endpointIdFor('text-to-video', 'pro', 'turbo')!;
  return [
    {
      endpoint: v3t2v,
      label: l10n.t('Text to video'),
      description: l10n.t('one prompt, 5 s, 16:9, with audio'),
      fileName: 'shot',
      text: `{
  // Kling 3.0 Pro text-to-video on fal.ai. Every key below is sent as the request body,
  // except "endpoint" (which model to call) and "$schema".
  "endpoint": "${v3t2v}",
  "prompt": "A lighthouse on a cliff at dusk, waves crashing below, slow dolly-in, warm light",
  "duration": "5",
  "aspect_ratio": "16:9",
  "generate_audio": true,
  "negative_prompt": "blur, distort, and low quality",
  "cfg_scale": 0.5
}
`,
    },
    {
      endpoint: v3t2v,
      label: l10n.t('Text to video, multi-shot'),
      description: l10n.t('a storyboard of shots whose durations add up'),
      fileName: 'storyboard',
      text: `{
  // A storyboard: each shot has its own prompt and duration; the durations must add up to
  // "duration". "prompt" and "multi_prompt" are mutually exclusive.
  "endpoint": "${v3t2v}",
  "multi_prompt": [
    { "prompt": "Wide shot: a red kite rises over a green hill, morning light", "duration": "3" },
    { "prompt": "Close-up: a child laughs, holding the kite string", "duration": "3" },
    { "prompt": "Aerial: the kite drifts above the clouds", "duration": "4" }
  ],
  "duration": "10",
  "shot_type": "customize",
  "aspect_ratio": "16:9",
  "generate_audio": true
}
`,
    },
    {
      endpoint: v3i2v,
      label: l10n.t('Image to video'),
      description: l10n.t('animate a start image (local file or https URL)'),
      fileName: 'image-shot',
      media: [{ key: 'start_image_url', kind: 'image', title: l10n.t('Choose the start image (the first frame of the clip)') }],
      text: `{
  // Image-to-video: the clip starts from this image. A path relative to this file is uploaded
  // to fal storage when you generate (it must be inside the workspace, at least 300 px, ≤ 10 MB).
  "endpoint": "${v3i2v}",
  "start_image_url": "{{start_image_url}}",
  "prompt": "The camera slowly pushes in while leaves drift across the frame",
  "duration": "5",
  "generate_audio": false
}
`,
    },
    {
      endpoint: motion,
      label: l10n.t('Motion control'),
      description: l10n.t('transfer the motion of a video onto a character image'),
      fileName: 'motion-shot',
      media: [
        { key: 'image_url', kind: 'image', title: l10n.t('Choose the character image') },
        { key: 'video_url', kind: 'video', title: l10n.t('Choose the reference video whose motion the character follows') },
      ],
      text: `{
  // Motion control: the character in image_url performs the motion of video_url.
  // The clip is as long as the reference video (≤ 10 s with orientation "image", ≤ 30 s with "video").
  "endpoint": "${motion}",
  "image_url": "{{image_url}}",
  "video_url": "{{video_url}}",
  "character_orientation": "video",
  "keep_original_sound": true,
  "prompt": "A dancer on a rooftop at sunset"
}
`,
    },
    {
      endpoint: o3r2v,
      label: l10n.t('O3 reference to video'),
      description: l10n.t('a clip in the style of reference images, named in the prompt as @Image1, @Image2, …'),
      fileName: 'reference-shot',
      media: [{ key: 'image_urls', kind: 'image', title: l10n.t('Choose a reference image (@Image1 in the prompt)') }],
      text: `{
  // Kling O3 reference-to-video: the prompt names each reference image as @Image1, @Image2, … in
  // the order of "image_urls" (and elements, if you add them, as @Element1, …).
  "endpoint": "${o3r2v}",
  "prompt": "A quiet harbour town at dawn in the style of @Image1, boats rocking gently",
  "image_urls": ["{{image_urls}}"],
  "duration": "5",
  "aspect_ratio": "16:9",
  "generate_audio": false
}
`,
    },
    {
      endpoint: o3i2v,
      label: l10n.t('O3 image to video'),
      description: l10n.t('animate a start image with Kling O3 (its first frame is image_url)'),
      fileName: 'o3-image-shot',
      media: [{ key: 'image_url', kind: 'image', title: l10n.t('Choose the start image (the first frame of the clip)') }],
      text: `{
  // Kling O3 image-to-video: the clip starts from image_url (V3 calls it start_image_url).
  "endpoint": "${o3i2v}",
  "image_url": "{{image_url}}",
  "prompt": "The camera slowly pushes in while leaves drift across the frame",
  "duration": "5",
  "generate_audio": false
}
`,
    },
    {
      endpoint: turboT2v,
      label: l10n.t('Turbo text to video'),
      description: l10n.t('Kling 3.0 Turbo: faster, silent, one price per second'),
      fileName: 'turbo-shot',
      text: `{
  // Kling 3.0 Turbo text-to-video: no sound, no negative prompt or CFG scale.
  "endpoint": "${turboT2v}",
  "prompt": "A paper boat drifts down a rain-soaked street, low angle, soft reflections",
  "duration": "5",
  "aspect_ratio": "16:9"
}
`,
    },
  ];
}

/** What a made template writes for a setting it shows: its default. */
const SHOWN_SETTINGS = ['duration', 'aspect_ratio', 'resolution'];

/**
 * A template made from a registry entry: its required fields (a media field asked for, another
 * given its default or first allowed value), a prompt where it takes one, and the first settings
 * with their defaults, so the file shows what there is to change.
 */
export function registryTemplate(entry: EndpointEntry): ShotTemplate {
  const form = formLayout(entry);
  const fields = fieldsOf(entry.id).filter(f => f.name !== '' && !f.key.includes('.') && !f.key.includes('[]'));
  const lines: string[] = [`"endpoint": ${JSON.stringify(entry.id)}`];
  const media: TemplateMedia[] = [];
  if (form.prompt) {
    lines.push(`"prompt": "A lighthouse on a cliff at dusk, waves crashing below, slow dolly-in, warm light"`);
  }
  for (const m of form.media.filter(x => x.required)) {
    const label = fields.find(f => f.name === m.key)?.label ?? m.key;
    media.push({ key: m.key, kind: m.kind, role: m.role, title: l10n.t('Choose the file for {0}', label) });
    lines.push(`${JSON.stringify(m.key)}: ${m.list ? `["{{${m.key}}}"]` : `"{{${m.key}}}"`}`);
  }
  const mediaKeys = new Set(form.media.map(m => m.key));
  for (const f of fields) {
    if (f.name === 'prompt' || mediaKeys.has(f.name) || !(f.required || SHOWN_SETTINGS.includes(f.name))) continue;
    const value = f.default ?? f.enum?.[0] ?? (f.type === 'boolean' ? false : f.type === 'number' ? (f.minimum ?? 0) : undefined);
    if (value !== undefined) lines.push(`${JSON.stringify(f.name)}: ${JSON.stringify(value)}`);
  }
  const name = endpointLabel(entry);
  return {
    endpoint: entry.id,
    label: name,
    description: entry.id,
    fileName: entry.kind.replace(/[^a-z0-9]+/gi, '-'),
    media,
    text: `{\n  // ${name} on fal.ai. Every key below is sent as the request body, except "endpoint".\n  ${lines.join(',\n  ')}\n}\n`,
  };
}

/** The templates New Shot File offers: the hand-written ones, then one per family and kind they leave out. */
export function shotTemplates(): ShotTemplate[] {
  const written = handWritten();
  const key = (e: EndpointEntry) => `${e.family}/${e.kind}`;
  const covered = new Set(written.map(t => key(entryFor(t.endpoint)!)));
  const made: ShotTemplate[] = [];
  for (const e of ENDPOINTS) {
    if (!covered.has(key(e))) {
      covered.add(key(e));
      made.push(registryTemplate(e));
    }
  }
  return [...written, ...made];
}

/** The template's text with each `{{key}}` replaced by the path or URL chosen for it. */
export function fillTemplate(t: ShotTemplate, media: Readonly<Record<string, string>>): string {
  return t.text.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => {
    const value = media[key];
    return value === undefined ? whole : JSON.stringify(value).slice(1, -1);
  });
}
