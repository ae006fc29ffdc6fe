import type { ProjectFilter } from '../filter/filter';

import {
  type SearchDocument,
  type SearchIndex,
  buildSearchIndex,
  searchAll,
  searchIndexes,
} from './engine';
import { listKnowledgeDocuments, listPortfolioDocuments } from './search-documents.server';
import { dataStamp } from '../../../db/query-cache.server';
import { type Db, getDb } from '../db.server';
import { projects } from '../../../db/schema';
import type { AuditEntity, DocumentVisibility } from '../../../db/vocabulary';
import { originSql } from '../filter/project-filter.server';

export {
  listKnowledgeDocuments,
  listPortfolioDocuments,
  listSearchDocuments,
} from './search-documents.server';
/*
 * Two indexes, each rebuilt only when its own tables change (decision 0073): the portfolio's
 * (projects with their keywords and indicators, events, organisations, topics) and the
 * knowledge index (published knowledge entries, documents with their text). lunr builds an
 * immutable index, so a change rebuilds a whole index, but a document upload no longer rebuilds
 * the 10 000 projects' and a project edit no longer the documents' text.
 *
 * The data stamp stays the fast check: while it is unchanged both indexes are fresh and no SQL
 * runs. When it moved, each index's signature is read from its own tables (one statement each,
 * aggregates only) and only the index whose signature changed is rebuilt. A signature holds, per
 * table the index reads, the row count, the highest id and the sum of the versions (every edit
 * through the hub bumps its record's version); for the tables without a version (keywords, event
 * places, places, provinces, topics, entry texts, document texts) their rowids and the lengths of
 * the texts the index holds; and the last audit entry of the entities whose writes change what the
 * index holds (every write through the hub is audited in its transaction; this also catches a
 * link-table change such as a topic added to a project, and a record deleted and another made
 * with its id and version).
 */
const PORTFOLIO_ENTITIES: readonly AuditEntity[] = [
  'project',
  'project-organisation',
  'project-topic',
  'project-location',
  'indicator',
  'event',
  'organisation',
];
const KNOWLEDGE_ENTITIES: readonly AuditEntity[] = ['knowledge-entry', 'document'];

const lastAudit = (entities: readonly AuditEntity[]) =>
  entities
    .map((e) => `(SELECT ifnull(max(id), 0) FROM audit_log WHERE entity = '${e}')`)
    .join(', ');

const PORTFOLIO_SIGNATURE = `SELECT json_array(
  (SELECT json_array(count(*), max(id), total(version)) FROM projects),
  (SELECT json_array(count(*), total(rowid), max(rowid), total(length(keyword)), total(position))
     FROM project_keywords),
  (SELECT json_array(count(*), max(id), total(version)) FROM indicators),
  (SELECT json_array(count(*), max(id), total(version)) FROM events),
  (SELECT json_array(count(*), total(rowid), total(event_id * place_id)) FROM event_places),
  (SELECT json_array(count(*), max(id), total(length(name_en)), total(length(name_zh)))
     FROM places),
  (SELECT json_array(count(*), total(length(name_en)), total(length(name_zh))) FROM provinces),
  (SELECT json_array(count(*), max(id), total(version)) FROM organisations),
  (SELECT json_array(count(*), max(id), total(length(slug)), total(length(name)),
     total(length(name_zh)), total(length(name_de))) FROM topics),
  json_array(${lastAudit(PORTFOLIO_ENTITIES)}))`;

const KNOWLEDGE_SIGNATURE = `SELECT json_array(
  (SELECT json_array(count(*), max(id), total(version)) FROM knowledge_entries
     WHERE state = 'published'),
  (SELECT json_array(count(*), total(rowid), max(rowid), total(length(title)),
     total(length(summary))) FROM knowledge_entry_texts),
  (SELECT json_array(count(*), max(id), total(version)) FROM documents),
  (SELECT json_array(count(*), total(rowid), max(rowid)) FROM document_texts),
  json_array(${lastAudit(KNOWLEDGE_ENTITIES)}))`;

/** One of the two indexes, with the signature of the tables it was built from. */
interface KeptPart {
  signature: string;
  index: SearchIndex;
}

/** A database's two indexes for one data stamp, and the imported IATI activities' slugs. */
interface KeptIndexes {
  stamp: string;
  portfolio: KeptPart;
  knowledge: KeptPart;
  /** Kept with the portfolio index (it changes only with the projects). */
  importedSlugs?: Set<string>;
}

