import { expect, test } from 'vitest';

import { isDueWithin, isOverdue } from './progress';
import type { DatePrecision, MilestoneStatus } from '../../../db/vocabulary';
import { milestones, reportingRounds, reports } from '../../../db/schema';
import { EMPTY_FILTER } from '../../core/filter/filter';
import {
  createTestDb,
  insertMinistryLine,
  insertOrganisation,
  insertProject,
  linkOrganisation,
} from '../../../db/test-factories';
import {
  countReviewGroups,
  listCurrentMinistries,
  listProjectsWithoutRecentReport,
  listReviewGroup,
  reviewSectionSql,
} from './milestone-review.server';

test('the review groups in SQL follow the same rules as app/features/milestones/progress.ts', () => {
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

function reviewFixture() {
  const db = createTestDb();
  const { bmuv, bmu } = insertMinistryLine(db);
  const mee = insertOrganisation(db, { slug: 'mee', acronym: 'MEE', kind: 'chinese-ministry' });
  const alpha = insertProject(db, { title: 'Alpha' });
  const beta = insertProject(db, { title: 'beta' });
  const gamma = insertProject(db, { title: 'Gamma' });
  linkOrganisation(db, alpha.id, bmu.id, 'commissioning-ministry');
  linkOrganisation(db, beta.id, bmuv.id, 'commissioning-ministry');
  linkOrganisation(db, beta.id, mee.id, 'political-partner');
  const add = (projectId: number, title: string, over: Partial<typeof milestones.$inferInsert>) =>
    db
      .insert(milestones)
      .values({ projectId, title, kind: 'deliverable', ...over })
      .run();
  add(alpha.id, 'a-late', { status: 'delayed', plannedDate: '2025-03', plannedPrecision: 'month' });
  add(beta.id, 'b-late', { status: 'planned', plannedDate: '2024', plannedPrecision: 'year' });
  add(gamma.id, 'g-late', {
    status: 'in-progress',
    plannedDate: '2025-12-01',
    plannedPrecision: 'day',
  });
  add(alpha.id, 'a-done', { status: 'achieved', actualDate: '2026-05-01', actualPrecision: 'day' });
  add(gamma.id, 'g-done', { status: 'achieved', actualDate: '2026-06-01', actualPrecision: 'day' });
  return db;
}
const titles = (rows: { title: string }[]) => rows.map((r) => r.title);
const today = '2026-06-15';

test('the review sorts by due date, project or status, in either direction', () => {
  const db = reviewFixture();
  const overdue = (sort: 'due' | 'project' | 'status', dir?: 'asc' | 'desc') =>
    titles(listReviewGroup('overdue', { today, sort, dir }, db));
  expect(overdue('due')).toEqual(['b-late', 'a-late', 'g-late']);
  expect(overdue('due', 'desc')).toEqual(['g-late', 'a-late', 'b-late']);
  // Project titles sort without regard to case ("beta" between "Alpha" and "Gamma").
  expect(overdue('project')).toEqual(['a-late', 'b-late', 'g-late']);
  expect(overdue('project', 'desc')).toEqual(['g-late', 'b-late', 'a-late']);
  expect(overdue('status')).toEqual(['a-late', 'g-late', 'b-late']);
  // Achieved milestones come most recent first unless asked otherwise.
  expect(titles(listReviewGroup('recently-achieved', { today }, db))).toEqual(['g-done', 'a-done']);
  expect(titles(listReviewGroup('recently-achieved', { today, dir: 'asc' }, db))).toEqual([
    'a-done',
    'g-done',
  ]);
  expect(titles(listReviewGroup('overdue', { today, limit: 1, offset: 1 }, db))).toEqual([
    'a-late',
  ]);
});

test('a ministry section holds the projects of the ministry and its predecessors; the rest go last', () => {
  const db = reviewFixture();
  const section = (by: 'ministry' | 'topic', key: string | null) =>
    titles(
      listReviewGroup(
        'overdue',
        { today, where: reviewSectionSql(EMPTY_FILTER, today, by, key) },
        db,
      ),
    ).sort();
  expect(section('ministry', 'bmuv')).toEqual(['a-late', 'b-late']);
  expect(section('ministry', 'mee')).toEqual(['b-late']);
  expect(section('ministry', null)).toEqual(['g-late']);
  expect(section('topic', null)).toEqual(['a-late', 'b-late', 'g-late']);
  expect(listCurrentMinistries(db).map((m) => m.slug)).toEqual(['bmuv', 'mee']);
});

test('ongoing projects whose last approved report is older than the age, or never approved, are flagged; drafts do not count', () => {
  const db = createTestDb();
  const ongoing = { startsOn: '2020-01-01', endsOn: '2030-12-31' };
  const recent = insertProject(db, { ...ongoing, title: 'Recent' });
  const old = insertProject(db, { ...ongoing, title: 'Old' });
  const never = insertProject(db, { ...ongoing, title: 'Never' });
  const draftOnly = insertProject(db, { ...ongoing, title: 'Draft only' });
  insertProject(db, { startsOn: '2010-01-01', endsOn: '2015-12-31', title: 'Completed' });
  const round = (slug: string) =>
    db
      .insert(reportingRounds)
      .values({
        slug,
        title: slug,
        periodStart: '2025-01-01',
        periodEnd: '2025-12-31',
        dueOn: '2026-01-31',
        state: 'closed',
        createdAt: '2025-01-01T00:00:00Z',
      })
      .returning()
      .get().id;
  const [first, second] = [round('first'), round('second')];
  db.insert(reports)
    .values([
      {
        roundId: first,
        projectId: recent.id,
        state: 'approved',
        approvedAt: '2024-01-10T09:00:00Z',
      },
      {
        roundId: second,
        projectId: recent.id,
        state: 'approved',
        approvedAt: '2026-02-01T09:00:00Z',
      },
      { roundId: first, projectId: old.id, state: 'approved', approvedAt: '2025-03-01T09:00:00Z' },
      { roundId: second, projectId: draftOnly.id, state: 'submitted' },
    ])
    .run();
  const flagged = listProjectsWithoutRecentReport({ today: '2026-06-15', maxAgeDays: 365 }, db);
  expect(flagged.total).toBe(3);
  // Never approved first (by title), then the oldest approval.
  expect(flagged.rows.map((r) => [r.title, r.lastApproved])).toEqual([
    ['Draft only', null],
    ['Never', null],
    ['Old', '2025-03-01T09:00:00Z'],
  ]);
  expect(never.id).toBeGreaterThan(0);
  // A longer age forgives the old one.
  expect(
    listProjectsWithoutRecentReport({ today: '2026-06-15', maxAgeDays: 500 }, db).rows.map(
      (r) => r.title,
    ),
  ).toEqual(['Draft only', 'Never']);
});
