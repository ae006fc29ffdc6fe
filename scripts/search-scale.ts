import { createSeededDatabase } from './harness';
import { createDemoDatabase } from './load-tools';
import { MIXED_QUERIES, timeSearch } from './search-timing';

// npm run measure:search [projects] — search index build time and query p50/p95,
// at the real portfolio and at a synthetic one (default 10 000 projects).

const QUERIES = [...MIXED_QUERIES, 'title:', 'buildings energy'];

const measure = (name: string, path: string) => ({
  name,
  ...timeSearch(path, QUERIES, { rounds: 20, firstRunsApart: false }),
});

const rows = [measure('real portfolio', createSeededDatabase().path)];
const projects = Number(process.argv[2] ?? 10_000);
rows.push(measure(`${projects} demo projects`, createDemoDatabase(projects, 'search').path));

console.log('| database | documents | index build | query p50 | query p95 |');
console.log('| --- | --- | --- | --- | --- |');
for (const r of rows) {
  console.log(
    `| ${r.name} | ${r.documents} | ${r.buildMs.toFixed(0)} ms | ${r.p50.toFixed(2)} ms | ${r.p95.toFixed(2)} ms |`,
  );
}
