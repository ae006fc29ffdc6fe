import { eq } from 'drizzle-orm';
import { expect, test } from 'vitest';

import { auditLog, knowledgeAnswers, users } from '../../../db/schema';
import { createTestDb, insertKnowledgeEntry, insertOrganisation } from '../../../db/test-factories';
import type { SessionUser } from '../../core/auth/auth';
import {
  canResolve,
  createAnswer,
  getEntryForAnswers,
  listPendingAnswers,
  loadAnswers,
  moderateAnswer,
  setEntryResolved,
} from './answers.server';
import { answerInputOf, parseAnswerForm } from './answers-form';

const implementer: SessionUser = {
  id: 7,
  email: 'i@example.org',
  name: 'Implementer',
  role: 'implementer',
  organisationId: null,
};
const other: SessionUser = { ...implementer, id: 8, name: 'Other' };
const editor: SessionUser = { ...implementer, id: 9, name: 'Editor', role: 'editor' };
const who = (user: SessionUser, minute: number) => ({
  at: `2026-11-20T10:${String(minute).padStart(2, '0')}:00.000Z`,
  actor: { id: user.id, name: user.name },
});

/** A test database holding the accounts above (the audit log points at its writers). */
function testDb() {
  const db = createTestDb();
  for (const user of [implementer, other, editor]) {
    db.insert(users)
      .values({
        id: user.id,
        email: `${user.id}@example.org`,
        name: user.name,
        passwordHash: 'x',
        role: user.role,
        createdAt: '2026-01-01T00:00:00.000Z',
      })
      .run();
  }
  return db;
}

function fixture() {
  const db = testDb();
  insertKnowledgeEntry(db, { slug: 'open-question', kind: 'challenge', title: 'How to?' });
  const entry = getEntryForAnswers('open-question', db)!;
  return { db, entry };
}

test('a new answer is pending, seen by its author only, and audited', () => {
  const { db, entry } = fixture();
  const org = insertOrganisation(db, { slug: 'giz', acronym: 'GIZ' });
  const row = createAnswer(
    entry,
    { body: 'We did it so.', language: 'en', organisationId: org.id },
    who(implementer, 1),
    db,
  );
  const stored = db.select().from(knowledgeAnswers).where(eq(knowledgeAnswers.id, row.id)).get()!;
  expect(stored).toMatchObject({ state: 'pending', authorName: 'Implementer', version: 1 });
  const own = loadAnswers(db, entry.id, implementer);
  expect(own).toHaveLength(1);
  expect(own[0]).toMatchObject({ state: 'pending', isOwn: true });
  expect(own[0]!.organisation?.name).toContain('GIZ');
  expect(loadAnswers(db, entry.id, other)).toEqual([]);
  expect(loadAnswers(db, entry.id, null)).toEqual([]);
  const audit = db.select().from(auditLog).where(eq(auditLog.entityId, row.id)).all();
  expect(audit.map((a) => [a.entity, a.action])).toEqual([['knowledge-answer', 'create']]);
  expect(listPendingAnswers(db).map((a) => [a.id, a.entrySlug, a.entryTitle])).toEqual([
    [row.id, 'open-question', 'How to?'],
  ]);
});

test('an editor publishes an answer: everyone sees it, it leaves the queue, the audit says so', () => {
  const { db, entry } = fixture();
  const row = createAnswer(
    entry,
    { body: 'Answer', language: 'zh', organisationId: null },
    who(implementer, 1),
    db,
  );
  const result = moderateAnswer(row.id, 1, 'published', who(editor, 2), db);
  expect(result).toMatchObject({ ok: true, version: 2 });
  expect(loadAnswers(db, entry.id, null).map((a) => a.body)).toEqual(['Answer']);
  expect(listPendingAnswers(db)).toEqual([]);
  const update = db.select().from(auditLog).where(eq(auditLog.action, 'update')).get()!;
  expect(update).toMatchObject({
    entity: 'knowledge-answer',
    entityId: row.id,
    userName: 'Editor',
  });
  expect(update.changes).toMatchObject({ state: { from: 'pending', to: 'published' } });
});

