// Work that takes seconds (a workshop pack's file, a whole-portfolio export) is done one job at a
// time by a runner (a worker thread in the production server: worker-runner.server.ts), behind a
// short queue, and its result may be kept by the data stamp. Nothing here knows what a job makes:
// the runner, the key and the size of a result are given. Decisions 0079 and 0080.

/** Does one job at a time; `cancel` gives up the one being done (a worker is terminated). */
export interface JobRunner<Job, Result> {
  run(job: Job): Promise<Result>;
  cancel(): void;
}

/**
 * Why a job was not done, when it is not a fault of the hub's code: the queue was full ('busy',
 * try again after `retryAfterS`), or the job took longer or more memory than the limits allow
 * ('too-large': a narrower request will do).
 */
export class JobError extends Error {
  constructor(
    readonly kind: 'busy' | 'too-large',
    message: string,
    readonly retryAfterS: number | null = null,
  ) {
    super(message);
    this.name = 'JobError';
  }
}

export interface JobQueueOptions<Job, Result> {
  runner: JobRunner<Job, Result>;
  /** What the data is at (db/query-cache.server.ts dataStamp): part of every key. */
  stamp: () => string;
  /** Identical jobs (the same key) share one run, and one kept result. */
  key: (job: Job) => string;
  /** A result's bytes, for the cap on kept results. */
  size: (result: Result) => number;
  /** Jobs that may wait behind the one running; one more is refused ('busy'). */
  maxWaiting: number;
  /** Wall time of one job once it runs, in ms; then it is cancelled ('too-large'). */
  timeoutMs: number;
  /** Bytes of results kept; the least recently used go first (0: none kept). */
  cacheBytes: number;
  /** What a refusal says: what is being made, and what to ask for instead of a job too large. */
  words: { busy: string; smaller: string };
}

interface Entry<Job, Result> {
  key: string;
  stamp: string;
  job: Job;
  promise: Promise<Result>;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

export interface JobQueue<Job, Result> {
  /** The result of this job: kept, shared with an identical job waiting or running, or made. */
  result(job: Job): Promise<Result>;
  /** The kept result of this job, if there is one now (a HEAD asks without building). */
  kept(job: Job): Result | undefined;
  /** Jobs waiting (not counting the one running), for tests and logs. */
  readonly waiting: number;
}

export function createJobQueue<Job, Result>(
  options: JobQueueOptions<Job, Result>,
): JobQueue<Job, Result> {
  const { runner, stamp, maxWaiting, timeoutMs, cacheBytes, size, words } = options;
  const kept = new Map<string, Result>();
  let keptBytes = 0;
  let keptStamp = '';
  /** Waiting and running jobs by key: an identical request shares the same promise. */
  const pending = new Map<string, Entry<Job, Result>>();
  const queue: Entry<Job, Result>[] = [];
  let running: Entry<Job, Result> | null = null;
  /** The last job's duration, for a refusal's Retry-After. */
  let lastMs = 10_000;

  const keyOf = (job: Job, at: string) => `${at}\n${options.key(job)}`;

  /** Results of an older stamp describe data that changed: dropped as soon as the stamp moves. */
  function keptFor(at: string) {
    if (at !== keptStamp) {
      kept.clear();
      keptBytes = 0;
      keptStamp = at;
    }
    return kept;
  }

  function keep(entry: Entry<Job, Result>, result: Result) {
    const bytes = size(result);
    // A result made while the data moved on is not what a request now would get.
    if (stamp() !== entry.stamp || bytes > cacheBytes) return;
    const results = keptFor(entry.stamp);
    while (keptBytes + bytes > cacheBytes && results.size > 0) {
      const [oldest, result] = results.entries().next().value!;
      results.delete(oldest);
      keptBytes -= size(result);
    }
    results.set(entry.key, result);
    keptBytes += bytes;
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
          new JobError(
            'too-large',
            `The file took longer than ${Math.round(timeoutMs / 1000)} s to build and was given up: ${words.smaller}.`,
          ),
        );
      });
    }, timeoutMs);
    let run: Promise<Result>;
    try {
      run = runner.run(entry.job);
    } catch (error) {
      run = Promise.reject(error);
    }
    run.then(
      (result) =>
        settle(() => {
          keep(entry, result);
          entry.resolve(result);
        }),
      (error: unknown) => settle(() => entry.reject(error)),
    );
  }

  return {
    result(job) {
      const at = stamp();
      const key = keyOf(job, at);
      const result = keptFor(at).get(key);
      if (result !== undefined) {
        // Most recently used last: the first in the map is the next to go.
        kept.delete(key);
        kept.set(key, result);
        return Promise.resolve(result);
      }
      const shared = pending.get(key);
      if (shared) return shared.promise;
      if (running && queue.length >= maxWaiting) {
        const seconds = Math.ceil((lastMs * (queue.length + 1)) / 1000);
        return Promise.reject(
          new JobError(
            'busy',
            `Other ${words.busy} are being built: try again in a moment.`,
            Math.min(Math.max(seconds, 1), Math.ceil(timeoutMs / 1000)),
          ),
        );
      }
      let resolve!: Entry<Job, Result>['resolve'];
      let reject!: Entry<Job, Result>['reject'];
      const promise = new Promise<Result>((yes, no) => {
        resolve = yes;
        reject = no;
      });
      const entry: Entry<Job, Result> = { key, stamp: at, job, promise, resolve, reject };
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
