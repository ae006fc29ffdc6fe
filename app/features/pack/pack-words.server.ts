import { inArray } from 'drizzle-orm';

import { type Db } from '../../core/db.server';
import { type ProjectFilter } from '../../core/filter/filter';
import { INTL_LOCALE, LANGS, type Lang } from '../../core/i18n/config';
import { resources } from '../../core/i18n/resources';
import { createTranslator } from '../../core/i18n/translator';
import { fundingAreas, organisations, provinces, topics } from '../../../db/schema';
import {
  EVENT_TYPES,
  KNOWLEDGE_KINDS,
  MILESTONE_STATUSES,
  PROJECT_STATUSES,
  PROJECT_TYPES,
  REPORT_STATES,
} from '../../../db/vocabulary';
import type { Named, PackVocabulary } from './pack-types';

// The pack's vocabulary in words: the page translations' labels (type, status, funding area,
// milestone and report states) in all three languages, and the filter written out as text.
// Official names (organisations, topics, provinces) come from their columns, never translated here.

type Translate = (key: string) => string;
interface Words {
  t: Translate;
  exists: (key: string) => boolean;
}

let translators: Record<Lang, Words> | undefined;

function wordsIn(lang: Lang): Words {
  const i18n = createTranslator(
    lang,
    resources[lang].translation as unknown as Parameters<typeof createTranslator>[1],
    () => {},
  );
  return {
    t: i18n.getFixedT(lang) as unknown as Translate,
    exists: (key) => i18n.exists(key),
  };
}

function translatorsOf(): Record<Lang, Words> {
  translators ??= { en: wordsIn('en'), zh: wordsIn('zh'), de: wordsIn('de') };
  return translators;
}

/** A page-translation key in en, zh and de; null when the key does not exist (an unknown value). */
export function vocabulary(key: string): Named | null {
  const all = translatorsOf();
  if (!all.en.exists(key)) return null;
  return { en: all.en.t(key), zh: all.zh.t(key), de: all.de.t(key) };
}

/** A vocabulary key's words, or the value itself where the vocabulary has no word for it. */
export function vocabularyOr(key: string, fallback: string): Named {
  return vocabulary(key) ?? { en: fallback, zh: null, de: null };
}

/** A name from its columns (English always, Chinese and German where published). */
export function named(en: string, zh: string | null, de: string | null): Named {
  return { en, zh: zh ?? null, de: de ?? null };
}

const FUNDING_AREAS = ['mitigation', 'adaptation', 'biodiversity', 'natural-carbon-sinks'];

/** Every vocabulary key's words (constant: the same for every pack). */
export function packVocabulary(): PackVocabulary {
  const words = (prefix: string, keys: readonly string[]) =>
    Object.fromEntries(keys.map((key) => [key, vocabularyOr(`${prefix}.${key}`, key)]));
  return {
    type: words('type', PROJECT_TYPES),
    status: words('status', PROJECT_STATUSES),
    fundingArea: words('fundingArea', FUNDING_AREAS),
    milestoneStatus: words('milestoneStatus', MILESTONE_STATUSES),
    reportState: words('reporting.reportState', REPORT_STATES),
    eventType: words('eventType', EVENT_TYPES),
    entryKind: words('knowledge.kinds', KNOWLEDGE_KINDS),
  };
}

const LIST_FACETS = [
  'type',
  'status',
  'fundingArea',
  'topic',
  'province',
  'country',
  'ministry',
  'org',
] as const;

/**
 * The filter in words, one line per facet in use ("Type: Bilateral, Regional"), each line in en, zh
 * and de. Values are named as the filter panel names them; a slug nothing is called by stays as
 * written. Reads at most four small queries (only for the facets in use).
 */
