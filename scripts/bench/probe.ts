import { type Goal, ms, percentile } from '../load-tools';
import { GOALS, REQUEST_HEADERS } from './options';

// Does any request wait behind a file being built (issue #32, decision 0080)? While an unfiltered
// /export/iati.xml builds on a server with its response cache off, a page and an API are asked
// in turn, one after another, PROBE_EVERY_MS apart, until the file is in; every answer is timed.

export const PROBE_EXPORT = '/export/iati.xml';
export const PROBE_PATHS = ['/', '/api/projects'];
const PROBE_EVERY_MS = 20;

/** Probes asked with nothing building first: what the machine answers them in anyway. */
const REFERENCE_PROBES = 60;

interface Latencies {
  count: number;
  p50: number;
  p95: number;
  max: number;
}

export interface ProbeRun {
  export: { path: string; ms: number; bytes: number; status: number };
  paths: string[];
  /** With nothing building. */
  reference: Latencies;
  /** While the file built. */
  probes: Latencies;
}

function latencies(times: number[]): Latencies {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted.at(-1) ?? NaN,
  };
}

/** One probe, timed to its last byte. */
async function probe(serverUrl: string, i: number): Promise<number> {
  const path = PROBE_PATHS[i % PROBE_PATHS.length]!;
  const asked = performance.now();
  const answer = await fetch(`${serverUrl}${path}`, { headers: REQUEST_HEADERS });
  await answer.arrayBuffer();
  if (answer.status !== 200) throw new Error(`${path} answered ${answer.status}`);
  return performance.now() - asked;
}

const pause = () => new Promise((resolve) => setTimeout(resolve, PROBE_EVERY_MS));

export async function measureProbeWhileExport(serverUrl: string): Promise<ProbeRun> {
  // Each probe answered once before, so that a first render's own cost is not counted.
  for (let i = 0; i < PROBE_PATHS.length; i++) await probe(serverUrl, i);
  const reference: number[] = [];
  for (let i = 0; i < REFERENCE_PROBES; i++) {
    reference.push(await probe(serverUrl, i));
    await pause();
  }
  let isBuilding = true;
  const started = performance.now();
  const file = fetch(`${serverUrl}${PROBE_EXPORT}`, { headers: REQUEST_HEADERS })
    .then(async (response) => ({
      status: response.status,
      bytes: (await response.arrayBuffer()).byteLength,
      ms: performance.now() - started,
    }))
    .finally(() => {
      isBuilding = false;
    });
  const during: number[] = [];
  for (let i = 0; isBuilding; i++) {
    const ms = await probe(serverUrl, i);
    // A probe answered after the file came in did not wait behind its build.
    if (isBuilding) during.push(ms);
    await pause();
  }
  const built = await file;
  if (built.status !== 200) throw new Error(`${PROBE_EXPORT} answered ${built.status}`);
  return {
    export: { path: PROBE_EXPORT, ...built },
    paths: PROBE_PATHS,
    reference: latencies(reference),
    probes: latencies(during),
  };
}

/** The report's lines on the probe, and its goal (judged at the largest database of the run). */
export function probeSection(label: string, run: ProbeRun | null, goals: Goal[]): string[] {
  if (!run) return [];
  const p = run.probes;
  goals.push({
    goal: `${label}: every request answered in < ${GOALS.probeWhileExportMs} ms while ${run.export.path} builds`,
    ok: p.count > 0 && p.max < GOALS.probeWhileExportMs,
    detail: `slowest ${ms(p.max)}, p95 ${ms(p.p95)} over ${p.count} requests`,
  });
  return [
    '',
    `While \`${run.export.path}\` built (${ms(run.export.ms)}, ${(run.export.bytes / 1024 / 1024).toFixed(1)} MB, rendered: the response cache off; the server builds it in its exports' worker thread), ${run.paths.map((path) => `\`${path}\``).join(' and ')} were asked in turn ${p.count} times (one after another, ${PROBE_EVERY_MS} ms apart): p50 ${ms(p.p50)}, p95 ${ms(p.p95)}, slowest ${ms(p.max)}. With nothing building, the same ${run.reference.count} times: p50 ${ms(run.reference.p50)}, p95 ${ms(run.reference.p95)}, slowest ${ms(run.reference.max)}.`,
  ];
}
