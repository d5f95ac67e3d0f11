// Voices of cast members, made once per sample. A member with only `voice_url` needs a voice
// before a shot can bind it: a create-voice take (prepared, priced, planned, reserved, journalled
// and resumed by the same take session as any shot, with the cast file as its "shot"). Its
// `voice_id` is remembered beside the cast file (`.kling-cast.voices.json`, written atomically),
// keyed by the sample's content hash, so every later shot, run and face reuses it and a changed
// sample makes a new voice. Runs that add voices at once take turns (withFileLock), so none is
// lost; should the file still miss one (a run killed between the take's end and the write), the
// cast folder's done create-voice records hold it: the voice is read back from them rather than
// paid for again.
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { z } from 'zod';
import { urlScheme, type CastMember } from '../core';
import { sha256OfHandle } from '../client';
import { writeFileAtomic } from '../media/atomic-write';
import { withFileLock } from './ledger-lock';
import { openInside, readInside, ReadRefusedError } from './boundary';
import { listTakeRecords, outputDirFor, requestKey } from './store';

export const CREATE_VOICE = 'fal-ai/kling-video/create-voice';
export const VOICES_FILE = '.kling-cast.voices.json';

const VoicesSchema = z.object({
  version: z.literal(1),
  voices: z.record(z.string(), z.object({ voice_id: z.string(), member: z.string(), sample: z.string(), createdAt: z.string() })),
});
type Voices = z.infer<typeof VoicesSchema>;

/** A voice a member needs: its sample and the key its voice is remembered by. */
export interface VoiceNeed {
  member: CastMember;
  /** `sha256:<hex>` of a local sample's bytes, `url:<hash>` of a URL. */
  key: string;
  /** The request key of its create-voice take (store/request-key.ts, as prepareShot makes it). */
  requestKey: string;
}

export const voicesFileOf = (castFile: string): string => path.join(path.dirname(castFile), VOICES_FILE);

async function readVoices(castFile: string, roots: readonly string[]): Promise<Voices> {
  try {
    const text = await readInside(voicesFileOf(castFile), {
      roots: roots.length ? roots : [path.dirname(castFile)],
      maxBytes: 1024 * 1024,
      kind: 'cast file',
    });
    const parsed = VoicesSchema.safeParse(JSON.parse(text.toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch (e) {
    if (!(e instanceof ReadRefusedError) && !(e instanceof SyntaxError)) throw e;
  }
  return { version: 1, voices: {} };
}

/** What a member's voice needs, keyed by its sample; undefined when it has no sample. */
export async function voiceNeedOf(m: CastMember, roots: readonly string[]): Promise<VoiceNeed | undefined> {
  const v = m.voice_url;
  if (v === undefined || v === '') return undefined;
  if (urlScheme(v) !== undefined)
    return {
      member: m,
      key: `url:${createHash('sha256').update(v).digest('hex')}`,
      requestKey: requestKey(CREATE_VOICE, { voice_url: v }),
    };
  const { handle } = await openInside(path.resolve(path.dirname(m.file), v), roots.length ? roots : [path.dirname(m.file)]);
  try {
    const hex = await sha256OfHandle(handle);
    return { member: m, key: `sha256:${hex}`, requestKey: requestKey(CREATE_VOICE, { voice_url: v }, { [v]: hex }) };
  } finally {
    await handle.close();
  }
}

/**
 * A voice made earlier from this sample: remembered beside the cast, else in a done create-voice
 * record of the cast. `remember`: write one found in a record beside the cast (the money path does;
 * checking a file, in the editor or `kling validate`, writes nothing).
 */
export async function knownVoice(need: VoiceNeed, roots: readonly string[], remember = false): Promise<string | undefined> {
  const castFile = need.member.file;
  const remembered = (await readVoices(castFile, roots)).voices[need.key]?.voice_id;
  if (remembered !== undefined) return remembered;
  const records = await listTakeRecords(outputDirFor(castFile, undefined), {
    roots: roots.length ? roots : [path.dirname(castFile)],
  }).catch(() => []);
  const done = records.find(r => r.record.status === 'done' && r.record.voiceId !== undefined && r.record.requestKey === need.requestKey);
  if (!done) return undefined;
  if (remember) await rememberVoice(need, done.record.voiceId!, roots);
  return done.record.voiceId;
}

/** Remembers a member's voice beside its cast file (read, add, atomic write, under the file's lock). */
export async function rememberVoice(need: VoiceNeed, voiceId: string, roots: readonly string[]): Promise<void> {
  const castFile = need.member.file;
  await withFileLock(voicesFileOf(castFile), async () => {
    const voices = await readVoices(castFile, roots);
    voices.voices[need.key] = {
      voice_id: voiceId,
      member: need.member.name,
      sample: need.member.voice_url ?? '',
      createdAt: new Date().toISOString(),
    };
    await writeFileAtomic(voicesFileOf(castFile), JSON.stringify(voices, null, 2) + '\n');
  });
}
