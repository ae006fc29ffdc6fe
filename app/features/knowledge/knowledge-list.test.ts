import { expect, test } from 'vitest';

import {
  knowledgeEntryOrganisations,
  knowledgeEntryProjects,
  knowledgeEntryTexts,
  knowledgeEntryTopics,
} from '../../../db/schema';
import {
  createTestDb,
  insertKnowledgeEntry,
  insertOrganisation,
  insertProject,
  insertTopic,
} from '../../../db/test-factories';
import { parseFilter } from '../../core/filter/filter';
import { projectFilterSql } from '../../core/filter/project-filter.server';
import { getKnowledgeFacets, listKnowledgeEntries } from './knowledge-list.server';
import { type KnowledgeListFilter, parseKnowledgeListParams } from './knowledge-list-params';

function fixture() {
  const db = createTestDb();
  const gender = insertTopic(db, { slug: 'gender', name: 'Gender', nameZh: '性别' });
  const trade = insertTopic(db, { slug: 'green-trade', name: 'Green trade' });
  const bilateral = insertProject(db, { slug: 'bilateral', title: 'Bilateral', type: 'bilateral' });
  const regional = insertProject(db, { slug: 'regional', title: 'Regional', type: 'regional' });
  const giz = insertOrganisation(db, { slug: 'giz', acronym: 'GIZ' });
  const at = (day: number) => `2026-11-${String(day).padStart(2, '0')}T10:00:00.000Z`;
  const lesson = insertKnowledgeEntry(db, {
    slug: 'lesson',
    kind: 'lesson',
    title: 'A lesson',
    summary: 'What we learnt',
    publishedAt: at(1),
  });
  const challenge = insertKnowledgeEntry(db, {
    slug: 'challenge',
    kind: 'challenge',
    language: 'zh',
    title: '一个挑战',
    publishedAt: at(3),
  });
  const instrument = insertKnowledgeEntry(db, {
    slug: 'instrument',
    kind: 'instrument',
    title: 'A tool',
    publishedAt: at(2),
  });
  const draft = insertKnowledgeEntry(db, { slug: 'draft', kind: 'lesson', state: 'draft' });
  const inReview = insertKnowledgeEntry(db, { slug: 'review', state: 'in-review' });
  db.insert(knowledgeEntryTexts)
    .values({ entryId: lesson.id, language: 'zh', title: '一个教训', translatedBy: 'hub' })
    .run();
  db.insert(knowledgeEntryTopics)
    .values([
      { entryId: lesson.id, topicId: gender.id },
      { entryId: challenge.id, topicId: gender.id },
      { entryId: instrument.id, topicId: trade.id },
      { entryId: draft.id, topicId: gender.id },
    ])
    .run();
  db.insert(knowledgeEntryProjects)
    .values([
      { entryId: lesson.id, projectId: bilateral.id },
      { entryId: challenge.id, projectId: regional.id },
      { entryId: draft.id, projectId: bilateral.id },
      { entryId: inReview.id, projectId: bilateral.id },
    ])
    .run();
  db.insert(knowledgeEntryOrganisations)
    .values({ entryId: instrument.id, organisationId: giz.id })
    .run();
  return { db };
}

const list = (
  db: ReturnType<typeof createTestDb>,
  filter: KnowledgeListFilter = {},
  options: { lang?: 'en' | 'zh' | 'de'; page?: number; perPage?: number; shared?: string } = {},
) => {
  const shared = options.shared
    ? projectFilterSql(parseFilter(new URLSearchParams(options.shared)).filter, '2026-12-01')
    : undefined;
  return listKnowledgeEntries(
    {
      filter,
      projectsWhere: shared,
      lang: options.lang ?? 'en',
      page: options.page ?? 1,
      perPage: options.perPage ?? 20,
    },
    db,
  );
};

test('the list holds published entries only, newest published first', () => {
  const { db } = fixture();
  const { entries, total } = list(db);
  expect(entries.map((e) => e.slug)).toEqual(['challenge', 'instrument', 'lesson']);
  expect(total).toBe(3);
});

