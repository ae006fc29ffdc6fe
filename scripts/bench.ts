import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { type Goal, fileStamp, goalLines, prepareLoadDatabase, resultsDir } from './load-tools';
import { CONNECTIONS, DATABASES, DURATION, ENCODING, args } from './bench/options';
import { report } from './bench/report';
import { type Run, benchDatabase, pagesOf } from './bench/run';
import { lighthouseSection, measureLighthouse } from './bench/lighthouse';
import { benchPack, packReport } from './bench/pack';
import { targets } from './bench/targets';
import { measureSearch } from './bench/search';

// npm run bench [-- --db real|1000|10000 …] [--duration 5] [--connections 10] [--encoding gzip]
//                  [--cpu-prof] [--pack-only] [--no-lighthouse] [--lighthouse-only]
// The production server (`npm run build` first) on 127.0.0.1 against the real portfolio and
// synthetic ones of 1 000 and 10 000 projects: throughput and latency under load (autocannon),
// each page as a share of a static file's throughput in the same run; response times of single
// sequential requests; search index build and query times; client JavaScript per page, gzipped;
// the server's memory; the workshop pack's files (a build's time, `/` while a large one builds);
// Lighthouse's performance and accessibility scores of every page (first database only).
// Writes Markdown and JSON to bench-results/ and checks the goals of #14.
// The load generator shares the machine with the server, so absolute numbers depend on the
// machine and on whatever else runs on it; the ratios to the static file are the steadier part.
//
// Its parts, in scripts/bench/: options (the command line and the goals), targets (what is asked
// for), measure (single requests and autocannon), wrk (the second load generator), search,
// javascript, lighthouse, profile (--cpu-prof), pack (the workshop pack's files, alone with --pack-only), run
// (one database through three servers and the pack's) and report.

if (args['search-only']) {
  console.log(JSON.stringify(measureSearch(args['search-only'])));
  process.exit(0);
}

const started = new Date();
const stamp = fileStamp(started);
const outDir = resultsDir();

if (args['pack-only']) {
  const packRuns = [];
  for (const name of DATABASES) packRuns.push(await benchPack(name));
  const { markdown, goals } = packReport(packRuns, started);
  writeFileSync(join(outDir, `bench-pack-${stamp}.md`), markdown);
  writeFileSync(
    join(outDir, `bench-pack-${stamp}.json`),
    `${JSON.stringify({ started: started.toISOString(), goals, runs: packRuns }, null, 2)}\n`,
  );
  console.log(markdown);
  console.log(`Written to bench-results/bench-pack-${stamp}.md and .json`);
  if (goals.some((g) => !g.ok)) process.exitCode = 1;
  process.exit();
}
if (args['lighthouse-only']) {
  const database = prepareLoadDatabase(DATABASES[0]!);
  const goals: Goal[] = [];
  try {
    const rows = await measureLighthouse(database, pagesOf(targets(database)));
    const lines = [`# Lighthouse ${started.toISOString()}, ${database.label}`];
    lines.push(...lighthouseSection(database.label, rows, goals), '', ...goalLines(goals));
    writeFileSync(join(outDir, `bench-lighthouse-${stamp}.md`), `${lines.join('\n')}\n`);
    writeFileSync(
      join(outDir, `bench-lighthouse-${stamp}.json`),
      `${JSON.stringify({ started: started.toISOString(), goals, rows }, null, 2)}\n`,
    );
    console.log(lines.join('\n'));
  } finally {
    rmSync(database.dir, { recursive: true, force: true });
  }
  if (goals.some((g) => !g.ok)) process.exitCode = 1;
  process.exit();
}
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
// As its help says: a missed goal fails the command.
if (goals.some((g) => !g.ok)) process.exitCode = 1;
