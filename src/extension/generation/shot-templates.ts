// Pure (no vscode): the New Shot File templates, unit-tested in test/unit/generation.
import { endpointIdFor } from '../../core';

/** A file of the user's that a template needs before it can be valid. */
export interface TemplateMedia {
  /** The top-level key, and the `{{key}}` placeholder in the text. */
  key: 'start_image_url' | 'image_url' | 'video_url';
  kind: 'image' | 'video';
  /** What the picker asks for. */
  title: string;
}

export interface ShotTemplate {
  label: string;
  description: string;
  fileName: string;
  text: string;
  /** Asked for before the file is created, so it never opens with an error. */
  media?: readonly TemplateMedia[];
}

// Each template is a valid request (no diagnostics) once its media are filled in: the files it
// needs are asked for before it is written (test/unit/generation checks both).
export const SHOT_TEMPLATES: readonly ShotTemplate[] = [
  {
    label: 'Text to video',
    description: 'one prompt, 5 s, 16:9, with audio',
    fileName: 'shot',
    text: `{
  // Kling 3.0 Pro text-to-video on fal.ai. Every key below is sent as the request body,
  // except "endpoint" (which model to call) and "$schema".
  "endpoint": "${endpointIdFor('text-to-video', 'pro')}",
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
    label: 'Text to video, multi-shot',
    description: 'a storyboard of shots whose durations add up',
    fileName: 'storyboard',
    text: `{
  // A storyboard: each shot has its own prompt and duration; the durations must add up to
  // "duration". "prompt" and "multi_prompt" are mutually exclusive.
  "endpoint": "${endpointIdFor('text-to-video', 'pro')}",
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
    label: 'Image to video',
    description: 'animate a start image (local file or https URL)',
    fileName: 'image-shot',
    media: [{ key: 'start_image_url', kind: 'image', title: 'Choose the start image (the first frame of the clip)' }],
    text: `{
  // Image-to-video: the clip starts from this image. A path relative to this file is uploaded
  // to fal storage when you generate (it must be inside the workspace, at least 300 px, ≤ 10 MB).
  "endpoint": "${endpointIdFor('image-to-video', 'pro')}",
  "start_image_url": "{{start_image_url}}",
  "prompt": "The camera slowly pushes in while leaves drift across the frame",
  "duration": "5",
  "generate_audio": false
}
`,
  },
  {
    label: 'Motion control',
    description: 'transfer the motion of a video onto a character image',
    fileName: 'motion-shot',
    media: [
      { key: 'image_url', kind: 'image', title: 'Choose the character image' },
      { key: 'video_url', kind: 'video', title: 'Choose the reference video whose motion the character follows' },
    ],
    text: `{
  // Motion control: the character in image_url performs the motion of video_url.
  // The clip is as long as the reference video (≤ 10 s with orientation "image", ≤ 30 s with "video").
  "endpoint": "${endpointIdFor('motion-control', 'pro')}",
  "image_url": "{{image_url}}",
  "video_url": "{{video_url}}",
  "character_orientation": "video",
  "keep_original_sound": true,
  "prompt": "A dancer on a rooftop at sunset"
}
`,
  },
];

/** The template's text with each `{{key}}` replaced by the path or URL chosen for it. */
export function fillTemplate(t: ShotTemplate, media: Readonly<Record<string, string>>): string {
  return t.text.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => {
    const value = media[key];
    return value === undefined ? whole : JSON.stringify(value).slice(1, -1);
  });
}
