// `kling resume [folders…]` continues every unfinished take below the folders (default: the
// current one), each under its lock: a dead owner's lock is taken over, a live owner is reported.
// `kling resume --request-id ID --endpoint E --out DIR` recovers a job whose record could not be
// written: the record is made from the request id, then the take continues like any other.
// Exit 0 when every take is done, 1 otherwise, 2 for usage errors, 130 after Ctrl+C.
import * as path from 'node:path';
import { claimToFollow, findUnfinished, planTake, recoveredRecord, removeOrphanLocksBelow, TakeJournal, type TakeWork } from '../takes';
import { command, connectionOptions } from './command-line';
import { connect, sameQueue } from './connection';
import { runTakes } from './take-runner';
import { defineCommand, HELP_OPTION } from './usage';
import { errorText } from '../core/error-text';

export const RESUME = defineCommand({
  name: 'resume',
  forms: ['[folders…]', '--request-id ID --endpoint E --out DIR'],
  summary: 'continue the unfinished takes below the folders, or recover a job that has no take record',
  options: {
    'queue-url': { type: 'string', value: 'U', help: 'fal queue origin, http(s) (default https://queue.fal.run)' },
    'storage-url': { type: 'string', value: 'U', help: 'fal storage origin, http(s) (default https://rest.fal.ai)' },
    'request-id': {
      type: 'string',
      value: 'ID',
      help: 'recover a submitted job that has no take record (with --endpoint and --out)',
    },
    endpoint: { type: 'string', value: 'E', help: 'the endpoint id the job was submitted to' },
    out: { type: 'string', value: 'DIR', help: 'where its record and clip go' },
    concurrency: { type: 'string', value: 'N', help: 'jobs at once (default 2)' },
    help: HELP_OPTION,
  },
  notes: 'The API key comes from FAL_KEY.',
});

export async function runResume(args: string[]): Promise<number> {
  const cmd = command(RESUME);
  const parsed = cmd.parse(args);
  if (typeof parsed === 'number') return parsed;
  const v = parsed.values;
  const connection = connectionOptions(v);
  if (typeof connection === 'string') return cmd.usageError(connection);
  const { queueUrl, storageUrl, concurrency } = connection;
  const recovering = v['request-id'] !== undefined;
  if (recovering && (!v.endpoint || !v.out || parsed.positionals.length))
    return cmd.usageError('--request-id needs --endpoint and --out, and no folders');
  if (!recovering && (v.endpoint || v.out)) return cmd.usageError('--endpoint and --out go with --request-id');

  const conn = await connect(
    {
      simulator: false,
      queueUrl,
      storageUrl,
      noKey: 'FAL_KEY is not set: it is sent to the queue the takes were submitted to (a kling simulator takes any value)',
    },
    cmd.err,
  );
  if (typeof conn === 'string') return cmd.usageError(conn);
  try {
    const work: TakeWork[] = [];
    if (recovering) {
      const id = v['request-id']!;
      const outDir = path.resolve(v.out!);
      const planned = await planTake(outDir, path.join(outDir, `recovered-${id.slice(0, 8)}.kling.json`));
      const record = recoveredRecord({ requestId: id, endpointId: v.endpoint!, queueUrl: conn.queueUrl });
      try {
        await new TakeJournal(planned.recordPath, m => cmd.err(m)).write({ ...record, clipPath: planned.clipPath });
      } catch (e) {
        await planned.lock.release();
        cmd.err(`cannot write ${planned.recordPath}: ${errorText(e)}`);
        return 1;
      }
      cmd.err(`recovering ${id}: record ${path.relative(process.cwd(), planned.recordPath)}`);
      work.push({
        kind: 'resume',
        recordPath: planned.recordPath,
        record: { ...record, clipPath: planned.clipPath },
        lock: planned.lock,
      });
    } else {
      const folders = (parsed.positionals.length ? parsed.positionals : ['.']).map(f => path.resolve(f));
      // Locks a killed run left on names it never used (no record): nothing else would remove them.
      await removeOrphanLocksBelow(folders);
      // Records are read only inside the folders given (a record symlinked elsewhere is named, not read).
      const found = await findUnfinished(folders, { onSkip: (_path, reason, refused) => void (refused && cmd.err(`skipped: ${reason}`)) });
      for (const t of found) {
        // The lock first, then the record as it is now: the listing may be out of date already.
        const d = await claimToFollow(t.path, {
          roots: folders,
          canFollow: rec => (sameQueue(rec.statusUrl, conn.queueUrl) ? true : `runs on another queue (${rec.statusUrl}); pass --queue-url`),
          note: m => cmd.err(m),
        });
        if (d) work.push(d);
      }
      if (work.length === 0) {
        process.stdout.write('no unfinished takes\n');
        return 0;
      }
    }
    const r = await runTakes(work, conn.client, { concurrency, err: cmd.err });
    process.stdout.write(`${r.done} of ${r.total} ${r.total === 1 ? 'take' : 'takes'} done\n`);
    if (r.interrupted) return 130;
    return r.done === r.total ? 0 : 1;
  } finally {
    await conn.close();
  }
}
