// What the load scripts (`npm run bench`, `npm run test:soak`) share: autocannon, the databases
// they run against, and reading the server's memory and CPU from /proc.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { openDatabase } from '../db/client.server';
import { generateDemoPortfolio } from '../db/demo';
import { migrateDatabase } from '../db/migrate';
import { type TestServer, createSeededDatabase, makeTempDir } from './harness';

/** The day the load scripts pin, so every run computes the same statuses. */
export const HUB_TODAY = '2026-11-29';

// autocannon ships no type declarations: the little of it used here, typed.
export interface Histogram {
  average: number;
  p50: number;
  p99: number;
}
export interface AutocannonResult {
  requests: Histogram & { total: number };
  latency: Histogram;
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
}
export interface AutocannonInstance extends PromiseLike<AutocannonResult> {
  on(
    event: 'response',
    listener: (client: unknown, status: number, bytes: number, ms: number) => void,
  ): void;
  stop(): void;
}
export interface AutocannonRequest {
  path: string;
  method?: string;
  headers?: Record<string, string>;
}
export const autocannon = createRequire(import.meta.url)('autocannon') as (options: {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
  /** Each connection sends these in turn, round and round. */
  requests?: AutocannonRequest[];
  /** Seconds before a request counts as timed out (autocannon's default: 10). */
  timeout?: number;
}) => AutocannonInstance;

export function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
export const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(n < 10 ? 1 : 0)} ms` : '–');
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** /proc/<pid>/<file>, or '' for a process that has just ended. */
function procFile(pid: number, file: string): string {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return '';
  }
}

/**
 * The server's resident memory (and the sum of its processes' peaks), from /proc: the primary and
 * its workers together.
 */
export function memory(server: TestServer) {
  let rss = 0;
  let peak = 0;
  for (const pid of server.pids()) {
    const status = procFile(pid, 'status');
    const field = (name: string) =>
      Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    rss += field('VmRSS');
    peak += field('VmHWM');
  }
  return { rss, peak };
}

/**
 * The server's CPU time so far, in clock ticks (1/100 s), from /proc/<pid>/stat: the primary and
 * its workers together (a worker that ended takes its ticks with it).
 */
export function cpuTicks(server: TestServer): number {
  let ticks = 0;
  for (const pid of server.pids()) {
    const stat = procFile(pid, 'stat');
    if (!stat) continue;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks;
}

/**
 * Waits until the server is idle: after a run, it is still answering the requests the load
 * generator had sent, which would otherwise be counted against the next target.
 */
export async function waitUntilIdle(server: TestServer) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const before = cpuTicks(server);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // At most 10 % of one core over 300 ms.
    if (cpuTicks(server) - before <= 3) return;
  }
}

/** Keeps only the end of the server's log: morgan writes a line for every request. */
export function quiet(server: TestServer) {
  let tail = '';
  for (const stream of [server.process.stdout, server.process.stderr]) {
    stream?.removeAllListeners('data');
    stream?.on('data', (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-20_000)));
  }
  return () => tail;
}

export interface LoadDatabase {
  name: string;
  label: string;
  path: string;
  dir: string;
  projectSlug: string;
  projects: number;
  milestones: number;
}

/** `real`: a fresh file with the real portfolio; a number: a synthetic portfolio that size. */
export function prepareLoadDatabase(name: string): LoadDatabase {
  let path: string;
  let dir: string;
  if (name === 'real') {
    ({ path, dir } = createSeededDatabase());
  } else {
    dir = makeTempDir('bench');
    path = join(dir, 'demo.sqlite');
    const db = openDatabase(path);
    migrateDatabase(db);
    // The generator marks the file synthetic: every page of it says so.
    generateDemoPortfolio(db, { projects: Number(name) });
    db.$client.close();
  }
  const db = openDatabase(path);
  const count = (table: string) =>
    (db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const projects = count('projects');
  const milestones = count('milestones');
  db.$client.close();
  return {
    name,
    label: name === 'real' ? 'real portfolio' : `synthetic ${name}`,
    path,
    dir,
    projectSlug: name === 'real' ? 'sgep-iii' : 'demo-42',
    projects,
    milestones,
  };
}
