import { sql } from 'drizzle-orm';
import { expect, test } from 'vitest';

import { resolveStatus } from '../../../db/dates';
import { EMPTY_FILTER } from './filter';
import { milestones, projects } from '../../../db/schema';
import { seedPortfolio } from '../../../db/seed/load';
import {
  createTestDb,
  insertMinistryLine,
  insertOrganisation,
  insertProject,
  linkOrganisation,
} from '../../../db/test-factories';
import { countProjects } from '../../features/projects/projects.server';
import { projectFilterSql, statusSql } from './project-filter.server';

test('the SQL status is the same rule as resolveStatus, for every real project on many days', () => {
  const db = createTestDb();
  db.$client.exec('DELETE FROM countries');
  seedPortfolio(db);
  const rows = db.select().from(projects).all();
  for (const day of [
    '2008-01-01',
    '2013-10-31',
    '2013-11-01',
    '2020-06-15',
    '2025-12-31',
    '2026-01-01',
    '2030-01-01',
  ]) {
    const inSql = db
      .select({ slug: projects.slug, status: statusSql(day) })
      .from(projects)
      .all();
    for (const row of rows) {
      expect(inSql.find((r) => r.slug === row.slug)?.status, `${row.slug} on ${day}`).toBe(
        resolveStatus(row, day).status,
      );
    }
  }
});

test('a ministry filter includes the ministry’s predecessors', () => {
  const db = createTestDb();
  const { bmuv, bmu } = insertMinistryLine(db);
  const bmub = insertOrganisation(db, {
    slug: 'bmub',
    kind: 'german-ministry',
    successorId: bmu.id,
  });
  const other = insertOrganisation(db, { slug: 'bmwk', kind: 'german-ministry' });
  for (const [ministry, title] of [
    [bmub, 'old'],
    [bmu, 'middle'],
    [bmuv, 'new'],
    [other, 'other'],
  ] as const) {
    linkOrganisation(db, insertProject(db, { title }).id, ministry.id, 'commissioning-ministry');
  }
  const count = (ministry: string[]) =>
    countProjects(projectFilterSql({ ...EMPTY_FILTER, ministry }, '2026-01-01'), db);
  expect(count(['bmuv'])).toBe(3);
  expect(count(['bmu'])).toBe(2);
  expect(count(['bmub'])).toBe(1);
  expect(count(['bmwk'])).toBe(1);
  expect(count(['bmwk', 'bmub'])).toBe(2);
});

test('years select projects whose published period overlaps them; unknown dates never match', () => {
  const db = createTestDb();
  insertProject(db, { slug: 'a', startsOn: '2010-01-01', endsOn: '2014-12-31' });
  insertProject(db, { slug: 'b', startsOn: '2015-03-01', endsOn: '2020-09-30' });
  insertProject(db, { slug: 'c', startsOn: null, endsOn: null });
  insertProject(db, { slug: 'd', startsOn: '2019-01-01', endsOn: null });
  const slugs = (from?: number, to?: number) =>
    db
      .select({ slug: projects.slug })
      .from(projects)
      .where(projectFilterSql({ ...EMPTY_FILTER, from, to }, '2026-01-01') ?? sql`1`)
      .all()
      .map((r) => r.slug)
      .sort();
  expect(slugs(2014, 2015)).toEqual(['a', 'b']);
  expect(slugs(2016, 2016)).toEqual(['b']);
  expect(slugs(undefined, 2012)).toEqual(['a']);
  expect(slugs(2021)).toEqual([]);
});

test('overdue=1 keeps only projects with an open milestone past its due period', () => {
  const db = createTestDb();
  const late = insertProject(db, { slug: 'late' });
  const fine = insertProject(db, { slug: 'fine' });
  const unreported = insertProject(db, { slug: 'unreported' });
  db.insert(milestones)
    .values([
      {
        projectId: late.id,
        title: 'a',
        kind: 'deliverable',
        status: 'in-progress',
        plannedDate: '2025',
        plannedPrecision: 'year',
      },
      {
        projectId: fine.id,
        title: 'b',
        kind: 'deliverable',
        status: 'achieved',
        plannedDate: '2024',
        plannedPrecision: 'year',
        actualDate: '2024-05',
        actualPrecision: 'month',
      },
      {
        projectId: unreported.id,
        title: 'c',
        kind: 'deliverable',
        status: 'not-reported',
        plannedDate: '2020',
        plannedPrecision: 'year',
      },
    ])
    .run();
  const slugs = (today: string) =>
    db
      .select({ slug: projects.slug })
      .from(projects)
      .where(projectFilterSql({ ...EMPTY_FILTER, overdue: '1' }, today) ?? sql`1`)
      .all()
      .map((r) => r.slug);
  expect(slugs('2025-12-31')).toEqual([]);
  expect(slugs('2026-01-01')).toEqual(['late']);
});
