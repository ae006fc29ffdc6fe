import { dataStamp } from '../../../db/query-cache.server';
import { today } from '../../core/clock';
import { getDb } from '../../core/db.server';
import { type JobQueue, createJobQueue } from '../../core/jobs/job-queue.server';
import { serverRunner } from '../../core/jobs/worker-runner.server';
import { countProjects } from '../projects/projects.server';
import { type ExportAnswer, buildExport, buildExportFile } from './export-build.server';
import type { ExportRequest } from './export-request';

// The export files of this server process (decision 0080): a file of a few projects is built on
// the thread that answers the request (milliseconds: less than handing it over); a larger one in
// the exports' worker thread (app/core/jobs/), one at a time behind a short queue, so that no
// other request waits behind it. The response cache (app/core/http/response-cache.server.ts)
// keeps copies of the files as it keeps pages: the queue keeps none of its own.

export { JobError } from '../../core/jobs/job-queue.server';

/**
 * Selections up to this many projects are built inline. The slowest file per project is
 * iati.xml, about 0.5 ms a project at 10 000 (decision 0080): 100 of them take ~50 ms, half the
 * 100 ms no other request may wait.
 */
export const INLINE_MAX_PROJECTS = 100;
/** Files that may wait behind the one building; one more is refused (429). */
const MAX_WAITING = 8;
/** One file's wall time once it builds; then it is given up (422). */
const TIMEOUT_MS = 120_000;
/** The thread's heap ceiling (the 10 000-project IATI file needs ~300 MB of strings). */
const HEAP_MB = 1024;
/** A thread without a file to build for this long is stopped (its heap and connection freed). */
const IDLE_MS = 15_000;
const SMALLER = 'narrow the filter';

interface ExportJob {
  file: string;
  /** The request's URL: the worker reads the filter, `lang` and the file's own parameters again. */
  url: string;
}

let queue: JobQueue<ExportJob, ExportAnswer> | undefined;

function exportQueue(): JobQueue<ExportJob, ExportAnswer> {
  queue ??= createJobQueue({
    runner: serverRunner({
      handler: 'buildExportFile',
      args: (job: ExportJob) => [job.file, job.url],
      inline: (job) => buildExportFile(job.file, job.url),
      heapMb: HEAP_MB,
      idleMs: IDLE_MS,
      words: { what: 'The export file', smaller: SMALLER },
    }),
    stamp: () => dataStamp(getDb()),
    // "Today" is part of what a file says (statuses, overdue milestones).
    key: (job) => `${today()}\n${job.file}\n${job.url}`,
    size: (answer) => answer.body.byteLength,
    maxWaiting: MAX_WAITING,
    timeoutMs: TIMEOUT_MS,
    cacheBytes: 0,
    words: { busy: 'export files', smaller: SMALLER },
  });
  return queue;
}

/**
 * The export file for a request already read: built here when it selects a few projects, else
 * in the exports' worker thread. Rejects with a JobError when the queue is full ('busy') or the
 * file crosses the time or memory limit ('too-large').
 */
export async function exportFile(
  file: string,
  url: string,
  request: ExportRequest,
): Promise<Response> {
  const selected = request.project ? 1 : countProjects(request.api.where);
  if (selected <= INLINE_MAX_PROJECTS) return buildExport(file, request);
  const answer = await exportQueue().result({ file, url });
  return new Response(inChunks(answer.body), { status: answer.status, headers: answer.headers });
}

/** Bytes sent per chunk of a file built in the worker. */
const CHUNK_BYTES = 64 * 1024;

/**
 * The file's bytes as a stream of views into them, one chunk at a time as the socket takes it:
 * given whole, a Response copies its body first (undici's extractBody: ~1 s of this thread for
 * the 90 MB IATI file at 10 000 projects, decision 0080) and the compression gets it in one piece.
 */
function inChunks(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.byteLength) {
        controller.close();
        return;
      }
      controller.enqueue(bytes.subarray(offset, offset + CHUNK_BYTES));
      offset += CHUNK_BYTES;
    },
  });
}
