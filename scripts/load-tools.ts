// What the load and measuring scripts (`npm run bench`, `npm run test:soak`, `npm run measure:*`)
// share: autocannon, the databases they run against, reading the server's memory and CPU from
// /proc, percentiles and the reports' common lines.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { openDatabase } from '../db/client.server';
import { generateDemoPortfolio } from '../db/demo';
import { migrateDatabase } from '../db/migrate';
import { QUANTITATIVE_MEASURES } from '../db/vocabulary';
import { type TestServer, createSeededDatabase, makeTempDir } from './harness';

/** The day the load scripts pin, so every run computes the same statuses. */
export const HUB_TODAY = '2026-11-29';

/** The repository's root folder. */
export const ROOT = fileURLToPath(new URL('../', import.meta.url));

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
/** The median of numbers in any order. */
export const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );
export const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(n < 10 ? 1 : 0)} ms` : '–');
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** An autocannon run's answers counted by status code. */
export function statusCounts(result: AutocannonResult): Record<string, number> {
  return Object.fromEntries(
    Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count]),
  );
}

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

/**
 * The documents (with extracted text) and published knowledge entries the bench's synthetic
 * portfolios hold: 2 000 documents at 10 000 projects, one for every five projects below.
 */
export const benchDocumentCounts = (projects: number) => ({
  documents: Math.min(2000, Math.ceil(projects / 5)),
  entries: Math.min(500, Math.ceil(projects / 20)),
});

/** A fresh SQLite file with a synthetic portfolio of that many projects; its path. */
export function createDemoDatabase(
  projects: number,
  prefix: string,
  extra: { documents?: number; entries?: number } = {},
): { path: string; dir: string } {
  const dir = makeTempDir(prefix);
  const path = join(dir, 'demo.sqlite');
  const db = openDatabase(path);
  migrateDatabase(db);
  // The generator marks the file synthetic: every page of it says so.
  generateDemoPortfolio(db, { projects, ...extra });
  db.$client.close();
  return { path, dir };
}

export interface LoadDatabase {
  name: string;
  label: string;
  path: string;
  dir: string;
  projectSlug: string;
  /**
   * Whether that project's page draws indicator charts (a quantitative indicator with a target or
   * an actual value: every synthetic project has some, no real one yet). Such a page is hydrated
   * with Chart.js (decision 0062) and held to the chart pages' JavaScript budget.
   */
  projectHasCharts: boolean;
  /** The project with the most indicator periods (none in the real portfolio, which has no values). */
  indicatorProjectSlug: string | null;
  /** A public document, a published knowledge entry and a topic, for their pages (or null). */
  documentId: number | null;
  entrySlug: string | null;
  topicSlug: string | null;
  projects: number;
  milestones: number;
}

/** `real`: a fresh file with the real portfolio; a number: a synthetic portfolio that size. */
export function prepareLoadDatabase(name: string): LoadDatabase {
  const { path, dir } =
    name === 'real'
      ? createSeededDatabase()
      : createDemoDatabase(Number(name), 'bench', benchDocumentCounts(Number(name)));
  const db = openDatabase(path);
  const count = (table: string) =>
    (db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const projects = count('projects');
  const milestones = count('milestones');
  const firstPublic = db.$client
    .prepare(`SELECT id FROM documents WHERE visibility = 'public' ORDER BY id LIMIT 1`)
    .get() as { id: number } | undefined;
  const firstEntry = db.$client
    .prepare(`SELECT slug FROM knowledge_entries WHERE state = 'published' ORDER BY id LIMIT 1`)
    .get() as { slug: string } | undefined;
  const firstTopic = db.$client.prepare(`SELECT slug FROM topics ORDER BY id LIMIT 1`).get() as
    { slug: string } | undefined;
  const withIndicators = db.$client
    .prepare(
      `SELECT p.slug FROM projects p JOIN indicators i ON i.project_id = p.id
         JOIN indicator_periods ip ON ip.indicator_id = i.id
        GROUP BY p.id ORDER BY count(*) DESC, p.id LIMIT 1`,
    )
    .get() as { slug: string } | undefined;
  const projectSlug = name === 'real' ? 'sgep-iii' : 'demo-42';
  const charted = db.$client
    .prepare(
      `SELECT 1 FROM indicators i JOIN projects p ON p.id = i.project_id
         JOIN indicator_periods ip ON ip.indicator_id = i.id
        WHERE p.slug = ? AND i.measure IN (${QUANTITATIVE_MEASURES.map(() => '?').join(', ')})
          AND (ip.target_value IS NOT NULL OR ip.actual_value IS NOT NULL)
        LIMIT 1`,
    )
    .get(projectSlug, ...QUANTITATIVE_MEASURES);
  db.$client.close();
  return {
    name,
    label: name === 'real' ? 'real portfolio' : `synthetic ${name}`,
    path,
    dir,
    projectSlug,
    projectHasCharts: charted !== undefined,
    indicatorProjectSlug: withIndicators?.slug ?? null,
    documentId: firstPublic?.id ?? null,
    entrySlug: firstEntry?.slug ?? null,
    topicSlug: firstTopic?.slug ?? null,
    projects,
    milestones,
  };
}

// --- the reports ------------------------------------------------------------------------------

/** Where the load scripts write their reports (git-ignored), created if need be. */
export function resultsDir(): string {
  const dir = join(ROOT, 'bench-results');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A run's start as part of a file name: 2026-11-29T10-00-00-000Z. */
export const fileStamp = (started: Date) => started.toISOString().replace(/[:.]/g, '-');

/** The command as it was run, `npm run <script> -- <its arguments>`. */
export const commandLine = (script: string) =>
  `npm run ${script}${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;

export interface Goal {
  goal: string;
  ok: boolean;
  detail: string;
}

/** A report's goals, one line each, ✓ or ✗. */
export const goalLines = (goals: Goal[]) =>
  goals.map((g) => `- ${g.ok ? '✓' : '✗'} ${g.goal}: ${g.detail}`);
