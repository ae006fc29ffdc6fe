import { expect, test } from 'vitest';

import { JobError, type JobRunner, createJobQueue } from './job-queue.server';

// The queue runs with a runner of the test's own (deferred answers it controls): a job is a
// named file in a format, its result the file's bytes.

interface TestJob {
  round: string;
  format: 'pptx' | 'docx';
}

const job = (round: string, format: TestJob['format'] = 'pptx'): TestJob => ({
  round,
  format,
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
  const runner: JobRunner<TestJob, Uint8Array> = {
    run(j) {
      const name = `${j.round}.${j.format}`;
      started.push(name);
      if (j.round === 'throws-at-once') throw new Error('broken renderer');
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
  return createJobQueue({
    runner: control.runner,
    key: (j) => `${j.round}\n${j.format}`,
    size: (bytes) => bytes.byteLength,
    words: { busy: 'test files', smaller: 'ask for less' },
    stamp: options.stamp ?? (() => '1.0'),
    maxWaiting: options.maxWaiting ?? 4,
    timeoutMs: options.timeoutMs ?? 60_000,
    cacheBytes: options.cacheBytes ?? 1024 * 1024,
  });
}

test('jobs run one at a time, in the order they were asked for', async () => {
  const control = controlledRunner();
  const queue = queueWith(control);
  const a = queue.result(job('a'));
  const b = queue.result(job('b'));
  const c = queue.result(job('c', 'docx'));
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
  const running = [queue.result(job('a')), queue.result(job('a'))];
  const waiting = [queue.result(job('b')), queue.result(job('b')), queue.result(job('b'))];
  expect(queue.waiting).toBe(1);
  control.finish('a.pptx');
  await tick();
  control.finish('b.pptx');
  const files = await Promise.all([...running, ...waiting]);
  expect(control.started).toEqual(['a.pptx', 'b.pptx']);
  expect(files.map(textOf)).toEqual(['a.pptx', 'a.pptx', 'b.pptx', 'b.pptx', 'b.pptx']);
  // The same format of another round, or another format of the same round, is another file.
  void queue.result(job('a', 'docx'));
  expect(control.started).toEqual(['a.pptx', 'b.pptx', 'a.docx']);
});

test('a finished file is kept while the data stamp stays, and built again once it moves', async () => {
  const control = controlledRunner();
  let stamp = '7.0';
  const queue = queueWith(control, { stamp: () => stamp });
  const first = queue.result(job('a'));
  control.finish('a.pptx', 'first build');
  expect(textOf(await first)).toBe('first build');
  expect(textOf(queue.kept(job('a'))!)).toBe('first build');
  expect(textOf(await queue.result(job('a')))).toBe('first build');
  expect(control.started).toEqual(['a.pptx']);

  stamp = '8.0';
  expect(queue.kept(job('a'))).toBeUndefined();
  const again = queue.result(job('a'));
  expect(control.started).toEqual(['a.pptx', 'a.pptx']);
  control.finish('a.pptx', 'second build');
  expect(textOf(await again)).toBe('second build');
});

test('a file built while the data changed is answered but not kept', async () => {
  const control = controlledRunner();
  let stamp = '1.0';
  const queue = queueWith(control, { stamp: () => stamp });
  const file = queue.result(job('a'));
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
    const file = queue.result(job(round));
    control.finish(`${round}.pptx`);
    await file;
    if (round === 'bbbbb') await queue.result(job('aaaaa')); // a is used again: b is now the oldest
  }
  expect(queue.kept(job('aaaaa'))).toBeDefined();
  expect(queue.kept(job('bbbbb'))).toBeUndefined();
  expect(queue.kept(job('ccccc'))).toBeDefined();
  // A file larger than the whole cap is never kept.
  const big = queue.result(job('d'));
  control.finish('d.pptx', 'x'.repeat(26));
  await big;
  expect(queue.kept(job('d'))).toBeUndefined();
});

test('more jobs than may wait are refused as busy, with a Retry-After; the others still run', async () => {
  const control = controlledRunner();
  const queue = queueWith(control, { maxWaiting: 1 });
  const a = queue.result(job('a'));
  const b = queue.result(job('b'));
  const refused = await queue.result(job('c')).then(
    () => null,
    (error: unknown) => error,
  );
  expect(refused).toBeInstanceOf(JobError);
  expect((refused as JobError).kind).toBe('busy');
  expect((refused as JobError).retryAfterS).toBeGreaterThanOrEqual(1);
  // An identical request joins the waiting one instead of being refused.
  const bAgain = queue.result(job('b'));
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
  const failing = queue.result(job('a'));
  const atOnce = queue.result(job('throws-at-once'));
  const next = queue.result(job('b'));
  control.fail('a.pptx', new Error('renderer failed'));
  await expect(failing).rejects.toThrow('renderer failed');
  await expect(atOnce).rejects.toThrow('broken renderer');
  control.finish('b.pptx');
  expect(textOf(await next)).toBe('b.pptx');
  // A failure is not kept: asked again, it is built again.
  void queue.result(job('a'));
  expect(control.started.filter((s) => s === 'a.pptx')).toHaveLength(2);
});

test('a job running past the timeout is cancelled and rejected as too large; the next job runs', async () => {
  const control = controlledRunner();
  const queue = queueWith(control, { timeoutMs: 30 });
  const slow = queue.result(job('slow'));
  const next = queue.result(job('b'));
  const error = await slow.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(JobError);
  expect((error as JobError).kind).toBe('too-large');
  expect((error as Error).message).toMatch(/longer than .* given up: ask for less\./);
  expect(control.cancelled).toBe(1);
  expect(control.started).toEqual(['slow.pptx', 'b.pptx']);
  // The given-up job answering late changes nothing.
  control.finish('slow.pptx');
  control.finish('b.pptx');
  expect(textOf(await next)).toBe('b.pptx');
  expect(queue.kept(job('slow'))).toBeUndefined();
});
