import { beforeAll, expect, test } from 'vitest';

import { buildSearchIndex, searchIndex } from './engine';
import type { Db } from '../../../db/client.server';
import {
  eventPlaces,
  events,
  places,
  projectKeywords,
  provinces,
  topics,
} from '../../../db/schema';
import { de } from '../i18n/locales/de';
import { en } from '../i18n/locales/en';
import { zh } from '../i18n/locales/zh';
import { createTestDb, insertOrganisation, insertProject } from '../../../db/test-factories';
import { listSearchDocuments } from './search.server';

/** The texts of the project "ets", as stored and as its search document holds them. */
const ETS_TEXTS = {
  title: 'Capacity Building for Emissions Trading',
  titleZh: '中国排放交易体系能力建设项目',
  titleDe: null,
  summary: 'Supports the national ETS.',
  summaryZh: '支持全国碳市场。',
  summaryDe: 'Unterstützt den nationalen Emissionshandel.',
};

let db: Db;
beforeAll(() => {
  db = createTestDb();
  const project = insertProject(db, { slug: 'ets', ikiProjectNumber: '11_I+_002', ...ETS_TEXTS });
  db.insert(projectKeywords)
    .values([
      { projectId: project.id, keyword: 'MRV', position: 2 },
      { projectId: project.id, keyword: 'carbon markets', position: 1 },
    ])
    .run();
  insertProject(db, { slug: 'bare', title: 'A project with nothing else' });
  db.insert(events)
    .values({
      slug: 'workshop-2024',
      title: 'Interface Workshop 2024',
      type: 'workshop',
      isDateVerified: true,
      description: 'Exchange among IKI projects.',
    })
    .run();
  insertOrganisation(db, {
    slug: 'giz',
    name: 'Deutsche Gesellschaft für Internationale Zusammenarbeit',
    acronym: 'GIZ',
    nameZh: '德国国际合作机构',
  });
});

test('an inserted project becomes a search document with its texts and keywords in order', () => {
  const docs = listSearchDocuments(db);
  expect(docs.find((d) => d.slug === 'ets')).toEqual({
    type: 'project',
    slug: 'ets',
    number: '11_I+_002',
    ...ETS_TEXTS,
    keywords: ['carbon markets', 'MRV'],
  });
  expect(docs.find((d) => d.slug === 'bare')).toMatchObject({ type: 'project', keywords: [] });
});

test('events and organisations are documents too, described by their own fields', () => {
  const docs = listSearchDocuments(db);
  expect(docs.find((d) => d.slug === 'workshop-2024')).toMatchObject({
    type: 'event',
    title: 'Interface Workshop 2024',
    summary: 'Exchange among IKI projects.',
  });
  expect(docs.find((d) => d.slug === 'giz')).toMatchObject({
    type: 'organisation',
    title: 'Deutsche Gesellschaft für Internationale Zusammenarbeit',
    titleZh: '德国国际合作机构',
  });
  expect(docs.find((d) => d.slug === 'giz')?.keywords[0]).toBe('GIZ');
  expect(docs).toHaveLength(4);
});

test('the documents from the database can be searched by number, Chinese title and keyword', () => {
  const index = buildSearchIndex(listSearchDocuments(db));
  expect(searchIndex(index, '11_I+_002')[0]?.slug).toBe('ets');
  expect(searchIndex(index, '排放交易')[0]?.slug).toBe('ets');
  expect(searchIndex(index, 'market')[0]?.slug).toBe('ets');
  expect(searchIndex(index, 'giz')[0]?.slug).toBe('giz');
});

test('events are found by their type and places, organisations by kind and country, in every language', () => {
  const local = createTestDb();
  local
    .insert(provinces)
    .values({
      code: 'CN-BJ',
      adcode: '110000',
      nameEn: 'Beijing',
      nameZh: '北京市',
      labelLat: 39.9,
      labelLon: 116.4,
    })
    .run();
  const event = local
    .insert(events)
    .values({
      slug: 'study-tour',
      title: 'Study tour',
      type: 'study tour',
      isDateVerified: true,
      provinceCode: 'CN-BJ',
    })
    .returning()
    .get();
  const place = local
    .insert(places)
    .values({ slug: 'xuzhou', nameEn: 'Xuzhou', nameZh: '徐州市', countryCode: 'CN' })
    .returning()
    .get();
  local.insert(eventPlaces).values({ eventId: event.id, placeId: place.id }).run();
  insertOrganisation(local, {
    slug: 'mee',
    name: 'MEE',
    kind: 'chinese-ministry',
    countryCode: 'CN',
  });
  local
    .insert(topics)
    .values({ slug: 'transport', name: 'Transport', nameZh: '交通', nameDe: 'Verkehr' })
    .run();
  const index = buildSearchIndex(listSearchDocuments(local));
  const slugsFor = (q: string) => searchIndex(index, q).map((r) => `${r.type}:${r.slug}`);
  // The labels are the ones the pages show, read from the translations themselves.
  for (const label of [
    en.eventType['study tour'],
    zh.eventType['study tour'],
    de.eventType['study tour'],
  ]) {
    expect(slugsFor(label), label).toContain('event:study-tour');
  }
  expect(slugsFor('徐州市')).toContain('event:study-tour');
  expect(slugsFor('北京')).toContain('event:study-tour');
  for (const label of Object.values({ en, zh, de }).map(
    (l) => l.organisationForm.kinds['chinese-ministry'],
  )) {
    expect(slugsFor(label), label).toContain('organisation:mee');
  }
  expect(slugsFor('中国')).toContain('organisation:mee');
  expect(slugsFor('China')).toContain('organisation:mee');
  expect(slugsFor('交通')).toEqual(['topic:transport']);
  expect(slugsFor('Verkehr')).toEqual(['topic:transport']);
});
