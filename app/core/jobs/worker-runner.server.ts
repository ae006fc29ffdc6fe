import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

import { env } from '../env.server';
import { JobError, type JobRunner } from './job-queue.server';
import { workerScriptPath } from './worker-script.server';

// A runner (job-queue.server.ts) whose jobs run in one long-lived worker thread (job-worker.mjs)
// that loads the jobs bundle (HUB_JOBS_BUILD, set by scripts/serve.mjs: build/jobs/index.js, the
// functions of app/jobs.server.ts and what they import, no page) and calls one function it
// exports. Decisions 0079, 0080 and 0086.

/** The worker script (job-worker.mjs) of this server, in the source tree or beside a build. */
export function jobWorkerScript(): string {
  return workerScriptPath(import.meta.url, 'app/core/jobs/job-worker.mjs');
}

type WorkerAnswer<Result> =
  { id: number; ok: true; result: Result } | { id: number; ok: false; message: string };

export interface WorkerRunnerOptions<Job> {
  /** The jobs bundle the thread loads (build/jobs/index.js). */
  serverBuild: string;
  /** The function of the bundle that does one job. */
  handler: string;
  /** The handler's arguments for a job (structured-cloned into the thread). */
  args: (job: Job) => unknown[];
  /** The thread's heap ceiling; a job crossing it is 'too-large'. */
  heapMb: number;
  /**
   * The thread's young generation, in MB (V8's default is 3 × 16 MB semi-spaces): short-lived
   * garbage (a reader's chunks, a row's strings) is collected sooner, and the thread's memory
   * grows less with the size of what it reads. Default 8.
   */
  youngMb?: number;
  /** A thread without a job for this long is stopped (its heap and connection freed). */
  idleMs: number;
  /** What a failure says: what was being made, and what to ask for instead of a job too large. */
  words: { what: string; smaller: string };
  script?: string;
}

/**
 * Runs jobs in one long-lived worker thread: started on first use, stopped after `idleMs`
 * without a job, started again after it died (a crash, the heap ceiling, a cancelled job).
 */
export function workerRunner<Job, Result>(
  options: WorkerRunnerOptions<Job>,
): JobRunner<Job, Result> {
  let worker: Worker | null = null;
  let current: {
    id: number;
    resolve: (result: Result) => void;
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
    const started = new Worker(options.script ?? jobWorkerScript(), {
      workerData: { serverBuild: options.serverBuild, handler: options.handler },
      // Plain JavaScript: none of the parent's flags (a loader such as tsx's, --input-type…).
      execArgv: [],
      resourceLimits: {
        maxOldGenerationSizeMb: options.heapMb,
        maxYoungGenerationSizeMb: options.youngMb ?? 8,
      },
    });
    // A worker waiting for work never keeps the server's process alive.
    started.unref();
    // A worker given up (cancelled, stopped when idle) may still report: only the current counts.
    started.on('message', (answer: WorkerAnswer<Result>) => {
      if (worker !== started || !current || answer.id !== current.id) return;
      const job = current;
      current = null;
      if (answer.ok) job.resolve(answer.result);
      else job.reject(new Error(`${options.words.what} could not be built: ${answer.message}`));
    });
    started.on('error', (error: Error & { code?: string }) => {
      if (worker !== started) return;
      worker = null;
      fail(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new JobError(
              'too-large',
              `The file needed more than ${options.heapMb} MB to build and was given up: ${options.words.smaller}.`,
            )
          : error,
      );
    });
    started.on('exit', (code) => {
      if (worker !== started) return;
      worker = null;
      fail(new Error(`The worker thread stopped (exit code ${code}) while building a file.`));
    });
    return started;
  }

  return {
    run(job) {
      clearTimeout(idleTimer);
      worker ??= start();
      const id = nextId++;
      const promise = new Promise<Result>((resolve, reject) => {
        current = { id, resolve, reject };
      });
      worker.postMessage({ id, args: options.args(job) });
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

/**
 * The runner for this server process: in the production server (HUB_JOBS_BUILD, set by
 * scripts/serve.mjs) a worker thread loads the jobs bundle and does the jobs there, so the
 * thread answering requests never waits for one. Without a built bundle (vitest, `react-router
 * dev`) there is nothing for a worker to load: `inline` does the job in this process, between
 * requests, and a timeout cannot stop it.
 */
export function serverRunner<Job, Result>(
  options: Omit<WorkerRunnerOptions<Job>, 'serverBuild'> & {
    inline: (job: Job) => Promise<Result>;
  },
): JobRunner<Job, Result> {
  const serverBuild = env.HUB_JOBS_BUILD;
  if (serverBuild && existsSync(serverBuild)) return workerRunner({ ...options, serverBuild });
  return { run: options.inline, cancel: () => {} };
}
