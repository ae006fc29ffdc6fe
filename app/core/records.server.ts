import { eq } from 'drizzle-orm';

import { type Db, getDb } from './db.server';
import { events, organisations, projects } from '../../db/schema';

// The records that have their own page, history and delete confirmation, found by URL slug.

export type RecordKind = 'project' | 'event' | 'organisation';

export interface RecordRef {
  id: number;
  slug: string;
  label: string;
  version: number;
}

/** The table of a kind of record, and the column that names a record of it. */
function recordTable(kind: RecordKind) {
  switch (kind) {
    case 'project':
      return { table: projects, label: projects.title };
    case 'event':
      return { table: events, label: events.title };
    case 'organisation':
      return { table: organisations, label: organisations.name };
  }
}

export function getRecordRef(
  kind: RecordKind,
  slug: string,
  db: Db = getDb(),
): RecordRef | undefined {
  const { table, label } = recordTable(kind);
  return db
    .select({ id: table.id, slug: table.slug, label, version: table.version })
    .from(table)
    .where(eq(table.slug, slug))
    .get();
}

/** Every slug taken by a kind of record (a new one must pick another). */
export function listRecordSlugs(kind: RecordKind, db: Db = getDb()): string[] {
  const { table } = recordTable(kind);
  return db
    .select({ slug: table.slug })
    .from(table)
    .all()
    .map((r) => r.slug);
}
