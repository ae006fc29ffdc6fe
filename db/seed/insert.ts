import type { SQLiteTable } from 'drizzle-orm/sqlite-core';

import type { Db } from '../client.server';

/** Keeps each INSERT well below SQLite's limit on bound variables. */
export function insertInChunks<T extends SQLiteTable>(
  db: Pick<Db, 'insert'>,
  table: T,
  rows: T['$inferInsert'][],
  size = 400,
): void {
  for (let i = 0; i < rows.length; i += size) {
    db.insert(table)
      .values(rows.slice(i, i + size))
      .run();
  }
}
