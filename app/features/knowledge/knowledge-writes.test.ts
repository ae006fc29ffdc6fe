import { and, eq } from 'drizzle-orm';
import { expect, test } from 'vitest';

import { auditLog, knowledgeEntries, knowledgeEntryTexts, users } from '../../../db/schema';
import {
  createTestDb,
  insertEvent,
  insertEventSession,
  insertProject,
  insertTopic,
} from '../../../db/test-factories';
import {
  createEntry,
  deleteEntry,
  publishEntry,
  readEntry,
  returnEntry,
  submitEntry,
  updateEntry,
} from './knowledge-writes.server';
import { type EntryValues, canEditEntry } from './knowledge-rules';
import type { SessionUser } from '../../core/auth/auth';

const db = createTestDb();
const author = db
  .insert(users)
  .values({
    email: 'author@example.org',
    name: 'Wang Fang',
    role: 'implementer',
    passwordHash: 'x',
    createdAt: '2026-01-01T00:00:00.000Z',
  })
  .returning({ id: users.id })
  .get();
const asAuthor = (minute: number) => ({
  at: `2026-11-02T10:${String(minute).padStart(2, '0')}:00.000Z`,
  actor: { id: author.id, name: 'Wang Fang' },
});
const asEditor = (minute: number) => ({
  at: `2026-11-02T11:${String(minute).padStart(2, '0')}:00.000Z`,
  actor: { id: null, name: 'Li Na (editor)' },
});

const text = (title: string, extra: Partial<EntryValues['texts']['en']> = {}) => ({
  title,
  summary: null,
  context: null,
  barriers: null,
  enablingFactors: null,
  outcomes: null,
  lessons: null,
  resources: null,
  translatedBy: null,
  ...extra,
});

function values(overrides: Partial<EntryValues> = {}): EntryValues {
  return {
    kind: 'lesson',
    language: 'zh',
    isResolved: false,
    sessionId: null,
    texts: { zh: text('农村能源合作社的经验', { context: '背景' }) },
    topicIds: [],
    projectIds: [],
    organisationIds: [],
    eventIds: [],
    ...overrides,
  };
}

const auditOf = (id: number) =>
  db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, 'knowledge-entry'), eq(auditLog.entityId, id)))
    .all();

test('a new entry is its author’s draft, with its original text, links, session and a create entry in the log', () => {
  const topic = insertTopic(db, { name: 'Gender' });
  const project = insertProject(db, { title: 'Energy cooperatives' });
  const event = insertEvent(db, { title: 'Interface Workshop 2024' });
  const session = insertEventSession(db, event.id, { title: 'Open space: gender' });
  const created = createEntry(
    values({
      texts: {
        zh: text('性别平等的经验', { lessons: '教训' }),
        de: text('Erfahrungen mit Gleichstellung', { translatedBy: 'Anna Schmidt' }),
      },
      topicIds: [topic.id],
      projectIds: [project.id],
      eventIds: [event.id],
      sessionId: session.id,
    }),
    asAuthor(0),
    db,
  );
  // A Chinese title has no letters for a URL: the German translation names it.
  expect(created.slug).toBe('erfahrungen-mit-gleichstellung');
  const stored = readEntry(db, created.id)!;
  expect(stored).toMatchObject({
    state: 'draft',
    language: 'zh',
    authorUserId: author.id,
    authorName: 'Wang Fang',
    sessionId: session.id,
    topicIds: [topic.id],
    projectIds: [project.id],
    eventIds: [event.id],
    version: 1,
  });
  expect(stored.texts.zh).toMatchObject({
    title: '性别平等的经验',
    lessons: '教训',
    translatedBy: null,
  });
  expect(stored.texts.de).toMatchObject({ translatedBy: 'Anna Schmidt' });
  const [entry] = auditOf(created.id);
  expect(entry).toMatchObject({ action: 'create', label: '性别平等的经验', userName: 'Wang Fang' });
  expect(entry!.changes).toMatchObject({
    titleZh: { from: null, to: '性别平等的经验' },
    translatedByDe: { from: null, to: 'Anna Schmidt' },
    topics: { from: null, to: ['Gender'] },
    session: { from: null, to: 'Open space: gender' },
  });
});

test('slugs stay unique, and a title without Latin letters falls back to the kind', () => {
  const a = createEntry(values({ texts: { zh: text('只有中文') } }), asAuthor(1), db);
  const b = createEntry(values({ texts: { zh: text('也只有中文') } }), asAuthor(2), db);
  expect(a.slug).toBe('lesson');
  expect(b.slug).toBe('lesson-2');
  const c = createEntry(values({ language: 'en', texts: { en: text('New') } }), asAuthor(3), db);
  // "new" is a page of its own (/knowledge/new).
  expect(c.slug).toBe('new-2');
});

test('a save at the version read is written and audited field by field; a stale one is refused with what is saved', () => {
  const { id } = createEntry(values(), asAuthor(4), db);
  const saved = updateEntry(
    id,
    1,
    values({
      kind: 'challenge',
      isResolved: true,
      texts: { zh: text('农村能源合作社的经验', { context: '新的背景' }) },
    }),
    asAuthor(5),
    db,
  );
  expect(saved).toMatchObject({ ok: true, version: 2, state: 'draft' });
  const update = auditOf(id).find((e) => e.action === 'update')!;
  expect(update.changes).toEqual({
    kind: { from: 'lesson', to: 'challenge' },
    isResolved: { from: false, to: true },
    contextZh: { from: '背景', to: '新的背景' },
  });
  const stale = updateEntry(id, 1, values({ kind: 'case-study' }), asEditor(0), db);
  expect(stale).toMatchObject({
    ok: false,
    reason: 'stale',
    current: { version: 2, kind: 'challenge' },
  });
  expect(readEntry(db, id)!.kind).toBe('challenge');
  expect(auditOf(id)).toHaveLength(2);
});

