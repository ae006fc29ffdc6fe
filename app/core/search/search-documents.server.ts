import { asc, eq } from 'drizzle-orm';

import type { SearchDocument } from './engine';
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
import { eventTypeLabel, internationalLabel, organisationKindLabel } from '../i18n/vocabulary';
import { countryName } from '../format';
import { organisationNameColumns, projectNameColumns } from '../../../db/columns.server';

// What the two search indexes hold, read from the database: the portfolio index's records
// (listPortfolioDocuments) and the knowledge index's (listKnowledgeDocuments).

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
