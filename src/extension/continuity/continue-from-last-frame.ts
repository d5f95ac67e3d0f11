// "Continue from Last Frame" on a take: the takes panel's webview decodes the clip's last frame,
// the PNG is saved in refs/ beside the shot, and the next shot of the sequence (or a new shot
// after it) starts from it, as image-to-video. Every edit of an existing file is one undoable
// WorkspaceEdit of its TextDocument, so an open shot or sequence editor follows.
import * as vscode from 'vscode';
import { stat } from 'node:fs/promises';
import { basename, dirname, relative } from 'node:path';
import { checkInside, realRoots } from '../../takes/boundary';
import { clipPathForRecord, readTakeRecord, type TakeRecord } from '../../takes/store';
import { checkPngFrame, insertSequenceEntryAfter, mediaLimits, errorText, probeVideo } from '../../core';
import { isTrusted } from '../common/trust';
import { nodeFileAccess } from '../../media/node-files';
import type { Log } from '../log';
import { labelText, notificationText } from '../../core/ui-text';
import { LastFrameError } from '../common/last-frame-requests';
import { readRootsFor } from '../common/take-index';
import { TAKES_VIEW_TYPE } from '../common/takes-ids';
import { vscodeContinuityQuestions, type ContinuityQuestions } from './continuity-questions';
import { checkNextShotInside, checkSequenceInside, checkWritePlaces } from './inside';
import { sequencesListing, type ShotInSequence } from './next-shot';
import { Refusal } from './refusal';
import { checkNextShot, createNextShot, editDocument, portable, saveFrame, setStartImage } from './shot-files';

/** The takes panels (src/extension/takes), wired in at the composition root: they decode the frame. */
export interface FramePanels {
  /** Opens (or moves) a panel on the shot with the take selected. */
  open(
    shotUri: vscode.Uri,
    opts: { select?: string; preserveFocus?: boolean },
  ): {
    /** The PNG of the take's last frame, decoded by the panel's webview. */
    lastFrameOf(recordPath: string): Promise<Uint8Array>;
  };
}

export interface ContinueDeps {
  takes: FramePanels;
  log: Log;
}

export interface ContinueOptions {
  /** The frame as PNG bytes (the in-host tests): skips the webview's decode. */
  png?: Uint8Array;
  questions?: ContinuityQuestions;
  /** Where a refusal or failure goes (the in-host tests read it); default an error notification. */
  showError?: (message: string) => void;
}

export interface ContinueResult {
  /** The saved frame. */
  png: string;
  /** The shot that now starts from it. */
  nextShot: string;
  /** True when that shot file was created. */
  created: boolean;
  /** The sequence that lists the new shot, when one was edited. */
  sequence?: string;
}

export async function continueFromLastFrame(
  deps: ContinueDeps,
  arg: unknown,
  opts: ContinueOptions = {},
): Promise<ContinueResult | undefined> {
  // A second press while the first is still at work would make a second next shot.
  const key = recordPathArg(arg);
  if (key && inFlight.has(key)) return undefined;
  if (key) inFlight.add(key);
  try {
    return await run(deps, arg, opts);
  } catch (e) {
    const text = errorText(e);
    if (e instanceof Refusal) deps.log.warn(`continue from last frame: ${text}`);
    else deps.log.error(`continue from last frame: ${e instanceof Error ? (e.stack ?? text) : text}`);
    const message = notificationText(vscode.l10n.t('Kling: Continue from Last Frame: {0}', text));
    if (opts.showError) opts.showError(message);
    else void vscode.window.showErrorMessage(message);
    return undefined;
  } finally {
    if (key) inFlight.delete(key);
  }
}

/** Take records being continued right now. */
const inFlight = new Set<string>();

/** The take record a command got: a take record's Uri or path, or a Generations tree node. */
export function recordPathArg(arg: unknown): string | undefined {
  if (arg instanceof vscode.Uri) return arg.scheme === 'file' ? arg.fsPath : undefined;
  if (typeof arg === 'string') return arg;
  const node = arg as { entry?: { path?: unknown } } | undefined;
  return typeof node?.entry?.path === 'string' ? node.entry.path : undefined;
}

