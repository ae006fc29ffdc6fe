import { createSeededDatabase } from './harness';
import { benchDocumentCounts, createDemoDatabase } from './load-tools';
import { DOCUMENT_QUERIES, MIXED_QUERIES, timeSearch } from './search-timing';
import { parseCommand, wholeNumber } from './cli';

const { positionals } = parseCommand({
  script: 'measure:search',
  summary:
    'Search index build time and query p50/p95, at the real portfolio and at a synthetic one.',
  arguments: [
    {
      name: 'PROJECTS',
      help: 'projects in the synthetic portfolio (default: 10000)',
      isOptional: true,
    },
  ],
  options: {},
  examples: ['npm run measure:search', 'npm run measure:search -- 1000'],
});
const projects = wholeNumber(positionals[0] ?? '10000', 'PROJECTS');

const QUERIES = [...MIXED_QUERIES, 'title:', 'buildings energy', ...DOCUMENT_QUERIES];

const measure = (name: string, path: string) => ({
  name,
  ...timeSearch(path, QUERIES, { rounds: 20, firstRunsApart: false }),
});

const rows = [measure('real portfolio', createSeededDatabase().path)];
const extra = benchDocumentCounts(projects);
rows.push(
  measure(
    `${projects} demo projects, ${extra.documents} documents, ${extra.entries} entries`,
    createDemoDatabase(projects, 'search', extra).path,
  ),
);

console.log('| database | indexed | index build | read + build again | query p50 | query p95 |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const r of rows) {
  console.log(
    `| ${r.name} | ${r.documents} | ${r.buildMs.toFixed(0)} ms | ${r.rebuildMs.toFixed(0)} ms | ${r.p50.toFixed(2)} ms | ${r.p95.toFixed(2)} ms |`,
  );
}
