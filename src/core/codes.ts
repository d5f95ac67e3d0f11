// Every diagnostic code, with its one severity: rules name a code and never a severity, and the
// diagnostics take it from here (severityOf). Codes are stable: quick fixes and users' filters key
// on them.
import type { Severity } from './types';

interface CodeInfo {
  severity: Severity;
  summary: string;
  fixable?: boolean;
}

const CODES = {
  'kling.parse': { severity: 'error', summary: 'Not valid JSON (comments and trailing commas are allowed)' },
  'kling.root-type': { severity: 'error', summary: 'The file must hold a JSON object' },
  'kling.internal': { severity: 'error', summary: 'Validation itself failed (a bug)' },
  'kling.endpoint': { severity: 'error', summary: 'Unknown or unsupported "endpoint"' },
  'kling.required': { severity: 'error', summary: 'A required field is missing' },
  'kling.type': { severity: 'error', summary: 'A field has the wrong type' },
  'kling.enum': { severity: 'error', summary: 'A value is not one of the allowed values' },
  'kling.range': { severity: 'error', summary: 'A number or list size is out of range' },
  'kling.duration-type': { severity: 'error', summary: 'A duration is a number instead of a string', fixable: true },
  'kling.duration': { severity: 'error', summary: 'duration is not "3"…"15" (Kling 4.0: 3…30 as a number)', fixable: true },
  'kling.shot-duration': { severity: 'error', summary: 'A shot duration is not "1"…"15" (Kling 4.0: 1…30 as a number)', fixable: true },
  'kling.prompt-length': { severity: 'error', summary: 'prompt or negative_prompt is over 2500 characters' },
  'kling.prompt-xor': { severity: 'error', summary: 'Both prompt and multi_prompt are given', fixable: true },
  'kling.prompt-required': { severity: 'error', summary: 'Neither prompt nor multi_prompt is given, or prompt is empty' },
  'kling.shot-count': { severity: 'error', summary: 'multi_prompt has no shots or more than 6' },
  'kling.shot-prompt-required': { severity: 'error', summary: 'A shot has no prompt' },
  'kling.shot-prompt-length': { severity: 'error', summary: 'A shot prompt is over 512 characters' },
  'kling.shot-duration-sum': { severity: 'error', summary: 'Shot durations do not add up to duration', fixable: true },
  'kling.shot-total-range': { severity: 'error', summary: 'Shot durations add up to less than 3 or more than 15 s', fixable: true },
  'kling.shot-type': { severity: 'warning', summary: 'shot_type "intelligent" with a storyboard', fixable: true },
  'kling.element-ref': { severity: 'error', summary: '@ElementN names no element', fixable: true },
  'kling.image-ref': { severity: 'error', summary: '@ImageN names no input image' },
  'kling.video-ref': { severity: 'error', summary: '@VideoN names no input video' },
  'kling.element-unused': { severity: 'warning', summary: 'An element is never referenced in a prompt' },
  'kling.element-shape': { severity: 'error', summary: 'An element is not exactly an image set (frontal + 1–3 references) or a video' },
  'kling.element-reference-count': { severity: 'error', summary: 'reference_image_urls has the wrong number of images' },
  'kling.element-video-count': { severity: 'error', summary: 'More than one element is a video' },
  'kling.element-voice': { severity: 'warning', summary: 'voice_id on an image element' },
  'kling.element-count': { severity: 'warning', summary: 'More than 3 elements' },
  'kling.reference-total': { severity: 'warning', summary: 'More than 4 elements and reference images together with a video (O3)' },
  'kling.orientation-required': { severity: 'error', summary: 'motion-control without character_orientation', fixable: true },
  'kling.motion-element': { severity: 'error', summary: 'Face element with character_orientation "image"', fixable: true },
  'kling.motion-element-count': { severity: 'error', summary: 'More than one motion-control element' },
  'kling.unknown-key': { severity: 'warning', summary: 'Unknown field (fal ignores it)', fixable: true },
  'kling.other-endpoint-key': { severity: 'warning', summary: "Another endpoint's field (fal ignores it here)", fixable: true },
  'kling.duplicate-key': { severity: 'warning', summary: 'Duplicate key; the earlier one is ignored' },
  'kling.media-url': { severity: 'error', summary: 'Media reference is empty or not https:/a local path' },
  'kling.media-missing': { severity: 'error', summary: 'Local media file not found' },
  'kling.media-outside-workspace': { severity: 'error', summary: 'Local media file resolves outside the workspace' },
  'kling.media-size': { severity: 'error', summary: 'Media file too large (10 MB images, 200 MB videos)' },
  'kling.media-unreadable': { severity: 'warning', summary: 'A media file could not be read (permissions, I/O)' },
  'kling.image-dimensions': { severity: 'error', summary: 'Image smaller than 300×300 px' },
  'kling.image-aspect': { severity: 'error', summary: 'Image aspect ratio outside 0.4–2.5' },
  'kling.image-format': { severity: 'error', summary: 'An image field names a file that is not a JPEG, PNG or WebP image' },
  'kling.video-duration': { severity: 'error', summary: 'Video too long or too short for its role' },
  'kling.video-dimensions': { severity: 'error', summary: 'Element video not 720–2160 px per side' },
  'kling.video-fps': { severity: 'error', summary: 'Element video frame rate outside 24–60 fps' },
  'kling.video-format': { severity: 'error', summary: 'A video field names a file with no video track' },
  'kling.video-prose-limit': {
    severity: 'warning',
    summary: "An input video is within fal's schema but beyond the stricter limits its prose still states",
  },
  'kling.audio-format': { severity: 'error', summary: 'A voice sample names a file with no sound' },
  'kling.audio-duration': { severity: 'error', summary: 'A voice sample is not 5–30 s long' },
  'kling.media-empty': { severity: 'error', summary: 'A media file is empty (0 bytes)' },
  'kling.media-data-uri': { severity: 'warning', summary: 'data: URI in a media field (not confirmed to work on fal)' },
  'kling.speech-caps': { severity: 'info', summary: 'Shouted all-caps words in dialogue are spelled out letter by letter', fixable: true },
  'kling.speech-language': { severity: 'info', summary: 'Dialogue in a language other than English or Chinese is spoken in English' },
  'kling.encoding': { severity: 'error', summary: 'The shot file is not UTF-8 text' },
  'kling.too-large': { severity: 'error', summary: 'The file is too large to be a shot file (over 5 MB)' },
  'kling.not-a-file': { severity: 'error', summary: 'The path is a directory, FIFO or device, not a shot file' },
  'kling.io': { severity: 'error', summary: 'The shot file could not be read' },
  'kling.sequence-shape': { severity: 'error', summary: 'A sequence file is not { "shots": [ "a.kling.json" | { "shot", "take"? } … ] }' },
  'kling.sequence-shot-missing': { severity: 'error', summary: 'A sequence names a shot file that does not exist' },
  'kling.sequence-take-missing': { severity: 'error', summary: 'A sequence pins a take record that does not exist' },
  'kling.sequence-take-not-done': { severity: 'error', summary: 'A sequence pins a take that is not done' },
  'kling.sequence-not-generated': { severity: 'info', summary: 'A shot of the sequence has no done take yet' },
  'kling.sequence-not-read': {
    severity: 'error',
    summary: 'A sequence names a shot or take that was not read: outside the project or workspace, or not a regular file',
  },
  'kling.cast-file': { severity: 'error', summary: 'A cast file is not { "members": { "Name": { images or a video, a voice? } } }' },
  'kling.cast-duplicate': { severity: 'error', summary: 'A cast member is defined in two cast files' },
  'kling.cast-unknown': { severity: 'error', summary: 'A shot names a cast member no cast file defines' },
  'kling.cast-unlisted': { severity: 'warning', summary: 'A prompt says @Name of a member the shot\'s "cast" does not list' },
  'kling.cast-unused': { severity: 'warning', summary: 'A member listed in "cast" is never named in a prompt' },
  'kling.cast-voice': { severity: 'warning', summary: "A member's voice is not sent: this endpoint binds no voices" },
  'kling.too-many': { severity: 'warning', summary: 'More problems than are listed (at most 200 per file)' },
} as const satisfies Record<string, CodeInfo>;

export type DiagnosticCode = keyof typeof CODES;

export const DIAGNOSTIC_CODES: Readonly<Record<DiagnosticCode, CodeInfo>> = Object.freeze(CODES);

export function severityOf(code: DiagnosticCode): Severity {
  return CODES[code].severity;
}
