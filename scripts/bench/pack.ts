import { openDatabase } from '../../db/client.server';
import { startServer } from '../harness';
import { rmSync } from 'node:fs';

import {
  type Goal,
  HUB_TODAY,
  type LoadDatabase,
  commandLine,
  goalLines,
  memory,
  mb,
  ms,
  percentile,
  prepareLoadDatabase,
  quiet,
} from '../load-tools';
import { GOALS } from './options';
import { BENCH_ACCOUNT, DEMO_ROUND, createBenchAccount, signIn } from './targets';

// The workshop pack's files (issue #31, decision 0079) on a server of their own: each file built
// from scratch (the server's pack cache off), the first one with the worker thread's start; on a
// demo portfolio with its open round, the round's pack for every project in it, while a probe
// asks for `/` every PROBE_EVERY_MS (is the thread answering requests ever kept waiting?) and the
// server's memory is sampled.

/** The real portfolio's pack: every project of 2015–2026 (25), in English and Chinese. */
const PERIOD_QUERY = '?lang=en%2Bzh&start=2015-01-01&end=2026-12-31';
/** Builds of each small file after the first (which includes starting the worker thread). */
const SMALL_ROUNDS = 3;
const PROBE_EVERY_MS = 50;

export interface PackFileRow {
  path: string;
  projects: number;
  /** The first build, the worker thread's start included. */
  firstMs: number;
  /** Each build after it (none for the large pack, built once). */
  laterMs: number[];
  bytes: number;
  status: number;
}

export interface PackRun {
  files: PackFileRow[];
  /** The probe's latencies while the large pack built (null: no round to build). */
  probe: { path: string; count: number; p50: number; p95: number; max: number } | null;
  /** The server's resident memory before and at its highest while the large pack built. */
  memory: { beforeThread: number; before: number; peakDuring: number; hwm: number } | null;
}

/** The most projects a demo round may ask for the bench to time its pack. */
const LARGE_PACK_PROJECTS = 500;

/** The projects the demo round asks (its pack has a section for each). */
function askedInRound(path: string): number {
  const db = openDatabase(path);
  try {
    return db.$client
      .prepare(
        `SELECT count(*) FROM reports r JOIN reporting_rounds rr ON rr.id = r.round_id
          WHERE rr.slug = ?`,
      )
      .pluck()
      .get(DEMO_ROUND) as number;
  } finally {
    db.$client.close();
  }
}

async function timedFile(url: string, headers: Record<string, string>) {
  const started = performance.now();
  const response = await fetch(url, { headers });
  const body = await response.arrayBuffer();
  const elapsed = performance.now() - started;
  if (response.status !== 200) {
    throw new Error(`${url} answered ${response.status}: ${new TextDecoder().decode(body)}`);
  }
  return { ms: elapsed, bytes: body.byteLength, status: response.status };
}

export async function measurePack(database: LoadDatabase): Promise<PackRun> {
  const server = await startServer({
    databaseUrl: database.path,
    hubToday: HUB_TODAY,
    env: { HUB_PACK_CACHE_MB: '0' },
  });
  const log = quiet(server);
  try {
    const files: PackFileRow[] = [];
    if (database.name === 'real') {
      for (const format of ['pptx', 'docx']) {
        const path = `/report.${format}${PERIOD_QUERY}`;
        console.error(`· ${database.label}: ${path} …`);
        const first = await timedFile(`${server.url}${path}`, {});
        const laterMs: number[] = [];
        for (let i = 0; i < SMALL_ROUNDS; i++) {
          laterMs.push((await timedFile(`${server.url}${path}`, {})).ms);
        }
        files.push({ path, projects: database.projects, firstMs: first.ms, laterMs, ...first });
      }
      return { files, probe: null, memory: null };
    }
    const cookie = await signIn(server, BENCH_ACCOUNT);
    const board = await fetch(`${server.url}/reporting/${DEMO_ROUND}`, { headers: cookie });
    await board.arrayBuffer();
    if (board.status !== 200) return { files, probe: null, memory: null };
    const asked = askedInRound(database.path);
    // The large pack's goal is a round of 500 projects (`--db 500 --pack-only`); a larger round
    // needs more than the pack thread's heap (HUB_PACK_HEAP_MB) and is refused with a 422.
    if (asked > LARGE_PACK_PROJECTS) return { files, probe: null, memory: null };
    // The server before its pack thread exists, the first page rendered.
    for (let i = 0; i < 5; i++) await (await fetch(`${server.url}/`)).arrayBuffer();
    const beforeThread = memory(server).rss;
    // The docx first: it starts the worker thread, so the deck's build below is the build alone.
    const docxPath = `/reporting/${DEMO_ROUND}/report.docx?lang=en%2Bzh`;
    console.error(`· ${database.label}: ${docxPath} …`);
    const docx = await timedFile(`${server.url}${docxPath}`, cookie);
    files.push({ path: docxPath, projects: asked, firstMs: docx.ms, laterMs: [], ...docx });

    const pptxPath = `/reporting/${DEMO_ROUND}/report.pptx?lang=en%2Bzh`;
    console.error(`· ${database.label}: ${pptxPath}, with a probe of / …`);
    const before = memory(server).rss;
    let peakDuring = before;
    let isBuilding = true;
    const pptx = timedFile(`${server.url}${pptxPath}`, cookie).finally(() => {
      isBuilding = false;
    });
    const probes: number[] = [];
    while (isBuilding) {
      const started = performance.now();
      const answer = await fetch(`${server.url}/`);
      await answer.arrayBuffer();
      if (isBuilding) probes.push(performance.now() - started);
      peakDuring = Math.max(peakDuring, memory(server).rss);
      await new Promise((resolve) => setTimeout(resolve, PROBE_EVERY_MS));
    }
    const deck = await pptx;
    files.push({ path: pptxPath, projects: asked, firstMs: deck.ms, laterMs: [], ...deck });
    probes.sort((a, b) => a - b);
    return {
      files,
      probe: {
        path: '/',
        count: probes.length,
        p50: percentile(probes, 50),
        p95: percentile(probes, 95),
        max: probes.at(-1) ?? NaN,
      },
      memory: { beforeThread, before, peakDuring, hwm: memory(server).peak },
    };
  } catch (error) {
    console.error(log());
    throw error;
  } finally {
    await server.stop();
  }
}

