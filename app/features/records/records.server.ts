import { eq } from 'drizzle-orm';

import type { Db } from '../../../db/client.server';
import { getDb } from '../../core/db.server';
import { events, organisations, projects } from '../../../db/schema';

// The records that have their own page, history and delete confirmation, found by URL slug.

export type RecordKind = 'project' | 'event' | 'organisation';

export interface RecordRef {
  id: number;
  slug: string;
  label: string;
  version: number;
}

export function getRecordRef(
  kind: RecordKind,
  slug: string,
  db: Db = getDb(),
): RecordRef | undefined {
  const table = kind === 'project' ? projects : kind === 'event' ? events : organisations;
  const label =
    kind === 'project' ? projects.title : kind === 'event' ? events.title : organisations.name;
  return db
    .select({ id: table.id, slug: table.slug, label, version: table.version })
    .from(table)
    .where(eq(table.slug, slug))
    .get();
}
