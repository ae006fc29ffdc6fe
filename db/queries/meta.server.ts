import { inArray } from 'drizzle-orm';

import { type Db, getDb } from '../client.server';
import { meta } from '../schema';

export interface DatasetInfo {
  isSynthetic: boolean;
  title: string | null;
}

export function getDatasetInfo(db: Db = getDb()): DatasetInfo {
  const rows = db
    .select({ key: meta.key, value: meta.value })
    .from(meta)
    .where(inArray(meta.key, ['dataset-kind', 'dataset-title']))
    .all();
  const value = (key: string) => rows.find((r) => r.key === key)?.value ?? null;
  return { isSynthetic: value('dataset-kind') === 'synthetic', title: value('dataset-title') };
}

/** Checkpoints and closes the app's connection (a clean stop of the server). */
export { closeDb as closeDatabase } from '../client.server';
