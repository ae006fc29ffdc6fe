import { expect, test } from 'vitest';

import { openDatabase } from './client.server';
import { getCachedDatasetInfo, getDatasetInfo } from './meta.server';
import { invalidateQueryCache } from './query-cache.server';
import { meta } from './schema';
import { createTestDb } from './test-factories';

test('the kept dataset kind follows a write by this connection and a commit by another', () => {
  const db = createTestDb();
  expect(getCachedDatasetInfo(db)).toEqual({ isSynthetic: false, title: null });
  db.insert(meta).values({ key: 'dataset-kind', value: 'synthetic' }).run();
  // Kept until the writer says it wrote (as every write through the app does).
  expect(getCachedDatasetInfo(db).isSynthetic).toBe(false);
  invalidateQueryCache(db);
  expect(getCachedDatasetInfo(db).isSynthetic).toBe(true);
  const other = openDatabase(db.$client.name);
  other.insert(meta).values({ key: 'dataset-title', value: 'Demo of 10 000' }).run();
  other.$client.close();
  expect(getCachedDatasetInfo(db)).toEqual(getDatasetInfo(db));
  expect(getCachedDatasetInfo(db)).toEqual({ isSynthetic: true, title: 'Demo of 10 000' });
});
