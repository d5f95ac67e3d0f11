// The free tools on takes and sequences: a shot's takes (`kling takes`), circling one (`kling takes
// select`) and a sequence's cut (`kling assemble`), each on the same take store and boundary.
import { isSequenceFile, type AgentInput, type AgentOutput } from '../../core';
import { assembleClips, ClipError, findFfmpeg, NeedsFfmpegError } from '../../media/assemble';
import { NotATakeRecordError, outputDirFor, ReadRefusedError, selectTake, takesOfShot } from '../../takes';
import { readyCut } from '../assemble';
import { listingOf } from '../takes';
import { ToolError, type McpSession } from './session';

export async function listTakes(s: McpSession, input: AgentInput<'list_takes'>): Promise<AgentOutput<'list_takes'>> {
  const shot = await s.existing(input.path, 'shot file');
  const skipped: string[] = [];
  const takes = await takesOfShot(outputDirFor(shot, undefined), shot, {
    roots: [s.root],
    onSkip: (_path, reason, refused) => void (refused && skipped.push(reason)),
  });
  for (const reason of skipped) s.o.log(`list_takes: skipped ${reason}`);
  return {
    takes: takes.map(listingOf).map(t => ({
      number: t.number,
      record: s.shown(t.record),
      clip: t.clip && s.shown(t.clip),
      status: t.status,
      createdAt: t.createdAt,
      selected: t.selected,
      rating: t.rating,
      note: t.note,
      costUsd: t.costUsd,
      simulated: t.simulated,
    })),
  };
}

export async function selectTakeTool(s: McpSession, input: AgentInput<'select_take'>): Promise<AgentOutput<'select_take'>> {
  const record = await s.existing(input.record, 'take record');
  if (!record.endsWith('.take.json')) throw new ToolError(`${input.record}: not a take record (its name must end in .take.json)`);
  try {
    const r = await selectTake(record, { roots: [s.root] });
    return { record: s.shown(record), shotFile: s.shown(r.shotFile), selection: s.shown(r.selectionPath) };
  } catch (e) {
    if (e instanceof ReadRefusedError || e instanceof NotATakeRecordError)
      throw new ToolError(`${e.message.replace(/\.$/, '')}; nothing was circled`);
    throw e;
  }
}

export async function assembleSequence(
  s: McpSession,
  input: AgentInput<'assemble_sequence'>,
  signal: AbortSignal,
): Promise<AgentOutput<'assemble_sequence'>> {
  const seq = await s.existing(input.path, 'sequence file');
  if (!isSequenceFile(seq)) throw new ToolError(`${input.path}: not a sequence file (*.kling-seq.json)`);
  if (!input.out.endsWith('.mp4')) throw new ToolError(`out ${input.out}: the cut is an MP4; name it *.mp4`);
  const outPath = await s.writable(input.out, 'out');
  const ready = await readyCut(seq, s.shown(seq), {
    given: [s.root],
    renders: undefined,
    outPath,
    otioPath: undefined,
    fcpxmlPath: undefined,
    rel: p => s.shown(p),
  });
  if (!ready.ok) throw new ToolError(`not assembled:\n${ready.lines.join('\n')}`);
  try {
    const r = await assembleClips(ready.shots, {
      outPath,
      otioPath: undefined,
      inputs: ready.inputs,
      ffmpeg: await findFfmpeg(undefined),
      signal,
    });
    return { out: s.shown(outPath), shots: ready.shots.length, seconds: r.durationSeconds, method: r.method };
  } catch (e) {
    if (e instanceof NeedsFfmpegError || e instanceof ClipError) throw new ToolError(e.message);
    throw e;
  }
}
