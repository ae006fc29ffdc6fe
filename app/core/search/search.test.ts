import { beforeAll, expect, test } from 'vitest';

import { buildSearchIndex, searchIndex } from './engine';
import type { Db } from '../../../db/client.server';
import { events, projectKeywords } from '../../../db/schema';
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
    keywords: ['GIZ'],
  });
  expect(docs).toHaveLength(4);
});

test('the documents from the database can be searched by number, Chinese title and keyword', () => {
  const index = buildSearchIndex(listSearchDocuments(db));
  expect(searchIndex(index, '11_I+_002')[0]?.slug).toBe('ets');
  expect(searchIndex(index, '排放交易')[0]?.slug).toBe('ets');
  expect(searchIndex(index, 'market')[0]?.slug).toBe('ets');
  expect(searchIndex(index, 'giz')[0]?.slug).toBe('giz');
});
