import i18next from 'i18next';
import { expect, test } from 'vitest';

import {
  knowledgeEntryProjects,
  knowledgeEntryTexts,
  knowledgeEntryTopics,
} from '../../../db/schema';
import {
  createTestDb,
  insertKnowledgeEntry,
  insertProject,
  insertTopic,
} from '../../../db/test-factories';
import { en } from '../../core/i18n/locales/en';
import { zh } from '../../core/i18n/locales/zh';
import { changeText } from './change-text';
import { listChanges } from './changes.server';

const everything = { kind: 'filter' as const, where: undefined, isEmpty: true };

async function translator() {
  const i18n = i18next.createInstance();
  await i18n.init({
    lng: 'en',
    resources: { en: { translation: en }, zh: { translation: zh } },
    interpolation: { escapeValue: false },
  });
  return i18n;
}

test('a published entry is in the feeds, in the feed language where translated; a draft never', async () => {
  const db = createTestDb();
  const project = insertProject(db);
  const topic = insertTopic(db);
  const published = insertKnowledgeEntry(db, {
    slug: 'published-lesson',
    kind: 'lesson',
    title: 'What we learnt',
    summary: 'Start with the users.',
    publishedAt: '2026-11-10T08:00:00.000Z',
  });
  db.insert(knowledgeEntryTexts)
    .values({ entryId: published.id, language: 'zh', title: '我们学到的', translatedBy: 'hub' })
    .run();
  const draft = insertKnowledgeEntry(db, { slug: 'draft', state: 'draft', title: 'Secret draft' });
  db.insert(knowledgeEntryProjects)
    .values([
      { entryId: published.id, projectId: project.id },
      { entryId: draft.id, projectId: project.id },
    ])
    .run();
  db.insert(knowledgeEntryTopics).values({ entryId: draft.id, topicId: topic.id }).run();

  const all = listChanges(everything, {}, db);
  expect(all.map((c) => [c.kind, c.entry?.slug])).toEqual([
    ['entry-published', 'published-lesson'],
  ]);
  expect(listChanges({ kind: 'project', id: project.id }, {}, db).map((c) => c.key)).toEqual([
    `entry-${published.id}`,
  ]);
  expect(listChanges({ kind: 'topic', id: topic.id }, {}, db)).toEqual([]);

  const i18n = await translator();
  const has = (key: string) => i18n.exists(key);
  const inEnglish = changeText(all[0]!, 'en', i18n.getFixedT('en'), has);
  expect(inEnglish.title).toBe('Knowledge exchange — Lesson learned: What we learnt');
  expect(inEnglish.paragraphs).toEqual(['Start with the users.']);
  expect(inEnglish.path).toBe('/knowledge/published-lesson');
  const inChinese = changeText(all[0]!, 'zh', i18n.getFixedT('zh'), has);
  expect(inChinese.title).toContain('我们学到的');
  expect(inChinese.path).toBe('/zh/knowledge/published-lesson');

  // Back in review: it leaves the feed.
  db.$client
    .prepare(`UPDATE knowledge_entries SET state = 'in-review' WHERE id = ?`)
    .run(published.id);
  expect(listChanges(everything, {}, db)).toEqual([]);
});
