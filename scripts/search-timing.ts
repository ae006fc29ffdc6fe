import { openDatabase } from '../db/client.server';
import { listSearchDocuments } from '../app/core/search/search.server';
import { buildSearchIndex, searchIndex } from '../app/core/search/engine';
import { percentile } from './load-tools';

// Timing the search engine alone, in process: `npm run bench` and `npm run measure:search`.

/** Queries in every script and language the index knows, a project number among them. */
export const MIXED_QUERIES = [
  '排放交易',
  '伙伴关系',
  'emissions trading',
  'Partnerschaft',
  '15_I_235',
  'transport',
  'climate finance',
  'demo 42',
];

/** Queries that hit the demo documents' extracted text, English and Chinese. */
export const DOCUMENT_QUERIES = [
  'geothermal heat supply',
  'hydrogen storage',
  '屋顶光伏',
  '海绵城市排水',
];

export interface SearchTiming {
  documents: number;
  /** Of them: documents (files and links) and knowledge entries. */
  fileDocuments: number;
  entries: number;
  buildMs: number;
  /**
   * Reading every record's texts from the database and building the index again, as after any
   * write (lunr's index cannot take one more document once built: there is no incremental update).
   */
  rebuildMs: number;
  /** The slowest first run of a query (null: first runs were not timed apart). */
  firstRunMaxMs: number | null;
  p50: number;
  p95: number;
}

/**
 * Builds the index of a database file's documents, then runs each query `rounds` times. The first
 * run of each query builds its terms' postings and compiles the code: with `firstRunsApart` it is
 * timed apart, before the rounds.
 */
export function timeSearch(
  path: string,
  queries: string[],
  { rounds, firstRunsApart }: { rounds: number; firstRunsApart: boolean },
): SearchTiming {
  const db = openDatabase(path);
  const documents = listSearchDocuments(db);
  const started = performance.now();
  const index = buildSearchIndex(documents);
  const buildMs = performance.now() - started;
  const rebuildStarted = performance.now();
  buildSearchIndex(listSearchDocuments(db));
  const rebuildMs = performance.now() - rebuildStarted;
  const timed = (q: string) => {
    const t = performance.now();
    searchIndex(index, q, 50);
    return performance.now() - t;
  };
  const firstRuns = firstRunsApart ? queries.map(timed) : null;
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const q of queries) times.push(timed(q));
  }
  db.$client.close();
  times.sort((a, b) => a - b);
  return {
    documents: documents.length,
    fileDocuments: documents.filter((d) => d.type === 'document').length,
    entries: documents.filter((d) => d.type === 'knowledge-entry').length,
    buildMs,
    rebuildMs,
    firstRunMaxMs: firstRuns ? Math.max(...firstRuns) : null,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
  };
}
