import {
  accessSync,
  constants,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { spawnSync } from 'node:child_process';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

import { openDatabase } from '../db/client.server';
import { listSearchDocuments } from '../app/features/search/search.server';
import { createUser } from '../app/core/auth/users.server';
import { EXPORT_FILES } from '../app/features/exports/export-files';
import { inlineScriptHashes, strongEtag } from '../app/core/http/http-cache';
import { buildSearchIndex, searchIndex } from '../app/features/search/engine';
import { type TestServer, launchBrowser, makeTempDir, startServer, waitForMaps } from './harness';
import {
  HUB_TODAY,
  type LoadDatabase,
  autocannon,
  cpuTicks,
  kb,
  mb,
  memory,
  ms,
  percentile,
  prepareLoadDatabase,
  quiet,
  waitUntilIdle,
} from './load-tools';

// npm run bench [-- --db real|1000|10000 …] [--duration 5] [--connections 10] [--encoding gzip]
//                  [--cpu-prof]
// The production server (`npm run build` first) on 127.0.0.1 against the real portfolio and
// synthetic ones of 1 000 and 10 000 projects: throughput and latency under load (autocannon),
// each page as a share of a static file's throughput in the same run; response times of single
// sequential requests; search index build and query times; client JavaScript per page, gzipped;
// the server's memory. Writes Markdown and JSON to bench-results/ and checks the goals of #14.
// The load generator shares the machine with the server, so absolute numbers depend on the
// machine and on whatever else runs on it; the ratios to the static file are the steadier part.

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SEQUENTIAL_ROUNDS = 40;
const WARM_UP = 5;
/** Whole-file exports take seconds at 10 000 projects: fewer rounds, timed from the first. */
const EXPORT_ROUNDS = 5;
const SEARCH_QUERIES = [
  'energy',
  '排放交易',
  '伙伴关系',
  'emissions trading',
  'Partnerschaft',
  '15_I_235',
  'transport',
  'climate finance',
  'demo 42',
  'buildings energy',
];
/** Timed runs of each query: enough that the p95 is not one collection's pause. */
const SEARCH_ROUNDS = 100;
const GOALS = {
  pageShareOfStatic: 0.3,
  p95Ms: 30,
  milestonesP95Ms: 50,
  searchP95Ms: 5,
  textPageJsKb: 100,
  mapJsKb: 200,
};

// --- arguments ------------------------------------------------------------------------------

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', multiple: true },
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '10' },
    encoding: { type: 'string', default: 'gzip' },
    'cpu-prof': { type: 'boolean', default: false },
    // Internal: measure search on this database file in this (fresh) process and print JSON.
    'search-only': { type: 'string' },
  },
});
const DATABASES = (args.db ?? ['real', '1000', '10000']).flatMap((d) => d.split(','));
for (const d of DATABASES) {
  if (d !== 'real' && !/^[1-9]\d*$/.test(d)) throw new Error(`--db ${d}: real or a project count`);
}
const DURATION = Number(args.duration);
const CONNECTIONS = Number(args.connections);
/** A server busier than this (CPU seconds per second of a run) was the limit of that run. */
const SATURATED = 0.8;
if (!(DURATION > 0) || !(CONNECTIONS > 0)) throw new Error('--duration and --connections > 0');
// Browsers ask for compressed pages, and the server (scripts/serve.mjs) compresses every response.
const ENCODING = args.encoding === 'identity' ? 'identity' : 'gzip';
const REQUEST_HEADERS = { 'Accept-Encoding': ENCODING };

// --- helpers --------------------------------------------------------------------------------

const mark = (ok: boolean) => (ok ? '✓' : '✗');

async function fetchTimed(url: string, headers: Record<string, string> = {}) {
  const started = performance.now();
  const response = await fetch(url, { headers: { ...REQUEST_HEADERS, ...headers } });
  const firstByte = performance.now() - started;
  const body = await response.text();
  return { ms: performance.now() - started, firstByte, status: response.status, body, response };
}

/** One metric's duration from a Server-Timing header (`loader;dur=12.3, app;dur=20`). */
function timingOf(response: Response, metric: string): number | null {
  const header = response.headers.get('server-timing') ?? '';
  const match = new RegExp(`(?:^|,)\\s*${metric};dur=([\\d.]+)`).exec(header);
  return match ? Number(match[1]) : null;
}

// --- databases ------------------------------------------------------------------------------

// --- search (in process, as scripts/search-scale.ts) ----------------------------------------

/**
 * Search timings taken in a process of their own, which holds nothing but the index: in the
 * harness's process (its own heap, the report it gathers) the young-generation collections that
 * any query's allocations trigger cost more and land in a few timings.
 */
function measureSearchApart(path: string): ReturnType<typeof measureSearch> {
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), '--search-only', path],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  if (child.status !== 0) throw new Error(`Search measurement failed:\n${child.stderr}`);
  return JSON.parse(child.stdout) as ReturnType<typeof measureSearch>;
}

function measureSearch(path: string) {
  const db = openDatabase(path);
  const documents = listSearchDocuments(db);
  const started = performance.now();
  const index = buildSearchIndex(documents);
  const buildMs = performance.now() - started;
  // The first run of each query builds its terms' postings and compiles the code: timed apart.
  const firstRuns = SEARCH_QUERIES.map((q) => {
    const t = performance.now();
    searchIndex(index, q, 50);
    return performance.now() - t;
  });
  const times: number[] = [];
  for (let round = 0; round < SEARCH_ROUNDS; round++) {
    for (const q of SEARCH_QUERIES) {
      const t = performance.now();
      searchIndex(index, q, 50);
      times.push(performance.now() - t);
    }
  }
  db.$client.close();
  times.sort((a, b) => a - b);
  return {
    documents: documents.length,
    buildMs,
    firstRunMaxMs: Math.max(...firstRuns),
    p50: percentile(times, 50),
    p95: percentile(times, 95),
  };
}

