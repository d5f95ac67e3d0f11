import * as path from 'node:path';
import * as vscode from 'vscode';
import { reportSequence } from '../../takes/sequence-takes';
import { takeClipMeta } from '../../takes/clip-meta';
import { isSequenceFile, errorText } from '../../core';
import type { AssembleResult, AssembleShot } from '../../media/assemble';
import { activeShotUri } from '../commands';
import { checkClip, clipOutsideText } from '../common/clip-boundary';
import { clipRootsFor, outputDirOf, readRootsFor } from '../common/take-index';
import { loadAssemble } from '../lazy-bundles';
import { getSetting } from '../settings/settings';
import type { Log } from '../log';
import { notificationText } from '../../core/ui-text';

/**
 * "Export Cut…": the sequence's takes joined into one MP4, plus timelines beside it for editing
 * software (OpenTimelineIO for Premiere and Resolve, FCPXML for Final Cut), with
 * progress and cancel. `target` skips the save dialog (scripts and the in-host tests pass it).
 * Returns what was written, or undefined when nothing was (cancelled, or a problem went to `fail`:
 * a notification, or the agent tool's answer).
 */
export async function exportCut(
  log: Log,
  uri?: vscode.Uri,
  target?: vscode.Uri,
  fail: (message: string) => undefined = showFailure,
): Promise<AssembleResult | undefined> {
  const seq = uri ?? activeShotUri();
  if (!seq || !isSequenceFile(seq.fsPath)) {
    return fail(vscode.l10n.t('Export Cut works on a sequence file (*.kling-seq.json).'));
  }
  const doc = await vscode.workspace.openTextDocument(seq);
  const report = await reportSequence(seq.fsPath, doc.getText(), { outputDirOf, roots: readRootsFor(seq.fsPath) });
  const errors = report.diagnostics.filter(d => d.severity === 'error');
  if (errors.length) {
    return fail(vscode.l10n.t('{0} has problems: {1}', path.basename(seq.fsPath), errors.map(d => d.message).join('; ')));
  }
  const missing = report.entries.filter(e => !e.resolved).map(e => e.entry.shot);
  if (missing.length) {
    return fail(vscode.l10n.t('Not generated yet (no done take): {0}. Generate them, then export.', [...new Set(missing)].join(', ')));
  }
  // A clip linked out of the workspace would be copied into the cut: refused, as the players refuse
  // it. One that is gone or is no regular file (a FIFO would hang the export) is refused by name.
  for (const e of report.entries) {
    const clip = e.resolved?.take.clipPath;
    const checked = clip ? await checkClip(clip, clipRootsFor(e.shotPath)) : undefined;
    if (clip && checked?.kind === 'outside') {
      return fail(clipOutsideText(clip));
    }
    if (clip && checked?.kind === 'missing') {
      return fail(vscode.l10n.t('The clip {0} is gone or is not a regular file: it cannot be put in the cut.', path.basename(clip)));
    }
  }
  const out =
    target ??
    (await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.file(seq.fsPath.replace(/\.kling-seq\.json$/i, '.mp4')),
      filters: { [vscode.l10n.t('MP4 video')]: ['mp4'] },
      title: vscode.l10n.t('Export Cut'),
    }));
  if (!out) return undefined;
  const stem = out.fsPath.replace(/\.mp4$/i, '');
  const otioPath = `${stem}.otio`;
  const fcpxmlPath = `${stem}.fcpxml`;
  const { assembleClips, checkOutputs, findFfmpeg, OutputConflictError } = await loadAssemble();
  const roots = readRootsFor(seq.fsPath);
  const shots: AssembleShot[] = [];
  for (const e of report.entries) {
    const meta = await takeClipMeta(e.resolved!.take.path, roots);
    shots.push({ name: path.basename(e.shotPath), clipPath: e.resolved!.take.clipPath!, meta });
  }
  // Before any work: a cut written over one of its own clips, shot files or the sequence would lose it.
  const inputs = [seq.fsPath, ...report.entries.flatMap(e => [e.shotPath, e.resolved!.take.path])];
  try {
    await checkOutputs(shots, { outPath: out.fsPath, otioPath, fcpxmlPath, inputs });
  } catch (e) {
    if (!(e instanceof OutputConflictError)) throw e;
    return fail(
      e.kind === 'input'
        ? vscode.l10n.t(
            'Export Cut: {0} is one of the files the cut is made from ({1}); choose another name. Nothing was written.',
            e.output,
            e.other ?? '',
          )
        : vscode.l10n.t(
            'Export Cut: {0} cannot be written ({1}); choose another name. Nothing was written.',
            e.output,
            e.kind === 'folder'
              ? vscode.l10n.t('a folder')
              : e.kind === 'timeline'
                ? vscode.l10n.t('the other timeline')
                : vscode.l10n.t('the cut itself'),
          ),
    );
  }
  const ffmpeg = await findFfmpeg(getSetting('ffmpegPath', seq));
  return vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: notificationText(vscode.l10n.t('Exporting {0}', path.basename(out.fsPath))),
      cancellable: true,
    },
    async (progress, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      let reported = 0;
      try {
        const result = await assembleClips(shots, {
          outPath: out.fsPath,
          otioPath,
          fcpxmlPath,
          inputs,
          ffmpeg,
          signal: abort.signal,
          onProgress: f => {
            const pct = Math.floor(f * 100);
            if (pct > reported) progress.report({ increment: pct - reported });
            reported = Math.max(reported, pct);
          },
        });
        const how = result.method === 'remux' ? vscode.l10n.t('without re-encoding') : vscode.l10n.t('re-encoded with ffmpeg');
        log.info(`Exported ${out.fsPath} (${result.durationSeconds.toFixed(2)} s, ${how}), ${otioPath} and ${fcpxmlPath}`);
        const reveal = vscode.l10n.t('Reveal');
        void vscode.window
          .showInformationMessage(
            notificationText(
              vscode.l10n.t(
                'Exported {0} ({1} s, {2}), with timelines for Premiere and Resolve ({3}) and Final Cut ({4}).',
                path.basename(out.fsPath),
                result.durationSeconds.toFixed(1),
                how,
                path.basename(otioPath),
                path.basename(fcpxmlPath),
              ),
            ),
            reveal,
          )
          .then(choice => choice === reveal && vscode.commands.executeCommand('revealFileInOS', out));
        return result;
      } catch (e) {
        if (abort.signal.aborted) return undefined;
        const message = errorText(e);
        log.error(`Export of ${seq.fsPath} failed: ${message}`);
        return fail(vscode.l10n.t('Export Cut failed: {0}', message));
      } finally {
        sub.dispose();
      }
    },
  );
}

function showFailure(message: string): undefined {
  void vscode.window.showErrorMessage(notificationText(message));
  return undefined;
}
