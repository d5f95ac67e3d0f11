// `kling cast <file.kling-cast.json>`: a cast's members, what each is (images or a video), its
// voice (a known voice_id, made from its sample, or not made yet) and the shots below the cast's
// folder that use it (their `cast` lists it and their lookup finds it in this file). Exit 0, 1 when
// the cast file has errors or cannot be read, 2 for usage errors.
import * as path from 'node:path';
import { analyzeShot, analyzeCast, castNamesOf, isCastFile, type CastMember } from '../core';
import { findCast, knownVoice, readShotFile, voiceNeedOf } from '../takes';
import { command } from './command-line';
import { expandFileArgs } from './expand-files';
import { readRootsOf } from './project-root';
import { defineCommand, HELP_OPTION } from './usage';

export const CAST = defineCommand({
  name: 'cast',
  forms: ['<file.kling-cast.json>'],
  summary: 'list the members of a cast file, their voices (made or not) and the shots using them',
  options: {
    root: {
      type: 'string',
      value: 'DIR',
      multiple: true,
      help: 'project folder the cast, its samples and shots must be inside (repeatable; default: the nearest folder above the cast file with .git, .vscode or package.json, else its folder)',
    },
    format: {
      type: 'string',
      value: 'text|json',
      help: 'json: [{ name, description, kind, voice: { state, voiceId }, shots }] (kind: images|video; state: none|given|made|not-made; shots relative to the current folder)',
    },
    help: HELP_OPTION,
  },
});

interface MemberListing {
  name: string;
  description: string | null;
  kind: 'images' | 'video';
  voice: { state: 'none' | 'given' | 'made' | 'not-made'; voiceId: string | null };
  shots: string[];
}

async function voiceOf(m: CastMember, roots: readonly string[]): Promise<MemberListing['voice']> {
  if (m.voice_id !== undefined) return { state: 'given', voiceId: m.voice_id };
  const need = await voiceNeedOf(m, roots).catch(() => undefined);
  if (!need) return { state: m.voice_url === undefined ? 'none' : 'not-made', voiceId: null };
  const id = await knownVoice(need, roots).catch(() => undefined);
  return id === undefined ? { state: 'not-made', voiceId: null } : { state: 'made', voiceId: id };
}

export async function runCast(args: string[]): Promise<number> {
  const cmd = command(CAST);
  const parsed = cmd.parse(args);
  if (typeof parsed === 'number') return parsed;
  const format = parsed.values.format ?? 'text';
  if (format !== 'text' && format !== 'json') return cmd.usageError(`--format must be text or json, not '${format}'`);
  if (parsed.positionals.length !== 1) return cmd.usageError('give one cast file');
  const cwd = process.cwd();
  const shown = parsed.positionals[0]!;
  const file = path.resolve(cwd, shown);
  if (!isCastFile(file)) return cmd.usageError(`${shown} is not a *.kling-cast.json file`);
  const roots = await readRootsOf(
    file,
    (parsed.values.root ?? []).map(r => path.resolve(cwd, r)),
  );
  const read = await readShotFile(file, { shown, roots });
  if ('diagnostic' in read) {
    cmd.err(read.diagnostic.message);
    return 1;
  }
  const cast = analyzeCast(file, read.text);
  for (const d of cast.diagnostics)
    cmd.err(`${shown}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code} ${d.message}`);
  const { files: shots } = await expandFileArgs([path.dirname(file)], cwd);
  const users = new Map<string, string[]>();
  for (const shot of shots) {
    const abs = path.resolve(cwd, shot);
    const text = await readShotFile(abs, { roots });
    if ('diagnostic' in text) continue;
    const names = castNamesOf(analyzeShot(text.text).root);
    if (!names.length) continue;
    const found = await findCast(abs, roots);
    for (const n of names) if (found.members.get(n)?.file === file) users.set(n, [...(users.get(n) ?? []), shot]);
  }
  const listing: MemberListing[] = [];
  for (const m of cast.members) {
    listing.push({
      name: m.name,
      description: m.description ?? null,
      kind: m.video_url !== undefined ? 'video' : 'images',
      voice: await voiceOf(m, roots),
      shots: users.get(m.name) ?? [],
    });
  }
  if (format === 'json') process.stdout.write(JSON.stringify(listing, null, 2) + '\n');
  else {
    const voiceText = (v: MemberListing['voice']) =>
      v.state === 'none'
        ? 'no voice'
        : v.state === 'not-made'
          ? 'voice not made yet'
          : `voice ${v.voiceId}${v.state === 'given' ? ' (given)' : ''}`;
    const lines = listing.map(
      l =>
        `${l.name}  ${l.kind}  ${voiceText(l.voice)}  ${l.shots.length ? `used in ${l.shots.join(', ')}` : 'used in no shot'}${l.description ? `\n  ${l.description}` : ''}`,
    );
    process.stdout.write([...lines, `${listing.length} member${listing.length === 1 ? '' : 's'}`].join('\n') + '\n');
  }
  return cast.diagnostics.some(d => d.severity === 'error') ? 1 : 0;
}
