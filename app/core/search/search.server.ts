import { asc } from 'drizzle-orm';

import type { ProjectFilter } from '../filter/filter';

import {
  type SearchDocument,
  type SearchIndex,
  buildSearchIndex,
  searchAll,
  searchIndex,
} from './engine';
import { dataStamp } from '../../../db/query-cache.server';
import { type Db, getDb } from '../db.server';
import { events, organisations, projectKeywords, projects } from '../../../db/schema';
import { organisationNameColumns, projectNameColumns } from '../../../db/columns.server';
import { originSql } from '../filter/project-filter.server';

/** A record's search document: the texts it has, the others empty. */
function searchDocument(
  type: SearchDocument['type'],
  slug: string,
  texts: Partial<SearchDocument> & { title: string },
): SearchDocument {
  return {
    type,
    slug,
    number: null,
    titleZh: null,
    titleDe: null,
    summary: null,
    summaryZh: null,
    summaryDe: null,
    keywords: [],
    ...texts,
  };
}

/** Everything the search index holds: projects, events and organisations, in that order. */
export function listSearchDocuments(db: Db = getDb()): SearchDocument[] {
  const keywordsByProject = new Map<number, string[]>();
  for (const row of db
    .select({ projectId: projectKeywords.projectId, keyword: projectKeywords.keyword })
    .from(projectKeywords)
    .orderBy(asc(projectKeywords.projectId), asc(projectKeywords.position))
    .all()) {
    const keywords = keywordsByProject.get(row.projectId) ?? [];
    keywords.push(row.keyword);
    keywordsByProject.set(row.projectId, keywords);
  }

  const projectDocuments = db
    .select({
      id: projects.id,
      ...projectNameColumns,
      number: projects.ikiProjectNumber,
      summary: projects.summary,
      summaryZh: projects.summaryZh,
      summaryDe: projects.summaryDe,
    })
    .from(projects)
    .orderBy(asc(projects.id))
    .all()
    .map(({ id, ...p }): SearchDocument => ({
      type: 'project',
      ...p,
      keywords: keywordsByProject.get(id) ?? [],
    }));

  const eventDocuments = db
    .select({ slug: events.slug, title: events.title, description: events.description })
    .from(events)
    .orderBy(asc(events.id))
    .all()
    .map((e) => searchDocument('event', e.slug, { title: e.title, summary: e.description }));

  const organisationDocuments = db
    .select(organisationNameColumns)
    .from(organisations)
    .orderBy(asc(organisations.id))
    .all()
    .map((o) =>
      searchDocument('organisation', o.slug, {
        title: o.name,
        titleZh: o.nameZh,
        // The official German name, where a source states one (GIZ, BMUV…).
        titleDe: o.nameDe,
        keywords: o.acronym ? [o.acronym] : [],
      }),
    );

  return [...projectDocuments, ...eventDocuments, ...organisationDocuments];
}

/** A database's search index and the imported IATI activities' slugs, for one data stamp. */
interface KeptIndex {
  stamp: string;
  index: SearchIndex;
  importedSlugs?: Set<string>;
}

const indexes = new WeakMap<Db, KeptIndex>();

/**
 * The search index of a database, built on first use and kept in memory until the data changes:
 * it is keyed by the data stamp (db/query-cache.server.ts), which every write through the hub and
 * every commit by another process moves on.
 */
function keptIndex(db: Db): KeptIndex {
  const stamp = dataStamp(db);
  let kept = indexes.get(db);
  if (!kept || kept.stamp !== stamp) {
    kept = { stamp, index: buildSearchIndex(listSearchDocuments(db)) };
    indexes.set(db, kept);
  }
  return kept;
}

export function getSearchIndex(db: Db = getDb()): SearchIndex {
  return keptIndex(db).index;
}

/** Slugs of the imported IATI activities, kept with the index (see searchPortfolio). */
function getImportedSlugs(db: Db): Set<string> {
  const kept = keptIndex(db);
  kept.importedSlugs ??= new Set(
    db
      .select({ slug: projects.slug })
      .from(projects)
      .where(originSql('iati'))
      .all()
      .map((p) => p.slug),
  );
  return kept.importedSlugs;
}

/** Slugs of the projects a free-text query finds, best first (for the shared filter's `q`). */
export function searchProjectSlugs(q: string, db: Db = getDb()): string[] {
  return searchAll(getSearchIndex(db), q)
    .filter((r) => r.type === 'project')
    .map((r) => r.slug);
}

/** The filter with the projects its `q` finds attached, ready for projectFilterSql(). */
export function resolveFilterSearch(filter: ProjectFilter, db: Db = getDb()): ProjectFilter {
  return filter.q ? { ...filter, qMatches: searchProjectSlugs(filter.q, db) } : filter;
}

/**
 * Projects, events and organisations for a free-text query, best first. The index holds the
 * imported IATI activities too (so `q` works with origin=iati), but they are not IKI projects
 * and the search page does not list them.
 */
export function searchPortfolio(q: string, limit = 50, db: Db = getDb()) {
  const imported = getImportedSlugs(db);
  return searchIndex(getSearchIndex(db), q, limit + imported.size)
    .filter((r) => r.type !== 'project' || !imported.has(r.slug))
    .slice(0, limit);
}