async function run(deps: ContinueDeps, arg: unknown, opts: ContinueOptions): Promise<ContinueResult | undefined> {
  const questions = opts.questions ?? vscodeContinuityQuestions;
  const recordPath = recordPathArg(arg);
  if (!recordPath || !/\.take\.json$/i.test(recordPath)) {
    throw new Refusal(
      vscode.l10n.t('run it on a take: the "Continue from Last Frame" button in the takes panel, or a take in the Kling Generations view.'),
    );
  }
  if (!isTrusted()) {
    throw new Refusal(
      vscode.l10n.t('this workspace is not trusted (Restricted Mode). It writes an image and edits shot files: trust the workspace first.'),
    );
  }
  let record: TakeRecord;
  try {
    record = await readTakeRecord(recordPath, { roots: readRootsFor(recordPath) });
  } catch (e) {
    throw new Refusal(vscode.l10n.t('{0} is not a readable take record ({1}).', recordPath, errorText(e)));
  }
  const shotPath = record.shotFile;
  if (!shotPath) throw new Refusal(vscode.l10n.t('the take record {0} does not name its shot file.', basename(recordPath)));
  const shotName = basename(shotPath);
  if (record.status !== 'done') {
    throw new Refusal(vscode.l10n.t('the take of {0} is {1}, not done: only a finished take has a last frame.', shotName, record.status));
  }
  const roots = await realRoots((vscode.workspace.workspaceFolders ?? []).filter(f => f.uri.scheme === 'file').map(f => f.uri.fsPath));
  const shotCheck = await checkInside(shotPath, roots);
  if (!shotCheck.inside) {
    throw new Refusal(
      shotCheck.reason === 'missing'
        ? vscode.l10n.t('the shot file {0} no longer exists.', shotPath)
        : vscode.l10n.t('the shot file {0} is outside the workspace folders: nothing is written there.', shotPath),
    );
  }
  // A record read from disk names its clip by where the record is, never by its own clipPath.
  const clip = clipPathForRecord(recordPath);
  const clipStat = await stat(clip).catch(() => undefined);
  if (!clipStat?.isFile()) {
    throw new Refusal(vscode.l10n.t('the clip of this take is missing: {0}.', clip));
  }

  const bytes = opts.png ?? (await decode(deps, vscode.Uri.file(shotPath), record, recordPath, clip, clipStat.size));
  const expected = record.video?.width && record.video.height ? { width: record.video.width, height: record.video.height } : undefined;
  const png = checkPngFrame(bytes, expected);
  if (!png.ok) throw new Refusal(vscode.l10n.t('the decoded frame of {0} was refused: {1}.', basename(clip), png.reason));

  // Where the frame goes on: asked before anything is written, so a cancel leaves no trace.
  const places = await sequencesListing(shotPath);
  let place: ShotInSequence | undefined = places[0];
  if (places.length > 1) {
    const i = await questions.pickSequence(
      shotName,
      places.map(p => ({
        label: vscode.workspace.asRelativePath(p.sequence),
        description: p.nextShot
          ? vscode.l10n.t('next: {0}', basename(p.nextShot))
          : vscode.l10n.t('last shot: a new shot is added after it'),
      })),
    );
    if (i === undefined) return undefined;
    place = places[i];
  }

  // Every file it writes or edits really inside the workspace, before any is read as a document or written.
  await checkWritePlaces(shotPath, place, roots);
  if (place?.nextShot) await checkNextShot(place, shotName);

  const framePath = await saveFrame(shotPath, bytes, roots);
  const frameLabel = vscode.workspace.asRelativePath(framePath);
  const small = png.width < mediaLimits.IMAGE_MIN_SIDE || png.height < mediaLimits.IMAGE_MIN_SIDE;
  const sizeNote = small
    ? ' ' +
      vscode.l10n.t(
        "The frame is {0}×{1}, below fal's {2} px minimum for a start image: the shot editor flags it.",
        png.width,
        png.height,
        mediaLimits.IMAGE_MIN_SIDE,
      )
    : '';
  deps.log.info(`saved the last frame of ${recordPath} (${png.width}×${png.height}) as ${framePath}`);

  let result: ContinueResult;
  let message: string;
  if (place?.nextShot) {
    const next = place.nextShot;
    const outcome = await setStartImage(next, framePath, questions, () => checkNextShotInside(place, shotPath, roots));
    if (outcome === undefined) {
      void vscode.window.showInformationMessage(
        notificationText(
          vscode.l10n.t('Kling: saved the last frame of {0} as {1}; {2} was left as it was.', shotName, frameLabel, basename(next)),
        ),
      );
      return undefined;
    }
    result = { png: framePath, nextShot: next, created: false };
    message = vscode.l10n.t(
      'Kling: saved the last frame of {0} as {1}; {2} now starts from it{3} (Undo in {2} brings it back).',
      shotName,
      frameLabel,
      basename(next),
      outcome,
    );
  } else {
    const created = await createNextShot(shotPath, framePath);
    result = { png: framePath, nextShot: created, created: true };
    message = vscode.l10n.t(
      'Kling: saved the last frame of {0} as {1} and created {2}, which starts from it: write its prompt.',
      shotName,
      frameLabel,
      basename(created),
    );
    if (place) {
      const seq = place.sequence;
      const rel = portable(relative(dirname(seq.fsPath), created));
      await checkSequenceInside(seq, roots);
      await editDocument(seq, text => insertSequenceEntryAfter(text, place.place.entry.index, rel));
      result.sequence = seq.fsPath;
      message += ' ' + vscode.l10n.t('{0} lists it after {1}.', basename(seq.fsPath), shotName);
    }
  }
  await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(result.nextShot), { viewColumn: columnOf(shotPath) });
  void vscode.window.showInformationMessage(notificationText(message + sizeNote));
  return result;
}

