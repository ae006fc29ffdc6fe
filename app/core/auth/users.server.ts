import { createHash, randomBytes } from 'node:crypto';

import { hash, verify } from '@node-rs/argon2';
import { and, eq, ne, sql } from 'drizzle-orm';

import {
  FAILED_SIGN_IN_AUDIT_WINDOW_MS,
  type SessionUser,
  actorOf,
  isSessionAlive,
  passwordChangeLimit,
  signInLimits,
} from './auth';
import type { HubLanguage, UserRole } from '../../../db/vocabulary';
import { type Db, getDb } from '../db.server';
import { auditLog, organisations, projectOrganisations, sessions, users } from '../../../db/schema';
import {
  clearAttempts,
  limitAuditId,
  refundAttempt,
  setLimitAuditId,
} from './attempt-limits.server';
import {
  type WriteContext,
  createAudited,
  diffFields,
  recordAudit,
} from '../../../db/writes.server';

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');
/** Sessions are touched at most this often, so reading a page rarely writes. */
const TOUCH_EVERY_MS = 60 * 1000;

/** Creates an account (`npm run user:create`); the audit log records who created it. */
export async function createUser(
  input: {
    email: string;
    name: string;
    password: string;
    role: UserRole;
    organisationSlug?: string;
    /** The language of the hub's mails to this person (default English). */
    language?: HubLanguage;
  },
  who: WriteContext,
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
  const values = {
    email: input.email.trim().toLowerCase(),
    name: input.name.trim(),
    role: input.role,
    organisationId: organisationId ?? null,
    language: input.language ?? 'en',
  };
  return createAudited(db, who, {
    insert: (tx) =>
      tx
        .insert(users)
        .values({ ...values, passwordHash, createdAt: who.at })
        .returning({ id: users.id })
        .get(),
    // Never the password or its hash.
    audit: () => ({ entity: 'account', label: values.email, changes: diffFields(null, values) }),
  });
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

/**
 * Starts a session for a user whose password was just checked, in one transaction: the browser's
 * previous session ends (so a session planted before sign-in does not live on with it), the
 * failures of this account from this address are forgotten and this attempt's slot on the
 * address is given back, and the sign-in is recorded. Returns the token for the cookie (only its
 * hash is stored).
 */
export function signIn(
  user: SessionUser,
  attempt: { at: string; address: string; previousToken: string | null },
  db: Db = getDb(),
): string {
  const token = randomBytes(32).toString('base64url');
  const limits = signInLimits(user.email, attempt.address);
  db.transaction((tx) => {
    if (attempt.previousToken) {
      tx.delete(sessions)
        .where(eq(sessions.tokenHash, sha256(attempt.previousToken)))
        .run();
    }
    tx.insert(sessions)
      .values({
        tokenHash: sha256(token),
        userId: user.id,
        createdAt: attempt.at,
        lastSeenAt: attempt.at,
      })
      .run();
    clearAttempts(limits.accountAndAddress, tx);
    refundAttempt(limits.address, tx);
    recordAudit(tx, {
      at: attempt.at,
      actor: actorOf(user),
      action: 'sign-in',
      entity: 'account',
      entityId: user.id,
      label: user.email,
      changes: { address: { from: null, to: attempt.address } },
    });
  });
  return token;
}

/**
 * A wrong password, counted in the audit log without flooding it: one entry per account (as typed)
 * and address an hour, whose count of attempts rises. An email without an account is not written
 * down (it may be a password typed into the wrong field).
 */
export function recordFailedSignIn(
  attempt: { at: string; email: string; address: string },
  db: Db = getDb(),
): void {
  const key = signInLimits(attempt.email, attempt.address).accountAndAddress;
  db.transaction(
    (tx) => {
      const auditId = limitAuditId(tx, key);
      const entry = auditId
        ? tx
            .select({ at: auditLog.at, changes: auditLog.changes })
            .from(auditLog)
            .where(eq(auditLog.id, auditId))
            .get()
        : undefined;
      if (
        auditId &&
        entry &&
        Date.parse(attempt.at) - Date.parse(entry.at) < FAILED_SIGN_IN_AUDIT_WINDOW_MS
      ) {
        const attempts = Number(entry.changes.attempts?.to ?? 0) + 1;
        tx.update(auditLog)
          .set({
            changes: {
              ...entry.changes,
              attempts: { from: null, to: attempts },
              lastAttempt: { from: null, to: attempt.at },
            },
          })
          .where(eq(auditLog.id, auditId))
          .run();
        return;
      }
      const account = tx
        .select({ id: users.id, email: users.email })
        .from(users)
        .where(eq(users.email, attempt.email))
        .get();
      const id = recordAudit(tx, {
        at: attempt.at,
        // Nobody signed in: the entry names the address the attempts came from.
        actor: { id: null, name: attempt.address },
        action: 'sign-in-failed',
        entity: 'account',
        entityId: account?.id ?? 0,
        label: account?.email ?? '',
        changes: {
          address: { from: null, to: attempt.address },
          attempts: { from: null, to: 1 },
          lastAttempt: { from: null, to: attempt.at },
        },
      });
      setLimitAuditId(tx, key, id);
    },
    { behavior: 'immediate' },
  );
}

/** The user of a live session, touching it; an expired session is deleted. */
/**
 * The session lookup every signed-in request makes, built and prepared once per connection
 * (drizzle builds the SQL and better-sqlite3 compiles it again on every plain query).
 */
const sessionLookups = new WeakMap<Db, ReturnType<typeof prepareSessionLookup>>();
function prepareSessionLookup(db: Db) {
  return db
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
    .where(eq(sessions.tokenHash, sql.placeholder('tokenHash')))
    .prepare();
}

export function getSessionUser(token: string, now: string, db: Db = getDb()): SessionUser | null {
  const tokenHash = sha256(token);
  let lookup = sessionLookups.get(db);
  if (!lookup) {
    lookup = prepareSessionLookup(db);
    sessionLookups.set(db, lookup);
  }
  const row = lookup.get({ tokenHash });
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

/** Ends a user's session (sign-out) and records it. */
export function signOut(token: string, user: SessionUser, at: string, db: Db = getDb()): void {
  db.transaction((tx) => {
    const ended = tx
      .delete(sessions)
      .where(eq(sessions.tokenHash, sha256(token)))
      .run().changes;
    if (ended === 0) return;
    recordAudit(tx, {
      at,
      actor: actorOf(user),
      action: 'sign-out',
      entity: 'account',
      entityId: user.id,
      label: user.email,
      changes: {},
    });
  });
}

/** A new password ends every other session of the user, in one transaction, and is recorded. */
export async function changePassword(
  user: SessionUser,
  newPassword: string,
  keepToken: string,
  at: string,
  db: Db = getDb(),
): Promise<void> {
  const passwordHash = await hash(newPassword);
  db.transaction((tx) => {
    tx.update(users).set({ passwordHash }).where(eq(users.id, user.id)).run();
    const ended = tx
      .delete(sessions)
      .where(and(eq(sessions.userId, user.id), ne(sessions.tokenHash, sha256(keepToken))))
      .run().changes;
    clearAttempts(passwordChangeLimit(user.id), tx);
    // That it changed and what it ended; never the password or its hash.
    recordAudit(tx, {
      at,
      actor: actorOf(user),
      action: 'password-change',
      entity: 'account',
      entityId: user.id,
      label: user.email,
      changes: { otherSessionsEnded: { from: null, to: ended } },
    });
  });
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

/** A person's mail settings: the language the hub writes in, and whether reminders come. */
export function getMailSettings(userId: number, db: Db = getDb()) {
  return db
    .select({
      id: users.id,
      email: users.email,
      language: users.language,
      remindersOff: users.remindersOff,
    })
    .from(users)
    .where(eq(users.id, userId))
    .get();
}

/**
 * Changes a person's mail settings (their account page, or the unsubscribe link of a mail) and
 * records what changed as an account update. Returns whether anything changed.
 */
export function updateMailSettings(
  userId: number,
  next: { language?: HubLanguage; remindersOff?: boolean },
  who: WriteContext,
  db: Db = getDb(),
): boolean {
  return db.transaction((tx) => {
    const before = tx
      .select({ email: users.email, language: users.language, remindersOff: users.remindersOff })
      .from(users)
      .where(eq(users.id, userId))
      .get();
    if (!before) return false;
    const after = {
      language: next.language ?? before.language,
      remindersOff: next.remindersOff ?? before.remindersOff,
    };
    const changes = diffFields(
      { language: before.language, remindersOff: before.remindersOff },
      after,
    );
    if (Object.keys(changes).length === 0) return false;
    tx.update(users).set(after).where(eq(users.id, userId)).run();
    recordAudit(tx, {
      at: who.at,
      actor: who.actor,
      action: 'update',
      entity: 'account',
      entityId: userId,
      label: before.email,
      changes,
    });
    return true;
  });
}
