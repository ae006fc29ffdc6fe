import { type Db, openDatabase } from '../../db/client.server';
import { env } from './env.server';

// The app's one connection. db/ only knows how to open a file; which file the server uses is a
// setting, and settings live in the app (env.server.ts).

export type { Db };

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
export function closeDatabase(): void {
  if (!appDb) return;
  const db = appDb;
  appDb = undefined;
  try {
    db.$client.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.$client.close();
  }
}
