import { expect, test } from 'vitest';

import type { Db } from '../../../db/client.server';
import {
  documentTopics,
  eventSessionOrganisations,
  knowledgeEntryOrganisations,
  knowledgeEntryTopics,
  projectTopics,
} from '../../../db/schema';
import {
  createTestDb,
  insertDocument,
  insertEvent,
  insertEventSession,
  insertKnowledgeEntry,
  insertOrganisation,
  insertProject,
  insertTopic,
  linkOrganisation,
} from '../../../db/test-factories';
import type { SessionUser } from '../../core/auth/auth';
import { documentVisibilitiesFor } from '../../core/auth/visibility';
import {
  countTopicSpaces,
  listTopicChallenges,
  listTopicDocuments,
  listTopicEntries,
  listTopicOrganisations,
} from './topic-space.server';
import { listTopicSummaries } from './topics.server';

const reader = (role: SessionUser['role']): SessionUser => ({
  id: 1,
  email: 'r@example.org',
  name: 'R',
  role,
  organisationId: null,
});

function entryOn(db: Db, topicId: number, overrides: Parameters<typeof insertKnowledgeEntry>[1]) {
  const entry = insertKnowledgeEntry(db, overrides);
  db.insert(knowledgeEntryTopics).values({ entryId: entry.id, topicId }).run();
  return entry;
}

function documentOn(db: Db, topicId: number, overrides: Parameters<typeof insertDocument>[1]) {
  const document = insertDocument(db, overrides);
  db.insert(documentTopics).values({ documentId: document.id, topicId }).run();
  return document;
}

test("a topic's entries are its published ones, newest first, at most the limit, with the total", () => {
  const db = createTestDb();
  const topic = insertTopic(db);
  const other = insertTopic(db);
  for (let day = 1; day <= 4; day++) {
    entryOn(db, topic.id, {
      slug: `lesson-${day}`,
      publishedAt: `2026-03-0${day}T00:00:00.000Z`,
      title: `Lesson ${day}`,
    });
  }
  entryOn(db, topic.id, { slug: 'draft', state: 'draft' });
  entryOn(db, topic.id, { slug: 'in-review', state: 'in-review' });
  entryOn(db, other.id, { slug: 'elsewhere' });
  const { entries, total } = listTopicEntries(topic.id, 3, db);
  expect(entries.map((e) => e.slug)).toEqual(['lesson-4', 'lesson-3', 'lesson-2']);
  expect(entries[0]!.titles).toEqual([{ language: 'en', title: 'Lesson 4', translatedBy: null }]);
  expect(total).toBe(4);
});

test("a topic's open challenges are its published, unresolved challenges", () => {
  const db = createTestDb();
  const topic = insertTopic(db);
  entryOn(db, topic.id, { slug: 'open', kind: 'challenge' });
  entryOn(db, topic.id, { slug: 'solved', kind: 'challenge', isResolved: true });
  entryOn(db, topic.id, { slug: 'draft-challenge', kind: 'challenge', state: 'draft' });
  entryOn(db, topic.id, { slug: 'a-lesson', kind: 'lesson' });
  expect(listTopicChallenges(topic.id, db).map((e) => e.slug)).toEqual(['open']);
});

test("a topic's documents are those its reader may see: public signed out, signed-in for accounts, all for the hub team", () => {
  const db = createTestDb();
  const topic = insertTopic(db);
  const other = insertTopic(db);
  documentOn(db, topic.id, { title: 'Public', visibility: 'public', documentDate: '2025-01-01' });
  documentOn(db, topic.id, { title: 'Accounts', visibility: 'signed-in', documentDate: '2025-06' });
  documentOn(db, topic.id, { title: 'Hub team', visibility: 'hub-team', documentDate: '2026' });
  documentOn(db, other.id, { title: 'Elsewhere', visibility: 'public' });
  const titles = (user: SessionUser | null) =>
    listTopicDocuments(topic.id, documentVisibilitiesFor(user), 10, db).documents.map(
      (d) => d.title,
    );
  expect(titles(null)).toEqual(['Public']);
  expect(titles(reader('viewer'))).toEqual(['Accounts', 'Public']);
  expect(titles(reader('implementer'))).toEqual(['Accounts', 'Public']);
  expect(titles(reader('editor'))).toEqual(['Hub team', 'Accounts', 'Public']);
  expect(titles(reader('admin'))).toHaveLength(3);
  expect(listTopicDocuments(topic.id, documentVisibilitiesFor(null), 10, db).total).toBe(1);
});

