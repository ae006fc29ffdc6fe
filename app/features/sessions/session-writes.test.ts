import { eq } from 'drizzle-orm';
import { expect, test } from 'vitest';

import type { Db } from '../../../db/client.server';
import { auditLog, eventSessions, knowledgeEntries, sources } from '../../../db/schema';
import {
  createTestDb,
  insertEvent,
  insertKnowledgeEntry,
  insertOrganisation,
  insertProject,
  insertTopic,
} from '../../../db/test-factories';
import type { SessionValues } from './session-forms';
import {
  countSessionEntries,
  createSession,
  deleteSession,
  getSessionForEdit,
  updateSession,
} from './session-writes.server';
import { listEventSessions, listTopicSessions } from './sessions.server';

const who = (minute: number, sourceUrl: string | null = null) => ({
  at: `2026-06-15T10:${String(minute).padStart(2, '0')}:00.000Z`,
  actor: { id: null, name: 'Test editor' },
  sourceUrl,
});

const values = (overrides: Partial<SessionValues> = {}): SessionValues => ({
  title: 'Open-space group: Gender',
  titleZh: null,
  titleDe: null,
  titleTranslatedBy: null,
  topic: 'gender',
  outcomes: null,
  source: null,
  organisations: [],
  projects: [],
  ...overrides,
});

const auditOf = (db: Db, id: number) =>
  db
    .select()
    .from(auditLog)
    .all()
    .filter((e) => e.entity === 'event-session' && e.entityId === id);

function setup() {
  const db = createTestDb();
  const event = insertEvent(db, { slug: 'interface-2024', title: 'Interface 2024' });
  const topic = insertTopic(db, { slug: 'gender', name: 'Gender' });
  insertTopic(db, { slug: 'adaptation', name: 'Adaptation' });
  insertOrganisation(db, { slug: 'giz', name: 'GIZ' });
  insertProject(db, { slug: 'ndc' });
  return { db, event, topic };
}

test('creating a session stores its topic, participants and source, and audits what it sets', () => {
  const { db, event, topic } = setup();
  const url = 'https://example.org/interface-2024';
  const created = createSession(
    event.id,
    values({
      outcomes: 'A checklist for gender-responsive trainings.',
      source: url,
      organisations: ['giz'],
      projects: ['ndc'],
    }),
    who(1, url),
    db,
  );
  const stored = getSessionForEdit(event.id, created.id, db)!;
  expect(stored).toMatchObject({
    title: 'Open-space group: Gender',
    topic: 'gender',
    outcomes: 'A checklist for gender-responsive trainings.',
    source: url,
    organisations: ['giz'],
    projects: ['ndc'],
    version: 1,
  });
  expect(db.select().from(sources).where(eq(sources.url, url)).all()).toHaveLength(1);
  const [entry] = auditOf(db, created.id);
  expect(entry).toMatchObject({ action: 'create', label: 'Open-space group: Gender' });
  expect(entry!.changes).toMatchObject({
    topic: { from: null, to: 'gender' },
    organisations: { from: null, to: ['giz'] },
  });
  // The topic's page finds it, with its event.
  expect(listTopicSessions(topic.id, db).map((s) => [s.title, s.eventSlug])).toEqual([
    ['Open-space group: Gender', 'interface-2024'],
  ]);
});

test('a session of another event is not found through this one', () => {
  const { db, event } = setup();
  const other = insertEvent(db, { slug: 'other' });
  const created = createSession(other.id, values(), who(1), db);
  expect(getSessionForEdit(event.id, created.id, db)).toBeUndefined();
});

