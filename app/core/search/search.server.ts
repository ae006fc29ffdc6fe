import { asc, eq } from 'drizzle-orm';

import type { ProjectFilter } from '../filter/filter';

import {
  type SearchDocument,
  type SearchIndex,
  buildSearchIndex,
  searchAll,
  searchIndexes,
} from './engine';
import { dataStamp } from '../../../db/query-cache.server';
import { type Db, getDb } from '../db.server';
import {
  documentTexts,
  documents,
  eventPlaces,
  knowledgeEntries,
  knowledgeEntryTexts,
  events,
  indicators,
  organisations,
  places,
  projectKeywords,
  projects,
  provinces,
  topics,
} from '../../../db/schema';
import { INTL_LOCALE, type Lang } from '../i18n/config';
import type { AuditEntity, DocumentVisibility } from '../../../db/vocabulary';
import { eventTypeLabel, internationalLabel, organisationKindLabel } from '../i18n/vocabulary';
import { countryName } from '../format';
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

/**
 * Everything the search indexes hold: projects, events, organisations, topics, published
 * knowledge entries and documents, in that order (the portfolio's, then the knowledge index's).
 */
export function listSearchDocuments(db: Db = getDb()): SearchDocument[] {
  return [...listPortfolioDocuments(db), ...listKnowledgeDocuments(db)];
}

/** The portfolio index's records: projects (with keywords and indicators), events, organisations, topics. */
export function listPortfolioDocuments(db: Db = getDb()): SearchDocument[] {
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

  const indicatorsByProject = listIndicatorTitles(db);
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
      ...indicatorsByProject.get(id),
    }));

  return [
    ...projectDocuments,
    ...listEventDocuments(db),
    ...listOrganisationDocuments(db),
    ...listTopicDocuments(db),
  ];
}

/** The knowledge index's records: published knowledge entries, then documents with their text. */
export function listKnowledgeDocuments(db: Db = getDb()): SearchDocument[] {
  return [...listEntryDocuments(db), ...listDocumentDocuments(db)];
}

const HAN_RUN = /\p{Script=Han}+/gu;
/** A text's Chinese, run by run (body_zh), and the rest (body, body_de): each word indexed once. */
const hanOf = (text: string) => (text.match(HAN_RUN) ?? []).join(' ');
const withoutHan = (text: string) => text.replace(HAN_RUN, ' ');

const ENTRY_SECTIONS = [
  'context',
  'barriers',
  'enablingFactors',
  'outcomes',
  'lessons',
  'resources',
] as const;

/**
 * Published knowledge entries, by their texts in every language (the original and the
 * translations): title, summary and sections. Drafts and entries in review are never indexed.
 */
function listEntryDocuments(db: Db): SearchDocument[] {
  const entries = db
    .select({ id: knowledgeEntries.id, slug: knowledgeEntries.slug, kind: knowledgeEntries.kind })
    .from(knowledgeEntries)
    .where(eq(knowledgeEntries.state, 'published'))
    .orderBy(asc(knowledgeEntries.id))
    .all();
  if (entries.length === 0) return [];
  const textsByEntry = new Map<number, (typeof knowledgeEntryTexts.$inferSelect)[]>();
  for (const row of db
    .select({
      entryId: knowledgeEntryTexts.entryId,
      language: knowledgeEntryTexts.language,
      title: knowledgeEntryTexts.title,
      summary: knowledgeEntryTexts.summary,
      context: knowledgeEntryTexts.context,
      barriers: knowledgeEntryTexts.barriers,
      enablingFactors: knowledgeEntryTexts.enablingFactors,
      outcomes: knowledgeEntryTexts.outcomes,
      lessons: knowledgeEntryTexts.lessons,
      resources: knowledgeEntryTexts.resources,
      translatedBy: knowledgeEntryTexts.translatedBy,
    })
    .from(knowledgeEntryTexts)
    .innerJoin(knowledgeEntries, eq(knowledgeEntries.id, knowledgeEntryTexts.entryId))
    .where(eq(knowledgeEntries.state, 'published'))
    .all()) {
    textsByEntry.set(row.entryId, [...(textsByEntry.get(row.entryId) ?? []), row]);
  }
  return entries.flatMap((entry) => {
    const texts = textsByEntry.get(entry.id) ?? [];
    const inLang = (lang: Lang) => texts.find((t) => t.language === lang);
    // The title shown is the English one, else the original's, else any.
    const shown = inLang('en') ?? texts.find((t) => t.translatedBy === null) ?? texts[0];
    if (!shown) return [];
    const sections = (lang: Lang) => {
      const text = inLang(lang);
      return text ? ENTRY_SECTIONS.map((s) => text[s]).filter((v): v is string => !!v?.trim()) : [];
    };
    return [
      searchDocument('knowledge-entry', entry.slug, {
        title: inLang('en')?.title ?? shown.title,
        titleZh: inLang('zh')?.title ?? null,
        titleDe: inLang('de')?.title ?? null,
        // An entry's texts are its author's or labelled translations on its page; the result
        // shows the title in the page's language without a mark either way.
        isTitleTranslated: false,
        summary: inLang('en')?.summary ?? null,
        summaryZh: inLang('zh')?.summary ?? null,
        summaryDe: inLang('de')?.summary ?? null,
        body: sections('en'),
        bodyZh: sections('zh'),
        bodyDe: sections('de'),
        kind: entry.kind,
      }),
    ];
  });
}

