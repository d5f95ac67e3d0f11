// What a new project starts with (`kling init`, `npm start`'s scratch project) and what an empty
// shot, sequence or cast file is filled with: text only, so the CLI and the extension start from
// the same bytes. The example shot is New Shot File's text-to-video template.
import * as l10n from '@vscode/l10n';
import { EditError } from './edit/json-ops';
import { isBlankJson } from './parse';
import { shotTemplates, type ShotTemplate } from './shot-templates';
import type { TextEdit } from './types';

/** The template an empty shot file and a new project's example shot start from: text to video, no media to pick. */
export function starterShotTemplate(): ShotTemplate {
  const all = shotTemplates();
  return all.find(t => !t.media?.length && t.fileName === 'shot') ?? all.find(t => !t.media?.length)!;
}

/** A sequence of `shots` (paths relative to the sequence file), with a comment saying how it is read. */
export function starterSequenceText(shots: readonly string[]): string {
  const list = shots.length ? `[\n    ${shots.map(s => JSON.stringify(s)).join(',\n    ')}\n  ]` : '[]';
  return `{
  // A sequence: the shots of one cut, in order, each a shot file relative to this file. A shot's
  // circled take is used, else its newest done take; pin one with { "shot": "…", "take": "…" }.
  "shots": ${list}
}
`;
}

/** A cast with no members yet, and a comment showing what a member holds. */
export function starterCastText(): string {
  return `{
  // The cast: characters and objects defined once for every shot in this folder and below it.
  // A shot lists them in "cast": ["Mara"] and its prompt names them as @Mara. A member has a
  // front-facing image (or a video) and may have a voice, for example:
  //   "Mara": { "description": "a sailor", "frontal_image_url": "cast/mara.png", "voice_url": "cast/mara.mp3" }
  "members": {}
}
`;
}

/**
 * The edit that fills a blank file (see `isBlankJson`) with `template`; an EditError when it holds
 * anything, because a template over the user's text would be a loss one undo away.
 */
export function fillBlankEdits(text: string, template: string): TextEdit[] {
  if (!isBlankJson(text)) throw new EditError(l10n.t('The file is not empty any more: nothing was replaced.'));
  return [{ offset: 0, length: text.length, content: template }];
}
