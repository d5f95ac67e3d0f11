import type * as vscode from 'vscode';
import { isBlankJson } from '../../core/parse';
import { quickFixes } from '../../core';
import type { DocumentMessage } from '../../shared/messages';
import { readProviderConfig } from '../provider/provider-config';
import type { EditorAnalysis } from './analysis-source';
import { costView } from './cost-view';
import { configuredPrices } from '../common/prices';
import { mediaViews, type MediaViewPolicy } from '../common/media-views';

/** What the shot editor's page is sent of one document version: the parsed file, its problems, its media and cost. */
export function documentMessage(
  document: vscode.TextDocument,
  state: EditorAnalysis,
  webview: vscode.Webview,
  opts: MediaViewPolicy & { ackSeq: number; readOnly: boolean; onCostProbed: () => void },
): DocumentMessage {
  const a = state.analysis;
  return {
    type: 'document',
    version: document.version,
    ackSeq: opts.ackSeq,
    fileName: document.uri.path.split('/').pop() ?? '',
    text: a.text,
    root: a.root,
    endpoint: a.endpoint,
    // The fixes come from where the text editor's code actions come from (core's quickFixes), by title.
    diagnostics: state.diagnostics.map(d => {
      const fixes = quickFixes(a.text, d).map(f => ({ title: f.title, ...(f.isPreferred ? { preferred: true } : {}) }));
      return { severity: d.severity, code: d.code, message: d.message, path: d.path, range: d.range, ...(fixes.length ? { fixes } : {}) };
    }),
    mediaChecked: state.mediaChecked,
    media: mediaViews(webview, document.uri, a.mediaRefs, { remoteBlocked: opts.remoteBlocked, boundary: opts.boundary }),
    cost: costView(document.uri, a, configuredPrices(), opts.onCostProbed, readProviderConfig().kind === 'simulator'),
    readOnly: opts.readOnly,
    blank: isBlankJson(a.text),
  };
}