/** The report's section on the pack, and its goals. */
export function packSection(label: string, run: PackRun, goals: Goal[]): string[] {
  if (run.files.length === 0) {
    return [
      '',
      `Workshop pack: not timed on this portfolio (its files are timed at the real portfolio and on a demo round of at most ${LARGE_PACK_PROJECTS} projects: \`npm run bench -- --db real,500 --pack-only\`).`,
    ];
  }
  const lines = [
    '',
    'Workshop pack files, built in the pack’s worker thread, each from scratch (`HUB_PACK_CACHE_MB=0`); the first file’s first build also starts the thread (it loads the jobs bundle, build/jobs/):',
    '',
    '| file | projects | first | later builds | size |',
    '| --- | --: | --: | --- | --: |',
  ];
  for (const f of run.files) {
    lines.push(
      `| \`${f.path}\` | ${f.projects} | ${ms(f.firstMs)} | ${f.laterMs.map(ms).join(', ') || '–'} | ${(f.bytes / 1024).toFixed(0)} KB |`,
    );
    const isSmall = f.projects <= 100;
    const limit = isSmall ? GOALS.smallPackMs : GOALS.largePackMs;
    const judged = Math.max(f.firstMs, ...f.laterMs);
    goals.push({
      goal: `${label}: ${f.path} built in < ${limit / 1000} s (${f.projects} projects)`,
      ok: judged < limit,
      detail: `slowest ${ms(judged)}${f.laterMs.length ? ` (first ${ms(f.firstMs)})` : ''}`,
    });
  }
  if (run.probe) {
    const p = run.probe;
    lines.push(
      '',
      `While the deck built, \`${p.path}\` was asked ${p.count} times (one after another, ${PROBE_EVERY_MS} ms apart): p50 ${ms(p.p50)}, p95 ${ms(p.p95)}, slowest ${ms(p.max)}.`,
    );
    goals.push({
      goal: `${label}: ${p.path} p95 < ${GOALS.probeWhilePackMs} ms while a round's pack builds`,
      ok: p.p95 < GOALS.probeWhilePackMs,
      detail: `${ms(p.p95)} over ${p.count} requests`,
    });
  }
  if (run.memory) {
    lines.push(
      `Server memory (RSS, primary and worker process with its pack thread): ${mb(run.memory.beforeThread)} before the first pack (no pack thread yet), ${mb(run.memory.before)} after the Word document (the thread idle) and before the deck, ${mb(run.memory.peakDuring)} at most while it built (sampled), high-water marks ${mb(run.memory.hwm)}.`,
    );
  }
  return lines;
}

/** `--pack-only`: one database prepared for the pack alone. */
export async function benchPack(name: string) {
  console.error(`· preparing ${name} …`);
  const database = prepareLoadDatabase(name);
  try {
    await createBenchAccount(database);
    return {
      database: { name, label: database.label, projects: database.projects },
      pack: await measurePack(database),
    };
  } finally {
    rmSync(database.dir, { recursive: true, force: true });
  }
}

/** The report of a `--pack-only` run. */
export function packReport(runs: Awaited<ReturnType<typeof benchPack>>[], started: Date) {
  const goals: Goal[] = [];
  const lines = [
    `# Bench (workshop pack only) ${started.toISOString()}`,
    '',
    `\`${commandLine('bench')}\` · HUB_TODAY ${HUB_TODAY} · Node ${process.version} · client and server on the same machine`,
  ];
  for (const run of runs) {
    lines.push('', `## ${run.database.label} (${run.database.projects} projects)`);
    lines.push(...packSection(run.database.label, run.pack, goals));
  }
  lines.push('', '## Goals', '', ...goalLines(goals));
  return { markdown: `${lines.join('\n')}\n`, goals };
}
