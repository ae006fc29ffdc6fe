import type { Db } from '../../core/db.server';
import { reportingRounds, reports } from '../../../db/schema';

// Test factories: a round and its reports straight in the tables (creating rounds through their
// own pages is the rounds part's; the report tests only need the rows).

let counter = 0;

export function insertRound(db: Db, overrides: Partial<typeof reportingRounds.$inferInsert> = {}) {
  counter += 1;
  return db
    .insert(reportingRounds)
    .values({
      slug: `round-${counter}`,
      title: `Round ${counter}`,
      titleZh: `第${counter}轮`,
      periodStart: '2026-01-01',
      periodEnd: '2026-10-31',
      dueOn: '2026-12-15',
      state: 'open',
      openedAt: '2026-11-01T00:00:00.000Z',
      createdAt: '2026-10-20T00:00:00.000Z',
      ...overrides,
    })
    .returning()
    .get();
}

export function insertReport(
  db: Db,
  values: Pick<typeof reports.$inferInsert, 'roundId' | 'projectId'> &
    Partial<typeof reports.$inferInsert>,
) {
  return db.insert(reports).values(values).returning().get();
}
