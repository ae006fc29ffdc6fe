import { expect, test } from 'vitest';

import { EMPTY_FILTER } from '../../app/lib/filter';
import { openDatabase } from '../client.server';
import { projects } from '../schema';
import { createTestDb, insertProject } from '../test-factories';
import { getProjectFacets } from './facets.server';
import { invalidateQueryCache } from './query-cache.server';

const typeCounts = (db: ReturnType<typeof createTestDb>) =>
  getProjectFacets(EMPTY_FILTER, '2026-06-15', db).type.map((o) => [o.value, o.count]);

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
