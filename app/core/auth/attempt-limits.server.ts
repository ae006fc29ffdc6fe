import { createHash } from 'node:crypto';

import { and, eq, isNull, lt, lte, or, sql } from 'drizzle-orm';

import { type Db, getDb } from '../db.server';
import { attemptLimits } from '../../../db/schema';
import type { Tx } from '../../../db/writes.server';

// The limits on password guessing (the rules' values are app/core/auth/auth.ts's), kept in SQLite because every
// worker process of the server shares it. An attempt takes its slot in one IMMEDIATE transaction
// before its password is checked (argon2 takes tens of milliseconds, so counting after the check
// let concurrent guesses all through); a right password then clears or refunds it.

/**
 * How many wrong passwords one key may try before it is made to wait, and how the wait grows: the
 * `free`-th failure blocks for `firstBlockMs`, every failure after a block has passed doubles it,
 * up to `maxBlockMs`. Failures are forgotten a day after the last one (and a right password
 * clears its own key). Each attempt takes its slot before the password is checked, so
 * however many arrive at once, at most `free` are checked before the first block.
 */
export interface AttemptRule {
  name: string;
  free: number;
  firstBlockMs: number;
  maxBlockMs: number;
}

/** Failures of a key are forgotten this long after its last one (once any block has passed). */
export const ATTEMPTS_FORGOTTEN_AFTER_MS = 24 * 60 * 60 * 1000;

/** What one limit counts: a rule and who it applies to (an account, an address, both). */
export interface LimitedKey {
  rule: AttemptRule;
  subject: string;
}

/** How long the `failures`-th failure blocks the key (0 while it is still free). */
export function blockAfter(rule: AttemptRule, failures: number): number {
  if (failures < rule.free) return 0;
  return Math.min(rule.maxBlockMs, rule.firstBlockMs * 2 ** Math.min(failures - rule.free, 30));
}

/** The stored key: a hash, so the limits never keep what someone typed as an email. */
export const limitKeyHash = (key: LimitedKey) =>
  createHash('sha256').update(`${key.rule.name}\n${key.subject}`).digest('hex');

const iso = (ms: number) => new Date(ms).toISOString();

export type AttemptSlot = { ok: true } | { ok: false; retryAfterMs: number };

/**
 * Takes one attempt's slot under every key, or none: refused while any key is blocked (with how
 * long the longest block still runs). Taking the slot counts the attempt as failed; the
 * `free`-th one starts a block, so however many requests arrive together, at most `free` get
 * their password checked. IMMEDIATE takes SQLite's write lock before reading, so two processes
 * cannot both read the same count.
 */
export function takeAttempt(keys: LimitedKey[], now: string, db: Db = getDb()): AttemptSlot {
  const t = Date.parse(now);
  return db.transaction(
    (tx): AttemptSlot => {
      forgetOld(tx, now);
      const rows = keys.map((key) => {
        const hash = limitKeyHash(key);
        const row = tx.select().from(attemptLimits).where(eq(attemptLimits.key, hash)).get();
        return { key, hash, row };
      });
      const retryAfterMs = Math.max(
        0,
        ...rows.map(({ row }) => (row?.blockedUntil ? Date.parse(row.blockedUntil) - t : 0)),
      );
      if (retryAfterMs > 0) return { ok: false, retryAfterMs };
      for (const { key, hash, row } of rows) {
        const failures = (row?.failures ?? 0) + 1;
        const block = blockAfter(key.rule, failures);
        const values = {
          failures,
          lastFailureAt: now,
          blockedUntil: block > 0 ? iso(t + block) : null,
        };
        tx.insert(attemptLimits)
          .values({ key: hash, ...values })
          .onConflictDoUpdate({ target: attemptLimits.key, set: values })
          .run();
      }
      return { ok: true };
    },
    { behavior: 'immediate' },
  );
}

/** Keys whose last failure is a day old and whose block has passed start again from nothing. */
function forgetOld(tx: Tx, now: string): void {
  tx.delete(attemptLimits)
    .where(
      and(
        lt(attemptLimits.lastFailureAt, iso(Date.parse(now) - ATTEMPTS_FORGOTTEN_AFTER_MS)),
        or(isNull(attemptLimits.blockedUntil), lte(attemptLimits.blockedUntil, now)),
      ),
    )
    .run();
}

/** A right password: this key's failures are forgotten (its block too). */
export function clearAttempts(key: LimitedKey, tx: Tx | Db = getDb()): void {
  tx.delete(attemptLimits)
    .where(eq(attemptLimits.key, limitKeyHash(key)))
    .run();
}

/**
 * A right password under a key shared with others (an address): only this attempt's slot is
 * given back, and a block it started is lifted once the count is below the free tries again.
 */
export function refundAttempt(key: LimitedKey, tx: Tx | Db = getDb()): void {
  const hash = limitKeyHash(key);
  tx.update(attemptLimits)
    .set({
      failures: sql`${attemptLimits.failures} - 1`,
      blockedUntil: sql`CASE WHEN ${attemptLimits.failures} - 1 < ${key.rule.free} THEN NULL
        ELSE ${attemptLimits.blockedUntil} END`,
    })
    .where(eq(attemptLimits.key, hash))
    .run();
  tx.delete(attemptLimits)
    .where(and(eq(attemptLimits.key, hash), lte(attemptLimits.failures, 0)))
    .run();
}

/** The audit entry that counts this key's failed sign-ins, if one was started. */
export function limitAuditId(tx: Tx, key: LimitedKey): number | null {
  return (
    tx
      .select({ auditId: attemptLimits.auditId })
      .from(attemptLimits)
      .where(eq(attemptLimits.key, limitKeyHash(key)))
      .get()?.auditId ?? null
  );
}

export function setLimitAuditId(tx: Tx, key: LimitedKey, auditId: number): void {
  tx.update(attemptLimits)
    .set({ auditId })
    .where(eq(attemptLimits.key, limitKeyHash(key)))
    .run();
}
