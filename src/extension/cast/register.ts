import * as vscode from 'vscode';
import { CastMemberRenameProvider, RENAME_CAST_MEMBER, renameCastMember } from './rename-member';

/** The cast feature: renaming a member across its cast file and shots (command and F2). */
export function registerCast(): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(RENAME_CAST_MEMBER, (uri?: vscode.Uri, oldName?: string, newName?: string) =>
      renameCastMember(uri, oldName, newName),
    ),
    vscode.languages.registerRenameProvider({ pattern: '**/*.kling-cast.json' }, new CastMemberRenameProvider()),
  );
}
