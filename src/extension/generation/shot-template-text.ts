import * as vscode from 'vscode';

// The New Shot File templates are pure data (shot-templates.ts, no vscode): their English words are
// translated here, each through a literal vscode.l10n.t call so that l10n-dev exports it.
const TRANSLATED: Record<string, () => string> = {
  'Text to video': () => vscode.l10n.t('Text to video'),
  'one prompt, 5 s, 16:9, with audio': () => vscode.l10n.t('one prompt, 5 s, 16:9, with audio'),
  'Text to video, multi-shot': () => vscode.l10n.t('Text to video, multi-shot'),
  'a storyboard of shots whose durations add up': () => vscode.l10n.t('a storyboard of shots whose durations add up'),
  'Image to video': () => vscode.l10n.t('Image to video'),
  'animate a start image (local file or https URL)': () => vscode.l10n.t('animate a start image (local file or https URL)'),
  'Choose the start image (the first frame of the clip)': () => vscode.l10n.t('Choose the start image (the first frame of the clip)'),
  'Motion control': () => vscode.l10n.t('Motion control'),
  'transfer the motion of a video onto a character image': () => vscode.l10n.t('transfer the motion of a video onto a character image'),
  'Choose the character image': () => vscode.l10n.t('Choose the character image'),
  'Choose the reference video whose motion the character follows': () =>
    vscode.l10n.t('Choose the reference video whose motion the character follows'),
};

/** A template's label, description or picker title in the display language (English if unknown). */
export function templateText(english: string): string {
  return TRANSLATED[english]?.() ?? english;
}
