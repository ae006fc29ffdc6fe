import { inArray } from 'drizzle-orm';

import type { Db } from './client.server';
import { meta } from './schema';

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
