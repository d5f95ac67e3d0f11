import * as vscode from 'vscode';
import * as path from 'node:path';
import { castFileShown, urlScheme, type CastMember } from '../../core';
import { markdownCode, markdownText } from '../../core/ui-text';
import { findCast } from '../../takes';
import { workspaceRoots } from '../common/take-index';
import type { CastAnalysisService } from './cast-analysis';

/** The members a shot file sees, as the take session's cast lookup finds them (open cast files' text first). */
export async function membersFor(doc: vscode.TextDocument, casts: CastAnalysisService): Promise<CastMember[]> {
  if (doc.uri.scheme !== 'file') return [];
  const found = await findCast(doc.uri.fsPath, workspaceRoots(), { textOf: f => casts.textOf(f) });
  return [...found.members.values()];
}

/** A local file's URI for a markdown image: percent-encoded, and its parentheses too, so the link cannot end early. */
function imageLink(file: string): string {
  return vscode.Uri.file(file).toString().replace(/\(/g, '%28').replace(/\)/g, '%29');
}

/** A member's hover: its name and cast file, description, images (local ones shown) and voice. */
export function memberMarkdown(m: CastMember, shotFile: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${markdownText(m.name)}** · ${markdownCode(castFileShown(m.file, shotFile))}\n\n`);
  if (m.description !== undefined) md.appendMarkdown(`${markdownText(m.description)}\n\n`);
  const images = [m.frontal_image_url, ...(m.reference_image_urls ?? [])].filter((u): u is string => u !== undefined);
  for (const img of images) {
    if (urlScheme(img) === undefined)
      md.appendMarkdown(`![${markdownText(m.name)}](${imageLink(path.resolve(path.dirname(m.file), img))}|height=96) `);
    else md.appendMarkdown(`${markdownCode(img)} `);
  }
  if (m.video_url !== undefined) md.appendMarkdown(vscode.l10n.t('Video: {0}', markdownCode(m.video_url)));
  md.appendMarkdown('\n\n');
  if (m.voice_id !== undefined) md.appendMarkdown(vscode.l10n.t('Voice id: {0}', markdownCode(m.voice_id)));
  else if (m.voice_url !== undefined)
    md.appendMarkdown(vscode.l10n.t('Voice sample: {0} (the voice is made once, on first Generate)', markdownCode(m.voice_url)));
  return md;
}
