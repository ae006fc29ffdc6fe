import { eq, sql } from 'drizzle-orm';

import { openDatabase } from '../db/client.server';
import { invalidateQueryCache } from '../db/query-cache.server';
import { documentTexts, projects } from '../db/schema';
import { insertDocument } from '../db/test-factories';
import {
  getSearchIndexes,
  listKnowledgeDocuments,
  listPortfolioDocuments,
  listSearchDocuments,
} from '../app/core/search/search.server';
import { buildSearchIndex, searchIndexes } from '../app/core/search/engine';
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
  /** Building the two indexes the server keeps (the portfolio's, the knowledge index) from their records. */
  buildMs: number;
  /**
   * Reading every record's texts from the database and building one index of them all: what
   * every write cost before the index was split in two (decision 0073; timeSplitRebuilds).
   */
  rebuildMs: number;
  /** The slowest first run of a query (null: first runs were not timed apart). */
  firstRunMaxMs: number | null;
  p50: number;
  p95: number;
}

/**
 * Builds the two indexes of a database file's records, then runs each query over both
 * `rounds` times. The first run of each query builds its terms' postings and compiles the code:
 * with `firstRunsApart` it is timed apart, before the rounds.
 */
export function timeSearch(
  path: string,
  queries: string[],
  { rounds, firstRunsApart }: { rounds: number; firstRunsApart: boolean },
): SearchTiming {
  const db = openDatabase(path);
  const portfolio = listPortfolioDocuments(db);
  const knowledge = listKnowledgeDocuments(db);
  const started = performance.now();
  const indexes = [buildSearchIndex(portfolio), buildSearchIndex(knowledge)];
  const buildMs = performance.now() - started;
  const rebuildStarted = performance.now();
  buildSearchIndex(listSearchDocuments(db));
  const rebuildMs = performance.now() - rebuildStarted;
  const timed = (q: string) => {
    const t = performance.now();
    searchIndexes(indexes, q, 50);
    return performance.now() - t;
  };
  const firstRuns = firstRunsApart ? queries.map(timed) : null;
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const q of queries) times.push(timed(q));
  }
  db.$client.close();
  times.sort((a, b) => a - b);
  const documents = [...portfolio, ...knowledge];
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

/** What keeping two indexes saves (decision 0073): each one's build, and the rebuild after a write. */
export interface SplitTiming {
  portfolioDocuments: number;
  knowledgeDocuments: number;
  /** Reading the portfolio's records and building its index (projects, events, organisations, topics). */
  portfolioBuildMs: number;
  /** Reading the entries' and documents' texts and building the knowledge index. */
  knowledgeBuildMs: number;
  /** The data stamp moved but neither index's tables changed: the two signatures read, nothing built. */
  signatureMs: number;
  /** After one document upload (a row, five pages of text): the signatures, the knowledge index rebuilt. */
  afterUploadMs: number;
  /** After one project edit (its title, its version): the signatures, the portfolio index rebuilt. */
  afterProjectEditMs: number;
}

/**
 * Times the kept indexes of a database file (search.server.ts) as the server keeps them, writing
 * one document and editing one project in it: use a copy made for the measurement.
 */
export function timeSplitRebuilds(path: string): SplitTiming {
  const db = openDatabase(path);
  const time = <T>(run: () => T): [T, number] => {
    const started = performance.now();
    const value = run();
    return [value, performance.now() - started];
  };
  const [portfolio, portfolioBuildMs] = time(() => buildSearchIndex(listPortfolioDocuments(db)));
  const [knowledge, knowledgeBuildMs] = time(() => buildSearchIndex(listKnowledgeDocuments(db)));
  const kept = getSearchIndexes(db);

  invalidateQueryCache(db);
  const [unchanged, signatureMs] = time(() => getSearchIndexes(db));
  if (unchanged[0] !== kept[0] || unchanged[1] !== kept[1]) {
    throw new Error('An index was rebuilt though its tables did not change');
  }

  const document = insertDocument(db, {
    title: 'Timing upload: geothermal survey',
    origin: 'upload',
    url: null,
    textState: 'extracted',
    textPartKind: 'page',
  });
  db.insert(documentTexts)
    .values(
      [1, 2, 3, 4, 5].map((part) => ({
        documentId: document.id,
        part,
        text: `Page ${part}: borehole temperatures and heat pump yields, 地热供暖 ${part}.`,
      })),
    )
    .run();
  invalidateQueryCache(db);
  const [afterUpload, afterUploadMs] = time(() => getSearchIndexes(db));
  if (afterUpload[0] !== kept[0] || afterUpload[1] === kept[1]) {
    throw new Error('A document upload did not rebuild the knowledge index alone');
  }

  db.update(projects)
    .set({ title: 'Timing edit: district heating', version: sql`${projects.version} + 1` })
    .where(eq(projects.id, db.select({ id: projects.id }).from(projects).limit(1).get()!.id))
    .run();
  invalidateQueryCache(db);
  const [afterEdit, afterProjectEditMs] = time(() => getSearchIndexes(db));
  if (afterEdit[0] === afterUpload[0] || afterEdit[1] !== afterUpload[1]) {
    throw new Error('A project edit did not rebuild the portfolio index alone');
  }
  db.$client.close();
  return {
    portfolioDocuments: portfolio.documents.size,
    knowledgeDocuments: knowledge.documents.size,
    portfolioBuildMs,
    knowledgeBuildMs,
    signatureMs,
    afterUploadMs,
    afterProjectEditMs,
  };
}