export function describeFilter(filter: ProjectFilter, db: Db): Named[] {
  const namesOf = new Map<string, Map<string, Named>>();
  const lookup = <T extends { slug: string }>(
    facet: string,
    values: string[],
    read: (values: string[]) => T[],
    name: (row: T) => Named,
  ) => {
    if (values.length === 0) return;
    namesOf.set(facet, new Map(read(values).map((row) => [row.slug, name(row)])));
  };
  lookup(
    'fundingArea',
    filter.fundingArea,
    (v) =>
      db
        .select({ slug: fundingAreas.slug, name: fundingAreas.name })
        .from(fundingAreas)
        .where(inArray(fundingAreas.slug, v))
        .all(),
    (row) => vocabularyOr(`fundingArea.${row.slug}`, row.name),
  );
  lookup(
    'topic',
    filter.topic,
    (v) =>
      db
        .select({
          slug: topics.slug,
          name: topics.name,
          nameZh: topics.nameZh,
          nameDe: topics.nameDe,
        })
        .from(topics)
        .where(inArray(topics.slug, v))
        .all(),
    (row) => named(row.name, row.nameZh, row.nameDe),
  );
  lookup(
    'province',
    filter.province,
    (v) =>
      db
        .select({ slug: provinces.code, name: provinces.nameEn, nameZh: provinces.nameZh })
        .from(provinces)
        .where(inArray(provinces.code, v))
        .all(),
    (row) => named(row.name, row.nameZh, null),
  );
  const orgSlugs = [...new Set([...filter.ministry, ...filter.org])];
  lookup(
    'organisation',
    orgSlugs,
    (v) =>
      db
        .select({
          slug: organisations.slug,
          name: organisations.name,
          acronym: organisations.acronym,
          nameZh: organisations.nameZh,
          nameDe: organisations.nameDe,
        })
        .from(organisations)
        .where(inArray(organisations.slug, v))
        .all(),
    (row) =>
      row.acronym
        ? named(row.acronym, row.acronym, row.acronym)
        : named(row.name, row.nameZh, row.nameDe),
  );

  const valueName = (facet: (typeof LIST_FACETS)[number], value: string): Named => {
    switch (facet) {
      case 'type':
      case 'status':
        return vocabularyOr(`${facet}.${value}`, value);
      case 'country':
        return Object.fromEntries(
          LANGS.map((lang) => [
            lang,
            new Intl.DisplayNames([INTL_LOCALE[lang]], { type: 'region' }).of(value) ?? value,
          ]),
        ) as unknown as Named;
      case 'ministry':
      case 'org':
        return namesOf.get('organisation')?.get(value) ?? named(value, null, null);
      default:
        return namesOf.get(facet)?.get(value) ?? named(value, null, null);
    }
  };

  const lines: Named[] = [];
  const line = (label: Named, values: Named[] | null) =>
    lines.push(
      Object.fromEntries(
        LANGS.map((lang) => {
          const head = label[lang] ?? label.en;
          if (values === null) return [lang, head];
          const colon = lang === 'zh' ? '：' : ': ';
          const comma = lang === 'zh' ? '、' : ', ';
          return [lang, `${head}${colon}${values.map((v) => v[lang] ?? v.en).join(comma)}`];
        }),
      ) as unknown as Named,
    );
  const plain = (text: string): Named => named(text, text, text);

  for (const facet of LIST_FACETS) {
    if (filter[facet].length === 0) continue;
    line(
      vocabulary(`filter.${facet}`)!,
      filter[facet].map((value) => valueName(facet, value)),
    );
  }
  if (filter.q) line(vocabulary('filter.q')!, [plain(`“${filter.q}”`)]);
  if (filter.from !== undefined || filter.to !== undefined) {
    line(vocabulary('filter.years')!, [plain(`${filter.from ?? '…'}–${filter.to ?? '…'}`)]);
  }
  for (const bound of ['fundingMin', 'fundingMax'] as const) {
    const value = filter[bound];
    if (value === undefined) continue;
    const funding = vocabulary('filter.funding')!;
    const which = vocabulary(`filter.${bound}`)!;
    line(
      Object.fromEntries(
        LANGS.map((lang) => [lang, `${funding[lang]}${lang === 'zh' ? '' : ' '}${which[lang]}`]),
      ) as unknown as Named,
      [
        Object.fromEntries(
          LANGS.map((lang) => [lang, new Intl.NumberFormat(INTL_LOCALE[lang]).format(value)]),
        ) as unknown as Named,
      ],
    );
  }
  if (filter.overdue) line(vocabulary('filter.overdue')!, null);
  if (filter.origin === 'iati') line(vocabulary('importPage.origin.iati')!, null);
  return lines;
}
