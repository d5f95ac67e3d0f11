// The cast editor (`*.kling-cast.json`): a CustomTextEditor on the one webview host, the
// TextDocument its only model (undo, dirty state, save and hot exit are VS Code's). The page shows
// each member (thumbnail, description, voice sample, the shots using it) and sends intents; each
// becomes the smallest edit of the text through core's cast edits, or the rename command.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  addMemberEdits,
  analyzeCast,
  errorText,
  fillBlankEdits,
  isBlankJson,
  MAX_SHOT_FILE_BYTES,
  memberMediaRefs,
  removeMemberEdits,
  shotUsesMember,
  starterCastText,
  type CastMember,
  type TextEdit,
} from '../../core';
import { readTextInside } from '../../takes/boundary';
import { FromCast, type CastDocMessage, type MemberView, type ToCast } from '../../shared/cast-messages';
import { BoundaryCache, remoteBlocked } from '../common/media-boundary';
import { relativeMediaPath } from '../common/media-picker';
import { mediaRoots, mediaViews } from '../common/media-views';
import { workspaceRoots } from '../common/take-index';
import { Disposable } from '../dispose';
import type { Log } from '../log';
import { OneAtATime } from '../one-at-a-time';
import { getSetting } from '../settings/settings';
import { workspaceEdit } from '../text-edits';
import { WebviewHost } from '../webview/webview-host';
import { openText, RENAME_CAST_MEMBER, shotsUnder } from './rename-member';

export const CAST_EDITOR_VIEW_TYPE = 'klingStudio.castEditor';
/** Hidden command for the in-host tests: hand a message to the open cast editor of a file as its page would; without one, its last document message. */
export const CAST_EDITOR_TEST_COMMAND = 'klingStudio._test.castEditor';

class CastEditorSession extends Disposable {
  lastMessage: CastDocMessage | undefined;
  private readonly host: WebviewHost<FromCast, ToCast, unknown>;
  private readonly readOnly: boolean;
  private readonly boundary = new BoundaryCache(workspaceRoots, () => void this.refresh());
  private readonly refresher = new OneAtATime(
    () => this.send(),
    e => this.log.error(`cast editor: ${errorText(e)}`),
    () => this.isDisposed,
  );

  constructor(
    private readonly document: vscode.TextDocument,
    panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly log: Log,
  ) {
    super();
    this.readOnly = vscode.workspace.fs.isWritableFileSystem(document.uri.scheme) === false;
    this.register(this.boundary);
    this.host = this.register(
      new WebviewHost<FromCast, ToCast, unknown>(
        panel,
        {
          extensionUri,
          log,
          name: 'cast editor',
          script: 'cast-editor.main.js',
          title: vscode.l10n.t('Kling Cast Editor'),
          incoming: FromCast,
          roots: mediaRoots,
          remoteImages: () => this.remoteBlocked() === undefined,
        },
        msg => this.handle(msg),
      ),
    );
    this.register(this.host.onDidDispose(() => this.dispose()));
    this.register(
      vscode.workspace.onDidChangeTextDocument(e => {
        if (e.document === document && e.contentChanges.length > 0) void this.refresh();
      }),
    );
    // "Used in" follows the shots: saved, made, deleted or renamed.
    const isShot = (u: vscode.Uri) => u.path.endsWith('.kling.json');
    this.register(vscode.workspace.onDidSaveTextDocument(d => isShot(d.uri) && void this.refresh()));
    this.register(vscode.workspace.onDidCreateFiles(e => e.files.some(isShot) && void this.refresh()));
    this.register(vscode.workspace.onDidDeleteFiles(e => e.files.some(isShot) && void this.refresh()));
    this.register(vscode.workspace.onDidRenameFiles(e => e.files.some(f => isShot(f.oldUri) || isShot(f.newUri)) && void this.refresh()));
  }

  get onDidDispose(): vscode.Event<void> {
    return this.host.onDidDispose;
  }

  receive(raw: unknown): Promise<unknown> {
    return this.host.receive(raw);
  }

  private remoteBlocked(): 'untrusted' | 'setting' | undefined {
    return remoteBlocked(getSetting('editor.remotePreviews'), vscode.workspace.isTrusted, false);
  }

