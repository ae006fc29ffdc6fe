import { existsSync } from 'node:fs';

import { dataStamp } from '../../../db/query-cache.server';
import { getDb } from '../../core/db.server';
import { env } from '../../core/env.server';
import { buildPackFile } from './pack-file.server';
import {
  type PackFormat,
  type PackQueue,
  type PackRunner,
  createPackQueue,
  workerRunner,
} from './pack-queue.server';
import type { PackRequest } from './pack-types';

// The pack's files for this server process: one queue, one worker thread (decision 0079).

export { PackJobError, type PackFormat } from './pack-queue.server';

/**
 * A worker thread without a job for this long is stopped (its heap and connection freed): after a
 * 500-project file the thread holds about 500 MB until it goes; a later file costs ~0.7 s more to
 * start the thread again, which is what a reader waiting a quarter of a minute may pay.
 */
const IDLE_MS = 15_000;

/**
 * In the production server (HUB_SERVER_BUILD, set by scripts/serve.mjs) a worker thread loads the
 * same bundle and builds there, so the thread answering requests never waits for a file. Without
 * a built bundle (vitest, `react-router dev`) there is nothing for a worker to load: the file is
 * built in this process, between requests, and a timeout cannot stop it.
 */
function runner(): PackRunner {
  const serverBuild = env.HUB_SERVER_BUILD;
  if (serverBuild && existsSync(serverBuild)) {
    return workerRunner({ serverBuild, heapMb: env.HUB_PACK_HEAP_MB, idleMs: IDLE_MS });
  }
  return {
    run: (job) => buildPackFile(job.format, job.request, job.today),
    cancel: () => {},
  };
}

let queue: PackQueue | undefined;

function packQueue(): PackQueue {
  queue ??= createPackQueue({
    runner: runner(),
    stamp: () => dataStamp(getDb()),
    maxWaiting: env.HUB_PACK_QUEUE,
    timeoutMs: env.HUB_PACK_TIMEOUT_S * 1000,
    cacheBytes: env.HUB_PACK_CACHE_MB * 1024 * 1024,
  });
  return queue;
}

/**
 * The pack file: kept from an earlier request while the data is unchanged, shared with an
 * identical request in progress, or built. Rejects with a PackJobError when the queue is full
 * ('busy') or the file crosses the time or memory limit ('too-large').
 */
export function packFile(
  format: PackFormat,
  request: PackRequest,
  today: string,
): Promise<Uint8Array> {
  return packQueue().file({ format, request, today });
}

/** The pack file if it is kept now (a HEAD answers from it without building). */
export function keptPackFile(
  format: PackFormat,
  request: PackRequest,
  today: string,
): Uint8Array | undefined {
  return packQueue().kept({ format, request, today });
}
