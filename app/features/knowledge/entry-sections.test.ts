import { expect, test } from 'vitest';

import {
  knowledgeEntryEvents,
  knowledgeEntryOrganisations,
  knowledgeEntryProjects,
} from '../../../db/schema';
import {
  createTestDb,
  insertEvent,
  insertKnowledgeEntry,
  insertOrganisation,
  insertProject,
} from '../../../db/test-factories';
import { listEntriesOf } from './entry-sections.server';

test('a project, event or organisation lists its published entries only, newest first', () => {
  const db = createTestDb();
  const project = insertProject(db);
  const event = insertEvent(db);
  const org = insertOrganisation(db);
  const older = insertKnowledgeEntry(db, {
    title: 'Older',
    publishedAt: '2026-10-01T00:00:00.000Z',
  });
  const newer = insertKnowledgeEntry(db, {
    kind: 'challenge',
    language: 'de',
    title: 'Neuer',
    publishedAt: '2026-11-01T00:00:00.000Z',
  });
  const draft = insertKnowledgeEntry(db, { state: 'draft', title: 'Draft' });
  for (const entry of [older, newer, draft]) {
    db.insert(knowledgeEntryProjects).values({ entryId: entry.id, projectId: project.id }).run();
  }
  db.insert(knowledgeEntryEvents).values({ entryId: draft.id, eventId: event.id }).run();
  db.insert(knowledgeEntryOrganisations)
    .values({ entryId: newer.id, organisationId: org.id })
    .run();

  const ofProject = listEntriesOf({ kind: 'project', id: project.id }, 'en', db);
  expect(ofProject.total).toBe(2);
  expect(ofProject.entries.map((e) => [e.title, e.isUntranslated])).toEqual([
    ['Neuer', true],
    ['Older', false],
  ]);
  expect(listEntriesOf({ kind: 'event', id: event.id }, 'en', db)).toEqual({
    entries: [],
    total: 0,
  });
  expect(
    listEntriesOf({ kind: 'organisation', id: org.id }, 'de', db).entries.map((e) => [
      e.slug,
      e.kind,
      e.isUntranslated,
    ]),
  ).toEqual([[newer.slug, 'challenge', false]]);
});
