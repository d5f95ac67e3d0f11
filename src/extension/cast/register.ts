import * as vscode from 'vscode';
import type { Log } from '../log';
import { ADD_CAST_MEMBERS, addCastMembers } from './add-to-shot';
import { registerCastEditor } from './cast-editor';
import { CastMemberRenameProvider, RENAME_CAST_MEMBER, renameCastMember } from './rename-member';

/** The cast feature: the cast editor, and renaming a member across its cast file and shots (command and F2). */
export function registerCast(context: vscode.ExtensionContext, log: Log, testHooks: boolean): vscode.Disposable {
  return vscode.Disposable.from(
    registerCastEditor(context, log, testHooks),
    vscode.commands.registerCommand(RENAME_CAST_MEMBER, (uri?: vscode.Uri, oldName?: string, newName?: string) =>
      renameCastMember(uri, oldName, newName),
    ),
    vscode.commands.registerCommand(ADD_CAST_MEMBERS, (uri?: vscode.Uri, names?: string[]) => addCastMembers(uri, names)),
    vscode.languages.registerRenameProvider({ pattern: '**/*.kling-cast.json' }, new CastMemberRenameProvider()),
  );
}
