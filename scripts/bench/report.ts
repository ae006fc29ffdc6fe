import { type Goal, HUB_TODAY, commandLine, goalLines, kb, mb, ms } from '../load-tools';
import type { LoadRow } from './measure';
import { mapReadySection } from './map-ready';
import { lighthouseSection } from './lighthouse';
import { packSection } from './pack';
import { probeSection } from './probe';
import { CONNECTIONS, DURATION, ENCODING, EXPORT_ROUNDS, GOALS, SATURATED } from './options';
import type { Run } from './run';
import { SEARCH_QUERIES, SEARCH_ROUNDS } from './search';
import { WRK } from './wrk';

// The bench's Markdown report, one section per measurement of each database, and its goals.

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const percent = (x: number) => `${(x * 100).toFixed(0)} %`;

/**
 * Whether a target (as served) reached the goal's share of the static file's throughput. Where
 * autocannon kept the server less than SATURATED busy, the load generator was the limit, not the
 * server: then wrk's measurement decides if there is one that kept the server busy, else the
 * server's CPU per request against the static file's.
 */
function judgeShare(
  r: LoadRow,
  staticCpu: number,
  renderedShare: number | null,
  goal = GOALS.pageShareOfStatic,
) {
  const share = r.shareOfStatic ?? 0;
  const byCpu = staticCpu / r.serverCpuMsPerRequest;
  const rendered = renderedShare === null ? '' : ` (rendered every time: ${pct(renderedShare)})`;
  if (share >= goal || r.serverBusy >= SATURATED) {
    return { ok: share >= goal, detail: `${pct(share)} of its req/s${rendered}` };
  }
  const bound = `${pct(share)} of its req/s under autocannon, which kept the server only ${percent(r.serverBusy)} busy (load generator bound)`;
  if (r.wrk && (r.wrk.shareOfStatic >= goal || r.wrk.serverBusy >= SATURATED)) {
    return {
      ok: r.wrk.shareOfStatic >= goal,
      detail: `${bound}; with wrk ${pct(r.wrk.shareOfStatic)} of its req/s, the server ${percent(r.wrk.serverBusy)} busy${rendered}`,
    };
  }
  return {
    ok: byCpu >= goal,
    detail: `${bound}; judged by server CPU per request: ${pct(byCpu)} of the static file's${r.wrk ? ` (wrk: ${pct(r.wrk.shareOfStatic)}, also load generator bound)` : ''}${rendered}`,
  };
}

/** One section: a blank line, then its lines. */
const section = (...lines: string[]) => ['', ...lines];
const LOAD_ALIGN =
  '| --- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |';

/** A target slower than the run's duration × connections finishes nothing: say so. */
const noneFinished = (r: LoadRow) =>
  Object.values(r.statuses).reduce((a, b) => a + b, 0) === 0 ? ' (none finished)' : '';

