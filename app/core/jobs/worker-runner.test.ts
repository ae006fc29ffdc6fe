import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';

import { afterAll, expect, test } from 'vitest';

import { JobError, createJobQueue } from './job-queue.server';
import { type WorkerRunnerOptions, workerRunner } from './worker-runner.server';

// The worker thread runs with a tiny server bundle of the test's own, whose buildTestFile
// answers by the round it is asked for: the thread's id and the job, or a failure of each kind;
// and buildTestAnswer, whose answer carries its bytes as `body`.

interface TestJob {
  round: string;
  format: 'pptx' | 'docx';
}

const job = (round: string, format: TestJob['format'] = 'pptx'): TestJob => ({ round, format });
const textOf = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

const dir = mkdtempSync(join(tmpdir(), 'job-worker-'));
const bundle = join(dir, 'index.js');
writeFileSync(
  bundle,
  `import { threadId } from 'node:worker_threads';
export async function buildTestFile(format, round, today) {
  if (round === 'throws') throw new Error('no such renderer');
  if (round === 'exits') process.exit(3);
  if (round === 'spins') for (;;) {}
  if (round === 'hogs') { const all = []; for (;;) all.push(new Array(1e6).fill(all.length)); }
  // A Buffer from Node's shared pool: the worker must send a copy that owns its buffer.
  return Buffer.from(JSON.stringify({ threadId, format, round, today }));
}
export function buildTestAnswer(round) {
  return { status: 200, headers: [['content-type', 'text/plain']], body: Buffer.from(round) };
}
`,
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A runner of buildTestFile in a thread with these limits. */
const testRunner = (
  limits: Pick<WorkerRunnerOptions<TestJob>, 'heapMb' | 'idleMs'>,
  handler = 'buildTestFile',
) =>
  workerRunner<TestJob, Uint8Array>({
    serverBuild: bundle,
    handler,
    args: (j) => (handler === 'buildTestFile' ? [j.format, j.round, '2026-12-01'] : [j.round]),
    words: { what: 'The test file', smaller: 'ask for less' },
    ...limits,
  });

const answerOf = (bytes: Uint8Array) =>
  JSON.parse(textOf(bytes)) as { threadId: number; format: string; round: string; today: string };

test('the worker thread builds with the bundle it is given and sends the bytes back', async () => {
  const runner = testRunner({ heapMb: 256, idleMs: 60_000 });
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
  const runner = testRunner({ heapMb: 256, idleMs: 60_000 });
  try {
    const before = answerOf(await runner.run(job('a'))).threadId;
    await expect(runner.run(job('throws'))).rejects.toThrow(
      'The test file could not be built: no such renderer',
    );
    expect(answerOf(await runner.run(job('a'))).threadId).toBe(before);
    await expect(runner.run(job('exits'))).rejects.toThrow(/stopped \(exit code 3\)/);
    expect(answerOf(await runner.run(job('a'))).threadId).not.toBe(before);
  } finally {
    runner.cancel();
  }
});

test('a build past the heap ceiling is refused as too large; the next job gets a fresh worker', async () => {
  const runner = testRunner({ heapMb: 64, idleMs: 60_000 });
  try {
    const error = await runner.run(job('hogs')).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(JobError);
    expect((error as JobError).kind).toBe('too-large');
    expect(answerOf(await runner.run(job('a'))).round).toBe('a');
  } finally {
    runner.cancel();
  }
}, 30_000);

test('with the queue, a build that never ends is cut off at the timeout and the worker replaced', async () => {
  const runner = testRunner({ heapMb: 256, idleMs: 60_000 });
  const queue = createJobQueue({
    runner,
    key: (j) => `${j.round}\n${j.format}`,
    size: (bytes) => bytes.byteLength,
    words: { busy: 'test files', smaller: 'ask for less' },
    stamp: () => '1.0',
    maxWaiting: 4,
    timeoutMs: 1_500,
    cacheBytes: 1024 * 1024,
  });
  try {
    const before = answerOf(await queue.result(job('a'))).threadId;
    const spinning = queue.result(job('spins'));
    const after = queue.result(job('b'));
    await expect(spinning).rejects.toThrow(/longer than 2 s to build/);
    const next = answerOf(await after);
    expect(next.round).toBe('b');
    expect(next.threadId).not.toBe(before);
  } finally {
    runner.cancel();
  }
}, 30_000);

test('an idle worker is stopped, and started again for the next job', async () => {
  const runner = testRunner({ heapMb: 256, idleMs: 50 });
  try {
    const first = answerOf(await runner.run(job('a'))).threadId;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(answerOf(await runner.run(job('a'))).threadId).not.toBe(first);
  } finally {
    runner.cancel();
  }
});

test('a result carrying its bytes as its body comes back whole, its bytes a buffer of their own', async () => {
  const runner = workerRunner<TestJob, { status: number; headers: string[][]; body: Uint8Array }>({
    serverBuild: bundle,
    handler: 'buildTestAnswer',
    args: (j) => [j.round],
    words: { what: 'The test file', smaller: 'ask for less' },
    heapMb: 256,
    idleMs: 60_000,
  });
  try {
    const answer = await runner.run(job('hello'));
    expect(answer.status).toBe(200);
    expect(answer.headers).toEqual([['content-type', 'text/plain']]);
    expect(textOf(answer.body)).toBe('hello');
    expect(answer.body.byteLength).toBe(answer.body.buffer.byteLength);
  } finally {
    runner.cancel();
  }
});

test('a bundle without the function asked for fails the job, naming it', async () => {
  const runner = testRunner({ heapMb: 256, idleMs: 60_000 }, 'noSuchFunction');
  try {
    await expect(runner.run(job('a'))).rejects.toThrow(/exports no noSuchFunction/);
  } finally {
    runner.cancel();
  }
});
