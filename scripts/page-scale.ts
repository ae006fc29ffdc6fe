import { openDatabase } from '../db/client.server';
import { createSeededDatabase, startServer } from './harness';
import { HUB_TODAY, createDemoDatabase, percentile } from './load-tools';
import { parseCommand, wholeNumber } from './cli';

const { positionals } = parseCommand({
  script: 'measure:pages',
  summary:
    'Response times (p50/p95 over sequential requests, after warm-up, and the first cold one) and HTML size of the milestone review, timeline, dashboard and project pages, at the real portfolio and at a synthetic one. Needs npm run build first.',
  arguments: [
    {
      name: 'PROJECTS',
      help: 'projects in the synthetic portfolio (default: 10000)',
      isOptional: true,
    },
  ],
  options: {},
  examples: ['npm run measure:pages', 'npm run measure:pages -- 1000'],
});
const projects = wholeNumber(positionals[0] ?? '10000', 'PROJECTS');

// The first, cold request of each view is reported too: facet counts are cached until the data
// changes. A synthetic portfolio of 10 000 projects has ≈ 50 000 milestones.

const VIEWS = [
  '/milestones',
  '/milestones?type=bilateral',
  '/milestones?topic=carbon-markets&province=CN-SC',
  '/milestones?sort=project&dir=desc',
  '/milestones?group=overdue&page=5',
  '/milestones?by=ministry',
  '/milestones?by=topic&type=regional',
  '/timeline',
  '/timeline?group=ministry&zoom=year',
  '/timeline?page=100',
  '/projects/demo-42',
  '/dashboard',
  '/dashboard?type=bilateral&ministries=stated',
  '/api/dashboard/byTopic.csv?fundingArea=adaptation',
];
const WARM_UP = 3;
const ROUNDS = 40;

async function timed(url: string) {
  const started = performance.now();
  const response = await fetch(url);
  const body = await response.text();
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return { ms: performance.now() - started, bytes: Buffer.byteLength(body) };
}

async function measure(database: string, databaseUrl: string, views = VIEWS) {
  const server = await startServer({ databaseUrl, hubToday: HUB_TODAY });
  const rows = [];
  try {
    for (const view of views) {
      const cold = await timed(`${server.url}${view}`);
      for (let i = 0; i < WARM_UP; i++) await timed(`${server.url}${view}`);
      const times: number[] = [];
      for (let i = 0; i < ROUNDS; i++) times.push((await timed(`${server.url}${view}`)).ms);
      times.sort((a, b) => a - b);
      rows.push({
        database,
        view,
        coldMs: cold.ms,
        p50: percentile(times, 50),
        p95: percentile(times, 95),
        kb: cold.bytes / 1024,
      });
    }
  } finally {
    await server.stop();
  }
  return rows;
}

const demoPath = createDemoDatabase(projects, 'review').path;
const demo = openDatabase(demoPath);
const milestones = demo.$client.prepare('SELECT count(*) AS n FROM milestones').get() as {
  n: number;
};
demo.$client.close();

const rows = [
  ...(await measure(
    'real portfolio',
    createSeededDatabase().path,
    VIEWS.map((v) => v.replace('demo-42', 'sgep-iii')),
  )),
  ...(await measure(`${projects} demo projects (${milestones.n} milestones)`, demoPath)),
];
console.log('| database | view | first request | p50 | p95 | HTML |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const r of rows) {
  console.log(
    `| ${r.database} | \`${r.view}\` | ${r.coldMs.toFixed(0)} ms | ${r.p50.toFixed(1)} ms | ${r.p95.toFixed(1)} ms | ${r.kb.toFixed(0)} KB |`,
  );
}
