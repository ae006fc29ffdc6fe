// What the search index holds: the documents, and the fields each is split into, each field with
// the language its words are stemmed in and its weight.

import type { DocumentPartKind, DocumentVisibility, KnowledgeKind } from '../../../db/vocabulary';

export interface SearchDocument {
  type: 'project' | 'event' | 'organisation' | 'topic' | 'document' | 'knowledge-entry';
  slug: string;
  number: string | null;
  title: string;
  titleZh: string | null;
  titleDe: string | null;
  summary: string | null;
  summaryZh: string | null;
  summaryDe: string | null;
  keywords: string[];
  /** Labels in Chinese and German: an event's type and places, an organisation's kind and country. */
  keywordsZh?: string[];
  keywordsDe?: string[];
  /** The titles of a project's indicators, in each language they are given in. */
  indicators?: string[];
  indicatorsZh?: string[];
  indicatorsDe?: string[];
  /** Whether titleZh and titleDe are the hub team's translations (an event's), not official names. */
  isTitleTranslated?: boolean;
  /**
   * A knowledge entry's sections in each language; a document's extracted text, one item per
   * page, slide or block (`parts`), in the language the document states (German, else English;
   * the Chinese in it is indexed in body_zh whatever the language).
   */
  body?: string[];
  bodyDe?: string[];
  bodyZh?: string[];
  /** A document's text parts (page, slide or paragraph block numbers), for the passage's number. */
  parts?: { part: number; text: string }[];
  partKind?: DocumentPartKind | null;
  /** Who may find a document (documentVisibilitiesFor); the other types are public. */
  visibility?: DocumentVisibility;
  /** A knowledge entry's kind (lesson, instrument…), shown with its result. */
  kind?: KnowledgeKind;
}

/*
 * Design: one lunr index, every field fed as an array of tokenize() output (lunr keeps array
 * items as they are, so its own tokenizer never splits 15_I_235 or sees a Chinese sentence).
 * A single registered pipeline function (language.ts) then treats each token by the language of
 * the field it belongs to (lunr passes the field name in the token's metadata, at index and at
 * query time): English fields get lunr's trimmer, stop words and Porter stemmer; German fields the
 * lunr-languages German ones; Chinese fields and the number are left exactly as tokenized,
 * because lunr's trimmer strips every non-\w character and would delete Han unigrams and bigrams.
 */
export type Lang = 'en' | 'de' | 'zh' | 'raw';

export const FIELDS = {
  number: { lang: 'raw', boost: 10 },
  title: { lang: 'en', boost: 5 },
  title_de: { lang: 'de', boost: 5 },
  title_zh: { lang: 'zh', boost: 5 },
  summary: { lang: 'en', boost: 1 },
  summary_de: { lang: 'de', boost: 1 },
  summary_zh: { lang: 'zh', boost: 1 },
  keywords: { lang: 'en', boost: 2 },
  keywords_de: { lang: 'de', boost: 2 },
  keywords_zh: { lang: 'zh', boost: 2 },
  indicators: { lang: 'en', boost: 2 },
  indicators_de: { lang: 'de', boost: 2 },
  indicators_zh: { lang: 'zh', boost: 2 },
  body: { lang: 'en', boost: 1 },
  body_de: { lang: 'de', boost: 1 },
  body_zh: { lang: 'zh', boost: 1 },
} as const satisfies Record<string, { lang: Lang; boost: number }>;

export type FieldName = keyof typeof FIELDS;

export const FIELD_NAMES = Object.keys(FIELDS) as FieldName[];
const fieldsIn = (...langs: Lang[]) => FIELD_NAMES.filter((f) => langs.includes(FIELDS[f].lang));
export const EN_FIELDS = fieldsIn('en');
export const DE_FIELDS = fieldsIn('de');
export const ZH_FIELDS = fieldsIn('zh');
export const UNSTEMMED_FIELDS = fieldsIn('zh', 'raw');

const joinKeywords = (keywords: string[] | undefined) =>
  keywords?.length ? keywords.join(LIST_SEPARATOR) : null;

export const FIELD_TEXT: Record<FieldName, (doc: SearchDocument) => string | null> = {
  number: (d) => d.number,
  title: (d) => d.title,
  title_de: (d) => d.titleDe,
  title_zh: (d) => d.titleZh,
  summary: (d) => d.summary,
  summary_de: (d) => d.summaryDe,
  summary_zh: (d) => d.summaryZh,
  keywords: (d) => joinKeywords(d.keywords),
  keywords_de: (d) => joinKeywords(d.keywordsDe),
  keywords_zh: (d) => joinKeywords(d.keywordsZh),
  indicators: (d) => joinKeywords(d.indicators),
  indicators_de: (d) => joinKeywords(d.indicatorsDe),
  indicators_zh: (d) => joinKeywords(d.indicatorsZh),
  body: (d) => joinBody(d.body),
  body_de: (d) => joinBody(d.bodyDe),
  body_zh: (d) => joinBody(d.bodyZh),
};

/** The fields that hold long texts (an entry's sections, a document's pages). */
export const BODY_FIELDS: readonly FieldName[] = ['body', 'body_de', 'body_zh'];

const joinBody = (texts: string[] | undefined) => (texts?.length ? texts.join('\n') : null);

/** The fields that hold a project's indicator titles: a match there opens the project's indicators. */
export const INDICATOR_FIELDS: readonly FieldName[] = [
  'indicators',
  'indicators_de',
  'indicators_zh',
];

/** What joins the items of a list field (keywords, indicator titles) into one text. */
export const LIST_SEPARATOR = ' · ';
