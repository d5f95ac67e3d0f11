import * as vscode from 'vscode';
import type { Log } from './log';

const SHOT_EDITOR = 'klingStudio.shotEditor';
const SEQUENCE_EDITOR = 'klingStudio.sequenceEditor';
const CAST_EDITOR = 'klingStudio.castEditor';
const OUR_EDITORS = new Set([SHOT_EDITOR, SEQUENCE_EDITOR, CAST_EDITOR]);

export function registerCommands(_log: Log): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('klingStudio.reopenAsText', async (uri?: vscode.Uri) => {
      const target = uri ?? activeShotUri();
      if (target) {
        await swapEditor(target, 'default', tab => tab.input instanceof vscode.TabInputCustom && OUR_EDITORS.has(tab.input.viewType));
      }
    }),
    vscode.commands.registerCommand('klingStudio.reopenInShotEditor', async (uri?: vscode.Uri) => {
      const target = uri ?? activeShotUri();
      if (target) {
        await swapEditor(target, SHOT_EDITOR, tab => tab.input instanceof vscode.TabInputText);
      }
    }),
    vscode.commands.registerCommand('klingStudio.reopenInSequenceEditor', async (uri?: vscode.Uri) => {
      const target = uri ?? activeShotUri();
      if (target) {
        await swapEditor(target, SEQUENCE_EDITOR, tab => tab.input instanceof vscode.TabInputText);
      }
    }),
  ];
}

/**
 * Show `uri` with `viewType` in the place of the tab that shows it now (the active one if it is
 * there, else the first): open the new editor in the same group, then close the old tab. The
 * TextDocument stays open throughout, so unsaved changes and undo history are kept.
 */
async function swapEditor(uri: vscode.Uri, viewType: string, isOld: (tab: vscode.Tab) => boolean): Promise<void> {
  const same = (tab: vscode.Tab) => isOld(tab) && (tab.input as { uri?: vscode.Uri } | undefined)?.uri?.toString() === uri.toString();
  const active = vscode.window.tabGroups.activeTabGroup.activeTab;
  const old = active && same(active) ? active : vscode.window.tabGroups.all.flatMap(g => g.tabs).find(same);
  const column = old?.group.viewColumn ?? vscode.window.tabGroups.activeTabGroup.viewColumn;
  await vscode.commands.executeCommand('vscode.openWith', uri, viewType, { viewColumn: column, preview: false });
  if (old) {
    // Find it again: opening may have moved tabs, and a Tab object is only a snapshot.
    const still = vscode.window.tabGroups.all.find(g => g.viewColumn === column)?.tabs.find(same);
    if (still) {
      await vscode.window.tabGroups.close(still, true);
    }
  }
}

/** The shot file of the active tab, whether it shows the custom editor or a text editor. */
export function activeShotUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputCustom || input instanceof vscode.TabInputText) {
    return input.uri;
  }
  return vscode.window.activeTextEditor?.document.uri;
}
