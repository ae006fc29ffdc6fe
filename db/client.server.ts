import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';

import { env } from '../app/lib/env.server';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Opens (and creates, if needed) a SQLite file with the pragmas every connection needs. */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  // SQLite ignores foreign keys unless enabled per connection.
  sqlite.pragma('foreign_keys = ON');
  // WAL lets readers carry on while a writer commits; the timeout rides out short write locks.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  return drizzle(sqlite, { schema });
}

let appDb: Db | undefined;

/** The app's one connection, opened on first use so that importing never touches the disk. */
export function getDb(): Db {
  appDb ??= openDatabase(env.DATABASE_URL);
  return appDb;
}

/**
 * Closes the app's connection for a clean stop: the WAL is checkpointed into the database file
 * and truncated, so the file alone holds everything (as after a backup). A later getDb() opens
 * it again.
 */
export function closeDb(): void {
  if (!appDb) return;
  const db = appDb;
  appDb = undefined;
  try {
    db.$client.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.$client.close();
  }
}
