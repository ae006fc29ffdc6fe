import { eq } from 'drizzle-orm';
import { expect, test } from 'vitest';

import { projects, standardIndicators } from '../../../db/schema';
import {
  createTestDb,
  insertIndicator,
  insertIndicatorPeriod,
  insertProject,
} from '../../../db/test-factories';
import { largestContributions, listStandardTotals } from './standard-totals.server';

type Db = ReturnType<typeof createTestDb>;

let code = 0;
function insertStandard(db: Db, overrides: Partial<typeof standardIndicators.$inferInsert> = {}) {
  code += 1;
  return db
    .insert(standardIndicators)
    .values({
      code: `T ${code}`,
      title: `Standard ${code}`,
      unit: 'ha',
      isAdditive: true,
      ...overrides,
    })
    .returning()
    .get();
}

/** Two yearly actuals (and a target-only period that must count as nothing). */
function reported(db: Db, indicatorId: number, first: number, second: number) {
  insertIndicatorPeriod(db, indicatorId, {
    periodStart: '2024-01-01',
    periodEnd: '2024-12-31',
    actualValue: first,
  });
  insertIndicatorPeriod(db, indicatorId, {
    periodStart: '2025-01-01',
    periodEnd: '2025-12-31',
    actualValue: second,
  });
  insertIndicatorPeriod(db, indicatorId, {
    periodStart: '2026-01-01',
    periodEnd: '2026-12-31',
    targetValue: 999,
  });
}

const totalOf = (db: Db, id: number) =>
  listStandardTotals(undefined, db).find((s) => s.standard.id === id)!;

test('an additive standard with one unit totals each project’s actuals over its periods', () => {
  const db = createTestDb();
  const si = insertStandard(db);
  const a = insertProject(db);
  const b = insertProject(db);
  const silent = insertProject(db);
  reported(db, insertIndicator(db, a.id, { unit: 'ha', standardIndicatorId: si.id }).id, 10, 15);
  reported(db, insertIndicator(db, b.id, { unit: 'ha', standardIndicatorId: si.id }).id, 1.5, 2);
  insertIndicatorPeriod(
    db,
    insertIndicator(db, silent.id, { unit: 'ha', standardIndicatorId: si.id }).id,
    {
      targetValue: 50,
    },
  );
  const total = totalOf(db, si.id);
  expect(total.reason).toBeNull();
  expect(total.total).toBe(28.5);
  expect(total.linkedProjects).toBe(3);
  expect(total.reportingProjects).toBe(2);
  const silentRow = total.contributions.find((c) => c.projectId === silent.id)!;
  expect(silentRow.value).toBeNull();
  expect(total.contributions.find((c) => c.projectId === a.id)!.value).toBe(25);
});

test('a non-additive standard is never totalled, only listed per project', () => {
  const db = createTestDb();
  const si = insertStandard(db, { isAdditive: false });
  reported(
    db,
    insertIndicator(db, insertProject(db).id, { unit: 'ha', standardIndicatorId: si.id }).id,
    1,
    2,
  );
  reported(
    db,
    insertIndicator(db, insertProject(db).id, { unit: 'ha', standardIndicatorId: si.id }).id,
    3,
    4,
  );
  const total = totalOf(db, si.id);
  expect(total.total).toBeNull();
  expect(total.reason).toBe('not-additive');
  expect(total.contributions.map((c) => c.value)).toEqual([3, 7]);
});

test('mixed units are never totalled, not even the ones in the standard’s unit', () => {
  const db = createTestDb();
  const si = insertStandard(db, { unit: 'ha' });
  reported(
    db,
    insertIndicator(db, insertProject(db).id, { unit: 'ha', standardIndicatorId: si.id }).id,
    1,
    2,
  );
  reported(
    db,
    insertIndicator(db, insertProject(db).id, { unit: 'km', standardIndicatorId: si.id }).id,
    3,
    4,
  );
  // A unit not stated is not the standard's unit either.
  const si2 = insertStandard(db, { unit: 'ha' });
  reported(
    db,
    insertIndicator(db, insertProject(db).id, { unit: null, standardIndicatorId: si2.id }).id,
    5,
    6,
  );
  expect(totalOf(db, si.id)).toMatchObject({ total: null, reason: 'unit-mismatch' });
  expect(totalOf(db, si2.id)).toMatchObject({ total: null, reason: 'unit-mismatch' });
});

