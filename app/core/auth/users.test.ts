import { expect, test } from 'vitest';

import { SIGN_IN_PER_ACCOUNT_AND_ADDRESS, passwordChangeLimit, signInLimits } from './auth';
import { createTestDb, insertOrganisation } from '../../../db/test-factories';
import { takeAttempt } from './attempt-limits.server';
import {
  changePassword,
  checkPassword,
  createUser,
  getSessionUser,
  recordFailedSignIn,
  signIn,
  signOut,
} from './users.server';

const T0 = '2026-06-15T08:00:00.000Z';
const at = (hours: number) => new Date(Date.parse(T0) + hours * 3_600_000).toISOString();
const PASSWORD = 'twelve chars ok';

async function fixture() {
  const db = createTestDb();
  insertOrganisation(db, { slug: 'giz' });
  await createUser(
    {
      email: 'Li.Wei@Example.org ',
      name: 'Li Wei',
      password: PASSWORD,
      role: 'implementer',
      organisationSlug: 'giz',
    },
    { at: T0, actor: { id: null, name: 'user:create (command line)' } },
    db,
  );
  const user = (await checkPassword('li.wei@example.org', PASSWORD, db))!;
  const session = (time: string, previousToken: string | null = null) =>
    signIn(user, { at: time, address: '192.0.2.1', previousToken }, db);
  return { db, user, session };
}

type Db = ReturnType<typeof createTestDb>;
interface AuditRow {
  user_id: number | null;
  user_name: string;
  action: string;
  entity: string;
  entity_id: number;
  label: string;
  at: string;
  changes: Record<string, { from: unknown; to: unknown }>;
}
/** The audit log as stored, read with plain SQL. */
const audit = (db: Db): AuditRow[] =>
  (
    db.$client.prepare('SELECT * FROM audit_log ORDER BY id').all() as (Omit<
      AuditRow,
      'changes'
    > & { changes: string })[]
  ).map((row) => ({ ...row, changes: JSON.parse(row.changes) as AuditRow['changes'] }));

test('passwords are stored as argon2id hashes and checked case-insensitively by email', async () => {
  const { db } = await fixture();
  const row = db.$client.prepare('SELECT email, password_hash FROM users').get() as {
    email: string;
    password_hash: string;
  };
  expect(row.email).toBe('li.wei@example.org');
  expect(row.password_hash).toMatch(/^\$argon2id\$/);
  expect(row.password_hash).not.toContain('twelve');
  await expect(checkPassword('LI.WEI@example.org', PASSWORD, db)).resolves.toMatchObject({
    name: 'Li Wei',
    role: 'implementer',
  });
  await expect(checkPassword('li.wei@example.org', 'wrong password', db)).resolves.toBeNull();
  await expect(checkPassword('nobody@example.org', PASSWORD, db)).resolves.toBeNull();
});

test('a session ends after 8 hours idle, and 7 days after sign-in however busy', async () => {
  const { db, user, session } = await fixture();
  const idle = session(T0);
  expect(getSessionUser(idle, at(7.9), db)?.id).toBe(user.id);
  // Used at 7.9 h, so idle counts from then: still alive at 15 h, gone after 16 h.
  expect(getSessionUser(idle, at(15), db)?.id).toBe(user.id);
  expect(getSessionUser(idle, at(23.5), db)).toBeNull();
  // Once expired it is deleted: it does not come back.
  expect(getSessionUser(idle, at(23.6), db)).toBeNull();
  const busy = session(T0);
  for (let h = 4; h < 168; h += 4) expect(getSessionUser(busy, at(h), db), `${h} h`).not.toBeNull();
  expect(getSessionUser(busy, at(168), db)).toBeNull();
  expect(getSessionUser('not-a-token', T0, db)).toBeNull();
});

test('signing in again ends the browser’s previous session, not the account’s others', async () => {
  const { db, session } = await fixture();
  const first = session(T0);
  const elsewhere = session(T0);
  const second = session(at(1), first);
  expect(getSessionUser(first, at(1), db)).toBeNull();
  expect(getSessionUser(second, at(1), db)).not.toBeNull();
  expect(getSessionUser(elsewhere, at(1), db)).not.toBeNull();
});

test('changing the password ends every other session', async () => {
  const { db, user, session } = await fixture();
  const here = session(T0);
  const elsewhere = session(T0);
  await changePassword(user, 'a brand new password', here, at(0.5), db);
  expect(getSessionUser(here, at(1), db)).not.toBeNull();
  expect(getSessionUser(elsewhere, at(1), db)).toBeNull();
  await expect(
    checkPassword('li.wei@example.org', 'a brand new password', db),
  ).resolves.not.toBeNull();
});

