import { type SQL, and, count, desc, eq, inArray, sql } from 'drizzle-orm';

import { type Db, getDb } from '../../core/db.server';
import {
  knowledgeEntries,
  knowledgeEntryOrganisations,
  knowledgeEntryProjects,
  knowledgeEntryTexts,
  knowledgeEntryTopics,
  organisations,
  projects,
  topics,
} from '../../../db/schema';
import {
  HUB_LANGUAGES,
  type HubLanguage,
  KNOWLEDGE_KINDS,
  type KnowledgeKind,
} from '../../../db/vocabulary';
import type { KnowledgeFacet, KnowledgeListFilter } from './knowledge-list-params';

// The /knowledge list: published entries only (a draft or one in review is never listed, whoever
// reads), newest first, filtered by the entry's own facets and by the shared project filter.

const published = eq(knowledgeEntries.state, 'published');

/** The conditions of a filter on knowledge_entries; `except` leaves one facet out (its counts). */
function entryConditions(
  filter: KnowledgeListFilter,
  projectsWhere: SQL | undefined,
  except?: KnowledgeFacet,
): SQL {
  const conditions: SQL[] = [published];
  const applies = (facet: KnowledgeFacet) => facet !== except && filter[facet] !== undefined;
  if (applies('kind')) conditions.push(eq(knowledgeEntries.kind, filter.kind!));
  if (applies('language')) {
    conditions.push(sql`${knowledgeEntries.id} IN (
      SELECT ${knowledgeEntryTexts.entryId} FROM ${knowledgeEntryTexts}
       WHERE ${knowledgeEntryTexts.language} = ${filter.language})`);
  }
  if (applies('entryTopic')) {
    conditions.push(sql`${knowledgeEntries.id} IN (
      SELECT ${knowledgeEntryTopics.entryId} FROM ${knowledgeEntryTopics}
        JOIN ${topics} ON ${topics.id} = ${knowledgeEntryTopics.topicId}
       WHERE ${topics.slug} = ${filter.entryTopic})`);
  }
  if (applies('project')) {
    conditions.push(sql`${knowledgeEntries.id} IN (
      SELECT ${knowledgeEntryProjects.entryId} FROM ${knowledgeEntryProjects}
        JOIN ${projects} ON ${projects.id} = ${knowledgeEntryProjects.projectId}
       WHERE ${projects.slug} = ${filter.project})`);
  }
  if (applies('organisation')) {
    conditions.push(sql`${knowledgeEntries.id} IN (
      SELECT ${knowledgeEntryOrganisations.entryId} FROM ${knowledgeEntryOrganisations}
        JOIN ${organisations} ON ${organisations.id} = ${knowledgeEntryOrganisations.organisationId}
       WHERE ${organisations.slug} = ${filter.organisation})`);
  }
  // The shared filter: an entry matches when one of its projects does.
  if (projectsWhere) {
    conditions.push(sql`${knowledgeEntries.id} IN (
      SELECT ${knowledgeEntryProjects.entryId} FROM ${knowledgeEntryProjects}
       WHERE ${knowledgeEntryProjects.projectId} IN (
         SELECT ${projects.id} FROM ${projects} WHERE ${projectsWhere}))`);
  }
  return and(...conditions)!;
}

export interface KnowledgeListItem {
  slug: string;
  kind: KnowledgeKind;
  isResolved: boolean;
  publishedAt: string | null;
  /** The text shown: in the page's language where there is one, else the author's original. */
  language: HubLanguage;
  title: string;
  summary: string | null;
  /** Null: the author's original; otherwise who translated it. */
  translatedBy: string | null;
  /** True when the page's language has no text and the original is shown. */
  isUntranslated: boolean;
  topics: { slug: string; name: string; nameZh: string | null; nameDe: string | null }[];
  projects: { slug: string; title: string; titleZh: string | null; titleDe: string | null }[];
}

