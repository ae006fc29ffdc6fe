import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

import type { PackRequest } from './pack-types';

// The pack's files (.pptx, .docx) take seconds to build for a large portfolio: they are built one
// after another by a runner (a worker thread in the production server), behind a short queue,
// and kept by the data stamp. Nothing here knows how a file is made: the runner is given.

export type PackFormat = 'pptx' | 'docx';

export interface PackJob {
  format: PackFormat;
  request: PackRequest;
  /** The "as of" day the pack describes (YYYY-MM-DD). */
  today: string;
}

/** Builds one file at a time; `cancel` gives up the one being built (a worker is terminated). */
export interface PackRunner {
  run(job: PackJob): Promise<Uint8Array>;
  cancel(): void;
}

/**
 * Why a file was not built, when it is not a fault of the hub's code: the queue was full
 * ('busy', try again after `retryAfterS`), or the file took longer or more memory than the
 * limits allow ('too-large': a narrower filter, or a shorter period, will build).
 */
export class PackJobError extends Error {
  constructor(
    readonly kind: 'busy' | 'too-large',
    message: string,
    readonly retryAfterS: number | null = null,
  ) {
    super(message);
    this.name = 'PackJobError';
  }
}

export interface PackQueueOptions {
  runner: PackRunner;
  /** What the data is at (db/query-cache.server.ts dataStamp): part of every key. */
  stamp: () => string;
  /** Jobs that may wait behind the one running; one more is refused ('busy'). */
  maxWaiting: number;
  /** Wall time of one job once it runs, in ms; then it is cancelled ('too-large'). */
  timeoutMs: number;
  /** Bytes of finished files kept; the least recently used go first. */
  cacheBytes: number;
}

interface Entry {
  key: string;
  stamp: string;
  job: PackJob;
  promise: Promise<Uint8Array>;
  resolve: (bytes: Uint8Array) => void;
  reject: (error: unknown) => void;
}

export interface PackQueue {
  /** The file for this job: kept, shared with an identical job waiting or running, or built. */
  file(job: PackJob): Promise<Uint8Array>;
  /** The kept file for this job, if there is one now (a HEAD asks without building). */
  kept(job: PackJob): Uint8Array | undefined;
  /** Jobs waiting (not counting the one running), for tests and logs. */
  readonly waiting: number;
}

export function createPackQueue(options: PackQueueOptions): PackQueue {
  const { runner, stamp, maxWaiting, timeoutMs, cacheBytes } = options;
  const kept = new Map<string, Uint8Array>();
  let keptBytes = 0;
  let keptStamp = '';
  /** Waiting and running jobs by key: an identical request shares the same promise. */
  const pending = new Map<string, Entry>();
  const queue: Entry[] = [];
  let running: Entry | null = null;
  /** The last build's duration, for a refusal's Retry-After. */
  let lastMs = 10_000;

  const keyOf = (job: PackJob, at: string) =>
    `${at}\n${job.format}\n${job.today}\n${JSON.stringify(job.request)}`;

  /** Files of an older stamp describe data that changed: dropped as soon as the stamp moves. */
  function keptFor(at: string) {
    if (at !== keptStamp) {
      kept.clear();
      keptBytes = 0;
      keptStamp = at;
    }
    return kept;
  }

  function keep(entry: Entry, bytes: Uint8Array) {
    // A file built while the data moved on is not what a request now would get.
    if (stamp() !== entry.stamp || bytes.byteLength > cacheBytes) return;
    const files = keptFor(entry.stamp);
    while (keptBytes + bytes.byteLength > cacheBytes && files.size > 0) {
      const [oldest, file] = files.entries().next().value!;
      files.delete(oldest);
      keptBytes -= file.byteLength;
    }
    files.set(entry.key, bytes);
    keptBytes += bytes.byteLength;
  }

  function next() {
    if (running) return;
    const entry = queue.shift();
    if (!entry) return;
    running = entry;
    const started = performance.now();
    let isSettled = false;
    const settle = (outcome: () => void) => {
      if (isSettled) return;
      isSettled = true;
      clearTimeout(timer);
      lastMs = performance.now() - started;
      pending.delete(entry.key);
      running = null;
      outcome();
      next();
    };
    const timer = setTimeout(() => {
      settle(() => {
        runner.cancel();
        entry.reject(
          new PackJobError(
            'too-large',
            `The file took longer than ${Math.round(timeoutMs / 1000)} s to build and was given up: ask for fewer projects or a shorter period.`,
          ),
        );
      });
    }, timeoutMs);
    let run: Promise<Uint8Array>;
    try {
      run = runner.run(entry.job);
    } catch (error) {
      run = Promise.reject(error);
    }
    run.then(
      (bytes) =>
        settle(() => {
          keep(entry, bytes);
          entry.resolve(bytes);
        }),
      (error: unknown) => settle(() => entry.reject(error)),
    );
  }

  return {
    file(job) {
      const at = stamp();
      const key = keyOf(job, at);
      const file = keptFor(at).get(key);
      if (file) {
        // Most recently used last: the first in the map is the next to go.
        kept.delete(key);
        kept.set(key, file);
        return Promise.resolve(file);
      }
      const shared = pending.get(key);
      if (shared) return shared.promise;
      if (running && queue.length >= maxWaiting) {
        const seconds = Math.ceil((lastMs * (queue.length + 1)) / 1000);
        return Promise.reject(
          new PackJobError(
            'busy',
            'Other pack files are being built: try again in a moment.',
            Math.min(Math.max(seconds, 1), Math.ceil(timeoutMs / 1000)),
          ),
        );
      }
      let resolve!: Entry['resolve'];
      let reject!: Entry['reject'];
      const promise = new Promise<Uint8Array>((yes, no) => {
        resolve = yes;
        reject = no;
      });
      const entry: Entry = { key, stamp: at, job, promise, resolve, reject };
      pending.set(key, entry);
      queue.push(entry);
      next();
      return promise;
    },
    kept(job) {
      const at = stamp();
      return keptFor(at).get(keyOf(job, at));
    },
    get waiting() {
      return queue.length;
    },
  };
}

