import type { SQL } from 'drizzle-orm';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';

import type { Db } from './client.server';

/** At most this many answers are kept per database; the oldest goes first. */
const MAX_ENTRIES = 500;

interface CacheState {
  dataVersion: number;
  entries: Map<string, unknown>;
}

const states = new WeakMap<Db, CacheState>();

const dataVersionStatements = new WeakMap<Db, { get(): unknown }>();

/** SQLite's data_version for this connection, through one prepared statement (asked per request). */
function dataVersionOf(db: Db): number {
  let statement = dataVersionStatements.get(db);
  if (!statement) {
    statement = db.$client.prepare('PRAGMA data_version').pluck();
    dataVersionStatements.set(db, statement);
  }
  return statement.get() as number;
}

/**
 * Remembers an expensive read-only answer (facet counts) until the data changes. Writes through
 * this connection call invalidateQueryCache(); commits by any other connection or process (a seed,
 * an import from the command line) change SQLite's `data_version`, which empties it as well.
 */
export function cachedQuery<T>(db: Db, key: string, compute: () => T): T {
  const dataVersion = dataVersionOf(db);
  let state = states.get(db);
  if (!state || state.dataVersion !== dataVersion) {
    state = { dataVersion, entries: new Map() };
    states.set(db, state);
  }
  if (state.entries.has(key)) return state.entries.get(key) as T;
  const value = compute();
  if (state.entries.size >= MAX_ENTRIES) {
    state.entries.delete(state.entries.keys().next().value!);
  }
  state.entries.set(key, value);
  return value;
}

const writes = new WeakMap<Db, number>();

/** Called by every write through the app's connection (SQLite's data_version ignores its own). */
export function invalidateQueryCache(db: Db): void {
  states.delete(db);
  writes.set(db, (writes.get(db) ?? 0) + 1);
}

/**
 * What the data of this connection is at: changes with every write through it (afterWrite) and
 * every commit by another connection or process. Equal stamps, equal data.
 */
export function dataStamp(db: Db): string {
  const dataVersion = dataVersionOf(db);
  return `${dataVersion}.${writes.get(db) ?? 0}`;
}

const dialect = new SQLiteSyncDialect();

/** A cache key for a condition: its SQL text and parameters. */
export function sqlKey(condition: SQL | undefined): string {
  return condition ? JSON.stringify(dialect.sqlToQuery(condition)) : '';
}
