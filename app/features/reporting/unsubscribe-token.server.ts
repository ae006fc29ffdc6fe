import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

import { eq } from 'drizzle-orm';

import { type Db, getDb } from '../../core/db.server';
import { meta } from '../../../db/schema';

// The link that stops a person's reminder mails works signed out, so it carries a token: the
// account's id and an HMAC of it under a secret only this database knows (a random one, made and
// stored in the meta table on first use; a copy of the database keeps it). Nothing expires: the
// link only ever turns reminders off, which the person can undo on their account page.

const SECRET_KEY = 'mail-token-secret';
const PURPOSE = 'unsubscribe-reminders';

const secrets = new WeakMap<Db, Buffer>();

function secret(db: Db): Buffer {
  const known = secrets.get(db);
  if (known) return known;
  // Whichever process inserts first wins; every process then reads the same secret.
  db.insert(meta)
    .values({ key: SECRET_KEY, value: randomBytes(32).toString('base64url') })
    .onConflictDoNothing()
    .run();
  const row = db.select({ value: meta.value }).from(meta).where(eq(meta.key, SECRET_KEY)).get();
  const value = Buffer.from(row!.value, 'base64url');
  secrets.set(db, value);
  return value;
}

const mac = (key: Buffer, userId: number) =>
  createHmac('sha256', key).update(`${PURPOSE}:${userId}`).digest().subarray(0, 24);

/** The token of one account's unsubscribe link. */
export function unsubscribeToken(userId: number, db: Db = getDb()): string {
  return `${userId}.${mac(secret(db), userId).toString('base64url')}`;
}

/** The account a token was made for, or null when the token is not one of ours. */
export function readUnsubscribeToken(token: string, db: Db = getDb()): number | null {
  const match = /^([1-9]\d{0,15})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!match) return null;
  const userId = Number(match[1]);
  const given = Buffer.from(match[2]!, 'base64url');
  const expected = mac(secret(db), userId);
  return given.length === expected.length && timingSafeEqual(given, expected) ? userId : null;
}
