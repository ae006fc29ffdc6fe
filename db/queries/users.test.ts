import { expect, test } from 'vitest';

import { LOGIN_MAX_FAILURES } from '../../app/lib/auth';
import { createTestDb, insertOrganisation } from '../test-factories';
import {
  changePassword,
  checkPassword,
  countRecentLoginFailures,
  createSession,
  createUser,
  getSessionUser,
  recordLoginFailure,
} from './users.server';

const T0 = '2026-06-15T08:00:00.000Z';
const at = (hours: number) => new Date(Date.parse(T0) + hours * 3_600_000).toISOString();

async function fixture() {
  const db = createTestDb();
  insertOrganisation(db, { slug: 'giz' });
  const user = await createUser(
    {
      email: 'Li.Wei@Example.org ',
      name: 'Li Wei',
      password: 'twelve chars ok',
      role: 'implementer',
      organisationSlug: 'giz',
    },
    T0,
    db,
  );
  return { db, user };
}

test('passwords are stored as argon2id hashes and checked case-insensitively by email', async () => {
  const { db } = await fixture();
  const row = db.$client.prepare('SELECT email, password_hash FROM users').get() as {
    email: string;
    password_hash: string;
  };
  expect(row.email).toBe('li.wei@example.org');
  expect(row.password_hash).toMatch(/^\$argon2id\$/);
  expect(row.password_hash).not.toContain('twelve');
  await expect(checkPassword('LI.WEI@example.org', 'twelve chars ok', db)).resolves.toMatchObject({
    name: 'Li Wei',
    role: 'implementer',
  });
  await expect(checkPassword('li.wei@example.org', 'wrong password', db)).resolves.toBeNull();
  await expect(checkPassword('nobody@example.org', 'twelve chars ok', db)).resolves.toBeNull();
});

test('a session ends after 8 hours idle, and 7 days after sign-in however busy', async () => {
  const { db, user } = await fixture();
  const idle = createSession(user.id, T0, db);
  expect(getSessionUser(idle, at(7.9), db)?.id).toBe(user.id);
  // Used at 7.9 h, so idle counts from then: still alive at 15 h, gone after 16 h.
  expect(getSessionUser(idle, at(15), db)?.id).toBe(user.id);
  expect(getSessionUser(idle, at(23.5), db)).toBeNull();
  // Once expired it is deleted: it does not come back.
  expect(getSessionUser(idle, at(23.6), db)).toBeNull();
  const busy = createSession(user.id, T0, db);
  for (let h = 4; h < 168; h += 4) expect(getSessionUser(busy, at(h), db), `${h} h`).not.toBeNull();
  expect(getSessionUser(busy, at(168), db)).toBeNull();
  expect(getSessionUser('not-a-token', T0, db)).toBeNull();
});

test('changing the password ends every other session', async () => {
  const { db, user } = await fixture();
  const here = createSession(user.id, T0, db);
  const elsewhere = createSession(user.id, T0, db);
  await changePassword(user.id, 'a brand new password', here, db);
  expect(getSessionUser(here, at(1), db)).not.toBeNull();
  expect(getSessionUser(elsewhere, at(1), db)).toBeNull();
  await expect(
    checkPassword('li.wei@example.org', 'a brand new password', db),
  ).resolves.not.toBeNull();
});

test('failed sign-ins are counted per account and per address within 15 minutes', async () => {
  const { db } = await fixture();
  for (let i = 0; i < LOGIN_MAX_FAILURES; i++)
    recordLoginFailure('li.wei@example.org', `10.0.0.${i}`, at(0), db);
  expect(countRecentLoginFailures('LI.WEI@example.org', '192.0.2.1', at(0.2), db)).toBe(5);
  expect(countRecentLoginFailures('li.wei@example.org', '192.0.2.1', at(0.26), db)).toBe(0);
  for (let i = 0; i < 3; i++) recordLoginFailure(`user${i}@example.org`, '192.0.2.9', at(1), db);
  expect(countRecentLoginFailures('someone@example.org', '192.0.2.9', at(1.1), db)).toBe(3);
});