  private async handle(msg: FromCast): Promise<unknown> {
    switch (msg.type) {
      case 'ready':
        this.lastMessage = undefined;
        await this.refresh();
        return undefined;
      case 'reopenAsText':
        await vscode.commands.executeCommand('klingStudio.reopenAsText', this.document.uri);
        return undefined;
      case 'openShot': {
        // Only a shot the page was shown: a page cannot open any file it names.
        const known = this.lastMessage?.members.some(m => m.usedIn.some(u => u.file === msg.file));
        if (known) await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(msg.file), { preview: false });
        return undefined;
      }
      case 'renameMember':
        if (this.refuseReadOnly()) return false;
        return vscode.commands.executeCommand<boolean>(RENAME_CAST_MEMBER, this.document.uri, msg.name);
      case 'removeMember':
        if (this.refuseReadOnly()) return false;
        return this.edit(() => removeMemberEdits(this.document.getText(), msg.name));
      case 'addMember':
        if (this.refuseReadOnly()) return false;
        return this.addMember(msg.name, msg.images);
      case 'startFromTemplate':
        if (this.refuseReadOnly()) return false;
        return this.edit(() => fillBlankEdits(this.document.getText(), starterCastText()));
    }
  }

  private refuseReadOnly(): boolean {
    if (this.readOnly) void this.host.post({ type: 'failed', message: vscode.l10n.t('This file is read-only.') });
    return this.readOnly;
  }

  private async addMember(name?: string, images?: readonly string[]): Promise<boolean> {
    const dir = vscode.Uri.joinPath(this.document.uri, '..');
    let paths = images;
    if (!paths) {
      const picked = await vscode.window.showOpenDialog({
        canSelectMany: true,
        canSelectFiles: true,
        canSelectFolders: false,
        defaultUri: dir,
        filters: { Images: ['png', 'jpg', 'jpeg', 'webp'] },
        openLabel: vscode.l10n.t('Use Images'),
        title: vscode.l10n.t('Choose 2–4 images of the new member: the first is its frontal image'),
      });
      if (!picked?.length) return false;
      paths = picked.map(f => relativeMediaPath(dir, f));
    }
    const first = paths[0] ? path.basename(paths[0]).replace(/\.[^.]*$/, '') : '';
    const suggestion = first.replace(/[^A-Za-z0-9_]/g, '_').replace(/^[^A-Za-z]+/, '');
    const chosen =
      name ??
      (await vscode.window.showInputBox({
        title: vscode.l10n.t('Name of the new member'),
        prompt: vscode.l10n.t('Shots list it in "cast" and say @Name in prompts.'),
        value: suggestion ? suggestion[0]!.toUpperCase() + suggestion.slice(1) : '',
      }));
    if (chosen === undefined) return false;
    const list = paths;
    return this.edit(() => addMemberEdits(this.document.getText(), chosen, list));
  }

  /** One minimal edit of the document (one undo step); a refusal is told on the page. */
  private async edit(make: () => TextEdit[]): Promise<boolean> {
    let edits: TextEdit[];
    try {
      edits = make();
    } catch (e) {
      void this.host.post({ type: 'failed', message: errorText(e) });
      return false;
    }
    const ok = await vscode.workspace.applyEdit(workspaceEdit(this.document, edits));
    if (!ok) void this.host.post({ type: 'failed', message: vscode.l10n.t('VS Code refused the edit (is the file read-only?).') });
    return ok;
  }

  refresh(): Promise<void> {
    return this.refresher.run();
  }

  private async send(): Promise<void> {
    const version = this.document.version;
    const text = this.document.getText();
    const cast = analyzeCast(this.document.uri.fsPath, text);
    const shots = await shotsUnder(this.document.uri.fsPath);
    const texts = new Map<string, string>();
    for (const s of shots) {
      if (cast.members.some(m => s.cast.members.get(m.name)?.file === this.document.uri.fsPath))
        texts.set(
          s.uri.fsPath,
          // Read, not opened: opening would make every shot a document the analysis then checks.
          openText(s.uri.fsPath) ??
            (await readTextInside(s.uri.fsPath, { roots: workspaceRoots(), maxBytes: MAX_SHOT_FILE_BYTES, kind: 'shot file' }).catch(
              () => '',
            )),
        );
    }
    if (this.isDisposed) return;
    if (version !== this.document.version) {
      this.refresher.runAgain();
      return;
    }
    const usedIn = (m: CastMember) =>
      shots
        .filter(s => s.cast.members.get(m.name)?.file === m.file && shotUsesMember(texts.get(s.uri.fsPath) ?? '', m.name))
        .map(s => ({ file: s.uri.fsPath, label: vscode.workspace.asRelativePath(s.uri, false) }));
    const msg: CastDocMessage = {
      type: 'cast',
      version,
      fileName: path.basename(this.document.uri.fsPath),
      members: cast.members.map(m => this.memberView(m, usedIn(m))),
      problems: cast.diagnostics.map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`),
      readOnly: this.readOnly,
      blank: isBlankJson(text),
    };
    this.lastMessage = msg;
    void this.host.post(msg);
  }

  private memberView(m: CastMember, usedIn: MemberView['usedIn']): MemberView {
    const views = mediaViews(this.host.webview, this.document.uri, memberMediaRefs(m), {
      remoteBlocked: this.remoteBlocked(),
      boundary: this.boundary,
    });
    const view = (value: string | undefined) => (value === undefined ? undefined : views.find(v => v.value === value));
    const thumbValue = m.frontal_image_url ?? m.video_url;
    const thumb = view(thumbValue);
    const voice = view(m.voice_url);
    return {
      name: m.name,
      ...(m.description !== undefined && { description: m.description }),
      ...(thumb?.src && { thumb: { kind: m.video_url !== undefined ? ('video' as const) : ('image' as const), src: thumb.src } }),
      ...(thumb?.problem && { thumbProblem: thumb.problem }),
      references: (m.reference_image_urls ?? []).flatMap(u => view(u)?.src ?? []),
      ...(voice?.src && { voiceSrc: voice.src }),
      ...(m.voice_id !== undefined && { voiceId: m.voice_id }),
      usedIn,
    };
  }
}

/** Registers the cast editor (and, in tests, the hook that talks to it as its page would). */
export function registerCastEditor(context: vscode.ExtensionContext, log: Log, testHooks: boolean): vscode.Disposable {
  const sessions = new Map<string, CastEditorSession>();
  const provider: vscode.CustomTextEditorProvider = {
    resolveCustomTextEditor(document, panel) {
      const session = new CastEditorSession(document, panel, context.extensionUri, log);
      const key = document.uri.toString();
      sessions.set(key, session);
      session.onDidDispose(() => sessions.get(key) === session && sessions.delete(key));
    },
  };
  return vscode.Disposable.from(
    vscode.window.registerCustomEditorProvider(CAST_EDITOR_VIEW_TYPE, provider, { supportsMultipleEditorsPerDocument: true }),
    ...(testHooks
      ? [
          vscode.commands.registerCommand(CAST_EDITOR_TEST_COMMAND, (uri: vscode.Uri, msg?: unknown) => {
            const s = sessions.get(uri.toString());
            return msg === undefined ? s?.lastMessage : s?.receive(msg);
          }),
        ]
      : []),
  );
}