test('each facet narrows the list to the entries that have it', () => {
  const { db } = fixture();
  const slugs = (filter: KnowledgeListFilter) => list(db, filter).entries.map((e) => e.slug);
  expect(slugs({ kind: 'challenge' })).toEqual(['challenge']);
  expect(slugs({ entryTopic: 'gender' })).toEqual(['challenge', 'lesson']);
  expect(slugs({ project: 'bilateral' })).toEqual(['lesson']);
  expect(slugs({ organisation: 'giz' })).toEqual(['instrument']);
  expect(slugs({ entryTopic: 'gender', kind: 'lesson' })).toEqual(['lesson']);
  expect(slugs({ entryTopic: 'no-such-topic' })).toEqual([]);
});

test('the language facet finds entries available in it, as original or translation', () => {
  const { db } = fixture();
  const zh = list(db, { language: 'zh' }).entries.map((e) => e.slug);
  expect(zh).toEqual(['challenge', 'lesson']);
  expect(list(db, { language: 'de' }).entries).toEqual([]);
});

test('a title shows in the page language where there is one, else the original marked untranslated', () => {
  const { db } = fixture();
  const zh = list(db, {}, { lang: 'zh' }).entries;
  const lesson = zh.find((e) => e.slug === 'lesson')!;
  expect(lesson).toMatchObject({ title: '一个教训', translatedBy: 'hub', isUntranslated: false });
  const instrument = zh.find((e) => e.slug === 'instrument')!;
  expect(instrument).toMatchObject({ title: 'A tool', language: 'en', isUntranslated: true });
  expect(lesson.topics.map((t) => t.slug)).toEqual(['gender']);
  expect(lesson.projects.map((p) => p.slug)).toEqual(['bilateral']);
});

test('the shared filter keeps entries one of whose projects it selects', () => {
  const { db } = fixture();
  const slugs = list(db, {}, { shared: 'type=regional' }).entries.map((e) => e.slug);
  expect(slugs).toEqual(['challenge']);
  // An entry without projects is outside any project filter.
  expect(list(db, {}, { shared: 'type=bilateral' }).entries.map((e) => e.slug)).toEqual(['lesson']);
});

test('pages split the list and the total stays the whole count', () => {
  const { db } = fixture();
  const first = list(db, {}, { perPage: 2 });
  const second = list(db, {}, { perPage: 2, page: 2 });
  expect(first.entries.map((e) => e.slug)).toEqual(['challenge', 'instrument']);
  expect(second.entries.map((e) => e.slug)).toEqual(['lesson']);
  expect(second.total).toBe(3);
});

test('facet counts count published entries with the other facets applied', () => {
  const { db } = fixture();
  const facets = getKnowledgeFacets({ entryTopic: 'gender' }, undefined, db);
  expect(facets.kind.find((o) => o.value === 'lesson')!.count).toBe(1);
  expect(facets.kind.find((o) => o.value === 'challenge')!.count).toBe(1);
  expect(facets.kind.find((o) => o.value === 'instrument')!.count).toBe(0);
  // The topic facet ignores the chosen topic itself; the draft is never counted.
  expect(facets.entryTopic.map((o) => [o.value, o.count])).toEqual([
    ['gender', 2],
    ['green-trade', 1],
  ]);
  expect(facets.language.find((o) => o.value === 'zh')!.count).toBe(2);
  expect(facets.project.map((o) => [o.value, o.count])).toEqual([
    ['bilateral', 1],
    ['regional', 1],
  ]);
});

test('malformed parameters are dropped and named, well-formed ones kept', () => {
  const parsed = parseKnowledgeListParams(
    new URLSearchParams('kind=poem&language=zh&entryTopic=Bad Slug!&project=bilateral&page=x'),
  );
  expect(parsed.filter).toEqual({ language: 'zh', project: 'bilateral' });
  expect(parsed.ignored.sort()).toEqual(['entryTopic', 'kind', 'page']);
  expect(parsed.page).toBe(1);
});
