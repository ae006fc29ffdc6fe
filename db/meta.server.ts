import { count, inArray } from 'drizzle-orm';

import type { Db } from './client.server';
import { cachedQuery } from './query-cache.server';
import { events, meta, milestones, organisations, projects } from './schema';

export interface DatasetInfo {
  isSynthetic: boolean;
  title: string | null;
}

/** What the database holds: the real portfolio, or a labelled synthetic one (for scale tests). */
export function getDatasetInfo(db: Db): DatasetInfo {
  const rows = db
    .select({ key: meta.key, value: meta.value })
    .from(meta)
    .where(inArray(meta.key, ['dataset-kind', 'dataset-title']))
    .all();
  const value = (key: string) => rows.find((r) => r.key === key)?.value ?? null;
  return { isSynthetic: value('dataset-kind') === 'synthetic', title: value('dataset-title') };
}

/**
 * The same, kept until the data changes (db/query-cache.server.ts): every page's root loader asks.
 */
export const getCachedDatasetInfo = (db: Db): DatasetInfo =>
  cachedQuery(db, 'dataset-info', () => getDatasetInfo(db));

export interface RecordCounts {
  /** The IKI portfolio's projects (imported IATI activities are not among them). */
  projects: number;
  /** Activities imported from other IATI publishers. */
  importedActivities: number;
  milestones: number;
  events: number;
  organisations: number;
}

/** How many records the database holds, as the server names them when it starts. */
export function getRecordCounts(db: Db): RecordCounts {
  const byOrigin = db
    .select({ origin: projects.origin, n: count() })
    .from(projects)
    .groupBy(projects.origin)
    .all();
  const total = (table: typeof milestones | typeof events | typeof organisations) =>
    db.select({ n: count() }).from(table).get()?.n ?? 0;
  return {
    projects: byOrigin.find((r) => r.origin === 'hub')?.n ?? 0,
    importedActivities: byOrigin.find((r) => r.origin === 'iati')?.n ?? 0,
    milestones: total(milestones),
    events: total(events),
    organisations: total(organisations),
  };
}
