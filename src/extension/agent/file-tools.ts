// The free agent tools that write: circling a take (as the takes panel's circle does), a sequence's
// cut (Export Cut, with its checks, to the tool's `out`) and a new shot file (the one new_shot every
// face shares), each on paths the workspace boundary allows.
import * as vscode from 'vscode';
import { isSequenceFile, type AgentInput, type AgentOutput } from '../../core';
import { NotATakeRecordError, ReadRefusedError, selectTake, writeNewShot } from '../../takes';
import { readRootsFor } from '../common/take-index';
import type { AgentGenerate } from './lm-tools';
import { existingUri, ToolRefusal, writableUri } from './paths';

const shown = (p: string) => vscode.workspace.asRelativePath(p);

export async function selectTakeTool(
  input: AgentInput<'select_take'>,
  changed: (shot: vscode.Uri) => void,
): Promise<AgentOutput<'select_take'>> {
  if (!input.record.endsWith('.take.json'))
    throw new ToolRefusal(vscode.l10n.t('{0}: not a take record (its name must end in .take.json).', input.record));
  // A record may be in a folder's own output folder: the roots the takes panel reads are allowed.
  const roots = readRootsFor();
  const record = await existingUri(input.record, roots);
  try {
    const r = await selectTake(record.fsPath, { roots });
    changed(vscode.Uri.file(r.shotFile));
    return { record: shown(record.fsPath), shotFile: shown(r.shotFile), selection: shown(r.selectionPath) };
  } catch (e) {
    if (e instanceof ReadRefusedError || e instanceof NotATakeRecordError)
      throw new ToolRefusal(vscode.l10n.t('{0}; nothing was circled.', e.message.replace(/\.$/, '')));
    throw e;
  }
}

export async function assembleTool(
  input: AgentInput<'assemble_sequence'>,
  exportCut: AgentGenerate['exportCut'],
): Promise<AgentOutput<'assemble_sequence'>> {
  const seq = await existingUri(input.path);
  if (!isSequenceFile(seq.fsPath)) throw new ToolRefusal(vscode.l10n.t('{0}: not a sequence file (*.kling-seq.json).', input.path));
  if (!input.out.endsWith('.mp4')) throw new ToolRefusal(vscode.l10n.t('out {0}: the cut is an MP4; name it *.mp4.', input.out));
  const out = await writableUri(input.out);
  let failure: string | undefined;
  const r = await exportCut(seq, out, message => void (failure = message));
  if (!r) throw new ToolRefusal(failure ?? vscode.l10n.t('The export was cancelled; nothing was assembled.'));
  return { out: shown(out.fsPath), shots: r.clips.length, seconds: r.durationSeconds, method: r.method };
}

export async function newShotTool(input: AgentInput<'new_shot'>): Promise<AgentOutput<'new_shot'>> {
  if (!input.path.endsWith('.kling.json'))
    throw new ToolRefusal(vscode.l10n.t("{0}: a shot file's name must end in .kling.json.", input.path));
  const file = await writableUri(input.path);
  const roots = (vscode.workspace.workspaceFolders ?? []).filter(f => f.uri.scheme === 'file').map(f => f.uri.fsPath);
  const r = await writeNewShot(file.fsPath, input, { roots });
  if (r.kind === 'invalid')
    throw new ToolRefusal(
      vscode.l10n.t('Not written: the shot would not validate: {0}', r.errors.map(d => `${d.code} ${d.message}`).join('; ')),
    );
  if (r.kind === 'exists') throw new ToolRefusal(vscode.l10n.t('{0} exists; new_shot never overwrites a file.', input.path));
  return { path: shown(file.fsPath), endpoint: r.endpoint };
}
