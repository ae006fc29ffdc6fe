import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';

import { afterAll, expect, test } from 'vitest';

import { EMPTY_FILTER } from '../../core/filter/filter';
import {
  type PackJob,
  PackJobError,
  type PackRunner,
  createPackQueue,
  workerRunner,
} from './pack-queue.server';

// The queue runs with a runner of the test's own (deferred answers it controls); the worker
// thread runs with a tiny server bundle of the test's own, whose buildPackFile answers by the
// round it is asked for: the thread's id and the job, or a failure of each kind.

const job = (round: string, format: PackJob['format'] = 'pptx'): PackJob => ({
  format,
  request: {
    round,
    start: '2026-01-01',
    end: '2026-06-30',
    filter: EMPTY_FILTER,
    languages: ['en', 'zh'],
  },
  today: '2026-12-01',
});

const bytesOf = (text: string) => new TextEncoder().encode(text);
const textOf = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** A runner whose jobs finish when the test says so; it records what it was asked and when. */
function controlledRunner() {
  const started: string[] = [];
  const open = new Map<
    string,
    { resolve: (b: Uint8Array) => void; reject: (e: unknown) => void }
  >();
  let cancelled = 0;
  const runner: PackRunner = {
    run(j) {
      const name = `${j.request.round}.${j.format}`;
      started.push(name);
      if (j.request.round === 'throws-at-once') throw new Error('broken renderer');
      return new Promise((resolve, reject) => open.set(name, { resolve, reject }));
    },
    cancel() {
      cancelled++;
    },
  };
  return {
    runner,
    started,
    get cancelled() {
      return cancelled;
    },
    finish(name: string, text = name) {
      open.get(name)!.resolve(bytesOf(text));
      open.delete(name);
    },
    fail(name: string, error: unknown) {
      open.get(name)!.reject(error);
      open.delete(name);
    },
    isOpen: (name: string) => open.has(name),
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function queueWith(
  control: ReturnType<typeof controlledRunner>,
  options: {
    stamp?: () => string;
    maxWaiting?: number;
    timeoutMs?: number;
    cacheBytes?: number;
  } = {},
) {
  return createPackQueue({
    runner: control.runner,
    stamp: options.stamp ?? (() => '1.0'),
    maxWaiting: options.maxWaiting ?? 4,
    timeoutMs: options.timeoutMs ?? 60_000,
    cacheBytes: options.cacheBytes ?? 1024 * 1024,
  });
}

test('jobs run one at a time, in the order they were asked for', async () => {
  const control = controlledRunner();
  const queue = queueWith(control);
  const a = queue.file(job('a'));
  const b = queue.file(job('b'));
  const c = queue.file(job('c', 'docx'));
  expect(control.started).toEqual(['a.pptx']);
  expect(queue.waiting).toBe(2);
  control.finish('a.pptx');
  expect(textOf(await a)).toBe('a.pptx');
  expect(control.started).toEqual(['a.pptx', 'b.pptx']);
  control.finish('b.pptx');
  await b;
  expect(control.started).toEqual(['a.pptx', 'b.pptx', 'c.docx']);
  control.finish('c.docx');
  expect(textOf(await c)).toBe('c.docx');
  expect(queue.waiting).toBe(0);
});

test('identical requests, waiting or running, share one build', async () => {
  const control = controlledRunner();
  const queue = queueWith(control);
  const running = [queue.file(job('a')), queue.file(job('a'))];
  const waiting = [queue.file(job('b')), queue.file(job('b')), queue.file(job('b'))];
  expect(queue.waiting).toBe(1);
  control.finish('a.pptx');
  await tick();
  control.finish('b.pptx');
  const files = await Promise.all([...running, ...waiting]);
  expect(control.started).toEqual(['a.pptx', 'b.pptx']);
  expect(files.map(textOf)).toEqual(['a.pptx', 'a.pptx', 'b.pptx', 'b.pptx', 'b.pptx']);
  // The same format of another round, or another format of the same round, is another file.
  void queue.file(job('a', 'docx'));
  expect(control.started).toEqual(['a.pptx', 'b.pptx', 'a.docx']);
});

test('a finished file is kept while the data stamp stays, and built again once it moves', async () => {
  const control = controlledRunner();
  let stamp = '7.0';
  const queue = queueWith(control, { stamp: () => stamp });
  const first = queue.file(job('a'));
  control.finish('a.pptx', 'first build');
  expect(textOf(await first)).toBe('first build');
  expect(textOf(queue.kept(job('a'))!)).toBe('first build');
  expect(textOf(await queue.file(job('a')))).toBe('first build');
  expect(control.started).toEqual(['a.pptx']);

  stamp = '8.0';
  expect(queue.kept(job('a'))).toBeUndefined();
  const again = queue.file(job('a'));
  expect(control.started).toEqual(['a.pptx', 'a.pptx']);
  control.finish('a.pptx', 'second build');
  expect(textOf(await again)).toBe('second build');
});

test('a file built while the data changed is answered but not kept', async () => {
  const control = controlledRunner();
  let stamp = '1.0';
  const queue = queueWith(control, { stamp: () => stamp });
  const file = queue.file(job('a'));
  stamp = '1.1';
  control.finish('a.pptx');
  expect(textOf(await file)).toBe('a.pptx');
  expect(queue.kept(job('a'))).toBeUndefined();
});

test('the kept files stay under their byte cap, the least recently used going first', async () => {
  const control = controlledRunner();
  // Each file below is 10 bytes: room for two.
  const queue = queueWith(control, { cacheBytes: 25 });
  for (const round of ['aaaaa', 'bbbbb', 'ccccc']) {
    const file = queue.file(job(round));
    control.finish(`${round}.pptx`);
    await file;
    if (round === 'bbbbb') await queue.file(job('aaaaa')); // a is used again: b is now the oldest
  }
  expect(queue.kept(job('aaaaa'))).toBeDefined();
  expect(queue.kept(job('bbbbb'))).toBeUndefined();
  expect(queue.kept(job('ccccc'))).toBeDefined();
  // A file larger than the whole cap is never kept.
  const big = queue.file(job('d'));
  control.finish('d.pptx', 'x'.repeat(26));
  await big;
  expect(queue.kept(job('d'))).toBeUndefined();
});

test('more jobs than may wait are refused as busy, with a Retry-After; the others still run', async () => {
  const control = controlledRunner();
  const queue = queueWith(control, { maxWaiting: 1 });
  const a = queue.file(job('a'));
  const b = queue.file(job('b'));
  const refused = await queue.file(job('c')).then(
    () => null,
    (error: unknown) => error,
  );
  expect(refused).toBeInstanceOf(PackJobError);
  expect((refused as PackJobError).kind).toBe('busy');
  expect((refused as PackJobError).retryAfterS).toBeGreaterThanOrEqual(1);
  // An identical request joins the waiting one instead of being refused.
  const bAgain = queue.file(job('b'));
  control.finish('a.pptx');
  await a;
  control.finish('b.pptx');
  expect(textOf(await bAgain)).toBe('b.pptx');
  await b;
  expect(control.started).toEqual(['a.pptx', 'b.pptx']);
});

test('a job that fails rejects its own promise only; the next job runs', async () => {
  const control = controlledRunner();
  const queue = queueWith(control);
  const failing = queue.file(job('a'));
  const atOnce = queue.file(job('throws-at-once'));
  const next = queue.file(job('b'));
  control.fail('a.pptx', new Error('renderer failed'));
  await expect(failing).rejects.toThrow('renderer failed');
  await expect(atOnce).rejects.toThrow('broken renderer');
  control.finish('b.pptx');
  expect(textOf(await next)).toBe('b.pptx');
  // A failure is not kept: asked again, it is built again.
  void queue.file(job('a'));
  expect(control.started.filter((s) => s === 'a.pptx')).toHaveLength(2);
});

test('a job running past the timeout is cancelled and rejected as too large; the next job runs', async () => {
  const control = controlledRunner();
  const queue = queueWith(control, { timeoutMs: 30 });
  const slow = queue.file(job('slow'));
  const next = queue.file(job('b'));
  const error = await slow.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PackJobError);
  expect((error as PackJobError).kind).toBe('too-large');
  expect((error as Error).message).toMatch(/longer than/);
  expect(control.cancelled).toBe(1);
  expect(control.started).toEqual(['slow.pptx', 'b.pptx']);
  // The given-up job answering late changes nothing.
  control.finish('slow.pptx');
  control.finish('b.pptx');
  expect(textOf(await next)).toBe('b.pptx');
  expect(queue.kept(job('slow'))).toBeUndefined();
});

// ---------- the worker thread, with a bundle of the test's own ----------

const dir = mkdtempSync(join(tmpdir(), 'pack-jobs-'));
const bundle = join(dir, 'index.js');
writeFileSync(
  bundle,
  `import { threadId } from 'node:worker_threads';
export const entry = { module: { async buildPackFile(format, request, today) {
  if (request.round === 'throws') throw new Error('no such renderer');
  if (request.round === 'exits') process.exit(3);
  if (request.round === 'spins') for (;;) {}
  if (request.round === 'hogs') { const all = []; for (;;) all.push(new Array(1e6).fill(all.length)); }
  // A Buffer from Node's shared pool: the worker must send a copy that owns its buffer.
  return Buffer.from(JSON.stringify({ threadId, format, round: request.round, today }));
} } };
`,
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const answerOf = (bytes: Uint8Array) =>
  JSON.parse(textOf(bytes)) as { threadId: number; format: string; round: string; today: string };

test('the worker thread builds with the bundle it is given and sends the bytes back', async () => {
  const runner = workerRunner({ serverBuild: bundle, heapMb: 256, idleMs: 60_000 });
  try {
    const first = answerOf(await runner.run(job('a', 'docx')));
    expect(first).toMatchObject({ format: 'docx', round: 'a', today: '2026-12-01' });
    expect(first.threadId).not.toBe(threadId);
    // One long-lived worker: the next job is answered by the same thread.
    expect(answerOf(await runner.run(job('b'))).threadId).toBe(first.threadId);
  } finally {
    runner.cancel();
  }
});

test('a build that throws, or a worker that dies, fails that job; the next job gets a fresh worker', async () => {
  const runner = workerRunner({ serverBuild: bundle, heapMb: 256, idleMs: 60_000 });
  try {
    const before = answerOf(await runner.run(job('a'))).threadId;
    await expect(runner.run(job('throws'))).rejects.toThrow(
      'The pack file could not be built: no such renderer',
    );
    expect(answerOf(await runner.run(job('a'))).threadId).toBe(before);
    await expect(runner.run(job('exits'))).rejects.toThrow(/stopped \(exit code 3\)/);
    expect(answerOf(await runner.run(job('a'))).threadId).not.toBe(before);
  } finally {
    runner.cancel();
  }
});

test('a build past the heap ceiling is refused as too large; the next job gets a fresh worker', async () => {
  const runner = workerRunner({ serverBuild: bundle, heapMb: 64, idleMs: 60_000 });
  try {
    const error = await runner.run(job('hogs')).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PackJobError);
    expect((error as PackJobError).kind).toBe('too-large');
    expect(answerOf(await runner.run(job('a'))).round).toBe('a');
  } finally {
    runner.cancel();
  }
}, 30_000);

test('with the queue, a build that never ends is cut off at the timeout and the worker replaced', async () => {
  const runner = workerRunner({ serverBuild: bundle, heapMb: 256, idleMs: 60_000 });
  const queue = createPackQueue({
    runner,
    stamp: () => '1.0',
    maxWaiting: 4,
    timeoutMs: 1_500,
    cacheBytes: 1024 * 1024,
  });
  try {
    const before = answerOf(await queue.file(job('a'))).threadId;
    const spinning = queue.file(job('spins'));
    const after = queue.file(job('b'));
    await expect(spinning).rejects.toThrow(/longer than 2 s to build/);
    const next = answerOf(await after);
    expect(next.round).toBe('b');
    expect(next.threadId).not.toBe(before);
  } finally {
    runner.cancel();
  }
}, 30_000);

test('an idle worker is stopped, and started again for the next job', async () => {
  const runner = workerRunner({ serverBuild: bundle, heapMb: 256, idleMs: 50 });
  try {
    const first = answerOf(await runner.run(job('a'))).threadId;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(answerOf(await runner.run(job('a'))).threadId).not.toBe(first);
  } finally {
    runner.cancel();
  }
});