test('account creation, sign-in, sign-out and password change are audited, without a password or token', async () => {
  const { db, user, session } = await fixture();
  const token = session(at(1));
  await changePassword(user, 'another long password', token, at(2), db);
  signOut(token, user, at(3), db);
  // A second sign-out of the same (gone) session records nothing.
  signOut(token, user, at(4), db);
  const entries = audit(db);
  expect(entries.map((e) => [e.action, e.entity, e.user_id, e.user_name, e.label])).toEqual([
    ['create', 'account', null, 'user:create (command line)', 'li.wei@example.org'],
    ['sign-in', 'account', user.id, 'Li Wei', 'li.wei@example.org'],
    ['password-change', 'account', user.id, 'Li Wei', 'li.wei@example.org'],
    ['sign-out', 'account', user.id, 'Li Wei', 'li.wei@example.org'],
  ]);
  expect(entries[0]!.changes).toEqual({
    email: { from: null, to: 'li.wei@example.org' },
    name: { from: null, to: 'Li Wei' },
    language: { from: null, to: 'en' },
    role: { from: null, to: 'implementer' },
    organisationId: { from: null, to: expect.any(Number) },
  });
  expect(entries[1]!.changes).toEqual({ address: { from: null, to: '192.0.2.1' } });
  const text = JSON.stringify(db.$client.prepare('SELECT * FROM audit_log').all());
  for (const secret of [PASSWORD, 'another long password', token, '$argon2']) {
    expect(text).not.toContain(secret);
  }
});

test('five wrong passwords of one account from one address take their slots; the sixth waits 15 minutes, and each wait after doubles', async () => {
  const { db } = await fixture();
  const { accountAndAddress, address } = signInLimits('li.wei@example.org', '198.51.100.7');
  const take = (time: string) => takeAttempt([accountAndAddress, address], time, db);
  for (let i = 0; i < 5; i++) expect(take(T0)).toEqual({ ok: true });
  expect(take(T0)).toEqual({ ok: false, retryAfterMs: 15 * 60_000 });
  expect(take(at(0.2))).toEqual({ ok: false, retryAfterMs: 3 * 60_000 });
  // The block passed: one more try, then 30 minutes, then 60.
  expect(take(at(0.25))).toEqual({ ok: true });
  expect(take(at(0.25))).toEqual({ ok: false, retryAfterMs: 30 * 60_000 });
  expect(take(at(0.75))).toEqual({ ok: true });
  expect(take(at(0.75))).toEqual({ ok: false, retryAfterMs: 60 * 60_000 });
  // The owner from another address is not blocked.
  const owner = signInLimits('li.wei@example.org', '203.0.113.5');
  expect(takeAttempt([owner.accountAndAddress, owner.address], at(0.75), db)).toEqual({ ok: true });
  // A day after the last failure (and its block), it is all forgotten.
  expect(take(at(25))).toEqual({ ok: true });
  expect(SIGN_IN_PER_ACCOUNT_AND_ADDRESS.free).toBe(5);
});

test('an address guessing across accounts is blocked after 20 wrong passwords; a right one gives its slot back', async () => {
  const { db, user } = await fixture();
  const from = (email: string) => signInLimits(email, '198.51.100.9');
  const take = (email: string) =>
    takeAttempt([from(email).accountAndAddress, from(email).address], T0, db);
  for (let i = 0; i < 19; i++) expect(take(`guess${i}@example.org`)).toEqual({ ok: true });
  // The 20th slot is a right password: signing in gives it back and forgets the pair.
  expect(take(user.email)).toEqual({ ok: true });
  signIn(user, { at: T0, address: '198.51.100.9', previousToken: null }, db);
  expect(take('guess19@example.org')).toEqual({ ok: true });
  expect(take('guess20@example.org')).toEqual({ ok: false, retryAfterMs: 15 * 60_000 });
  // Blocked for every account from that address, the right password too.
  expect(take(user.email)).toMatchObject({ ok: false });
});

test('the password change is limited per account the same way', async () => {
  const { db, user } = await fixture();
  const limit = [passwordChangeLimit(user.id)];
  for (let i = 0; i < 5; i++) expect(takeAttempt(limit, T0, db)).toEqual({ ok: true });
  expect(takeAttempt(limit, T0, db)).toEqual({ ok: false, retryAfterMs: 15 * 60_000 });
  expect(takeAttempt([passwordChangeLimit(user.id + 1)], T0, db)).toEqual({ ok: true });
});

test('failed sign-ins are one audit entry per account and address an hour, its count rising; an unknown email is not written down', async () => {
  const { db, user } = await fixture();
  const fail = (email: string, address: string, time: string) => {
    const limits = signInLimits(email, address);
    takeAttempt([limits.accountAndAddress, limits.address], time, db);
    recordFailedSignIn({ at: time, email, address }, db);
  };
  for (let i = 0; i < 4; i++) fail(user.email, '198.51.100.7', at(i * 0.1));
  fail(user.email, '203.0.113.5', at(0.1));
  fail('typed-my-password-here', '198.51.100.7', at(0.2));
  fail('typed-my-password-here', '198.51.100.7', at(0.3));
  // An hour after the entry began, a new one.
  fail(user.email, '198.51.100.7', at(1.2));
  const failed = audit(db).filter((e) => e.action === 'sign-in-failed');
  expect(
    failed.map((e) => [e.entity_id, e.label, e.user_name, e.changes.attempts!.to, e.at]),
  ).toEqual([
    [user.id, user.email, '198.51.100.7', 4, at(0)],
    [user.id, user.email, '203.0.113.5', 1, at(0.1)],
    [0, '', '198.51.100.7', 2, at(0.2)],
    [user.id, user.email, '198.51.100.7', 1, at(1.2)],
  ]);
  expect(failed[0]!.changes.lastAttempt!.to).toBe(at(0.3));
  expect(JSON.stringify(db.$client.prepare('SELECT * FROM audit_log').all())).not.toContain(
    'typed-my-password-here',
  );
  expect(JSON.stringify(db.$client.prepare('SELECT * FROM attempt_limits').all())).not.toContain(
    'typed-my-password-here',
  );
});