test('a rejected answer is shown to nobody, not even its author', () => {
  const { db, entry } = fixture();
  const row = createAnswer(
    entry,
    { body: 'Spam', language: 'en', organisationId: null },
    who(implementer, 1),
    db,
  );
  expect(moderateAnswer(row.id, 1, 'rejected', who(editor, 2), db).ok).toBe(true);
  expect(loadAnswers(db, entry.id, implementer)).toEqual([]);
  expect(loadAnswers(db, entry.id, editor)).toEqual([]);
});

test('moderating on a stale version is refused with the saved state, and nothing changes', () => {
  const { db, entry } = fixture();
  const row = createAnswer(
    entry,
    { body: 'Answer', language: 'en', organisationId: null },
    who(implementer, 1),
    db,
  );
  moderateAnswer(row.id, 1, 'rejected', who(editor, 2), db);
  const stale = moderateAnswer(row.id, 1, 'published', who(editor, 3), db);
  expect(stale).toMatchObject({
    ok: false,
    reason: 'stale',
    current: { state: 'rejected', version: 2 },
  });
  expect(db.select().from(knowledgeAnswers).get()!.state).toBe('rejected');
  expect(moderateAnswer(999, 1, 'published', who(editor, 3), db)).toEqual({
    ok: false,
    reason: 'not-found',
  });
});

test('the answer form takes a challenge only, up to 2 000 characters, in a hub language', () => {
  const { db } = fixture();
  insertKnowledgeEntry(db, { slug: 'a-lesson', kind: 'lesson' });
  const lesson = getEntryForAnswers('a-lesson', db)!;
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [k, v] of Object.entries(fields)) data.set(k, v);
    return data;
  };
  expect(parseAnswerForm(form({ body: 'x', language: 'en' }), lesson).status).toBe(
    'not-a-challenge',
  );
  const challenge = getEntryForAnswers('open-question', db)!;
  const tooLong = parseAnswerForm(form({ body: 'x'.repeat(2001), language: 'en' }), challenge);
  expect(tooLong).toMatchObject({
    status: 'invalid',
    errors: { body: 'knowledgeAnswers.error.tooLong' },
  });
  const empty = parseAnswerForm(form({ body: '  ', language: 'xx' }), challenge);
  expect(empty).toMatchObject({
    status: 'invalid',
    errors: {
      body: 'knowledgeAnswers.error.required',
      language: 'knowledgeAnswers.error.language',
    },
  });
  const ok = parseAnswerForm(
    form({ body: '  Use a tariff.  ', language: 'de', organisation: '' }),
    challenge,
  );
  expect(ok.status).toBe('ok');
  if (ok.status === 'ok') {
    // conform reads an empty select as no organisation.
    expect(answerInputOf(ok.value)).toEqual({
      body: 'Use a tariff.',
      language: 'de',
      organisationId: null,
    });
  }
});

test('a challenge is marked solved and reopened by its author or an editor, versioned and audited', () => {
  const db = testDb();
  insertKnowledgeEntry(db, {
    slug: 'mine',
    kind: 'challenge',
    title: 'Mine',
    authorUserId: null,
  });
  const entry = getEntryForAnswers('mine', db)!;
  expect(canResolve(editor, entry)).toBe(true);
  expect(canResolve(implementer, entry)).toBe(false);
  expect(canResolve(implementer, { ...entry, authorUserId: implementer.id })).toBe(true);
  expect(canResolve(editor, { ...entry, kind: 'lesson' })).toBe(false);
  const solved = setEntryResolved(entry, entry.version, true, who(editor, 1), db);
  expect(solved).toMatchObject({ ok: true, changed: true, version: entry.version + 1 });
  expect(getEntryForAnswers('mine', db)!.isResolved).toBe(true);
  const stale = setEntryResolved(entry, entry.version, false, who(editor, 2), db);
  expect(stale).toMatchObject({ ok: false, reason: 'stale', current: { isResolved: true } });
  const reopened = setEntryResolved(entry, entry.version + 1, false, who(editor, 3), db);
  expect(reopened).toMatchObject({ ok: true, changed: true });
  const audit = db.select().from(auditLog).where(eq(auditLog.entity, 'knowledge-entry')).all();
  expect(audit.map((a) => a.changes)).toEqual([
    { isResolved: { from: false, to: true } },
    { isResolved: { from: true, to: false } },
  ]);
});
