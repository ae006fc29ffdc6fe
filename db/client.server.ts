import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';

import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Compiled statements kept per connection; the least recently used goes first. */
export const MAX_STATEMENTS = 500;

/**
 * What drizzle asks of its client (prepare, transaction), with each SQL text compiled once:
 * drizzle calls `prepare` for every query it runs, and SQLite compiling the same few hundred
 * statements again was a tenth of a page's server time. A statement is reused only by drizzle,
 * which runs it to the end before its call returns and sets its row mode (`raw()`) each time it
 * needs it; the mode is switched off when the statement is handed out again. `db.$client` stays
 * the connection itself, untouched.
 */
export function statementCache(sqlite: Database.Database) {
  const statements = new Map<string, Database.Statement>();
  return {
    prepare(source: string): Database.Statement {
      let statement = statements.get(source);
      if (statement) {
        statements.delete(source);
        if (statement.reader) statement.raw(false);
      } else {
        statement = sqlite.prepare(source);
        if (statements.size >= MAX_STATEMENTS) {
          statements.delete(statements.keys().next().value!);
        }
      }
      statements.set(source, statement);
      return statement;
    },
    transaction: sqlite.transaction.bind(sqlite),
    /** How many statements are kept (for tests). */
    get size() {
      return statements.size;
    },
  };
}

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
  const db = drizzle(statementCache(sqlite) as unknown as Database.Database, { schema }) as Db;
  db.$client = sqlite;
  return db;
}
