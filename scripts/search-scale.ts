import { join } from 'node:path';

import { openDatabase } from '../db/client.server';
import { generateDemoPortfolio } from '../db/demo';
import { migrateDatabase } from '../db/migrate';
import { listSearchDocuments } from '../app/features/search/search.server';
import { buildSearchIndex, searchIndex } from '../app/features/search/engine';
import { createSeededDatabase, makeTempDir } from './harness';

// npm run measure:search [projects] — search index build time and query p50/p95,
// at the real portfolio and at a synthetic one (default 10 000 projects).

const QUERIES = [
  '排放交易',
  '伙伴关系',
  'emissions trading',
  'Partnerschaft',
  '15_I_235',
  'transport',
  'climate finance',
  'demo 42',
  'title:',
  'buildings energy',
];

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function measure(name: string, path: string) {
  const db = openDatabase(path);
  const docs = listSearchDocuments(db);
  const t0 = performance.now();
  const index = buildSearchIndex(docs);
  const buildMs = performance.now() - t0;
  const times: number[] = [];
  for (let round = 0; round < 20; round++) {
    for (const q of QUERIES) {
      const t = performance.now();
      searchIndex(index, q, 50);
      times.push(performance.now() - t);
    }
  }
  times.sort((a, b) => a - b);
  db.$client.close();
  return {
    name,
    documents: docs.length,
    buildMs,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
  };
}

const rows = [measure('real portfolio', createSeededDatabase().path)];
const projects = Number(process.argv[2] ?? 10_000);
const demoPath = join(makeTempDir('search'), 'demo.sqlite');
const demo = openDatabase(demoPath);
migrateDatabase(demo);
generateDemoPortfolio(demo, { projects });
demo.$client.close();
rows.push(measure(`${projects} demo projects`, demoPath));

console.log('| database | documents | index build | query p50 | query p95 |');
console.log('| --- | --- | --- | --- | --- |');
for (const r of rows) {
  console.log(
    `| ${r.name} | ${r.documents} | ${r.buildMs.toFixed(0)} ms | ${r.p50.toFixed(2)} ms | ${r.p95.toFixed(2)} ms |`,
  );
}