test('a save that changes nothing writes nothing and keeps the version', () => {
  const { id } = createEntry(values(), asAuthor(6), db);
  expect(updateEntry(id, 1, values(), asAuthor(7), db)).toMatchObject({ ok: true, version: 1 });
  expect(auditOf(id)).toHaveLength(1);
});

test('only a challenge keeps "resolved"', () => {
  const { id } = createEntry(values(), asAuthor(8), db);
  updateEntry(id, 1, values({ isResolved: true }), asAuthor(9), db);
  expect(readEntry(db, id)!.isResolved).toBe(false);
});

test('draft → in review → returned with a comment → in review → published; each move audited as a state change', () => {
  const { id } = createEntry(values(), asAuthor(10), db);
  expect(submitEntry(id, 1, asAuthor(11), db)).toMatchObject({
    ok: true,
    state: 'in-review',
    version: 2,
  });
  expect(returnEntry(id, 2, 'Bitte Ergebnisse ergänzen', asEditor(1), db)).toMatchObject({
    ok: true,
    state: 'draft',
  });
  expect(readEntry(db, id)!.reviewComment).toBe('Bitte Ergebnisse ergänzen');
  expect(submitEntry(id, 3, asAuthor(12), db)).toMatchObject({ ok: true, state: 'in-review' });
  expect(publishEntry(id, 4, asEditor(2), db)).toMatchObject({
    ok: true,
    state: 'published',
    version: 5,
  });
  const row = db.select().from(knowledgeEntries).where(eq(knowledgeEntries.id, id)).get()!;
  expect(row).toMatchObject({
    state: 'published',
    publishedAt: asEditor(2).at,
    reviewComment: null,
  });
  const moves = auditOf(id).filter((e) => e.action === 'state-change');
  expect(moves.map((e) => e.changes.state)).toEqual([
    { from: 'draft', to: 'in-review' },
    { from: 'in-review', to: 'draft' },
    { from: 'draft', to: 'in-review' },
    { from: 'in-review', to: 'published' },
  ]);
  expect(moves[1]!.changes.reviewComment).toEqual({ from: null, to: 'Bitte Ergebnisse ergänzen' });
});

test('moves from the wrong state are refused and write nothing', () => {
  const { id } = createEntry(values(), asAuthor(13), db);
  expect(publishEntry(id, 1, asEditor(3), db)).toMatchObject({ ok: false, reason: 'not-allowed' });
  expect(returnEntry(id, 1, 'x', asEditor(3), db)).toMatchObject({
    ok: false,
    reason: 'not-allowed',
  });
  submitEntry(id, 1, asAuthor(14), db);
  expect(submitEntry(id, 2, asAuthor(15), db)).toMatchObject({ ok: false, reason: 'not-allowed' });
  publishEntry(id, 2, asEditor(4), db);
  expect(submitEntry(id, 3, asAuthor(16), db)).toMatchObject({ ok: false, reason: 'not-allowed' });
  expect(returnEntry(id, 3, 'x', asEditor(5), db)).toMatchObject({
    ok: false,
    reason: 'not-allowed',
  });
  expect(publishEntry(id, 2, asEditor(5), db)).toMatchObject({ ok: false, reason: 'stale' });
  expect(auditOf(id)).toHaveLength(3);
  expect(publishEntry(99_999, 1, asEditor(5), db)).toEqual({ ok: false, reason: 'not-found' });
});

test('deleting at the version read removes the entry with its texts; the audit keeps its values', () => {
  const { id } = createEntry(values(), asAuthor(17), db);
  expect(deleteEntry(id, 2, asEditor(6), db)).toMatchObject({ ok: false, reason: 'stale' });
  expect(deleteEntry(id, 1, asEditor(6), db)).toMatchObject({ ok: true });
  expect(readEntry(db, id)).toBeUndefined();
  expect(
    db.select().from(knowledgeEntryTexts).where(eq(knowledgeEntryTexts.entryId, id)).all(),
  ).toEqual([]);
  const removed = auditOf(id).find((e) => e.action === 'delete')!;
  expect(removed.changes.titleZh).toEqual({ from: '农村能源合作社的经验', to: null });
});

const user = (role: SessionUser['role'], id = 1000): SessionUser => ({
  id,
  email: `${role}@example.org`,
  name: role,
  role,
  organisationId: null,
});

test('the author edits their own entry until it is published; the hub team edits any; nobody else', () => {
  const own = (state: 'draft' | 'in-review' | 'published') => ({ state, authorUserId: 7 });
  expect(canEditEntry(user('implementer', 7), own('draft'))).toBe(true);
  expect(canEditEntry(user('implementer', 7), own('in-review'))).toBe(true);
  expect(canEditEntry(user('implementer', 7), own('published'))).toBe(false);
  expect(canEditEntry(user('implementer', 8), own('draft'))).toBe(false);
  expect(canEditEntry(user('viewer', 7), own('draft'))).toBe(false);
  expect(canEditEntry(user('editor'), own('published'))).toBe(true);
  expect(canEditEntry(user('admin'), own('draft'))).toBe(true);
  expect(canEditEntry(null, own('draft'))).toBe(false);
  expect(canEditEntry(user('implementer', 7), { state: 'draft', authorUserId: null })).toBe(false);
});
