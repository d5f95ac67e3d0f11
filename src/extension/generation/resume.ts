import * as vscode from 'vscode';
import { findUnfinished, removeOrphanLocksBelow } from '../../takes';
import type { Log } from '../log';
import { readRootsFor } from '../common/take-index';
import type { GenerationService } from './generation-service';
import type { Job } from '../common/jobs';
import { isTrusted } from '../common/trust';
import { errorText } from '../../core/error-text';

/**
 * Continues every take whose record is not final (watch → result → download). Runs on activation
 * and from "Kling: Resume Unfinished Generations". fal keeps a result only 1 h (6 min when large),
 * so this must not wait for the user. The take store finds them, as it does for `kling resume`.
 */
export async function resumeUnfinished(service: GenerationService, log: Log): Promise<Job[]> {
  if (!isTrusted()) {
    log.info('resume skipped: the workspace is not trusted (resuming sends the API key to fal)');
    return [];
  }
  // The workspace folders on disk, plus each one's absolute `klingStudio.output.folder` (elsewhere).
  const folders = readRootsFor();
  // Locks a killed window left on names it never used (no record): nothing else would remove them.
  const orphans = await removeOrphanLocksBelow(folders).catch(() => []);
  if (orphans.length) log.info(`removed ${orphans.length} take lock(s) left without a record: ${orphans.join(', ')}`);
  // Read inside the workspace folders (and absolute output folders) only: a record symlinked elsewhere is left out.
  const pending = (
    await findUnfinished(folders, {
      roots: folders,
      onSkip: (_path, reason, refused) => void (refused && log.warn(`resume: skipped: ${reason}`)),
    })
  ).filter(t => !service.isRunning(t.path));
  if (!pending.length) {
    return [];
  }
  log.info(`resuming ${pending.length} unfinished take${pending.length > 1 ? 's' : ''}`);
  const jobs: Job[] = [];
  for (const t of pending) {
    const shot = vscode.Uri.file(t.record.shotFile ?? t.path);
    try {
      const job = await service.resume(t.path, t.record, shot);
      if (job) {
        jobs.push(job);
      }
    } catch (e) {
      log.error(`could not resume ${t.path}: ${errorText(e)}`);
    }
  }
  return jobs;
}
