import { expect, test } from 'vitest';

import { count, eq } from 'drizzle-orm';

import { openDatabase } from './client.server';
import { cachedQuery, dataStamp, invalidateQueryCache } from './query-cache.server';
import { projects } from './schema';
import { createTestDb, insertProject } from './test-factories';

type TestDb = ReturnType<typeof createTestDb>;

/** Projects per type, through the cache (as the facet counts are). */
const typeCounts = (db: TestDb) =>
  cachedQuery(db, 'type-counts', () =>
    db
      .select({ type: projects.type, n: count() })
      .from(projects)
      .groupBy(projects.type)
      .all()
      .map((r) => [r.type, r.n]),
  );

test('facet counts are remembered until this connection says it wrote', () => {
  const db = createTestDb();
  insertProject(db, { type: 'bilateral' });
  expect(typeCounts(db)).toEqual([['bilateral', 1]]);
  insertProject(db, { type: 'bilateral' });
  // SQLite does not count a connection's own commits as a change; the writer must say so.
  expect(typeCounts(db)).toEqual([['bilateral', 1]]);
  invalidateQueryCache(db);
  expect(typeCounts(db)).toEqual([['bilateral', 2]]);
});

test('a commit by another connection (a seed, a command-line import) empties the cache', () => {
  const db = createTestDb();
  insertProject(db, { type: 'regional' });
  expect(typeCounts(db)).toEqual([['regional', 1]]);
  const other = openDatabase(db.$client.name);
  other
    .insert(projects)
    .values({ slug: 'from-elsewhere', title: 'Elsewhere', type: 'regional' })
    .run();
  other.$client.close();
  expect(typeCounts(db)).toEqual([['regional', 2]]);
});

test('the data stamp moves on with every write through the hub and every outside commit', () => {
  const db = createTestDb();
  const first = dataStamp(db);
  expect(dataStamp(db)).toBe(first);
  invalidateQueryCache(db);
  const second = dataStamp(db);
  expect(second).not.toBe(first);
  const other = openDatabase(db.$client.name);
  other.update(projects).set({ title: 'x' }).where(eq(projects.id, -1)).run();
  other.insert(projects).values({ slug: 'outside', title: 'Outside', type: 'bilateral' }).run();
  other.$client.close();
  expect(dataStamp(db)).not.toBe(second);
});
