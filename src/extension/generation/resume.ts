import * as vscode from 'vscode';
import { isFinal } from '../../client';
import type { Log } from '../log';
import { findAllTakes } from '../takes/take-index';
import type { GenerationService, Job } from './generation-service';
import { isTrusted } from './trust';

/**
 * Continues every take whose record is not final (watch → result → download). Runs on activation
 * and from "Kling: Resume Unfinished Generations". fal keeps a result only 1 h (6 min when large),
 * so this must not wait for the user.
 */
export async function resumeUnfinished(service: GenerationService, log: Log): Promise<Job[]> {
  if (!isTrusted()) {
    log.info('resume skipped: the workspace is not trusted (resuming sends the API key to fal)');
    return [];
  }
  const pending = (await findAllTakes(2000)).filter(t => !isFinal(t.record) && !service.isRunning(t.path));
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
      log.error(`could not resume ${t.path}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return jobs;
}