// --- targets --------------------------------------------------------------------------------

interface Target {
  name: string;
  path: string;
  kind: 'static' | 'page' | 'api' | 'variant' | 'export';
  headers?: Record<string, string>;
}

/** The root route's module: every page loads it, and it is small, so serving it is the ceiling. */
function staticAsset(): string {
  const file = readdirSync(join(ROOT, 'build/client/assets')).find((f) => /^root-.*\.js$/.test(f));
  if (!file) throw new Error('No build/client/assets/root-*.js: run `npm run build`.');
  return `/assets/${file}`;
}

function targets(database: LoadDatabase): Target[] {
  return [
    { name: 'static file (the ceiling)', path: staticAsset(), kind: 'static' },
    { name: 'home', path: '/', kind: 'page' },
    { name: 'project list', path: '/projects', kind: 'page' },
    { name: 'project page', path: `/projects/${database.projectSlug}`, kind: 'page' },
    { name: 'map', path: '/map', kind: 'page' },
    { name: 'map data', path: '/api/map', kind: 'api' },
    { name: 'timeline', path: '/timeline', kind: 'page' },
    { name: 'dashboard', path: '/dashboard', kind: 'page' },
    { name: 'milestone review', path: '/milestones', kind: 'page' },
    { name: 'search', path: '/search?q=energy', kind: 'page' },
    { name: 'JSON API', path: '/api/projects', kind: 'api' },
    { name: 'events', path: '/events', kind: 'page' },
    { name: 'organisations', path: '/organisations', kind: 'page' },
    { name: 'organisation network', path: '/organisations/network', kind: 'page' },
    { name: 'topics', path: '/topics', kind: 'page' },
    { name: 'milestones API', path: '/api/milestones', kind: 'api' },
    { name: 'events API', path: '/api/events', kind: 'api' },
    { name: 'organisations API', path: '/api/organisations', kind: 'api' },
  ];
}

/** The unfiltered exports: the largest answers the hub gives, timed one request at a time. */
const EXPORTS: Target[] = EXPORT_FILES.map((file) => ({
  name: file,
  path: `/export/${file}`,
  kind: 'export',
}));

const BENCH_ACCOUNT = { email: 'bench@hub.example', password: 'benchmarking the hub' };

/** A viewer account, written before the server starts (a later write empties its caches). */
async function createBenchAccount(database: LoadDatabase) {
  const db = openDatabase(database.path);
  try {
    await createUser(
      { name: 'Bench', ...BENCH_ACCOUNT, role: 'viewer' },
      { at: new Date().toISOString(), actor: { id: null, name: 'bench (command line)' } },
      db,
    );
  } finally {
    db.$client.close();
  }
}