test('saving a session on its version writes the change and audits it; a stale save is refused with both versions', () => {
  const { db, event } = setup();
  const { id } = createSession(event.id, values(), who(1), db);
  const saved = updateSession(
    id,
    1,
    values({
      topic: 'adaptation',
      outcomes: 'Shared a flood-risk tool.',
      titleZh: '开放空间',
      titleTranslatedBy: 'hub',
    }),
    who(2),
    db,
  );
  expect(saved).toMatchObject({ ok: true, version: 2, changed: true });
  expect(getSessionForEdit(event.id, id, db)).toMatchObject({
    topic: 'adaptation',
    outcomes: 'Shared a flood-risk tool.',
    titleZh: '开放空间',
    version: 2,
  });
  const update = auditOf(db, id).find((e) => e.action === 'update')!;
  expect(update.changes).toEqual({
    topic: { from: 'gender', to: 'adaptation' },
    outcomes: { from: null, to: 'Shared a flood-risk tool.' },
    titleZh: { from: null, to: '开放空间' },
    titleTranslatedBy: { from: null, to: 'hub' },
  });

  const stale = updateSession(id, 1, values({ outcomes: 'Something else' }), who(3), db);
  expect(stale).toMatchObject({ ok: false, reason: 'stale' });
  expect(stale.ok === false && stale.reason === 'stale' && stale.current.outcomes).toBe(
    'Shared a flood-risk tool.',
  );
  expect(getSessionForEdit(event.id, id, db)!.version).toBe(2);

  // The same values again change nothing: no new version, no audit entry.
  const same = updateSession(
    id,
    2,
    values({
      topic: 'adaptation',
      outcomes: 'Shared a flood-risk tool.',
      titleZh: '开放空间',
      titleTranslatedBy: 'hub',
    }),
    who(4),
    db,
  );
  expect(same).toMatchObject({ ok: true, changed: false, version: 2 });
  expect(auditOf(db, id)).toHaveLength(2);
});

test('deleting a session keeps the entries written from it, unlinked, and the audit keeps its values', () => {
  const { db, event } = setup();
  const { id } = createSession(event.id, values({ organisations: ['giz'] }), who(1), db);
  const entry = insertKnowledgeEntry(db, { sessionId: id });
  expect(countSessionEntries(id, db)).toBe(1);
  expect(deleteSession(id, 2, who(2), db)).toMatchObject({ ok: false, reason: 'stale' });
  expect(deleteSession(id, 1, who(3), db)).toMatchObject({ ok: true });
  expect(db.select().from(eventSessions).all()).toHaveLength(0);
  expect(
    db.select().from(knowledgeEntries).where(eq(knowledgeEntries.id, entry.id)).get()!.sessionId,
  ).toBeNull();
  const removed = auditOf(db, id).find((e) => e.action === 'delete')!;
  expect(removed.changes).toMatchObject({
    title: { from: 'Open-space group: Gender', to: null },
    organisations: { from: ['giz'], to: null },
  });
});

test("an event's sessions list only the published entries written from them, newest first", () => {
  const { db, event } = setup();
  const { id } = createSession(event.id, values(), who(1), db);
  createSession(event.id, values({ title: 'Second group', topic: null }), who(2), db);
  insertKnowledgeEntry(db, {
    sessionId: id,
    slug: 'older',
    publishedAt: '2026-01-01T00:00:00.000Z',
    title: 'Older',
  });
  insertKnowledgeEntry(db, {
    sessionId: id,
    slug: 'newer',
    publishedAt: '2026-02-01T00:00:00.000Z',
    title: 'Newer',
  });
  insertKnowledgeEntry(db, { sessionId: id, slug: 'draft', state: 'draft', title: 'Draft' });
  const sessions = listEventSessions(event.id, db);
  expect(sessions.map((s) => s.title)).toEqual(['Open-space group: Gender', 'Second group']);
  expect(sessions[0]!.entries.map((e) => [e.slug, e.titles[0]!.title])).toEqual([
    ['newer', 'Newer'],
    ['older', 'Older'],
  ]);
  expect(sessions[1]!.entries).toEqual([]);
  expect(sessions[1]!.topicSlug).toBeNull();
});
