// The field labels and descriptions the editor shows (hover, completion, the shot editor's form),
// translated where they are read. The English lives in the zod schemas, which also make the
// published JSON Schema file and stay English; `npm run l10n` only sees literal calls, so each text
// has its case here (a unit test checks that none is missing).
import * as l10n from '@vscode/l10n';

/** A schema title or description as the user reads it; text without a case stays as it is. */
export function schemaText(english: string): string {
  switch (english) {
    case 'Prompt':
      return l10n.t('Prompt');
    case 'What happens in the clip. Refer to elements as @Element1, @Element2, … Use either this or multi_prompt, not both.':
      return l10n.t('What happens in the clip. Refer to elements as @Element1, @Element2, … Use either this or multi_prompt, not both.');
    case 'Storyboard (multi_prompt)':
      return l10n.t('Storyboard (multi_prompt)');
    case 'Splits the clip into up to 6 shots, each with its own prompt and duration. Replaces prompt; the shot durations must add up to duration (3–15 s).':
      return l10n.t(
        'Splits the clip into up to 6 shots, each with its own prompt and duration. Replaces prompt; the shot durations must add up to duration (3–15 s).',
      );
    case 'Shot prompt':
      return l10n.t('Shot prompt');
    case 'What happens in this shot (up to 512 characters).':
      return l10n.t('What happens in this shot (up to 512 characters).');
    case 'Shot duration (s)':
      return l10n.t('Shot duration (s)');
    case 'Length of this shot in seconds, as a string ("1"…"15").':
      return l10n.t('Length of this shot in seconds, as a string ("1"…"15").');
    case 'Duration (s)':
      return l10n.t('Duration (s)');
    case 'Length of the whole clip in seconds, written as a string ("3"…"15"). With multi_prompt it must equal the sum of the shot durations.':
      return l10n.t(
        'Length of the whole clip in seconds, written as a string ("3"…"15"). With multi_prompt it must equal the sum of the shot durations.',
      );
    case 'Generate audio':
      return l10n.t('Generate audio');
    case 'Generate a native soundtrack (speech in English or Chinese; other languages come out in English). Audio costs more per second.':
      return l10n.t(
        'Generate a native soundtrack (speech in English or Chinese; other languages come out in English). Audio costs more per second.',
      );
    case 'Shot type':
      return l10n.t('Shot type');
    case '"customize" follows your storyboard; "intelligent" lets the model decide the shot structure. Use "customize" with multi_prompt.':
      return l10n.t(
        '"customize" follows your storyboard; "intelligent" lets the model decide the shot structure. Use "customize" with multi_prompt.',
      );
    case 'Aspect ratio':
      return l10n.t('Aspect ratio');
    case 'Frame shape of the generated clip.':
      return l10n.t('Frame shape of the generated clip.');
    case 'Negative prompt':
      return l10n.t('Negative prompt');
    case 'What the model should avoid (up to 2500 characters).':
      return l10n.t('What the model should avoid (up to 2500 characters).');
    case 'CFG scale':
      return l10n.t('CFG scale');
    case 'How strictly the model follows the prompt: 0 is loose, 1 is strict.':
      return l10n.t('How strictly the model follows the prompt: 0 is loose, 1 is strict.');
    case 'Start image':
      return l10n.t('Start image');
    case 'First frame of the clip (required). An https: URL or a path relative to this file; at most 10 MB, at least 300×300 px, aspect ratio 0.4–2.5.':
      return l10n.t(
        'First frame of the clip (required). An https: URL or a path relative to this file; at most 10 MB, at least 300×300 px, aspect ratio 0.4–2.5.',
      );
    case 'End image':
      return l10n.t('End image');
    case 'Optional last frame of the clip. An https: URL or a path relative to this file; at most 10 MB, at least 300×300 px, aspect ratio 0.4–2.5.':
      return l10n.t(
        'Optional last frame of the clip. An https: URL or a path relative to this file; at most 10 MB, at least 300×300 px, aspect ratio 0.4–2.5.',
      );
    case 'Elements':
      return l10n.t('Elements');
    case 'Characters or objects to keep consistent, referenced in prompts as @Element1, @Element2, … (Kling allows up to 3).':
      return l10n.t('Characters or objects to keep consistent, referenced in prompts as @Element1, @Element2, … (Kling allows up to 3).');
    case 'Frontal image':
      return l10n.t('Frontal image');
    case 'Main, front-facing view of the element. An https: URL or a path relative to this file; at most 10 MB, at least 300×300 px, aspect ratio 0.4–2.5.':
      return l10n.t(
        'Main, front-facing view of the element. An https: URL or a path relative to this file; at most 10 MB, at least 300×300 px, aspect ratio 0.4–2.5.',
      );
    case 'Reference images':
      return l10n.t('Reference images');
    case 'One to three more views of the element (same image limits as the frontal image).':
      return l10n.t('One to three more views of the element (same image limits as the frontal image).');
    case 'Reference image':
      return l10n.t('Reference image');
    case 'Another view of the element. An https: URL or a path relative to this file; at most 10 MB, at least 300×300 px, aspect ratio 0.4–2.5.':
      return l10n.t(
        'Another view of the element. An https: URL or a path relative to this file; at most 10 MB, at least 300×300 px, aspect ratio 0.4–2.5.',
      );
    case 'Element video':
      return l10n.t('Element video');
    case 'A video of the element instead of images: https: URL or relative path; at most 200 MB, 720–2160 px per side, 3–10 s, 24–60 fps. Only one element per request may be a video.':
      return l10n.t(
        'A video of the element instead of images: https: URL or relative path; at most 200 MB, 720–2160 px per side, 3–10 s, 24–60 fps. Only one element per request may be a video.',
      );
    case 'Voice id':
      return l10n.t('Voice id');
    case 'A voice made with fal-ai/kling-video/create-voice, bound to this element (works with video elements).':
      return l10n.t('A voice made with fal-ai/kling-video/create-voice, bound to this element (works with video elements).');
    case 'Character image':
      return l10n.t('Character image');
    case 'The character and background to animate (required). Body clearly visible, not occluded, over 5% of the frame. An https: URL or a path relative to this file; at most 10 MB, at least 300×300 px, aspect ratio 0.4–2.5.':
      return l10n.t(
        'The character and background to animate (required). Body clearly visible, not occluded, over 5% of the frame. An https: URL or a path relative to this file; at most 10 MB, at least 300×300 px, aspect ratio 0.4–2.5.',
      );
    case 'Motion reference video':
      return l10n.t('Motion reference video');
    case 'The video whose motion is transferred (required): a realistic character, full or upper body with head visible. At most 10 s with orientation "image", 30 s with "video".':
      return l10n.t(
        'The video whose motion is transferred (required): a realistic character, full or upper body with head visible. At most 10 s with orientation "image", 30 s with "video".',
      );
    case 'Character orientation':
      return l10n.t('Character orientation');
    case '"image" keeps the orientation of the image (camera moves; video ≤ 10 s); "video" follows the video (complex motion; video ≤ 30 s). Required.':
      return l10n.t(
        '"image" keeps the orientation of the image (camera moves; video ≤ 10 s); "video" follows the video (complex motion; video ≤ 30 s). Required.',
      );
    case 'Keep original sound':
      return l10n.t('Keep original sound');
    case "Keep the reference video's audio in the result.":
      return l10n.t("Keep the reference video's audio in the result.");
    case 'Face element':
      return l10n.t('Face element');
    case 'At most one face element, referenced as @Element1; only with character_orientation "video".':
      return l10n.t('At most one face element, referenced as @Element1; only with character_orientation "video".');
    case 'Front view of the face to keep consistent. An https: URL or a path relative to this file; at most 10 MB, at least 300×300 px, aspect ratio 0.4–2.5.':
      return l10n.t(
        'Front view of the face to keep consistent. An https: URL or a path relative to this file; at most 10 MB, at least 300×300 px, aspect ratio 0.4–2.5.',
      );
    case 'Up to three more views of the face (same image limits as the frontal image).':
      return l10n.t('Up to three more views of the face (same image limits as the frontal image).');
    default:
      return english;
  }
}