/** The signed-in and conditional variants of one page: what buffering and 304s cost or save. */
async function variants(server: TestServer): Promise<Target[]> {
  const { email, password } = BENCH_ACCOUNT;
  const login = await fetch(`${server.url}/login`);
  const [, csrfName, csrf] = /((?:__Host-)?hub_csrf)=([^;]+)/.exec(
    login.headers.getSetCookie().join('\n'),
  ) as unknown as [string, string, string];
  const signIn = await fetch(`${server.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Cookie: `${csrfName}=${csrf}` },
    body: new URLSearchParams({ email, password, _csrf: csrf }),
  });
  const session = /hub_session=([^;]+)/.exec(signIn.headers.getSetCookie().join('\n'))?.[1];
  if (!session) throw new Error(`Signing in for the bench failed: ${signIn.status}`);
  const etag = (await fetch(`${server.url}/projects`)).headers.get('etag') ?? '';
  return [
    {
      name: 'project list, signed in (streamed, nonce)',
      path: '/projects',
      kind: 'variant',
      headers: { Cookie: `hub_session=${session}` },
    },
    {
      name: 'project list, If-None-Match (304)',
      path: '/projects',
      kind: 'variant',
      headers: { 'If-None-Match': etag },
    },
  ];
}

// --- measuring ------------------------------------------------------------------------------

interface SequentialRow {
  path: string;
  firstMs: number;
  p50: number;
  p95: number;
  /** The loaders' own time, from the server's Server-Timing header (null: none ran). */
  loaderP50: number | null;
  loaderP95: number | null;
  bytes: number;
}

async function sequential(
  server: TestServer,
  target: Target,
  { rounds, warmUp } = { rounds: SEQUENTIAL_ROUNDS, warmUp: WARM_UP },
): Promise<SequentialRow> {
  const url = `${server.url}${target.path}`;
  const first = await fetchTimed(url, target.headers);
  if (first.status !== 200) throw new Error(`${target.path} answered ${first.status}`);
  for (let i = 0; i < warmUp; i++) await fetchTimed(url, target.headers);
  const times: number[] = [];
  const loaders: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const answer = await fetchTimed(url, target.headers);
    times.push(answer.ms);
    const loader = timingOf(answer.response, 'loader');
    if (loader !== null) loaders.push(loader);
  }
  times.sort((a, b) => a - b);
  loaders.sort((a, b) => a - b);
  return {
    path: target.path,
    firstMs: first.ms,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    loaderP50: loaders.length ? percentile(loaders, 50) : null,
    loaderP95: loaders.length ? percentile(loaders, 95) : null,
    bytes: Buffer.byteLength(first.body),
  };
}

interface LoadRow {
  name: string;
  path: string;
  kind: Target['kind'];
  requestsPerSecond: number;
  shareOfStatic: number | null;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
  statuses: Record<string, number>;
  /** CLOCK_MONOTONIC microseconds, to find this run in the server's CPU profile. */
  startedUs: number;
  endedUs: number;
  /** The server's CPU time (user + system, /proc) per answered request, and per second of the run. */
  serverCpuMsPerRequest: number;
  serverBusy: number;
  /** Where autocannon was the limit: the same target under wrk, and its share of the static file's. */
  wrk?: WrkRun & { shareOfStatic: number };
}

async function load(server: TestServer, target: Target): Promise<LoadRow> {
  await waitUntilIdle(server);
  const times: number[] = [];
  const startedUs = Number(process.hrtime.bigint() / 1000n);
  const ticksBefore = cpuTicks(server);
  const instance = autocannon({
    url: `${server.url}${target.path}`,
    connections: CONNECTIONS,
    duration: DURATION,
    headers: { ...REQUEST_HEADERS, ...target.headers },
  });
  instance.on('response', (_client, _status, _bytes, responseMs) => times.push(responseMs));
  const result = await instance;
  const endedUs = Number(process.hrtime.bigint() / 1000n);
  const serverCpuMs = (cpuTicks(server) - ticksBefore) * 10;
  times.sort((a, b) => a - b);
  return {
    name: target.name,
    path: target.path,
    kind: target.kind,
    requestsPerSecond: result.requests.total / result.duration,
    shareOfStatic: null,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    statuses: Object.fromEntries(
      Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count]),
    ),
    startedUs,
    endedUs,
    serverCpuMsPerRequest: serverCpuMs / Math.max(1, result.requests.total),
    serverBusy: serverCpuMs / ((endedUs - startedUs) / 1000),
  };
}

// --- a second load generator -------------------------------------------------------------------

/**
 * Debian's wrk (`apt-get install wrk`), if it is on the PATH: a load generator in C. autocannon
 * runs in Node on the same two cores as the server, and reading large answers (the 10 000
 * projects' 300 KB of gzipped /api/map) can keep it busier than the server; where that happens
 * the bench asks wrk too, so the share of the static file's throughput is measured, not inferred.
 */
function findWrk(): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const file = join(dir, 'wrk');
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // Not in this folder of the PATH.
    }
  }
  return null;
}
const WRK = findWrk();

interface WrkRun {
  requestsPerSecond: number;
  serverBusy: number;
  serverCpuMsPerRequest: number;
}

async function loadWithWrk(server: TestServer, target: Target): Promise<WrkRun> {
  await waitUntilIdle(server);
  const headers = { ...REQUEST_HEADERS, ...target.headers };
  const started = performance.now();
  const ticksBefore = cpuTicks(server);
  // One thread: the server has one core to itself, as under autocannon.
  const run = spawnSync(
    WRK!,
    [
      '-t1',
      `-c${CONNECTIONS}`,
      `-d${DURATION}s`,
      ...Object.entries(headers).flatMap(([name, value]) => ['-H', `${name}: ${value}`]),
      `${server.url}${target.path}`,
    ],
    { encoding: 'utf8' },
  );
  const serverCpuMs = (cpuTicks(server) - ticksBefore) * 10;
  const elapsedMs = performance.now() - started;
  const total = /(\d+) requests in/.exec(run.stdout)?.[1];
  const rate = /Requests\/sec:\s+([\d.]+)/.exec(run.stdout)?.[1];
  // wrk counts non-2xx answers in its own line; any error is a failed measurement.
  if (run.status !== 0 || !total || !rate || /Non-2xx|Socket errors/.test(run.stdout)) {
    throw new Error(`wrk on ${target.path} failed:\n${run.stdout}${run.stderr}`);
  }
  return {
    requestsPerSecond: Number(rate),
    serverBusy: serverCpuMs / elapsedMs,
    serverCpuMsPerRequest: serverCpuMs / Math.max(1, Number(total)),
  };
}

/**
 * The rows autocannon could not load enough to keep the server busy, measured again with wrk,
 * between two wrk runs of the static file (the higher is the ceiling, as in loadAll).
 */
async function secondOpinion(server: TestServer, label: string, rows: LoadRow[], list: Target[]) {
  const bound = rows.filter(
    (r) => (r.kind === 'page' || r.kind === 'api') && r.serverBusy < SATURATED,
  );
  if (!WRK || bound.length === 0) return;
  const staticTarget = list[0]!;
  console.error(`· ${label}: ${bound.map((r) => r.path).join(', ')} again, with wrk …`);
  const before = await loadWithWrk(server, staticTarget);
  const runs = [];
  for (const row of bound) {
    runs.push({
      row,
      run: await loadWithWrk(
        server,
        list.find((t) => t.path === row.path)!,
      ),
    });
  }
  const after = await loadWithWrk(server, staticTarget);
  const ceiling = Math.max(before.requestsPerSecond, after.requestsPerSecond);
  for (const { row, run } of runs) {
    row.wrk = { ...run, shareOfStatic: run.requestsPerSecond / ceiling };
  }
}

/** What the HTML buffering of a public read costs in CPU: hashing the scripts and the ETag. */
function bufferingCost(html: string) {
  const body = Buffer.from(html);
  const rounds = 50;
  const started = performance.now();
  for (let i = 0; i < rounds; i++) {
    inlineScriptHashes(html);
    strongEtag(body);
  }
  return { bytes: body.length, ms: (performance.now() - started) / rounds };
}

// --- the server's CPU profile -----------------------------------------------------------------

/**
 * A preload script that profiles the server from start to exit (Node refuses --cpu-prof in
 * NODE_OPTIONS, and the harness starts the server without extra flags). The in-process inspector
 * answers synchronously, so the profile is written in the exit handler.
 */
function profilerPreload(out: string): string {
  const file = join(makeTempDir('profiler'), 'profile.cjs');
  writeFileSync(
    file,
    `const inspector = require('node:inspector');
const { writeFileSync } = require('node:fs');
const session = new inspector.Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 1000 });
session.post('Profiler.start');
process.on('exit', () => {
  session.post('Profiler.stop', (error, result) => {
    if (!error) writeFileSync(${JSON.stringify(out)}, JSON.stringify(result.profile));
  });
});
`,
  );
  return file;
}

interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Where the server's time went, by kind of code; profile and bench share CLOCK_MONOTONIC. */
function category(url: string, name: string): string {
  if (name === '(garbage collector)') return 'garbage collection';
  if (name === '(idle)') return 'idle';
  if (name === '(program)') return 'V8/native (program)';
  if (/react-dom/.test(url)) return 'React render';
  if (/react-router|turbo-stream/.test(url)) return 'React Router (data, turbo-stream)';
  // better-sqlite3 runs the query inside the drizzle call that asks for the rows.
  if (
    /drizzle-orm|better-sqlite3/.test(url) ||
    (!url && /^(all|get|run|iterate|prepare)$/.test(name))
  ) {
    return 'SQLite queries';
  }
  if (/compression|zlib/.test(url) || /^(writeSync|processChunkSync)$/.test(name)) {
    return 'compression';
  }
  if (/i18next/.test(url)) return 'i18next';
  if (/lunr/.test(url)) return 'search (lunr)';
  if (/build\/server/.test(url)) return 'hub code (loaders, queries, components)';
  if (/express|morgan|send|serve-static|finalhandler/.test(url)) return 'express, static, logging';
  if (url.startsWith('node:') || !url) return 'Node (HTTP, streams, crypto, native)';
  return 'other modules';
}

function profileByTarget(profile: CpuProfile, rows: LoadRow[]) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const parents = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parents.set(c, n.id);
  const label = (f: CpuProfile['nodes'][number]['callFrame']) =>
    `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(node_modules|build)\//, '$1/')}:${f.lineNumber + 1}`;
  /** The hub's own function nearest to the sample: which loader, query or component it was in. */
  const hubFrame = (id: number) => {
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      const frame = nodes.get(at)!;
      if (frame.url.includes('build/server') && frame.functionName) return frame.functionName;
    }
    return null;
  };
  const tally = (table: Map<string, Map<string, number>>, row: string, key: string, us: number) => {
    const entries = table.get(row) ?? new Map<string, number>();
    entries.set(key, (entries.get(key) ?? 0) + us);
    table.set(row, entries);
  };
  const byCategory = new Map<string, Map<string, number>>();
  const byFunction = new Map<string, Map<string, number>>();
  const byHubFunction = new Map<string, Map<string, number>>();
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i]!;
    const row = rows.find((r) => t >= r.startedUs && t <= r.endedUs);
    if (!row) continue;
    const us = profile.timeDeltas[i + 1] ?? 0;
    const frame = nodes.get(profile.samples[i]!)!;
    const cat = category(frame.url, frame.functionName);
    tally(byCategory, row.name, cat, us);
    if (cat === 'idle') continue;
    tally(byFunction, row.name, label(frame), us);
    const hub = hubFrame(profile.samples[i]!);
    if (hub) tally(byHubFunction, row.name, hub, us);
  }
  return rows
    .filter((r) => byCategory.has(r.name))
    .map((r) => {
      const cats = byCategory.get(r.name)!;
      const busy = [...cats].filter(([c]) => c !== 'idle').reduce((sum, [, v]) => sum + v, 0);
      const top = (entries: Map<string, number> | undefined, n: number) =>
        [...(entries ?? new Map<string, number>())]
          .filter(([c]) => c !== 'idle')
          .sort((a, b) => b[1] - a[1])
          .slice(0, n)
          .map(([c, v]) => `${c} ${((100 * v) / busy).toFixed(0)} %`);
      return {
        name: r.name,
        busyShare: busy / (r.endedUs - r.startedUs),
        categories: top(cats, 5),
        functions: top(byFunction.get(r.name), 3),
        hubFunctions: top(byHubFunction.get(r.name), 4),
      };
    });
}