test('percentages and qualitative indicators are never totalled, and a percentage is never summed over periods', () => {
  const db = createTestDb();
  const si = insertStandard(db, { unit: 'percent' });
  const pct = insertIndicator(db, insertProject(db).id, {
    unit: 'percent',
    measure: 'percentage',
    standardIndicatorId: si.id,
  });
  reported(db, pct.id, 30, 40);
  const si2 = insertStandard(db, { unit: 'count' });
  const qual = insertIndicator(db, insertProject(db).id, {
    unit: 'count',
    measure: 'qualitative',
    standardIndicatorId: si2.id,
  });
  insertIndicatorPeriod(db, qual.id, { actualValue: 1, actualComment: 'Strategy adopted' });
  const percentage = totalOf(db, si.id);
  expect(percentage).toMatchObject({ total: null, reason: 'not-quantity' });
  expect(percentage.contributions[0]).toMatchObject({ value: 40, valueKind: 'latest' });
  const qualitative = totalOf(db, si2.id);
  expect(qualitative).toMatchObject({ total: null, reason: 'not-quantity', reportingProjects: 1 });
  expect(qualitative.contributions[0]).toMatchObject({ value: null, valueKind: 'none' });
});

test('imported activities never count, even when the filter asks for them', () => {
  const db = createTestDb();
  const si = insertStandard(db);
  const hub = insertProject(db);
  const imported = insertProject(db, { origin: 'iati' });
  reported(db, insertIndicator(db, hub.id, { unit: 'ha', standardIndicatorId: si.id }).id, 1, 1);
  reported(
    db,
    insertIndicator(db, imported.id, { unit: 'ha', standardIndicatorId: si.id }).id,
    100,
    100,
  );
  expect(totalOf(db, si.id)).toMatchObject({ total: 2, linkedProjects: 1 });
  const onlyImported = listStandardTotals(eq(projects.origin, 'iati'), db).find(
    (s) => s.standard.id === si.id,
  )!;
  expect(onlyImported).toMatchObject({ total: null, reason: 'no-indicator', linkedProjects: 0 });
});

test('a standard without linked indicators is listed, with no total', () => {
  const db = createTestDb();
  const si = insertStandard(db);
  expect(totalOf(db, si.id)).toMatchObject({
    contributions: [],
    linkedProjects: 0,
    reportingProjects: 0,
    total: null,
    reason: 'no-indicator',
  });
});

test('an additive standard whose projects have reported nothing shows no total yet', () => {
  const db = createTestDb();
  const si = insertStandard(db);
  insertIndicatorPeriod(
    db,
    insertIndicator(db, insertProject(db).id, { unit: 'ha', standardIndicatorId: si.id }).id,
    {
      targetValue: 10,
    },
  );
  expect(totalOf(db, si.id)).toMatchObject({
    total: null,
    reason: 'none-reported',
    reportingProjects: 0,
  });
});

test('a page lists the largest contributions first, reported before unreported, the total and counts of all', () => {
  const db = createTestDb();
  const si = insertStandard(db);
  const values = [5, 40, 12, 40.5, 3];
  for (const v of values) {
    reported(
      db,
      insertIndicator(db, insertProject(db).id, { unit: 'ha', standardIndicatorId: si.id }).id,
      v,
      0,
    );
  }
  const silent = insertIndicator(db, insertProject(db).id, {
    unit: 'ha',
    standardIndicatorId: si.id,
  });
  insertIndicatorPeriod(db, silent.id, { targetValue: 10 });
  const all = totalOf(db, si.id);
  const shown = largestContributions(all, 3);
  expect(shown.contributions.map((c) => c.value)).toEqual([40.5, 40, 12]);
  expect(shown).toMatchObject({
    total: 100.5,
    contributionCount: 6,
    linkedProjects: 6,
    reportingProjects: 5,
  });
  expect(largestContributions(all, 6).contributions.at(-1)!.indicatorId).toBe(silent.id);
  expect(largestContributions(all, 10)).toBe(all);
});