/** The first table: every page rendered for every request, under load and one at a time. */
function renderedSection(run: Run, goals: Goal[]): string[] {
  const seq = new Map(run.sequential.map((s) => [s.path, s]));
  const lines = [
    ...section(
      'Rendered for every request (`HUB_RESPONSE_CACHE_MB=0`): what the loaders and rendering cost.',
    ),
    '',
    '| target | req/s | × static | p50 | p95 | p99 | errors | non-2xx | single p50 | single p95 | loader p50 | loader p95 | first | size |',
    LOAD_ALIGN,
  ];
  // What the server spends on one request of the static file, in this (rendered) run.
  const staticCpu = Math.min(
    ...run.load.filter((r) => r.kind === 'static').map((r) => r.serverCpuMsPerRequest),
  );
  const isReal = run.database.name === 'real';
  for (const r of run.load) {
    const s = r.kind === 'variant' && !r.timed ? undefined : seq.get(r.path);
    // Issue #32: every page, API and timed signed-in page rendered for every request (exports
    // and whole files aside), at the real portfolio a share of the static file's throughput, and
    // everywhere its whole answer one request at a time within a p95.
    const isJudged =
      (r.kind === 'page' || r.kind === 'api' || (r.kind === 'variant' && r.timed)) && !r.wholeFile;
    if (isJudged && isReal) {
      goals.push({
        goal: `${run.database.label}: ${r.name} \`${r.path}\` ≥ ${GOALS.renderedShareOfStatic * 100} % of the static file's throughput (rendered every time)`,
        ...judgeShare(r, staticCpu, null, GOALS.renderedShareOfStatic),
      });
    }
    const wholeLimit = isReal ? GOALS.renderedP95Ms : GOALS.renderedLargeP95Ms;
    if (s && isJudged && (isReal || run.database.projects >= 10_000)) {
      goals.push({
        goal: `${run.database.label}: ${r.name} \`${r.path}\` whole answer p95 < ${wholeLimit} ms (rendered, single requests)`,
        ok: s.p95 < wholeLimit,
        detail: `${ms(s.p95)} (p50 ${ms(s.p50)}; loaders p95 ${s.loaderP95 != null ? ms(s.loaderP95) : '–'})`,
      });
    }
    lines.push(
      `| ${r.name} \`${r.path}\` | ${r.requestsPerSecond.toFixed(r.requestsPerSecond < 10 ? 1 : 0)}${noneFinished(r)} | ${percent(r.shareOfStatic ?? 0)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${r.errors} | ${r.non2xx}${r.non2xx ? ` (${Object.keys(r.statuses).join(', ')})` : ''} | ${s ? ms(s.p50) : '–'} | ${s ? ms(s.p95) : '–'} | ${s?.loaderP50 != null ? ms(s.loaderP50) : '–'} | ${s?.loaderP95 != null ? ms(s.loaderP95) : '–'} | ${s ? ms(s.firstMs) : '–'} | ${s ? kb(s.bytes) : '–'} |`,
    );
    if (s && r.kind !== 'static' && !r.wholeFile && run.database.projects >= 10_000) {
      const limit = r.path === '/milestones' ? GOALS.milestonesP95Ms : GOALS.p95Ms;
      const loader = s.loaderP95 ?? s.p95;
      goals.push({
        goal: `${run.database.label}: ${r.path} loader p95 < ${limit} ms (rendered, single requests)`,
        ok: loader < limit,
        detail: `${ms(loader)}${s.loaderP95 === null ? ' (no loader timing: whole answer)' : ''}; whole answer p95 ${ms(s.p95)}`,
      });
    }
  }
  return lines;
}

/** The second table: as served, with the response cache; the throughput goals are judged here. */
function cachedSection(run: Run, goals: Goal[]): string[] {
  const lines = [
    ...section(
      'As served by default, with the cache of signed-out answers (`app/core/http/response-cache.server.ts`): the first request renders, the next ones are served from memory until the data changes.',
    ),
    '',
    '| target | req/s | × static | p50 | p95 | p99 | errors | non-2xx | single p50 | single p95 | rendered req/s | server CPU/req | server busy | × static by CPU |',
    LOAD_ALIGN,
  ];
  // What the server spends on one request of the static file (its cheaper run).
  const staticCpu = Math.min(
    ...run.cached.load.filter((r) => r.kind === 'static').map((r) => r.serverCpuMsPerRequest),
  );
  const cachedSeq = new Map(run.cached.sequential.map((c) => [c.path, c]));
  const rendered = new Map(run.load.map((r) => [r.path, r]));
  for (const r of run.cached.load) {
    const c = cachedSeq.get(r.path);
    lines.push(
      `| ${r.name} \`${r.path}\` | ${r.requestsPerSecond.toFixed(0)}${noneFinished(r)} | ${percent(r.shareOfStatic ?? 0)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${r.errors} | ${r.non2xx} | ${c ? ms(c.p50) : '–'} | ${c ? ms(c.p95) : '–'} | ${rendered.get(r.path)?.requestsPerSecond.toFixed(0) ?? '–'} | ${r.serverCpuMsPerRequest.toFixed(2)} ms | ${percent(r.serverBusy)}${r.serverBusy < SATURATED ? ' (load generator bound)' : ''} | ${percent(staticCpu / r.serverCpuMsPerRequest)} |`,
    );
    if (r.kind === 'page' || r.kind === 'api') {
      goals.push({
        goal: `${run.database.label}: ${r.path} ≥ ${GOALS.pageShareOfStatic * 100} % of the static file's throughput (as served, cached)`,
        ...judgeShare(r, staticCpu, rendered.get(r.path)?.shareOfStatic ?? 0),
      });
    }
  }
  return [...lines, ...secondOpinionLines(run)];
}