// --- client JavaScript per page (once, from the build) -----------------------------------------

interface JsRow {
  path: string;
  initialGz: number;
  loadedGz: number;
  files: number;
  budgetKb: number;
  /** The biggest files in use, gzipped: where a page over budget spends it. */
  largest: { file: string; gz: number }[];
}

async function measureJavaScript(server: TestServer, paths: string[]): Promise<JsRow[]> {
  const gz = new Map<string, number>();
  const gzipped = (asset: string) => {
    if (!gz.has(asset)) {
      gz.set(asset, gzipSync(readFileSync(join(ROOT, 'build/client', asset))).length);
    }
    return gz.get(asset)!;
  };
  const browser = await launchBrowser();
  const rows: JsRow[] = [];
  try {
    for (const path of paths) {
      // What the HTML makes the browser fetch at once: module preloads and the module script.
      const html = await (await fetch(`${server.url}${path}`)).text();
      const initial = new Set<string>();
      for (const [link] of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*>/g)) {
        initial.add(/\bhref="([^"]+)"/.exec(link)![1]!);
      }
      for (const m of html.matchAll(/(?:import|from)\s*["'](\/assets\/[^"']+\.js)["']/g)) {
        initial.add(m[1]!);
      }
      // What the page has loaded once it is in use: lazy chunks (Leaflet, Chart.js) too.
      const page = await browser.context.newPage();
      // Intercepting requests switches Chromium's cache off: every page counts all it loads.
      await page.route('**/*', (route) => route.continue());
      const loaded = new Set<string>();
      page.on('response', (response) => {
        const url = new URL(response.url());
        if (response.request().resourceType() === 'script' && url.pathname.startsWith('/assets/')) {
          loaded.add(url.pathname);
        }
      });
      await page.goto(`${server.url}${path}`);
      await page.waitForLoadState('networkidle');
      await waitForMaps(page);
      await page.close();
      for (const a of initial) loaded.add(a);
      const sum = (assets: Set<string>) => [...assets].reduce((s, a) => s + gzipped(a), 0);
      rows.push({
        path,
        initialGz: sum(initial),
        loadedGz: sum(loaded),
        files: loaded.size,
        // The dashboard's point is its Chart.js charts, as the map's is its Leaflet map: both have
        // the map's budget. Every other page is a text page (the project page's locator map is
        // server-drawn SVG).
        budgetKb: /^\/(map|dashboard)(\?|$)/.test(path) ? GOALS.mapJsKb : GOALS.textPageJsKb,
        largest: [...loaded]
          .map((file) => ({ file, gz: gzipped(file) }))
          .sort((a, b) => b.gz - a.gz)
          .slice(0, 5),
      });
    }
  } finally {
    await browser.close();
  }
  return rows;
}