/** One page of published entries under a filter, newest published first, and how many in all. */
export function listKnowledgeEntries(
  options: {
    filter: KnowledgeListFilter;
    projectsWhere?: SQL;
    lang: HubLanguage;
    page: number;
    perPage: number;
  },
  db: Db = getDb(),
): { entries: KnowledgeListItem[]; total: number } {
  const where = entryConditions(options.filter, options.projectsWhere);
  const total = db.select({ n: count() }).from(knowledgeEntries).where(where).get()?.n ?? 0;
  const rows = db
    .select({
      id: knowledgeEntries.id,
      slug: knowledgeEntries.slug,
      kind: knowledgeEntries.kind,
      isResolved: knowledgeEntries.isResolved,
      publishedAt: knowledgeEntries.publishedAt,
      language: knowledgeEntries.language,
    })
    .from(knowledgeEntries)
    .where(where)
    .orderBy(desc(knowledgeEntries.publishedAt), desc(knowledgeEntries.id))
    .limit(options.perPage)
    .offset((options.page - 1) * options.perPage)
    .all();
  if (rows.length === 0) return { entries: [], total };
  const ids = rows.map((r) => r.id);
  const texts = db
    .select({
      entryId: knowledgeEntryTexts.entryId,
      language: knowledgeEntryTexts.language,
      title: knowledgeEntryTexts.title,
      summary: knowledgeEntryTexts.summary,
      translatedBy: knowledgeEntryTexts.translatedBy,
    })
    .from(knowledgeEntryTexts)
    .where(inArray(knowledgeEntryTexts.entryId, ids))
    .all();
  const entryTopics = db
    .select({
      entryId: knowledgeEntryTopics.entryId,
      slug: topics.slug,
      name: topics.name,
      nameZh: topics.nameZh,
      nameDe: topics.nameDe,
    })
    .from(knowledgeEntryTopics)
    .innerJoin(topics, eq(topics.id, knowledgeEntryTopics.topicId))
    .where(inArray(knowledgeEntryTopics.entryId, ids))
    .orderBy(topics.name)
    .all();
  const entryProjects = db
    .select({
      entryId: knowledgeEntryProjects.entryId,
      slug: projects.slug,
      title: projects.title,
      titleZh: projects.titleZh,
      titleDe: projects.titleDe,
    })
    .from(knowledgeEntryProjects)
    .innerJoin(projects, eq(projects.id, knowledgeEntryProjects.projectId))
    .where(inArray(knowledgeEntryProjects.entryId, ids))
    .orderBy(projects.title)
    .all();
  const entries = rows.map((row): KnowledgeListItem => {
    const own = texts.filter((t) => t.entryId === row.id);
    const local = own.find((t) => t.language === options.lang);
    const text = local ?? own.find((t) => t.language === row.language) ?? own[0];
    return {
      slug: row.slug,
      kind: row.kind,
      isResolved: row.isResolved,
      publishedAt: row.publishedAt,
      language: text?.language ?? row.language,
      title: text?.title ?? row.slug,
      summary: text?.summary ?? null,
      translatedBy: text?.translatedBy ?? null,
      isUntranslated: local === undefined,
      topics: entryTopics.filter((t) => t.entryId === row.id).map(({ entryId: _e, ...t }) => t),
      projects: entryProjects.filter((p) => p.entryId === row.id).map(({ entryId: _e, ...p }) => p),
    };
  });
  return { entries, total };
}

export interface KnowledgeFacetOption {
  value: string;
  name: string;
  nameZh?: string | null;
  nameDe?: string | null;
  count: number;
}

export type KnowledgeFacets = Record<KnowledgeFacet, KnowledgeFacetOption[]>;

/**
 * For each facet, the values published entries have and how many entries each would give with
 * the other facets (and the shared filter) applied; a chosen value stays offered at 0.
 */
export function getKnowledgeFacets(
  filter: KnowledgeListFilter,
  projectsWhere: SQL | undefined,
  db: Db = getDb(),
): KnowledgeFacets {
  const where = (facet: KnowledgeFacet) => entryConditions(filter, projectsWhere, facet);
  const kinds = db
    .select({ value: knowledgeEntries.kind, count: count() })
    .from(knowledgeEntries)
    .where(where('kind'))
    .groupBy(knowledgeEntries.kind)
    .all();
  const languages = db
    .select({ value: knowledgeEntryTexts.language, count: count() })
    .from(knowledgeEntryTexts)
    .innerJoin(knowledgeEntries, eq(knowledgeEntries.id, knowledgeEntryTexts.entryId))
    .where(where('language'))
    .groupBy(knowledgeEntryTexts.language)
    .all();
  const topicRows = db
    .select({
      value: topics.slug,
      name: topics.name,
      nameZh: topics.nameZh,
      nameDe: topics.nameDe,
      count: count(),
    })
    .from(knowledgeEntryTopics)
    .innerJoin(topics, eq(topics.id, knowledgeEntryTopics.topicId))
    .innerJoin(knowledgeEntries, eq(knowledgeEntries.id, knowledgeEntryTopics.entryId))
    .where(where('entryTopic'))
    .groupBy(topics.id)
    .orderBy(topics.name)
    .all();
  const projectRows = db
    .select({
      value: projects.slug,
      name: projects.title,
      nameZh: projects.titleZh,
      nameDe: projects.titleDe,
      count: count(),
    })
    .from(knowledgeEntryProjects)
    .innerJoin(projects, eq(projects.id, knowledgeEntryProjects.projectId))
    .innerJoin(knowledgeEntries, eq(knowledgeEntries.id, knowledgeEntryProjects.entryId))
    .where(where('project'))
    .groupBy(projects.id)
    .orderBy(projects.title)
    .all();
  const organisationRows = db
    .select({
      value: organisations.slug,
      name: sql<string>`coalesce(${organisations.acronym}, ${organisations.name})`,
      nameZh: organisations.nameZh,
      nameDe: organisations.nameDe,
      count: count(),
    })
    .from(knowledgeEntryOrganisations)
    .innerJoin(organisations, eq(organisations.id, knowledgeEntryOrganisations.organisationId))
    .innerJoin(knowledgeEntries, eq(knowledgeEntries.id, knowledgeEntryOrganisations.entryId))
    .where(where('organisation'))
    .groupBy(organisations.id)
    .orderBy(organisations.name)
    .all();
  const byVocabulary = (
    values: readonly string[],
    found: { value: string; count: number }[],
  ): KnowledgeFacetOption[] =>
    values.map((value) => ({
      value,
      name: value,
      count: found.find((f) => f.value === value)?.count ?? 0,
    }));
  return {
    kind: byVocabulary(KNOWLEDGE_KINDS, kinds),
    language: byVocabulary(HUB_LANGUAGES, languages),
    entryTopic: topicRows,
    project: projectRows,
    organisation: organisationRows,
  };
}
