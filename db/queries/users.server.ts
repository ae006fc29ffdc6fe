import { createHash, randomBytes } from 'node:crypto';

import { hash, verify } from '@node-rs/argon2';
import { and, count, eq, gte, ne } from 'drizzle-orm';

import { type SessionUser, LOGIN_WINDOW_MS, isSessionAlive } from '../../app/lib/auth';
import type { UserRole } from '../../app/lib/vocabulary';
import { type Db, getDb } from '../client.server';
import { loginFailures, organisations, projectOrganisations, sessions, users } from '../schema';

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');
/** Sessions are touched at most this often, so reading a page rarely writes. */
const TOUCH_EVERY_MS = 60 * 1000;

export async function createUser(
  input: {
    email: string;
    name: string;
    password: string;
    role: UserRole;
    organisationSlug?: string;
  },
  now: string,
  db: Db = getDb(),
) {
  const organisationId = input.organisationSlug
    ? db
        .select({ id: organisations.id })
        .from(organisations)
        .where(eq(organisations.slug, input.organisationSlug))
        .get()?.id
    : null;
  if (input.organisationSlug && !organisationId) {
    throw new Error(`No organisation with the slug "${input.organisationSlug}".`);
  }
  // argon2id with the library's defaults (19 MiB, 2 passes), hashed before any write.
  const passwordHash = await hash(input.password);
  return db
    .insert(users)
    .values({
      email: input.email.trim().toLowerCase(),
      name: input.name.trim(),
      passwordHash,
      role: input.role,
      organisationId: organisationId ?? null,
      createdAt: now,
    })
    .returning({ id: users.id })
    .get();
}

/** The user with this email and password, or null; the same work is done for unknown emails. */
export async function checkPassword(
  email: string,
  password: string,
  db: Db = getDb(),
): Promise<SessionUser | null> {
  const user = db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).get();
  // Verify against a fixed hash when the account does not exist, so timing does not tell.
  const ok = await verify(user?.passwordHash ?? UNKNOWN_USER_HASH, password).catch(() => false);
  if (!user || !ok) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    organisationId: user.organisationId,
  };
}

// An argon2id hash of a random password nobody knows.
const UNKNOWN_USER_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$WcWkN0dyUXVf7cvpC1TXfZc3oDYzIcNqIUkdHDIN0oI';

/** Starts a session; returns the token for the cookie (only its hash is stored). */
export function createSession(userId: number, now: string, db: Db = getDb()): string {
  const token = randomBytes(32).toString('base64url');
  db.insert(sessions)
    .values({ tokenHash: sha256(token), userId, createdAt: now, lastSeenAt: now })
    .run();
  return token;
}

/** The user of a live session, touching it; an expired session is deleted. */
export function getSessionUser(token: string, now: string, db: Db = getDb()): SessionUser | null {
  const tokenHash = sha256(token);
  const row = db
    .select({
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      organisationId: users.organisationId,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, tokenHash))
    .get();
  if (!row) return null;
  if (!isSessionAlive(row.createdAt, row.lastSeenAt, now)) {
    db.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).run();
    return null;
  }
  if (Date.parse(now) - Date.parse(row.lastSeenAt) > TOUCH_EVERY_MS) {
    db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash)).run();
  }
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    organisationId: row.organisationId,
  };
}

export function deleteSession(token: string, db: Db = getDb()): void {
  db.delete(sessions)
    .where(eq(sessions.tokenHash, sha256(token)))
    .run();
}

/** A new password ends every other session of the user, in one transaction. */
export async function changePassword(
  userId: number,
  newPassword: string,
  keepToken: string,
  db: Db = getDb(),
): Promise<void> {
  const passwordHash = await hash(newPassword);
  db.transaction((tx) => {
    tx.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
    tx.delete(sessions)
      .where(and(eq(sessions.userId, userId), ne(sessions.tokenHash, sha256(keepToken))))
      .run();
  });
}

export function recordLoginFailure(email: string, ip: string, now: string, db: Db = getDb()): void {
  db.insert(loginFailures).values({ email: email.trim().toLowerCase(), ip, at: now }).run();
}

/** Failures within the window for this account or this address, whichever is more. */
export function countRecentLoginFailures(email: string, ip: string, now: string, db: Db = getDb()) {
  const since = new Date(Date.parse(now) - LOGIN_WINDOW_MS).toISOString();
  const n = (condition: ReturnType<typeof eq>) =>
    db
      .select({ n: count() })
      .from(loginFailures)
      .where(and(condition, gte(loginFailures.at, since)))
      .get()!.n;
  return Math.max(
    n(eq(loginFailures.email, email.trim().toLowerCase())),
    n(eq(loginFailures.ip, ip)),
  );
}

/** The organisations of a project with their roles (for the implementer rule). */
export function listProjectOrganisationRoles(projectId: number, db: Db = getDb()) {
  return db
    .select({
      organisationId: projectOrganisations.organisationId,
      role: projectOrganisations.role,
    })
    .from(projectOrganisations)
    .where(eq(projectOrganisations.projectId, projectId))
    .all();
}
