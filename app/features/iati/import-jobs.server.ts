import { data } from 'react-router';

import { dataStamp } from '../../../db/query-cache.server';
import type { WriteContext } from '../../../db/writes.server';
import { getDb } from '../../core/db.server';
import { JobError, type JobQueue, createJobQueue } from '../../core/jobs/job-queue.server';
import { serverRunner } from '../../core/jobs/worker-runner.server';
import type { ApplyResult } from './import-apply.server';
import type { ImportOptions } from './import-plan.server';
import { type ReviewedFile, applyStagedImport, reviewIatiFile } from './import.server';
import type { ReadOptions } from './read';

// The upload page's two long steps, off the thread that answers requests (decision 0080): the
// review (stage and plan: a 2 500-activity file held the thread 20–48 s) and the apply (one
// synchronous transaction: 28–64 s) run in the import's worker thread (app/core/jobs/), one at a
// time, on that thread's own connection. Other processes and threads see the writes as they see
// any other connection's commit (dataStamp: PRAGMA data_version).

export type ImportJob =
  | { step: 'review'; path: string; options: Omit<ReadOptions, 'onProgress'> & ImportOptions }
  | { step: 'apply'; importId: string; who: WriteContext; options: ImportOptions };

/** One step of an import: what the worker thread calls (through entry.server.tsx), or this one. */
export function runImportStep(job: ImportJob): Promise<ReviewedFile | ApplyResult> {
  if (job.step === 'review') return reviewIatiFile(job.path, job.options);
  return Promise.resolve(applyStagedImport(job.importId, job.who, job.options));
}

/** Imports that may wait behind the one running; one more is refused (429 on the page). */
const MAX_WAITING = 4;
/** A step's wall time; a whole-registry file takes minutes on a loaded machine. */
const TIMEOUT_MS = 30 * 60_000;
const HEAP_MB = 2048;
const IDLE_MS = 15_000;

let queue: JobQueue<ImportJob, ReviewedFile | ApplyResult> | undefined;

function importQueue() {
  queue ??= createJobQueue<ImportJob, ReviewedFile | ApplyResult>({
    runner: serverRunner({
      handler: 'runImportStep',
      args: (job: ImportJob) => [job],
      inline: runImportStep,
      heapMb: HEAP_MB,
      idleMs: IDLE_MS,
      words: { what: 'The import', smaller: 'import a smaller file' },
    }),
    stamp: () => dataStamp(getDb()),
    // The same apply asked twice (a double click) is done once, both waiting for it.
    key: (job) => JSON.stringify(job),
    size: () => 0,
    maxWaiting: MAX_WAITING,
    timeoutMs: TIMEOUT_MS,
    cacheBytes: 0,
    words: { busy: 'imports', smaller: 'import a smaller file' },
  });
  return queue;
}

/** A step refused by the queue (busy, or past its limits) is the page's 429 or 422, not a 500. */
async function refusedAsResponse<T>(step: Promise<T>): Promise<T> {
  try {
    return await step;
  } catch (error) {
    if (!(error instanceof JobError)) throw error;
    throw data(error.message, { status: error.kind === 'busy' ? 429 : 422 });
  }
}

/** reviewIatiFile in the import's worker thread. */
export function reviewIatiFileOffThread(
  path: string,
  options: Omit<ReadOptions, 'onProgress'> & ImportOptions,
): Promise<ReviewedFile> {
  return refusedAsResponse(
    importQueue().result({ step: 'review', path, options }) as Promise<ReviewedFile>,
  );
}

/** applyStagedImport in the import's worker thread. */
export function applyStagedImportOffThread(
  importId: string,
  who: WriteContext,
  options: ImportOptions = {},
): Promise<ApplyResult> {
  return refusedAsResponse(
    importQueue().result({ step: 'apply', importId, who, options }) as Promise<ApplyResult>,
  );
}