/** The runs measured again with wrk, or a note where wrk would have been asked. */
function secondOpinionLines(run: Run): string[] {
  const secondOpinions = run.cached.load.filter((r) => r.wrk);
  if (secondOpinions.length > 0) {
    return [
      ...section(
        'Load generator bound under autocannon, so measured again with wrk (the static file before and after them is the ceiling):',
      ),
      '',
      ...secondOpinions.map(
        (r) =>
          `- ${r.name} \`${r.path}\`: ${r.wrk!.requestsPerSecond.toFixed(0)} req/s, ${percent(r.wrk!.shareOfStatic)} of the static file's; server ${percent(r.wrk!.serverBusy)} busy, ${r.wrk!.serverCpuMsPerRequest.toFixed(2)} ms CPU per request`,
      ),
    ];
  }
  if (!WRK && run.cached.load.some((r) => r.serverBusy < SATURATED)) {
    return section(
      "Some runs were load generator bound and are judged by server CPU per request; with Debian's `wrk` on the PATH the bench measures them again with it.",
    );
  }
  return [];
}

function exportsSection(run: Run): string[] {
  const keptExports = new Map(run.cached.exports.map((e) => [e.path, e]));
  return [
    ...section(
      `Exports of the whole portfolio, one request at a time (${EXPORT_ROUNDS} after the first, rendered each time; then the second request on the server with its cache, from the kept copy if there is one). A file of more than 100 projects is built in the server's exports' worker thread (decision 0080): the server answers other requests meanwhile:`,
    ),
    '',
    '| export | size | first | p50 | slowest | loader p50 | second request, cache on |',
    '| --- | --: | --: | --: | --: | --: | --- |',
    ...run.exports.map((e) => {
      const kept = keptExports.get(e.path);
      return `| \`${e.path}\` | ${kb(e.bytes)} | ${ms(e.firstMs)} | ${ms(e.p50)} | ${ms(e.p95)} | ${e.loaderP50 != null ? ms(e.loaderP50) : '–'} | ${kept ? `${ms(kept.ms)}${kept.isKept ? ', kept' : ', rendered again (not kept)'}` : '–'} |`;
    }),
  ];
}

function searchSection(run: Run, goals: Goal[]): string[] {
  goals.push({
    goal: `${run.database.label}: search query p95 < ${GOALS.searchP95Ms} ms`,
    ok: run.search.p95 < GOALS.searchP95Ms,
    detail: `${run.search.p95.toFixed(2)} ms`,
  });
  return section(
    `Search (the engine alone, in a process of its own): ${run.search.documents} documents (of them ${run.search.fileDocuments} documents with their text and ${run.search.entries} knowledge entries), the two indexes (portfolio; documents and entries) built in ${ms(run.search.buildMs)} (one index of all, read from the database and built, as every write cost before decision 0073: ${ms(run.search.rebuildMs)}), query p50 ${run.search.p50.toFixed(2)} ms, p95 ${run.search.p95.toFixed(2)} ms over ${SEARCH_ROUNDS} runs of each of ${SEARCH_QUERIES.length} queries (after one run of each; the slowest first run ${run.search.firstRunMaxMs.toFixed(2)} ms).`,
  );
}

function secondWorkerSection(run: Run): string[] {
  return [
    ...section(
      'Two workers (`HUB_WORKERS=2`), every page rendered for every request, against the one worker of the first table; the load generator runs on the same cores:',
    ),
    '',
    '| target | one worker req/s | two workers req/s | gain | two workers p95 |',
    '| --- | --: | --: | --: | --: |',
    ...run.secondWorker.rows.map((r) => {
      const one = run.load.find((l) => l.path === r.path && l.name === r.name);
      return `| ${r.name} \`${r.path}\` | ${one ? one.requestsPerSecond.toFixed(0) : '–'} | ${r.requestsPerSecond.toFixed(0)} | ${one ? percent(r.requestsPerSecond / one.requestsPerSecond - 1) : '–'} | ${ms(r.p95)} |`;
    }),
    `Memory with two workers (primary and workers together): ${mb(run.secondWorker.afterLoad.rss)} after load.`,
  ];
}

