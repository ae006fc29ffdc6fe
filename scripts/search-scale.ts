import { createSeededDatabase } from './harness';
import { benchDocumentCounts, createDemoDatabase } from './load-tools';
import { DOCUMENT_QUERIES, MIXED_QUERIES, timeSearch, timeSplitRebuilds } from './search-timing';
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

const real = createSeededDatabase().path;
const rows = [measure('real portfolio', real)];
const extra = benchDocumentCounts(projects);
const demoName = `${projects} demo projects, ${extra.documents} documents, ${extra.entries} entries`;
const demo = createDemoDatabase(projects, 'search', extra).path;
rows.push(measure(demoName, demo));
// Last: it writes a document and edits a project in the files.
const splits = [
  { name: 'real portfolio', ...timeSplitRebuilds(real) },
  { name: demoName, ...timeSplitRebuilds(demo) },
];

console.log(
  '| database | indexed | both indexes built | one index of all read and built (every write before decision 0073) | query p50 (both indexes) | query p95 |',
);
console.log('| --- | --- | --- | --- | --- | --- |');
for (const r of rows) {
  console.log(
    `| ${r.name} | ${r.documents} | ${r.buildMs.toFixed(0)} ms | ${r.rebuildMs.toFixed(0)} ms | ${r.p50.toFixed(2)} ms | ${r.p95.toFixed(2)} ms |`,
  );
}

console.log('');
console.log(
  '| database | portfolio index: records, read + build | knowledge index: records, read + build | nothing changed (signatures) | after one document upload | after one project edit |',
);
console.log('| --- | --- | --- | --- | --- | --- |');
for (const r of splits) {
  console.log(
    `| ${r.name} | ${r.portfolioDocuments}, ${r.portfolioBuildMs.toFixed(0)} ms | ${r.knowledgeDocuments}, ${r.knowledgeBuildMs.toFixed(0)} ms | ${r.signatureMs.toFixed(1)} ms | ${r.afterUploadMs.toFixed(0)} ms | ${r.afterProjectEditMs.toFixed(0)} ms |`,
  );
}