/**
 * Each target under load in turn; each one's throughput as a share of the static file's (the
 * higher of its runs at the start and at the end).
 */
async function loadAll(server: TestServer, label: string, list: Target[]): Promise<LoadRow[]> {
  const rows: LoadRow[] = [];
  for (const target of list) {
    console.error(`· ${label}: ${target.name} for ${DURATION} s …`);
    rows.push(await load(server, target));
  }
  // The static file once more at the end: a server that just started (or just built its search
  // index) serves the first run slower, and a low ceiling would flatter every share.
  console.error(`· ${label}: ${list[0]!.name}, again, for ${DURATION} s …`);
  const again = await load(server, list[0]!);
  rows.push({ ...again, name: `${again.name}, again at the end` });
  const ceiling = Math.max(rows[0]!.requestsPerSecond, again.requestsPerSecond);
  for (const row of rows) row.shareOfStatic = row.requestsPerSecond / ceiling;
  return rows;
}

/**
 * The same targets on a server as it runs by default: with its cache of signed-out answers
 * (app/core/http/response-cache.server.ts), so after the first request a page is served from memory.
 */
async function measureCached(database: LoadDatabase, all: Target[]) {
  const server = await startServer({ databaseUrl: database.path, hubToday: HUB_TODAY });
  const log = quiet(server);
  try {
    console.error(`· ${database.label}: single requests, with the response cache …`);
    const sequentialRows: SequentialRow[] = [];
    for (const target of all) sequentialRows.push(await sequential(server, target));
    const hit = await fetchTimed(`${server.url}/projects`);
    if (hit.response.headers.get('x-hub-cache') !== 'hit') {
      throw new Error('The response cache did not answer /projects: is it switched off?');
    }
    // An export's second request: answered from the kept copy (gzipped only, if it is large)?
    const exports: { path: string; isKept: boolean; ms: number }[] = [];
    for (const target of EXPORTS) {
      await fetchTimed(`${server.url}${target.path}`);
      const again = await fetchTimed(`${server.url}${target.path}`);
      exports.push({
        path: target.path,
        isKept: again.response.headers.get('x-hub-cache') === 'hit',
        ms: again.ms,
      });
    }
    const load = await loadAll(server, `${database.label}, cached`, all);
    await secondOpinion(server, `${database.label}, cached`, load, all);
    await waitUntilIdle(server);
    return { sequential: sequentialRows, exports, load, afterLoad: memory(server) };
  } catch (error) {
    console.error(log());
    throw error;
  } finally {
    await server.stop();
  }
}

/**
 * What a second worker process buys (HUB_WORKERS=2, scripts/server/primary.mjs) where rendering
 * is the cost: the static file and every page rendered for every request, as in the first run's
 * one worker. The load generator shares the machine's cores with the workers, so on a two-core
 * machine this is a floor of what a second core gives a server that has one to itself.
 */