/** Memory, the cost of buffering, and (with --cpu-prof) where the server spent its time. */
function serverSection(run: Run, goals: Goal[]): string[] {
  const b = run.buffering;
  if (run.database.projects >= 10_000) {
    const peakOf = (rows: LoadRow[]) => Math.max(...rows.map((r) => r.peakRss));
    const rendered = peakOf(run.load);
    const cached = peakOf(run.cached.load);
    goals.push({
      goal: `${run.database.label}: server peak memory < ${GOALS.peakMemoryMb} MB under the bench's load (primary and worker together, RSS sampled every 100 ms during the load runs)`,
      ok: Math.max(rendered, cached) < GOALS.peakMemoryMb * 1024 * 1024,
      detail: `${mb(rendered)} rendered every time, ${mb(cached)} with the response cache`,
    });
  }
  const lines = [
    ...section(
      `Server memory (RSS): ${mb(run.memory.afterWarmUp.rss)} after warm-up, ${mb(run.memory.afterLoad.rss)} after load (the processes' own high-water marks summed: ${mb(run.memory.afterLoad.peak)}; at most ${mb(Math.max(...run.load.map((r) => r.peakRss)))} at one time during the load runs); with the response cache ${mb(run.cached.afterLoad.rss)} after load (high-water marks ${mb(run.cached.afterLoad.peak)}; at most ${mb(Math.max(...run.cached.load.map((r) => r.peakRss)))} at one time).`,
    ),
    `Buffering a public read (\`${b.page}\`, ${kb(b.htmlBytes)}): hashing its scripts and the ETag take ${b.hashAndEtagMs.toFixed(2)} ms; first byte after ${ms(b.firstByteMedianMs.publicRead)} buffered (signed out) vs ${ms(b.firstByteMedianMs.signedIn)} streamed (signed in), medians.`,
  ];
  if (!run.profile) {
    return [...lines, '(Run with `--cpu-prof` to see where the server spends each target’s time.)'];
  }
  return [
    ...lines,
    ...section('Server CPU profile during each load run (busy share of one core; top kinds):'),
    '',
    ...run.profile.map(
      (p) =>
        `- ${p.name}: busy ${percent(p.busyShare)} — ${p.categories.join(', ')}; in the hub's code: ${p.hubFunctions.join(', ') || '–'}; hottest: ${p.functions.join('; ')}`,
    ),
  ];
}

function javascriptSection(run: Run, goals: Goal[]): string[] {
  if (!run.javascript) return [];
  const lines = [
    ...section(
      '| page | JS gz at load (preloads) | JS gz in use (lazy chunks too) | files | budget | largest (gz) |',
    ),
    '| --- | --: | --: | --: | --: | --- |',
  ];
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
  return lines;
}

export function report(runs: Run[], started: Date) {
  const goals: Goal[] = [];
  const lines = [
    `# Bench ${started.toISOString()}`,
    '',
    `\`${commandLine('bench')}\` · autocannon ${CONNECTIONS} connections × ${DURATION} s per target · Accept-Encoding: ${ENCODING} · HUB_TODAY ${HUB_TODAY} · Node ${process.version} · load generator and server on the same machine`,
  ];
  for (const run of runs) {
    lines.push(
      ...section(
        `## ${run.database.label} (${run.database.projects} projects, ${run.database.milestones} milestones)`,
      ),
      ...renderedSection(run, goals),
      ...cachedSection(run, goals),
      ...exportsSection(run),
      ...probeSection(run.database.label, run.probe, goals),
      ...searchSection(run, goals),
      ...secondWorkerSection(run),
      ...serverSection(run, goals),
      ...javascriptSection(run, goals),
      ...mapReadySection(run.database.label, run.database.projects, run.mapReady, goals),
      ...lighthouseSection(run.database.label, run.lighthouse, goals),
      ...packSection(run.database.label, run.pack, goals),
    );
  }
  lines.push(...section('## Goals'), '', ...goalLines(goals));
  if (!runs.some((r) => r.database.projects >= 10_000)) {
    lines.push(
      '- (the loader p95 and the 50 ms whole-answer goals are judged at 10 000 projects: run with `--db 10000`)',
    );
  }
  return { markdown: `${lines.join('\n')}\n`, goals };
}