test("a topic's organisations are its projects' implementers and partners, and those its entries and sessions name, with counts", () => {
  const db = createTestDb();
  const topic = insertTopic(db);
  const giz = insertOrganisation(db, { slug: 'giz', name: 'GIZ' });
  const bmwk = insertOrganisation(db, { slug: 'bmwk', name: 'BMWK' });
  const mee = insertOrganisation(db, { slug: 'mee', name: 'MEE' });
  const ngo = insertOrganisation(db, { slug: 'ngo', name: 'An NGO' });
  const a = insertProject(db, { slug: 'a' });
  const b = insertProject(db, { slug: 'b' });
  const imported = insertProject(db, { slug: 'imported', origin: 'iati' });
  for (const p of [a, b, imported]) {
    db.insert(projectTopics).values({ projectId: p.id, topicId: topic.id, reason: 'r' }).run();
  }
  linkOrganisation(db, a.id, giz.id, 'implementing-organisation');
  linkOrganisation(db, b.id, giz.id, 'implementing-organisation');
  linkOrganisation(db, a.id, mee.id, 'political-partner');
  // A commissioning ministry is not one of the project's people; an imported activity counts nowhere.
  linkOrganisation(db, a.id, bmwk.id, 'commissioning-ministry');
  linkOrganisation(db, imported.id, ngo.id, 'implementing-organisation');
  const entry = entryOn(db, topic.id, { slug: 'e' });
  db.insert(knowledgeEntryOrganisations)
    .values({ entryId: entry.id, organisationId: ngo.id })
    .run();
  const draft = entryOn(db, topic.id, { slug: 'd', state: 'draft' });
  db.insert(knowledgeEntryOrganisations)
    .values({ entryId: draft.id, organisationId: bmwk.id })
    .run();
  const event = insertEvent(db);
  const session = insertEventSession(db, event.id, { topicId: topic.id });
  db.insert(eventSessionOrganisations)
    .values({ sessionId: session.id, organisationId: giz.id })
    .run();

  expect(
    listTopicOrganisations(topic.id, db).map(({ slug, projects, entries, sessions }) => ({
      slug,
      projects,
      entries,
      sessions,
    })),
  ).toEqual([
    { slug: 'giz', projects: 2, entries: 0, sessions: 1 },
    { slug: 'ngo', projects: 0, entries: 1, sessions: 0 },
    { slug: 'mee', projects: 1, entries: 0, sessions: 0 },
  ]);
});

test('the topics list counts each topic’s published entries and its sessions', () => {
  const db = createTestDb();
  const topic = insertTopic(db, { slug: 'gender', name: 'Gender' });
  insertTopic(db, { slug: 'empty', name: 'Empty' });
  entryOn(db, topic.id, { slug: 'one' });
  entryOn(db, topic.id, { slug: 'two', state: 'draft' });
  const event = insertEvent(db);
  insertEventSession(db, event.id, { topicId: topic.id });
  insertEventSession(db, event.id, { topicId: topic.id });
  insertEventSession(db, event.id, { topicId: null });
  const spaces = countTopicSpaces(db);
  expect(spaces.entries.get(topic.id)).toBe(1);
  expect(spaces.sessions.get(topic.id)).toBe(2);
  const summaries = listTopicSummaries(db);
  expect(summaries.find((s) => s.slug === 'gender')).toMatchObject({ entries: 1, sessions: 2 });
  expect(summaries.find((s) => s.slug === 'empty')).toMatchObject({ entries: 0, sessions: 0 });
});
