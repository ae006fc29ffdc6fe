import { rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';

import { parseCommand, usageError, wholeNumber } from './cli';
import { startServer } from './harness';
import {
  HUB_TODAY,
  type LoadDatabase,
  autocannon,
  commandLine,
  cpuTicks,
  fileStamp,
  goalLines,
  mb,
  median,
  memory,
  ms,
  percentile,
  prepareLoadDatabase,
  quiet,
  resultsDir,
  statusCounts,
  waitUntilIdle,
} from './load-tools';

// npm run test:soak [-- --duration 600] [--connections 50] [--warm-up 60] [--db real|10000]
// The production server (`npm run build` first) under a steady mixed load: every connection
// cycles through the public pages, APIs and exports in three languages. The goals of #15: no
// errors (network errors, timeouts, answers other than 2xx/3xx) and the server's resident memory
// at the end no more than 15 % above what it was after the warm-up. Memory is read from
// /proc/<pid>/status, nothing is forced (no GC). Exits 1 when a goal is missed. Writes the
// report to bench-results/ (git-ignored). Load generator and server share the machine.

const MEMORY_GROWTH_LIMIT = 0.15;
/** Seconds between memory samples during the run. */
const SAMPLE_EVERY = 10;

const { values: args } = parseCommand({
  script: 'test:soak',
  summary:
    'Runs the production server (npm run build first) under a steady mixed load of public ' +
    'pages, APIs and exports in three languages, and checks that no request fails and that its ' +
    'memory grows no more than 15 % after the warm-up. Writes a report to bench-results/; exits ' +
    '1 when a goal is missed.',
  options: {
    duration: { type: 'string', value: 'SECONDS', default: '600', help: 'the measured run' },
    connections: { type: 'string', value: 'N', default: '50', help: 'concurrent connections' },
    'warm-up': { type: 'string', value: 'SECONDS', default: '60', help: 'load before measuring' },
    db: {
      type: 'string',
      value: 'DB',
      default: 'real',
      help: 'real, or a number of synthetic projects',
    },
    timeout: { type: 'string', value: 'SECONDS', default: '10', help: 'a request slower fails' },
  },
  examples: ['npm run test:soak', 'npm run test:soak -- --duration 60 --db 10000'],
});
const DURATION = wholeNumber(args.duration, '--duration');
const CONNECTIONS = wholeNumber(args.connections, '--connections');
const WARM_UP = wholeNumber(args['warm-up'], '--warm-up');
const TIMEOUT = wholeNumber(args.timeout, '--timeout');
if (args.db !== 'real' && !/^[1-9]\d*$/.test(args.db)) {
  usageError(`--db ${args.db}: real or a number of synthetic projects`);
}

/** The mix: what readers, the map widget and API users ask for, in en, zh and de. */
export function soakPaths(database: LoadDatabase): string[] {
  const project = `/projects/${database.projectSlug}`;
  const pages = [
    '/',
    '/projects',
    '/projects?type=bilateral&status=ongoing',
    '/projects?topic=transport&sort=title',
    '/projects?fundingArea=mitigation&page=2',
    project,
    '/map',
    '/timeline',
    '/timeline?group=ministry&zoom=year&at=2024',
    '/dashboard',
    '/dashboard?type=regional',
    '/milestones',
    '/milestones?group=overdue',
    '/search?q=energy',
    '/events',
    '/organisations',
    '/topics',
  ];
  return [
    ...pages,
    ...['/zh', '/de'].flatMap((prefix) =>
      ['/', '/projects', project, '/map', '/dashboard', '/timeline'].map((p) =>
        p === '/' ? `${prefix}/` : `${prefix}${p}`,
      ),
    ),
    // Encoded as a browser sends it: autocannon writes the path into the request line as it is,
    // and raw UTF-8 there is refused by Node's parser, which stalled every connection at this
    // target (1 450 answers in 10 minutes: 50 connections × the 29 targets before it).
    `/zh/search?q=${encodeURIComponent('排放交易')}`,
    '/de/search?q=Partnerschaft',
    '/api/map',
    '/api/map?type=bilateral',
    '/api/projects',
    '/api/projects?status=ongoing&pageSize=50',
    `/api/projects/${database.projectSlug}`,
    '/api/milestones',
    '/api/indicators',
    '/api/indicators?standard=SI+1',
    '/api/events',
    '/api/organisations',
    '/export/projects.csv',
    '/export/milestones.csv?lang=zh',
    '/export/indicators.csv',
    '/export/projects.geojson',
    '/export/milestones.ics',
    '/export/iati.xml',
  ];
}

const isAnswered = (status: number) => status >= 200 && status < 400;

interface Phase {
  requests: number;
  /** Network errors, timeouts included (autocannon counts a timeout as an error too). */
  errors: number;
  timeouts: number;
  /** Answers other than 2xx/3xx, by status. */
  failures: Record<string, number>;
  statuses: Record<string, number>;
  latencies: number[];
  seconds: number;
  counted: number;
}

async function run(
  url: string,
  paths: string[],
  seconds: number,
  onTick?: (elapsed: number) => void,
): Promise<Phase> {
  const latencies: number[] = [];
  const started = performance.now();
  const instance = autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: TIMEOUT,
    headers: { 'Accept-Encoding': 'gzip' },
    // Every connection goes through the mix in turn.
    requests: paths.map((path) => ({ path })),
  });
  instance.on('response', (_client, _status, _bytes, responseMs) => latencies.push(responseMs));
  const ticker = onTick
    ? setInterval(() => onTick((performance.now() - started) / 1000), SAMPLE_EVERY * 1000)
    : undefined;
  const result = await instance;
  clearInterval(ticker);
  const statuses = statusCounts(result);
  latencies.sort((a, b) => a - b);
  return {
    // Answered requests, counted as they come (the same count as the latencies).
    requests: latencies.length,
    errors: result.errors,
    timeouts: result.timeouts,
    // Strict: an answer autocannon could not read a status from ("undefined") is a failure too.
    failures: Object.fromEntries(
      Object.entries(statuses).filter(([code]) => !isAnswered(Number(code))),
    ),
    statuses,
    latencies,
    seconds: result.duration,
    counted: result.requests.total,
  };
}

