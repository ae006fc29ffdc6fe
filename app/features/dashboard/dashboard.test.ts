import { sql } from 'drizzle-orm';
import { expect, test } from 'vitest';

import {
  milestones,
  projectFundingAreas,
  projectLocations,
  projects,
  provinces,
} from '../../../db/schema';
import {
  createTestDb,
  insertFundingAreas,
  insertMinistryLine,
  insertProject,
  linkOrganisation,
} from '../../../db/test-factories';
import { getDashboard } from './dashboard.server';
import { invalidateQueryCache } from '../../../db/query-cache.server';

const TODAY = '2026-06-15';

function fixture() {
  const db = createTestDb();
  const { bmuv, bmu } = insertMinistryLine(db);
  const a = insertProject(db, {
    type: 'bilateral',
    ikiFundingEur: 100,
    startDate: '2020',
    startPrecision: 'year',
    startsOn: '2020-01-01',
    endDate: '2022-06',
    endPrecision: 'month',
    endsOn: '2022-06-30',
  });
  const b = insertProject(db, {
    type: 'bilateral',
    startDate: '2025-01',
    startPrecision: 'month',
    startsOn: '2025-01-01',
    endDate: '2027',
    endPrecision: 'year',
    endsOn: '2027-12-31',
  });
  const c = insertProject(db, { type: 'regional', ikiFundingEur: 50 });
  linkOrganisation(db, a.id, bmu.id, 'commissioning-ministry');
  linkOrganisation(db, b.id, bmuv.id, 'commissioning-ministry');
  // A political partner is not a commissioning ministry.
  linkOrganisation(db, c.id, bmuv.id, 'political-partner');
  const [mitigation, adaptation] = insertFundingAreas(db);
  db.insert(projectFundingAreas)
    .values([
      { projectId: a.id, fundingAreaId: mitigation!.id },
      { projectId: a.id, fundingAreaId: adaptation!.id },
      { projectId: b.id, fundingAreaId: mitigation!.id },
    ])
    .run();
  db.insert(provinces)
    .values({
      code: 'CN-AH',
      adcode: '340000',
      nameEn: 'Anhui',
      nameZh: '安徽',
      labelLat: 31.8,
      labelLon: 117.2,
    })
    .run();
  db.insert(projectLocations)
    .values({ projectId: a.id, kind: 'province', provinceCode: 'CN-AH' })
    .run();
  const m = (projectId: number, over: Partial<typeof milestones.$inferInsert>) =>
    db
      .insert(milestones)
      .values({ projectId, title: 'm', kind: 'deliverable', ...over })
      .run();
  m(a.id, {
    status: 'achieved',
    plannedDate: '2021',
    plannedPrecision: 'year',
    actualDate: '2022-03',
    actualPrecision: 'month',
  });
  m(a.id, { status: 'planned', plannedDate: '2025-01', plannedPrecision: 'month' });
  m(b.id, { status: 'planned', plannedDate: '2026-07', plannedPrecision: 'month' });
  m(b.id, { status: 'not-reported' });
  return { db, a, b, c };
}

const pairs = (rows: { key: string; value: number }[]) => rows.map((r) => [r.key, r.value]);

test('known funding is summed per type, with the projects that publish none counted apart', () => {
  const { db } = fixture();
  const { kpis } = getDashboard(undefined, TODAY, 'folded', db);
  expect(kpis.funding.sort((x, y) => x.type.localeCompare(y.type))).toEqual([
    { type: 'bilateral', projects: 2, withFunding: 1, knownEur: 100 },
    { type: 'regional', projects: 1, withFunding: 1, knownEur: 50 },
  ]);
  expect(kpis).toMatchObject({ projects: 3, active: 1, provincesReached: 1 });
  expect(kpis.milestones).toEqual({ achieved: 1, overdue: 1, dueSoon: 1, notReported: 1 });
});

test('overlapping charts count a project under each of its funding areas and ministries', () => {
  const { db } = fixture();
  const folded = getDashboard(undefined, TODAY, 'folded', db).charts;
  expect(pairs(folded.byFundingArea)).toEqual([
    ['mitigation', 2],
    ['adaptation', 1],
  ]);
  // BMU's project counts for BMUV once folded; as stated, each name keeps its own.
  expect(pairs(folded.byMinistry)).toEqual([['bmuv', 2]]);
  const stated = getDashboard(undefined, TODAY, 'stated', db).charts;
  expect(pairs(stated.byMinistry).sort()).toEqual([
    ['bmu', 1],
    ['bmuv', 1],
  ]);
  expect(pairs(folded.byType)).toEqual([
    ['bilateral', 2],
    ['regional', 1],
  ]);
});

test('years count the projects whose published period overlaps them; milestones per year', () => {
  const { db } = fixture();
  const { charts } = getDashboard(undefined, TODAY, 'folded', db);
  expect(pairs(charts.runningPerYear)).toEqual([
    ['2020', 1],
    ['2021', 1],
    ['2022', 1],
    ['2023', 0],
    ['2024', 0],
    ['2025', 1],
    ['2026', 1],
    ['2027', 1],
  ]);
  expect(charts.achievedOverTime.map((r) => [r.key, r.value, r.second])).toEqual([
    ['2021', 0, 1],
    ['2022', 1, 0],
    ['2025', 0, 1],
    ['2026', 0, 1],
  ]);
  expect(pairs(charts.milestoneStatus)).toEqual([
    ['planned', 2],
    ['achieved', 1],
    ['not-reported', 1],
  ]);
  expect(pairs(charts.topProvinces)).toEqual([['CN-AH', 1]]);
});

test('a filter narrows every number, and a write through the app refreshes them', () => {
  const { db, c } = fixture();
  const where = (type: 'regional') => sql`${projects.type} = ${type}`;
  const regional = getDashboard(where('regional'), TODAY, 'folded', db);
  expect(regional.kpis.projects).toBe(1);
  expect(regional.charts.byFundingArea).toEqual([]);
  expect(regional.kpis.milestones.achieved).toBe(0);
  db.insert(milestones)
    .values({
      projectId: c.id,
      title: 'x',
      kind: 'deliverable',
      status: 'achieved',
      actualDate: '2026-01-01',
      actualPrecision: 'day',
    })
    .run();
  invalidateQueryCache(db);
  expect(getDashboard(where('regional'), TODAY, 'folded', db).kpis.milestones.achieved).toBe(1);
});