/**
 * Documents of every visibility (searchIndex leaves out those the reader may not see), by title,
 * description and extracted text, page by page. German documents' words are stemmed as German,
 * the others' as English; the Chinese in any of them is indexed as Chinese.
 */
function listDocumentDocuments(db: Db): SearchDocument[] {
  const rows = db
    .select({
      id: documents.id,
      title: documents.title,
      language: documents.language,
      description: documents.description,
      visibility: documents.visibility,
      textState: documents.textState,
      partKind: documents.textPartKind,
    })
    .from(documents)
    .orderBy(asc(documents.id))
    .all();
  if (rows.length === 0) return [];
  const partsByDocument = new Map<number, { part: number; text: string }[]>();
  for (const row of db
    .select({
      documentId: documentTexts.documentId,
      part: documentTexts.part,
      text: documentTexts.text,
    })
    .from(documentTexts)
    .innerJoin(documents, eq(documents.id, documentTexts.documentId))
    .where(eq(documents.textState, 'extracted'))
    .orderBy(asc(documentTexts.documentId), asc(documentTexts.part))
    .all()) {
    let parts = partsByDocument.get(row.documentId);
    if (!parts) partsByDocument.set(row.documentId, (parts = []));
    parts.push({ part: row.part, text: row.text });
  }
  return rows.map((d) => {
    const parts = partsByDocument.get(d.id) ?? [];
    const isGerman = d.language === 'de';
    const latin = parts.map((p) => withoutHan(p.text));
    const titleHan = hanOf(d.title);
    const descriptionHan = d.description ? hanOf(d.description) : '';
    return searchDocument('document', String(d.id), {
      title: d.title,
      titleZh: titleHan ? d.title : null,
      summary: isGerman ? null : d.description,
      summaryDe: isGerman ? d.description : null,
      summaryZh: descriptionHan ? d.description : null,
      body: isGerman ? [] : latin,
      bodyDe: isGerman ? latin : [],
      bodyZh: parts.map((p) => hanOf(p.text)).filter((t) => t !== ''),
      parts,
      partKind: d.partKind,
      visibility: d.visibility,
    });
  });
}

/**
 * The titles of each project's indicators in their languages (a search for one finds the project,
 * and the result opens its indicators).
 */
function listIndicatorTitles(db: Db) {
  const byProject = new Map<
    number,
    Required<Pick<SearchDocument, 'indicators' | 'indicatorsZh' | 'indicatorsDe'>>
  >();
  for (const row of db
    .select({
      projectId: indicators.projectId,
      title: indicators.title,
      titleZh: indicators.titleZh,
      titleDe: indicators.titleDe,
    })
    .from(indicators)
    .orderBy(asc(indicators.projectId), asc(indicators.position), asc(indicators.id))
    .all()) {
    let titles = byProject.get(row.projectId);
    if (!titles) {
      titles = { indicators: [], indicatorsZh: [], indicatorsDe: [] };
      byProject.set(row.projectId, titles);
    }
    titles.indicators.push(row.title);
    if (row.titleZh) titles.indicatorsZh.push(row.titleZh);
    if (row.titleDe) titles.indicatorsDe.push(row.titleDe);
  }
  return byProject;
}

