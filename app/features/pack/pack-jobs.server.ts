import { dataStamp } from '../../../db/query-cache.server';
import { getDb } from '../../core/db.server';
import { env } from '../../core/env.server';
import { type JobQueue, type JobRunner, createJobQueue } from '../../core/jobs/job-queue.server';
import { serverRunner } from '../../core/jobs/worker-runner.server';
import { type PackFormat, buildPackFile } from './pack-file.server';
import type { PackRequest } from './pack-types';

// The pack's files for this server process: one queue, one worker thread (app/core/jobs/,
// decisions 0079 and 0080).

export { JobError } from '../../core/jobs/job-queue.server';
export type { PackFormat } from './pack-file.server';

export interface PackJob {
  format: PackFormat;
  request: PackRequest;
  /** The "as of" day the pack describes (YYYY-MM-DD). */
  today: string;
}

const SMALLER = 'ask for fewer projects or a shorter period';

/**
 * A worker thread without a job for this long is stopped (its heap and connection freed): after a
 * 500-project file the thread holds about 500 MB until it goes; a later file costs ~0.7 s more to
 * start the thread again, which is what a reader waiting a quarter of a minute may pay.
 */
const IDLE_MS = 15_000;

function runner(): JobRunner<PackJob, Uint8Array> {
  return serverRunner({
    handler: 'buildPackFile',
    args: (job: PackJob) => [job.format, job.request, job.today],
    inline: (job) => buildPackFile(job.format, job.request, job.today),
    heapMb: env.HUB_PACK_HEAP_MB,
    idleMs: IDLE_MS,
    words: { what: 'The pack file', smaller: SMALLER },
  });
}

let queue: JobQueue<PackJob, Uint8Array> | undefined;

function packQueue(): JobQueue<PackJob, Uint8Array> {
  queue ??= createJobQueue({
    runner: runner(),
    stamp: () => dataStamp(getDb()),
    key: (job) => `${job.format}\n${job.today}\n${JSON.stringify(job.request)}`,
    size: (bytes) => bytes.byteLength,
    words: { busy: 'pack files', smaller: SMALLER },
    maxWaiting: env.HUB_PACK_QUEUE,
    timeoutMs: env.HUB_PACK_TIMEOUT_S * 1000,
    cacheBytes: env.HUB_PACK_CACHE_MB * 1024 * 1024,
  });
  return queue;
}

/**
 * The pack file: kept from an earlier request while the data is unchanged, shared with an
 * identical request in progress, or built. Rejects with a JobError when the queue is full
 * ('busy') or the file crosses the time or memory limit ('too-large').
 */
export function packFile(
  format: PackFormat,
  request: PackRequest,
  today: string,
): Promise<Uint8Array> {
  return packQueue().result({ format, request, today });
}

/** The pack file if it is kept now (a HEAD answers from it without building). */
export function keptPackFile(
  format: PackFormat,
  request: PackRequest,
  today: string,
): Uint8Array | undefined {
  return packQueue().kept({ format, request, today });
}