/**
 * The worker script sits beside this module in the source tree; the built server (build/server/)
 * no longer does, so look for it from the project's root (as extract.server.ts finds its own).
 */
export function packWorkerScript(): string {
  const relative = join('app', 'features', 'pack', 'pack-worker.mjs');
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const beside = join(dir, 'pack-worker.mjs');
    if (existsSync(beside)) return beside;
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, relative))) {
      return join(dir, relative);
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`pack-worker.mjs not found from ${import.meta.url}`);
    dir = parent;
  }
}

type WorkerAnswer =
  { id: number; ok: true; bytes: Uint8Array } | { id: number; ok: false; message: string };

/**
 * Runs jobs in one long-lived worker thread (pack-worker.mjs) that loads the server bundle at
 * `serverBuild` and calls its `buildPackFile`: started on first use, stopped after `idleMs`
 * without a job, started again after it died (a crash, the heap ceiling, a cancelled job).
 */
export function workerRunner(options: {
  serverBuild: string;
  heapMb: number;
  idleMs: number;
  script?: string;
}): PackRunner {
  let worker: Worker | null = null;
  let current: {
    id: number;
    resolve: (b: Uint8Array) => void;
    reject: (e: unknown) => void;
  } | null = null;
  let nextId = 1;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;

  function fail(error: unknown) {
    const job = current;
    current = null;
    job?.reject(error);
  }

  function start(): Worker {
    const started = new Worker(options.script ?? packWorkerScript(), {
      workerData: { serverBuild: options.serverBuild },
      // Plain JavaScript: none of the parent's flags (a loader such as tsx's, --input-type…).
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: options.heapMb },
    });
    // A worker waiting for work never keeps the server's process alive.
    started.unref();
    // A worker given up (cancelled, stopped when idle) may still report: only the current counts.
    started.on('message', (answer: WorkerAnswer) => {
      if (worker !== started || !current || answer.id !== current.id) return;
      const job = current;
      current = null;
      if (answer.ok) job.resolve(answer.bytes);
      else job.reject(new Error(`The pack file could not be built: ${answer.message}`));
    });
    started.on('error', (error: Error & { code?: string }) => {
      if (worker !== started) return;
      worker = null;
      fail(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new PackJobError(
              'too-large',
              `The file needed more than ${options.heapMb} MB to build and was given up: ask for fewer projects or a shorter period.`,
            )
          : error,
      );
    });
    started.on('exit', (code) => {
      if (worker !== started) return;
      worker = null;
      fail(new Error(`The pack worker stopped (exit code ${code}) while building a file.`));
    });
    return started;
  }

  return {
    run(job) {
      clearTimeout(idleTimer);
      worker ??= start();
      const id = nextId++;
      const promise = new Promise<Uint8Array>((resolve, reject) => {
        current = { id, resolve, reject };
      });
      worker.postMessage({ id, ...job });
      const stopWhenIdle = () => {
        clearTimeout(idleTimer);
        idleTimer = setTimeout(() => {
          if (current || !worker) return;
          const idle = worker;
          worker = null;
          void idle.terminate();
        }, options.idleMs);
        idleTimer.unref();
      };
      promise.then(stopWhenIdle, stopWhenIdle);
      return promise;
    },
    cancel() {
      current = null;
      const given = worker;
      worker = null;
      void given?.terminate();
    },
  };
}