const kept = new WeakMap<Db, KeptIndexes>();

const signatureStatements = new WeakMap<Db, { portfolio: Statement; knowledge: Statement }>();
interface Statement {
  get(): unknown;
}

/** The signatures of the two indexes' tables, read now (two statements of aggregates). */
export function searchSignatures(db: Db = getDb()): { portfolio: string; knowledge: string } {
  let statements = signatureStatements.get(db);
  if (!statements) {
    statements = {
      portfolio: db.$client.prepare(PORTFOLIO_SIGNATURE).pluck(),
      knowledge: db.$client.prepare(KNOWLEDGE_SIGNATURE).pluck(),
    };
    signatureStatements.set(db, statements);
  }
  return {
    portfolio: String(statements.portfolio.get()),
    knowledge: String(statements.knowledge.get()),
  };
}

/**
 * The search indexes of a database, built on first use and kept in memory: unchanged while the
 * data stamp (db/query-cache.server.ts) is; when it moved, the index whose signature changed is
 * rebuilt in this request, the other kept as it is (the same object).
 */
function keptIndexes(db: Db): KeptIndexes {
  const stamp = dataStamp(db);
  const before = kept.get(db);
  if (before && before.stamp === stamp) return before;
  const signatures = searchSignatures(db);
  const part = (
    previous: KeptPart | undefined,
    signature: string,
    list: (db: Db) => SearchDocument[],
  ): KeptPart =>
    previous && previous.signature === signature
      ? previous
      : { signature, index: buildSearchIndex(list(db)) };
  const portfolio = part(before?.portfolio, signatures.portfolio, listPortfolioDocuments);
  const now: KeptIndexes = {
    stamp,
    portfolio,
    knowledge: part(before?.knowledge, signatures.knowledge, listKnowledgeDocuments),
    importedSlugs: portfolio === before?.portfolio ? before.importedSlugs : undefined,
  };
  kept.set(db, now);
  return now;
}

/** The two indexes to search, the portfolio's first (searchIndexes merges their results). */
export function getSearchIndexes(db: Db = getDb()): readonly SearchIndex[] {
  const { portfolio, knowledge } = keptIndexes(db);
  return [portfolio.index, knowledge.index];
}

/** The portfolio index: projects, events, organisations, topics. */
export function getPortfolioIndex(db: Db = getDb()): SearchIndex {
  return keptIndexes(db).portfolio.index;
}

/** The knowledge index: published knowledge entries, documents with their text. */
export function getKnowledgeIndex(db: Db = getDb()): SearchIndex {
  return keptIndexes(db).knowledge.index;
}

/** Slugs of the imported IATI activities, kept with the portfolio index (see searchPortfolio). */
function getImportedSlugs(db: Db): Set<string> {
  const indexes = keptIndexes(db);
  indexes.importedSlugs ??= new Set(
    db
      .select({ slug: projects.slug })
      .from(projects)
      .where(originSql('iati'))
      .all()
      .map((p) => p.slug),
  );
  return indexes.importedSlugs;
}

/** Slugs of the projects a free-text query finds, best first (for the shared filter's `q`). */
export function searchProjectSlugs(q: string, db: Db = getDb()): string[] {
  return searchAll(getSearchIndexes(db), q)
    .filter((r) => r.type === 'project')
    .map((r) => r.slug);
}

/** The filter with the projects its `q` finds attached, ready for projectFilterSql(). */
export function resolveFilterSearch(filter: ProjectFilter, db: Db = getDb()): ProjectFilter {
  return filter.q ? { ...filter, qMatches: searchProjectSlugs(filter.q, db) } : filter;
}

/**
 * Projects, events, organisations, topics, published knowledge entries and the documents the
 * reader may see (`visibilities`: documentVisibilitiesFor(user)) for a free-text query, best first. The index holds the
 * imported IATI activities too (so `q` works with origin=iati), but they are not IKI projects
 * and the search page does not list them.
 */
export function searchPortfolio(
  q: string,
  limit = 50,
  db: Db = getDb(),
  visibilities: readonly DocumentVisibility[] = ['public'],
) {
  const imported = getImportedSlugs(db);
  return searchIndexes(getSearchIndexes(db), q, limit + imported.size, visibilities)
    .filter((r) => r.type !== 'project' || !imported.has(r.slug))
    .slice(0, limit);
}
