import { eq } from 'drizzle-orm';
import { expect, test } from 'vitest';

import {
  createTestDb,
  insertIndicator,
  insertIndicatorPeriod,
  insertProject,
} from '../../../db/test-factories';
import { projects, standardIndicators } from '../../../db/schema';
import { countFilteredIndicators, listFilteredIndicators } from './indicator-data.server';
import { indicatorJson, isPeriodReported } from './indicator-json';

const db = createTestDb();
const si = db
  .insert(standardIndicators)
  .values({ code: 'SI 4', title: 'SI 4 - Capacity People', unit: 'people', isAdditive: true })
  .returning()
  .get();
const zebra = insertProject(db, { title: 'Zebra project', origin: 'hub' });
const alpha = insertProject(db, { title: 'Alpha project', origin: 'hub' });
const imported = insertProject(db, { title: 'Imported activity', origin: 'iati' });
const trained = insertIndicator(db, zebra.id, {
  title: 'People trained',
  standardIndicatorId: si.id,
  baselineValue: 10,
});
insertIndicatorPeriod(db, trained.id, { targetValue: 110, actualValue: 60 });
insertIndicatorPeriod(db, trained.id, {
  periodStart: '2026-01-01',
  periodEnd: '2026-12-31',
  targetValue: 210,
});
const hectares = insertIndicator(db, alpha.id, { title: 'Hectares restored', unit: 'ha' });
insertIndicator(db, imported.id, { title: 'Imported indicator' });

const all = { where: undefined };

test('the selection lists the portfolio’s indicators by project title, each with its project', () => {
  const rows = listFilteredIndicators(all, { limit: 10, offset: 0 }, db);
  expect(rows.map((r) => [r.project.slug, r.indicator.title])).toEqual([
    [alpha.slug, 'Hectares restored'],
    [zebra.slug, 'People trained'],
  ]);
  expect(countFilteredIndicators(all, db)).toBe(2);
  expect(listFilteredIndicators(all, { limit: 1, offset: 1 }, db)[0]!.indicator.id).toBe(
    trained.id,
  );
  expect(listFilteredIndicators(all, { limit: 10, offset: 5 }, db)).toEqual([]);
});

test('standard and unit narrow the selection; an unknown code selects nothing', () => {
  const bySi = listFilteredIndicators({ ...all, standard: 'SI 4' }, { limit: 10, offset: 0 }, db);
  expect(bySi.map((r) => r.indicator.id)).toEqual([trained.id]);
  expect(countFilteredIndicators({ ...all, unit: 'ha' }, db)).toBe(1);
  expect(countFilteredIndicators({ ...all, standard: 'SI 9' }, db)).toBe(0);
  expect(countFilteredIndicators({ where: eq(projects.origin, 'iati'), unit: 'people' }, db)).toBe(
    1,
  );
});

test('the JSON of an indicator keeps "not reported" as null and states progress or its reason', () => {
  const [row] = listFilteredIndicators({ ...all, standard: 'SI 4' }, { limit: 1, offset: 0 }, db);
  const json = indicatorJson(row!);
  expect(json.standardIndicator).toMatchObject({ code: 'SI 4', unit: 'people', isAdditive: true });
  expect(json.baseline.value).toBe(10);
  expect(json.periods.map((p) => [p.start, p.target, p.actual, p.isReported])).toEqual([
    ['2025-01-01', 110, 60, true],
    ['2026-01-01', 210, null, false],
  ]);
  // (60 − 10) / (110 − 10)
  expect(json.periods[0]!.progress).toEqual({
    share: 0.5,
    raw: 0.5,
    baselineAssumed: false,
    reason: null,
  });
  expect(json.periods[1]!.progress).toMatchObject({ share: null, reason: 'no-actual' });
  expect(json.latest).toMatchObject({ start: '2025-01-01', progress: { share: 0.5 } });
  const [ha] = listFilteredIndicators({ ...all, unit: 'ha' }, { limit: 1, offset: 0 }, db);
  expect(indicatorJson(ha!)).toMatchObject({ id: hectares.id, periods: [], latest: null });
});

test('a qualitative period counts as reported by its comment, a quantitative one only by a number', () => {
  const none = { actualValue: null, actualComment: null };
  const said = { actualValue: null, actualComment: 'Adopted by the province' };
  expect(isPeriodReported('qualitative', said)).toBe(true);
  expect(isPeriodReported('qualitative', { ...said, actualComment: '  ' })).toBe(false);
  expect(isPeriodReported('qualitative', none)).toBe(false);
  expect(isPeriodReported('unit', said)).toBe(false);
  expect(isPeriodReported('percentage', { actualValue: 0, actualComment: null })).toBe(true);
});