async function decode(
  deps: ContinueDeps,
  shotUri: vscode.Uri,
  record: TakeRecord,
  recordPath: string,
  clip: string,
  size: number,
): Promise<Uint8Array> {
  // A clip that is no video at all is named at once: Chromium can take half a minute to give up on one.
  const probe = await probeVideo(nodeFileAccess, clip, size);
  if (probe.kind !== 'video') {
    // probeVideo names an audio-only file or an image itself ('wrong-type'); otherwise it is empty.
    const what = probe.kind === 'wrong-type' ? probe.what : probe.kind === 'unreadable' ? probe.message : vscode.l10n.t('an empty file');
    throw new Refusal(vscode.l10n.t('the clip {0} is {1}, not a video the takes panel can show.', basename(clip), what));
  }
  // Asked at once, before a tab event can move an unpinned panel on to another shot.
  const frame = deps.takes.open(shotUri, { select: record.id, preserveFocus: true }).lastFrameOf(recordPath);
  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: labelText(vscode.l10n.t('Kling: reading the last frame of {0}', basename(clip))) },
      () => frame,
    );
  } catch (e) {
    if (e instanceof LastFrameError) {
      throw new Refusal(
        e.reason === 'closed'
          ? vscode.l10n.t('the takes panel was closed before the frame was read.')
          : e.reason === 'load'
            ? vscode.l10n.t('the clip {0} could not be loaded in the takes panel ({1}).', basename(clip), e.message)
            : vscode.l10n.t('the clip {0} could not be decoded in the takes panel ({1}).', basename(clip), e.message),
      );
    }
    throw e;
  }
}

/**
 * Where the next shot opens: in the editor group of the shot it continues (the takes panel beside
 * it stays in view), else in a group without the takes panel, else beside.
 */
function columnOf(shotPath: string): vscode.ViewColumn {
  const groups = vscode.window.tabGroups.all;
  const uriOf = (t: vscode.Tab) =>
    t.input instanceof vscode.TabInputText || t.input instanceof vscode.TabInputCustom ? t.input.uri : undefined;
  const withShot = groups.find(g => g.tabs.some(t => uriOf(t)?.fsPath === shotPath));
  if (withShot) return withShot.viewColumn;
  const free = groups.find(g => !g.tabs.some(t => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(TAKES_VIEW_TYPE)));
  return free?.viewColumn ?? vscode.ViewColumn.Beside;
}