async function measureSecondWorker(database: LoadDatabase, all: Target[]) {
  const server = await startServer({
    databaseUrl: database.path,
    hubToday: HUB_TODAY,
    env: { HUB_RESPONSE_CACHE_MB: '0', HUB_WORKERS: '2' },
  });
  const log = quiet(server);
  try {
    const deadline = Date.now() + 30_000;
    while (server.pids().length < 3 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const list = all.filter((t) => t.kind === 'static' || t.kind === 'page');
    // Each worker renders each page once before it is timed (its first render fills its caches).
    for (const target of list) {
      for (let i = 0; i < 4; i++) {
        await fetch(`${server.url}${target.path}`, { headers: { Connection: 'close' } });
      }
    }
    const rows = await loadAll(server, `${database.label}, two workers, rendered`, list);
    return { rows, afterLoad: memory(server) };
  } catch (error) {
    console.error(log());
    throw error;
  } finally {
    await server.stop();
  }
}

// --- one database ---------------------------------------------------------------------------

async function benchDatabase(name: string, profileDir: string | null) {
  console.error(`· preparing ${name} …`);
  const database = prepareLoadDatabase(name);
  const search = measureSearchApart(database.path);
  const env: Record<string, string> = {};
  if (profileDir) {
    const dir = join(profileDir, name);
    mkdirSync(dir, { recursive: true });
    env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --require ${profilerPreload(join(dir, 'server.cpuprofile'))}`;
  }
  await createBenchAccount(database);
  // Every page rendered for every request (the response cache off): what loaders and rendering
  // cost. The JavaScript, buffering and signed-in figures come from this server too.
  const server = await startServer({
    databaseUrl: database.path,
    hubToday: HUB_TODAY,
    env: { ...env, HUB_RESPONSE_CACHE_MB: '0' },
  });
  const log = quiet(server);
  const all = targets(database);
  try {
    console.error(`· ${database.label}: single requests, rendered …`);
    const sequentialRows: SequentialRow[] = [];
    for (const target of all) sequentialRows.push(await sequential(server, target));
    console.error(`· ${database.label}: exports, rendered …`);
    const exportRows: SequentialRow[] = [];
    for (const target of EXPORTS) {
      exportRows.push(await sequential(server, target, { rounds: EXPORT_ROUNDS, warmUp: 0 }));
    }
    await waitUntilIdle(server);
    const afterWarmUp = memory(server);

    // The cost of buffering a public read: the same page signed in is streamed with a nonce.
    const extra = await variants(server);
    const signedIn = extra[0]!;
    const firstByte = { publicRead: [] as number[], signedIn: [] as number[] };
    for (let i = 0; i < 20; i++) {
      firstByte.publicRead.push((await fetchTimed(`${server.url}/milestones`)).firstByte);
      firstByte.signedIn.push(
        (await fetchTimed(`${server.url}/milestones`, signedIn.headers)).firstByte,
      );
    }
    const biggest = await fetchTimed(`${server.url}/milestones`);
    const hashing = bufferingCost(biggest.body);

    const loadRows = await loadAll(server, database.label, [...all, ...extra]);
    await waitUntilIdle(server);
    const afterLoad = memory(server);
    const javascript =
      name === DATABASES[0]
        ? await measureJavaScript(
            server,
            all.filter((t) => t.kind === 'page').map((t) => t.path),
          )
        : null;
    await server.stop();
    let profile: ReturnType<typeof profileByTarget> | null = null;
    if (profileDir) {
      const dir = join(profileDir, name);
      const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
      if (file) {
        profile = profileByTarget(
          JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile,
          loadRows,
        );
      }
    }
    const cachedRun = await measureCached(database, all);
    const secondWorker = await measureSecondWorker(database, all);
    const median = (xs: number[]) =>
      percentile(
        [...xs].sort((a, b) => a - b),
        50,
      );
    return {
      database: {
        name,
        label: database.label,
        projects: database.projects,
        milestones: database.milestones,
      },
      search,
      sequential: sequentialRows,
      exports: exportRows,
      load: loadRows,
      memory: { afterWarmUp, afterLoad },
      cached: cachedRun,
      secondWorker,
      buffering: {
        page: '/milestones',
        htmlBytes: hashing.bytes,
        hashAndEtagMs: hashing.ms,
        firstByteMedianMs: {
          publicRead: median(firstByte.publicRead),
          signedIn: median(firstByte.signedIn),
        },
      },
      javascript,
      profile,
    };
  } catch (error) {
    console.error(log());
    throw error;
  } finally {
    await server.stop();
    rmSync(database.dir, { recursive: true, force: true });
  }
}

// --- report ---------------------------------------------------------------------------------

type Run = Awaited<ReturnType<typeof benchDatabase>>;

/**
 * Whether a target (as served) reached the goal's share of the static file's throughput. Where
 * autocannon kept the server less than SATURATED busy, the load generator was the limit, not the
 * server: then wrk's measurement decides if there is one that kept the server busy, else the
 * server's CPU per request against the static file's.
 */
function judgeShare(r: LoadRow, staticCpu: number, renderedShare: number) {
  const goal = GOALS.pageShareOfStatic;
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const share = r.shareOfStatic ?? 0;
  const byCpu = staticCpu / r.serverCpuMsPerRequest;
  const rendered = ` (rendered every time: ${pct(renderedShare)})`;
  if (share >= goal || r.serverBusy >= SATURATED) {
    return { ok: share >= goal, detail: `${pct(share)} of its req/s${rendered}` };
  }
  const bound = `${pct(share)} of its req/s under autocannon, which kept the server only ${(r.serverBusy * 100).toFixed(0)} % busy (load generator bound)`;
  if (r.wrk && (r.wrk.shareOfStatic >= goal || r.wrk.serverBusy >= SATURATED)) {
    return {
      ok: r.wrk.shareOfStatic >= goal,
      detail: `${bound}; with wrk ${pct(r.wrk.shareOfStatic)} of its req/s, the server ${(r.wrk.serverBusy * 100).toFixed(0)} % busy${rendered}`,
    };
  }
  return {
    ok: byCpu >= goal,
    detail: `${bound}; judged by server CPU per request: ${pct(byCpu)} of the static file's${r.wrk ? ` (wrk: ${pct(r.wrk.shareOfStatic)}, also load generator bound)` : ''}${rendered}`,
  };
}

function report(runs: Run[], started: Date) {
  const lines: string[] = [];
  const goals: { goal: string; ok: boolean; detail: string }[] = [];
  lines.push(`# Bench ${started.toISOString()}`);
  lines.push('');
  lines.push(
    `\`npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}\` · autocannon ${CONNECTIONS} connections × ${DURATION} s per target · Accept-Encoding: ${ENCODING} · HUB_TODAY ${HUB_TODAY} · Node ${process.version} · load generator and server on the same machine`,
  );
  for (const run of runs) {
    const seq = new Map(run.sequential.map((s) => [s.path, s]));
    lines.push('');
    lines.push(
      `## ${run.database.label} (${run.database.projects} projects, ${run.database.milestones} milestones)`,
    );
    lines.push('');
    lines.push(
      'Rendered for every request (`HUB_RESPONSE_CACHE_MB=0`): what the loaders and rendering cost.',
    );
    lines.push('');
    lines.push(
      '| target | req/s | × static | p50 | p95 | p99 | errors | non-2xx | single p50 | single p95 | loader p50 | loader p95 | first | size |',
    );
    lines.push(
      '| --- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |',
    );
    // A target slower than the run's duration × connections finishes nothing: say so.
    const noneFinished = (r: LoadRow) =>
      Object.values(r.statuses).reduce((a, b) => a + b, 0) === 0 ? ' (none finished)' : '';
    for (const r of run.load) {
      const s = r.kind === 'variant' ? undefined : seq.get(r.path);
      lines.push(
        `| ${r.name} \`${r.path}\` | ${r.requestsPerSecond.toFixed(r.requestsPerSecond < 10 ? 1 : 0)}${noneFinished(r)} | ${((r.shareOfStatic ?? 0) * 100).toFixed(0)} % | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${r.errors} | ${r.non2xx}${r.non2xx ? ` (${Object.keys(r.statuses).join(', ')})` : ''} | ${s ? ms(s.p50) : '–'} | ${s ? ms(s.p95) : '–'} | ${s?.loaderP50 != null ? ms(s.loaderP50) : '–'} | ${s?.loaderP95 != null ? ms(s.loaderP95) : '–'} | ${s ? ms(s.firstMs) : '–'} | ${s ? kb(s.bytes) : '–'} |`,
      );
      if (s && r.kind !== 'static' && run.database.projects >= 10_000) {
        const limit = r.path === '/milestones' ? GOALS.milestonesP95Ms : GOALS.p95Ms;
        const loader = s.loaderP95 ?? s.p95;
        goals.push({
          goal: `${run.database.label}: ${r.path} loader p95 < ${limit} ms (rendered, single requests)`,
          ok: loader < limit,
          detail: `${ms(loader)}${s.loaderP95 === null ? ' (no loader timing: whole answer)' : ''}; whole answer p95 ${ms(s.p95)}`,
        });
      }
    }
    lines.push('');
    lines.push(
      'As served by default, with the cache of signed-out answers (`app/core/http/response-cache.server.ts`): the first request renders, the next ones are served from memory until the data changes.',
    );
    lines.push('');
    lines.push(
      '| target | req/s | × static | p50 | p95 | p99 | errors | non-2xx | single p50 | single p95 | rendered req/s | server CPU/req | server busy | × static by CPU |',
    );
    lines.push(
      '| --- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |',
    );
    // What the server spends on one request of the static file (its cheaper run).
    const staticCpu = Math.min(
      ...run.cached.load.filter((r) => r.kind === 'static').map((r) => r.serverCpuMsPerRequest),
    );
    const cachedSeq = new Map(run.cached.sequential.map((c) => [c.path, c]));
    const rendered = new Map(run.load.map((r) => [r.path, r]));
    for (const r of run.cached.load) {
      const c = cachedSeq.get(r.path);
      lines.push(
        `| ${r.name} \`${r.path}\` | ${r.requestsPerSecond.toFixed(0)}${noneFinished(r)} | ${((r.shareOfStatic ?? 0) * 100).toFixed(0)} % | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${r.errors} | ${r.non2xx} | ${c ? ms(c.p50) : '–'} | ${c ? ms(c.p95) : '–'} | ${rendered.get(r.path)?.requestsPerSecond.toFixed(0) ?? '–'} | ${r.serverCpuMsPerRequest.toFixed(2)} ms | ${(r.serverBusy * 100).toFixed(0)} %${r.serverBusy < SATURATED ? ' (load generator bound)' : ''} | ${((staticCpu / r.serverCpuMsPerRequest) * 100).toFixed(0)} % |`,
      );
      if (r.kind === 'page' || r.kind === 'api') {
        goals.push({
          goal: `${run.database.label}: ${r.path} ≥ ${GOALS.pageShareOfStatic * 100} % of the static file's throughput (as served, cached)`,
          ...judgeShare(r, staticCpu, rendered.get(r.path)?.shareOfStatic ?? 0),
        });
      }
    }
    const secondOpinions = run.cached.load.filter((r) => r.wrk);
    if (secondOpinions.length > 0) {
      lines.push('');
      lines.push(
        'Load generator bound under autocannon, so measured again with wrk (the static file before and after them is the ceiling):',
      );
      lines.push('');
      for (const r of secondOpinions) {
        lines.push(
          `- ${r.name} \`${r.path}\`: ${r.wrk!.requestsPerSecond.toFixed(0)} req/s, ${(r.wrk!.shareOfStatic * 100).toFixed(0)} % of the static file's; server ${(r.wrk!.serverBusy * 100).toFixed(0)} % busy, ${r.wrk!.serverCpuMsPerRequest.toFixed(2)} ms CPU per request`,
        );
      }
    } else if (!WRK && run.cached.load.some((r) => r.serverBusy < SATURATED)) {
      lines.push('');
      lines.push(
        "Some runs were load generator bound and are judged by server CPU per request; with Debian's `wrk` on the PATH the bench measures them again with it.",
      );
    }
    lines.push('');
    lines.push(
      `Exports of the whole portfolio, one request at a time (${EXPORT_ROUNDS} after the first, rendered each time; then the second request on the server with its cache, from the kept copy if there is one). The server answers nothing else while it builds a file:`,
    );
    lines.push('');
    lines.push('| export | size | first | p50 | slowest | loader p50 | second request, cache on |');
    lines.push('| --- | --: | --: | --: | --: | --: | --- |');
    const keptExports = new Map(run.cached.exports.map((e) => [e.path, e]));
    for (const e of run.exports) {
      const kept = keptExports.get(e.path);
      lines.push(
        `| \`${e.path}\` | ${kb(e.bytes)} | ${ms(e.firstMs)} | ${ms(e.p50)} | ${ms(e.p95)} | ${e.loaderP50 != null ? ms(e.loaderP50) : '–'} | ${kept ? `${ms(kept.ms)}${kept.isKept ? ', kept' : ', rendered again (not kept)'}` : '–'} |`,
      );
    }
    lines.push('');
    lines.push(
      `Search (the engine alone, in a process of its own): ${run.search.documents} documents, index built in ${ms(run.search.buildMs)}, query p50 ${run.search.p50.toFixed(2)} ms, p95 ${run.search.p95.toFixed(2)} ms over ${SEARCH_ROUNDS} runs of each of ${SEARCH_QUERIES.length} queries (after one run of each; the slowest first run ${run.search.firstRunMaxMs.toFixed(2)} ms).`,
    );
    goals.push({
      goal: `${run.database.label}: search query p95 < ${GOALS.searchP95Ms} ms`,
      ok: run.search.p95 < GOALS.searchP95Ms,
      detail: `${run.search.p95.toFixed(2)} ms`,
    });
    lines.push('');
    lines.push(
      'Two workers (`HUB_WORKERS=2`), every page rendered for every request, against the one worker of the first table; the load generator runs on the same cores:',
    );
    lines.push('');
    lines.push('| target | one worker req/s | two workers req/s | gain | two workers p95 |');
    lines.push('| --- | --: | --: | --: | --: |');
    for (const r of run.secondWorker.rows) {
      const one = run.load.find((l) => l.path === r.path && l.name === r.name);
      lines.push(
        `| ${r.name} \`${r.path}\` | ${one ? one.requestsPerSecond.toFixed(0) : '–'} | ${r.requestsPerSecond.toFixed(0)} | ${one ? `${((r.requestsPerSecond / one.requestsPerSecond - 1) * 100).toFixed(0)} %` : '–'} | ${ms(r.p95)} |`,
      );
    }
    lines.push(
      `Memory with two workers (primary and workers together): ${mb(run.secondWorker.afterLoad.rss)} after load.`,
    );
    lines.push('');
    lines.push(
      `Server memory (RSS): ${mb(run.memory.afterWarmUp.rss)} after warm-up, ${mb(run.memory.afterLoad.rss)} after load (peak ${mb(run.memory.afterLoad.peak)}); with the response cache ${mb(run.cached.afterLoad.rss)} after load (peak ${mb(run.cached.afterLoad.peak)}).`,
    );
    const b = run.buffering;
    lines.push(
      `Buffering a public read (\`${b.page}\`, ${kb(b.htmlBytes)}): hashing its scripts and the ETag take ${b.hashAndEtagMs.toFixed(2)} ms; first byte after ${ms(b.firstByteMedianMs.publicRead)} buffered (signed out) vs ${ms(b.firstByteMedianMs.signedIn)} streamed (signed in), medians.`,
    );
    if (!run.profile) {
      lines.push('(Run with `--cpu-prof` to see where the server spends each target’s time.)');
    } else {
      lines.push('');
      lines.push('Server CPU profile during each load run (busy share of one core; top kinds):');
      lines.push('');
      for (const p of run.profile) {
        lines.push(
          `- ${p.name}: busy ${(p.busyShare * 100).toFixed(0)} % — ${p.categories.join(', ')}; in the hub's code: ${p.hubFunctions.join(', ') || '–'}; hottest: ${p.functions.join('; ')}`,
        );
      }
    }
    if (run.javascript) {
      lines.push('');
      lines.push(
        '| page | JS gz at load (preloads) | JS gz in use (lazy chunks too) | files | budget | largest (gz) |',
      );
      lines.push('| --- | --: | --: | --: | --: | --- |');
      for (const j of run.javascript) {
        const largest = j.largest
          .map((l) => `${l.file.replace('/assets/', '').replace(/-[\w-]{8}\.js$/, '')} ${kb(l.gz)}`)
          .join(', ');
        lines.push(
          `| \`${j.path}\` | ${kb(j.initialGz)} | ${kb(j.loadedGz)} | ${j.files} | ${j.budgetKb} KB | ${largest} |`,
        );
        goals.push({
          goal: `${j.path} ≤ ${j.budgetKb} KB JavaScript (gzipped, in use)`,
          ok: j.loadedGz <= j.budgetKb * 1024,
          detail: kb(j.loadedGz),
        });
      }
    }
  }
  lines.push('');
  lines.push('## Goals');
  lines.push('');
  for (const g of goals) lines.push(`- ${mark(g.ok)} ${g.goal}: ${g.detail}`);
  if (!runs.some((r) => r.database.projects >= 10_000)) {
    lines.push('- (single-request goals are judged at 10 000 projects: run with `--db 10000`)');
  }
  return { markdown: `${lines.join('\n')}\n`, goals };
}

// --- main -----------------------------------------------------------------------------------

if (args['search-only']) {
  console.log(JSON.stringify(measureSearch(args['search-only'])));
  process.exit(0);
}

const started = new Date();
const stamp = started.toISOString().replace(/[:.]/g, '-');
const outDir = join(ROOT, 'bench-results');
mkdirSync(outDir, { recursive: true });
const profileDir = args['cpu-prof'] ? join(outDir, `profiles-${stamp}`) : null;
const runs: Run[] = [];
for (const name of DATABASES) runs.push(await benchDatabase(name, profileDir));
const { markdown, goals } = report(runs, started);
writeFileSync(join(outDir, `bench-${stamp}.md`), markdown);
writeFileSync(
  join(outDir, `bench-${stamp}.json`),
  `${JSON.stringify(
    {
      started: started.toISOString(),
      options: {
        databases: DATABASES,
        duration: DURATION,
        connections: CONNECTIONS,
        encoding: ENCODING,
      },
      goals,
      runs,
    },
    null,
    2,
  )}\n`,
);
console.log(markdown);
console.log(`Written to bench-results/bench-${stamp}.md and .json`);
