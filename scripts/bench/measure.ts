import { inlineScriptHashes, strongEtag } from '../../app/core/http/http-cache';
import type { TestServer } from '../harness';
import {
  autocannon,
  cpuTicks,
  memory,
  percentile,
  statusCounts,
  waitUntilIdle,
} from '../load-tools';
import { CONNECTIONS, DURATION, REQUEST_HEADERS, SEQUENTIAL_ROUNDS, WARM_UP } from './options';
import type { Target } from './targets';

// Timing the server: single requests one after another, and each target under load.

export async function fetchTimed(url: string, headers: Record<string, string> = {}) {
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

export interface SequentialRow {
  path: string;
  firstMs: number;
  p50: number;
  p95: number;
  /** The loaders' own time, from the server's Server-Timing header (null: none ran). */
  loaderP50: number | null;
  loaderP95: number | null;
  bytes: number;
}

export async function sequential(
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

/** A target under wrk (wrk.ts), where autocannon could not keep the server busy. */
export interface WrkRun {
  requestsPerSecond: number;
  serverBusy: number;
  serverCpuMsPerRequest: number;
}

export interface LoadRow {
  name: string;
  path: string;
  kind: Target['kind'];
  /** A signed-in variant also timed with single requests (Target.timed). */
  timed?: boolean;
  /** A whole-file download, not held to the loader goal (Target.wholeFile). */
  wholeFile?: boolean;
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
  /** The most memory the server's processes held together during the run (RSS, sampled). */
  peakRss: number;
}

/**
 * The server's memory while `work` runs: the sum of its processes' RSS, read every 100 ms, at
 * its highest. Unlike the processes' own high-water marks (VmHWM), which peak at different
 * moments (the primary's while it starts), this is what the machine held at one time.
 */
export async function sampledPeakRss<T>(
  server: TestServer,
  work: () => Promise<T>,
): Promise<{ result: T; peakRss: number }> {
  let peakRss = memory(server).rss;
  const timer = setInterval(() => {
    peakRss = Math.max(peakRss, memory(server).rss);
  }, 100);
  try {
    const result = await work();
    return { result, peakRss: Math.max(peakRss, memory(server).rss) };
  } finally {
    clearInterval(timer);
  }
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
  const { result, peakRss } = await sampledPeakRss(server, async () => await instance);
  const endedUs = Number(process.hrtime.bigint() / 1000n);
  const serverCpuMs = (cpuTicks(server) - ticksBefore) * 10;
  times.sort((a, b) => a - b);
  return {
    name: target.name,
    path: target.path,
    kind: target.kind,
    timed: target.timed,
    wholeFile: target.wholeFile,
    requestsPerSecond: result.requests.total / result.duration,
    shareOfStatic: null,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    statuses: statusCounts(result),
    startedUs,
    endedUs,
    serverCpuMsPerRequest: serverCpuMs / Math.max(1, result.requests.total),
    serverBusy: serverCpuMs / ((endedUs - startedUs) / 1000),
    peakRss,
  };
}

/**
 * Each target under load in turn; each one's throughput as a share of the static file's (the
 * higher of its runs at the start and at the end).
 */
export async function loadAll(
  server: TestServer,
  label: string,
  list: Target[],
): Promise<LoadRow[]> {
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

/** What the HTML buffering of a public read costs in CPU: hashing the scripts and the ETag. */
export function bufferingCost(html: string) {
  const body = Buffer.from(html);
  const rounds = 50;
  const started = performance.now();
  for (let i = 0; i < rounds; i++) {
    inlineScriptHashes(html);
    strongEtag(body);
  }
  return { bytes: body.length, ms: (performance.now() - started) / rounds };
}