const started = new Date();
console.error(
  `· preparing the ${args.db === 'real' ? 'real portfolio' : `synthetic ${args.db}`} …`,
);
const database = prepareLoadDatabase(args.db);
const server = await startServer({ databaseUrl: database.path, hubToday: HUB_TODAY });
const log = quiet(server);
const lines: string[] = [];
let failed = false;
try {
  const paths = soakPaths(database);
  // Every target once first: a page that fails alone is named here, not lost in the totals.
  const single: { path: string; ms: number }[] = [];
  for (const path of paths) {
    const t = performance.now();
    const response = await fetch(`${server.url}${path}`, {
      redirect: 'manual',
      headers: { 'Accept-Encoding': 'gzip' },
    });
    await response.arrayBuffer();
    single.push({ path, ms: performance.now() - t });
    if (!isAnswered(response.status)) throw new Error(`${path} answered ${response.status}`);
  }
  const slowest = [...single].sort((a, b) => b.ms - a.ms).slice(0, 5);

  console.error(`· warm-up: ${CONNECTIONS} connections × ${WARM_UP} s …`);
  const warmUp = await run(server.url, paths, WARM_UP);
  await waitUntilIdle(server);
  const afterWarmUp = memory(server);

  console.error(
    `· soak: ${CONNECTIONS} connections × ${DURATION} s over ${paths.length} targets (RSS after warm-up ${mb(afterWarmUp.rss)}) …`,
  );
  const samples: { second: number; rss: number }[] = [];
  const loadBefore = loadavg()[0]!;
  const ticksBefore = cpuTicks(server);
  const soak = await run(server.url, paths, DURATION, (second) => {
    const { rss } = memory(server);
    samples.push({ second: Math.round(second), rss });
    console.error(`  ${Math.round(second)} s: RSS ${mb(rss)}`);
  });
  // The server's CPU time for the run: per request it hardly depends on what else the machine
  // runs; its share of one core says how much of the machine the server got.
  const serverCpuSeconds = (cpuTicks(server) - ticksBefore) / 100;
  const loadAfter = loadavg()[0]!;
  await waitUntilIdle(server);
  const final = memory(server);

  const failures = Object.values(soak.failures).reduce((a, b) => a + b, 0);
  const growth = final.rss / afterWarmUp.rss - 1;
  const goals = [
    {
      goal: 'zero errors (network errors, timeouts, answers other than 2xx/3xx)',
      ok: soak.errors + failures === 0,
      detail: `${soak.errors} errors (${soak.timeouts} of them timeouts), ${failures} failed answers${failures ? ` ${JSON.stringify(soak.failures)}` : ''}`,
    },
    {
      goal: `final RSS ≤ RSS after warm-up + ${MEMORY_GROWTH_LIMIT * 100} %`,
      ok: growth <= MEMORY_GROWTH_LIMIT,
      detail: `${mb(afterWarmUp.rss)} → ${mb(final.rss)} (${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)} %)`,
    },
  ];
  failed = goals.some((g) => !g.ok);
  const l = soak.latencies;
  const tenth = Math.max(1, Math.round(samples.length / 10));
  const medianRss = (some: { rss: number }[]) => median(some.map((s) => s.rss));
  lines.push(
    `# Soak ${started.toISOString()}`,
    '',
    `\`${commandLine('test:soak')}\` · ${database.label} (${database.projects} projects) · ${CONNECTIONS} connections · warm-up ${WARM_UP} s, then ${DURATION} s · ${paths.length} targets in turn · timeout ${TIMEOUT} s · HUB_TODAY ${HUB_TODAY} · Node ${process.version} · load generator and server on the same machine`,
    '',
    `- Requests: ${soak.requests} in ${soak.seconds} s (${(soak.requests / soak.seconds).toFixed(0)}/s); warm-up ${warmUp.requests} in ${warmUp.seconds} s (${warmUp.errors} errors; autocannon counted ${warmUp.counted} and ${soak.counted})`,
    `- Statuses: ${JSON.stringify(soak.statuses)}`,
    `- Latency: p50 ${ms(percentile(l, 50))}, p95 ${ms(percentile(l, 95))}, p99 ${ms(percentile(l, 99))}, max ${ms(l.at(-1) ?? NaN)}`,
    `- Single requests before the load (first, uncached): ${ms(single.reduce((sum, r) => sum + r.ms, 0))} for one round of the mix; slowest ${slowest.map((r) => `\`${r.path}\` ${ms(r.ms)}`).join(', ')}`,
    `- Server CPU: ${serverCpuSeconds.toFixed(0)} s over the run, ${((1000 * serverCpuSeconds) / Math.max(1, soak.requests)).toFixed(0)} ms per answered request, ${((100 * serverCpuSeconds) / soak.seconds).toFixed(0)} % of one core; machine load average ${loadBefore.toFixed(1)} at the start, ${loadAfter.toFixed(1)} at the end (${availableParallelism()} cores)`,
    `- Server RSS: ${mb(afterWarmUp.rss)} after warm-up, ${mb(final.rss)} at the end (peak ${mb(final.peak)}); median of the samples in the first and the last tenth of the run ${mb(medianRss(samples.slice(0, tenth)))} → ${mb(medianRss(samples.slice(-tenth)))} (a leak shows as a steady climb, garbage collection as swings); during the run ${samples.map((s) => mb(s.rss)).join(', ')}`,
    '',
    '## Goals',
    '',
    ...goalLines(goals),
  );
  const markdown = `${lines.join('\n')}\n`;
  const file = join(resultsDir(), `soak-${fileStamp(started)}.md`);
  writeFileSync(file, markdown);
  console.log(markdown);
  console.error(`Written to ${file}`);
  if (server.process.exitCode !== null || server.process.signalCode !== null)
    throw new Error(`The server died:\n${log()}`);
} finally {
  await server.stop();
  rmSync(database.dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
