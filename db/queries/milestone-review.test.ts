import { expect, test } from 'vitest';

import { isDueWithin, isOverdue } from '../../app/lib/progress';
import type { DatePrecision, MilestoneStatus } from '../../app/lib/vocabulary';
import { milestones } from '../schema';
import { createTestDb, insertProject } from '../test-factories';
import { countReviewGroups, listReviewGroup } from './milestone-review.server';

test('the review groups in SQL follow the same rules as app/lib/progress.ts', () => {
  const db = createTestDb();
  const project = insertProject(db);
  const cases: [
    MilestoneStatus,
    string | null,
    DatePrecision | null,
    string | null,
    DatePrecision | null,
  ][] = [
    ['planned', '2025', 'year', null, null],
    ['in-progress', '2025-09', 'month', null, null],
    ['delayed', '2025-02', 'month', '2026-02', 'month'],
    ['planned', '2026-02-20', 'day', null, null],
    ['planned', '2024-02', 'month', null, null],
    ['not-reported', '2020', 'year', null, null],
    ['cancelled', '2020', 'year', null, null],
    ['planned', null, null, null, null],
  ];
  const rows = cases.map(
    ([status, plannedDate, plannedPrecision, revisedDate, revisedPrecision], i) =>
      db
        .insert(milestones)
        .values({
          projectId: project.id,
          title: `m${i}`,
          kind: 'deliverable',
          status,
          plannedDate,
          plannedPrecision,
          revisedDate,
          revisedPrecision,
        })
        .returning()
        .get(),
  );
  for (const today of ['2025-12-31', '2026-01-01', '2026-02-28', '2026-03-01', '2024-02-29']) {
    const overdue = listReviewGroup('overdue', { today }, db)
      .map((m) => m.title)
      .sort();
    const dueSoon = listReviewGroup('due-soon', { today }, db)
      .map((m) => m.title)
      .sort();
    expect(overdue, `overdue on ${today}`).toEqual(
      rows
        .filter((m) => isOverdue(m, today))
        .map((m) => m.title)
        .sort(),
    );
    expect(dueSoon, `due soon on ${today}`).toEqual(
      rows
        .filter((m) => isDueWithin(m, today, 90))
        .map((m) => m.title)
        .sort(),
    );
    expect(countReviewGroups({ today }, db).overdue).toBe(overdue.length);
  }
  expect(countReviewGroups({ today: '2026-01-01' }, db)['not-reported']).toBe(1);
});