/** A label in each language, for the keywords of the three languages' fields. */
const inEachLang = (label: (lang: Lang) => string | null) => ({
  keywords: [label('en')].filter((l): l is string => !!l),
  keywordsZh: [label('zh')].filter((l): l is string => !!l),
  keywordsDe: [label('de')].filter((l): l is string => !!l),
});

/**
 * Events: the English title and the hub's translations of it, the description, and the event's
 * type and places in each language (workshop, 研讨会, Workshop; Beijing, 北京市).
 */
function listEventDocuments(db: Db): SearchDocument[] {
  const placesByEvent = new Map<number, { nameEn: string; nameZh: string | null }[]>();
  for (const row of db
    .select({ eventId: eventPlaces.eventId, nameEn: places.nameEn, nameZh: places.nameZh })
    .from(eventPlaces)
    .innerJoin(places, eq(places.id, eventPlaces.placeId))
    .orderBy(asc(eventPlaces.eventId), asc(places.id))
    .all()) {
    placesByEvent.set(row.eventId, [...(placesByEvent.get(row.eventId) ?? []), row]);
  }
  return db
    .select({
      id: events.id,
      slug: events.slug,
      title: events.title,
      titleZh: events.titleZh,
      titleDe: events.titleDe,
      description: events.description,
      type: events.type,
      city: events.city,
      provinceEn: provinces.nameEn,
      provinceZh: provinces.nameZh,
    })
    .from(events)
    .leftJoin(provinces, eq(provinces.code, events.provinceCode))
    .orderBy(asc(events.id))
    .all()
    .map((e) => {
      const eventPlacesOf = placesByEvent.get(e.id) ?? [];
      const type = inEachLang((lang) => eventTypeLabel(e.type, lang));
      const names = (values: (string | null)[]) => [
        ...new Set(values.filter((v): v is string => !!v)),
      ];
      return searchDocument('event', e.slug, {
        title: e.title,
        titleZh: e.titleZh,
        titleDe: e.titleDe,
        isTitleTranslated: true,
        summary: e.description,
        keywords: names([
          ...type.keywords,
          e.city,
          ...eventPlacesOf.map((p) => p.nameEn),
          e.provinceEn,
        ]),
        keywordsZh: names([
          ...type.keywordsZh,
          ...eventPlacesOf.map((p) => p.nameZh),
          e.provinceZh,
        ]),
        // Chinese places have no German names of their own in the data: German writes the pinyin.
        keywordsDe: names([...type.keywordsDe, e.provinceEn]),
      });
    });
}

/**
 * Organisations: their official names (never translated by us), the acronym, and their kind and
 * country in each language (中国部委, Deutschland).
 */
function listOrganisationDocuments(db: Db): SearchDocument[] {
  return db
    .select({
      ...organisationNameColumns,
      kind: organisations.kind,
      countryCode: organisations.countryCode,
      isInternational: organisations.isInternational,
    })
    .from(organisations)
    .orderBy(asc(organisations.id))
    .all()
    .map((o) => {
      const kind = inEachLang((lang) => organisationKindLabel(o.kind, lang));
      const country = inEachLang((lang) =>
        o.countryCode
          ? countryName(o.countryCode, INTL_LOCALE[lang])
          : o.isInternational
            ? internationalLabel(lang)
            : null,
      );
      return searchDocument('organisation', o.slug, {
        title: o.name,
        titleZh: o.nameZh,
        // The official German name, where a source states one (GIZ, BMUV…).
        titleDe: o.nameDe,
        keywords: [...(o.acronym ? [o.acronym] : []), ...kind.keywords, ...country.keywords],
        keywordsZh: [...kind.keywordsZh, ...country.keywordsZh],
        keywordsDe: [...kind.keywordsDe, ...country.keywordsDe],
      });
    });
}

/** Topics, by their names in the three languages. */
function listTopicDocuments(db: Db): SearchDocument[] {
  return db
    .select({ slug: topics.slug, name: topics.name, nameZh: topics.nameZh, nameDe: topics.nameDe })
    .from(topics)
    .orderBy(asc(topics.id))
    .all()
    .map((topic) =>
      searchDocument('topic', topic.slug, {
        title: topic.name,
        titleZh: topic.nameZh,
        titleDe: topic.nameDe,
      }),
    );
}

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
