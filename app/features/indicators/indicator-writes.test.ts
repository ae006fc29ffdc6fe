import { eq } from 'drizzle-orm';
import { expect, test } from 'vitest';

import { auditLog, indicatorPeriods, indicators, sources } from '../../../db/schema';
import {
  createTestDb,
  insertIndicator,
  insertIndicatorPeriod,
  insertProject,
} from '../../../db/test-factories';
import {
  type IndicatorValues,
  type PeriodValues,
  createIndicator,
  createIndicatorPeriod,
  deleteIndicator,
  deleteIndicatorPeriod,
  getIndicatorForEdit,
  getPeriodForEdit,
  listPeriodSpans,
  setIndicatorActual,
  updateIndicator,
  updateIndicatorPeriod,
  upsertIndicatorActual,
} from './indicator-writes.server';
import {
  createStandardIndicator,
  listLinkedUnits,
  listStandardCodes,
  updateStandardIndicator,
} from './standard-indicator-writes.server';
import { getIndicator } from './indicators.server';
import { applyIndicatorActual } from './indicator-actuals.server';

const db = createTestDb();
const who = (minute: number, sourceUrl: string | null = null) => ({
  at: `2026-06-15T10:${String(minute).padStart(2, '0')}:00.000Z`,
  actor: { id: null, name: 'Test editor' },
  sourceUrl,
});

const indicatorValues = (overrides: Partial<IndicatorValues> = {}): IndicatorValues => ({
  title: 'People trained',
  titleZh: '培训人数',
  titleDe: null,
  description: null,
  unit: 'people',
  measure: 'unit',
  isAscending: true,
  standardIndicatorId: null,
  disaggregation: 'sex',
  resultType: 'output',
  resultTitle: 'Capacity built',
  baselineValue: 0,
  baselineYear: 2023,
  baselineDate: null,
  baselineComment: null,
  position: 1,
  ...overrides,
});

const periodValues = (overrides: Partial<PeriodValues> = {}): PeriodValues => ({
  periodStart: '2025',
  periodStartPrecision: 'year',
  periodEnd: '2025',
  periodEndPrecision: 'year',
  targetValue: 200,
  targetComment: null,
  targetDimensions: { female: 100, male: 100 },
  actualValue: null,
  actualComment: null,
  actualDimensions: null,
  evidenceUrl: null,
  reportedBy: null,
  ...overrides,
});

const entriesOf = (entity: string, entityId: number) =>
  db
    .select()
    .from(auditLog)
    .all()
    .filter((e) => e.entity === entity && e.entityId === entityId);

test('an indicator is created, edited on its version and deleted with its periods, each audited', () => {
  const project = insertProject(db);
  const { id } = createIndicator(project.id, indicatorValues(), who(1), db);
  const created = getIndicatorForEdit(project.id, id, db)!;
  expect(created).toMatchObject({ title: 'People trained', version: 1, disaggregation: 'sex' });
  expect(getIndicatorForEdit(project.id + 1, id, db)).toBeUndefined();
  const [createEntry] = entriesOf('indicator', id);
  expect(createEntry).toMatchObject({ action: 'create', projectId: project.id });
  expect(createEntry!.changes).toMatchObject({ title: { from: null, to: 'People trained' } });

  const saved = updateIndicator(id, 1, indicatorValues({ baselineValue: 12 }), who(2), db);
  expect(saved).toEqual({ ok: true, id, version: 2, changed: true });
  expect(entriesOf('indicator', id).at(-1)!.changes).toEqual({
    baselineValue: { from: 0, to: 12 },
  });
  // The same version again: someone saved meanwhile. Nothing is written.
  const stale = updateIndicator(id, 1, indicatorValues({ title: 'Lost' }), who(3), db);
  expect(stale.ok).toBe(false);
  if (!stale.ok && stale.reason === 'stale') expect(stale.current.baselineValue).toBe(12);
  expect(getIndicatorForEdit(project.id, id, db)!.title).toBe('People trained');

  insertIndicatorPeriod(db, id);
  expect(deleteIndicator(id, 1, who(4), db)).toMatchObject({ ok: false, reason: 'stale' });
  expect(deleteIndicator(id, 2, who(4), db)).toMatchObject({ ok: true });
  expect(db.select().from(indicators).where(eq(indicators.id, id)).all()).toEqual([]);
  expect(
    db.select().from(indicatorPeriods).where(eq(indicatorPeriods.indicatorId, id)).all(),
  ).toEqual([]);
  const deleted = entriesOf('indicator', id).at(-1)!;
  expect(deleted).toMatchObject({ action: 'delete', label: 'People trained' });
  expect(deleted.changes).toMatchObject({
    periods: { from: 1, to: 0 },
    baselineValue: { from: 12, to: null },
  });
});

test('a period is created, edited on its version and deleted, audited on the indicator’s project', () => {
  const project = insertProject(db);
  const indicator = insertIndicator(db, project.id, { title: 'Hectares restored', unit: 'ha' });
  const { id } = createIndicatorPeriod(indicator.id, periodValues(), who(5), db);
  const entry = entriesOf('indicator-period', id)[0]!;
  expect(entry).toMatchObject({
    action: 'create',
    projectId: project.id,
    label: 'Hectares restored · 2025 – 2025',
  });
  expect(entry.changes).toMatchObject({
    targetDimensions: { from: null, to: { female: 100, male: 100 } },
  });
  expect(getPeriodForEdit(indicator.id + 1, id, db)).toBeUndefined();

  const saved = updateIndicatorPeriod(
    id,
    1,
    periodValues({ actualValue: 150, reportedBy: 'GIZ' }),
    who(6),
    db,
  );
  expect(saved).toMatchObject({ ok: true, version: 2 });
  expect(entriesOf('indicator-period', id).at(-1)!.changes).toEqual({
    actualValue: { from: null, to: 150 },
    reportedBy: { from: null, to: 'GIZ' },
  });
  // The project page's read sees the actual and its progress by the stated rule.
  const view = getIndicator(indicator.id, db)!;
  expect(view.periods[0]!.progress).toMatchObject({ ok: true, share: 0.75 });
  expect(updateIndicatorPeriod(id, 1, periodValues(), who(7), db)).toMatchObject({
    ok: false,
    reason: 'stale',
  });
  expect(listPeriodSpans(indicator.id, null, db)).toEqual([
    { id, start: '2025-01-01', end: '2025-12-31' },
  ]);
  expect(listPeriodSpans(indicator.id, id, db)).toEqual([]);
  expect(deleteIndicatorPeriod(id, 2, who(8), db)).toMatchObject({ ok: true });
  expect(getPeriodForEdit(indicator.id, id, db)).toBeUndefined();
  expect(entriesOf('indicator-period', id).at(-1)).toMatchObject({ action: 'delete' });
});

test('a reported actual fills the period covering the same days, or creates it, with its audit entry', () => {
  const project = insertProject(db);
  const indicator = insertIndicator(db, project.id);
  // Stored as the year: the round's 2025-01-01 … 2025-12-31 is the same period.
  const period = insertIndicatorPeriod(db, indicator.id, {
    periodStart: '2025',
    periodStartPrecision: 'year',
    periodEnd: '2025',
    periodEndPrecision: 'year',
    targetValue: 100,
  });
  const round = {
    periodStart: { value: '2025-01-01', precision: 'day' as const },
    periodEnd: { value: '2025-12-31', precision: 'day' as const },
  };
  const updated = db.transaction((tx) =>
    upsertIndicatorActual(tx, who(9), {
      indicatorId: indicator.id,
      ...round,
      actualValue: 40,
      actualComment: 'Two trainings',
      actualDimensions: { female: 25, male: 15 },
      reportedBy: 'Implementer',
    }),
  );
  expect(updated).toEqual({ periodId: period.id, created: false });
  const row = getPeriodForEdit(indicator.id, period.id, db)!;
  expect(row).toMatchObject({
    actualValue: 40,
    targetValue: 100,
    version: 2,
    reportedBy: 'Implementer',
  });
  expect(entriesOf('indicator-period', period.id).at(-1)).toMatchObject({
    action: 'update',
    projectId: project.id,
  });

  const created = setIndicatorActual(
    who(10),
    {
      indicatorId: indicator.id,
      periodStart: { value: '2026-01', precision: 'month' },
      periodEnd: { value: '2026-06', precision: 'month' },
      actualValue: null,
      actualComment: 'Nothing yet',
      actualDimensions: null,
      reportedBy: null,
    },
    db,
  );
  expect(created.created).toBe(true);
  expect(getPeriodForEdit(indicator.id, created.periodId, db)).toMatchObject({
    periodStart: '2026-01',
    periodStartPrecision: 'month',
    actualComment: 'Nothing yet',
    targetValue: null,
  });
  expect(entriesOf('indicator-period', created.periodId)[0]).toMatchObject({ action: 'create' });
  expect(() =>
    setIndicatorActual(
      who(11),
      {
        ...round,
        indicatorId: 999_999,
        actualValue: 1,
        actualComment: null,
        actualDimensions: null,
        reportedBy: null,
      },
      db,
    ),
  ).toThrow();
});

test('standard indicators are created and edited with their source page, codes once, units of linked indicators known', () => {
  const { id } = createStandardIndicator(
    {
      code: 'HUB 1',
      title: 'Hectares under improved management',
      titleZh: null,
      titleDe: null,
      definition: null,
      unit: 'ha',
      isAdditive: true,
      position: 9,
    },
    'https://example.org/standard',
    who(12),
    db,
  );
  expect(listStandardCodes(null, db)).toContain('HUB 1');
  expect(listStandardCodes(id, db)).not.toContain('HUB 1');
  const source = db
    .select()
    .from(sources)
    .where(eq(sources.url, 'https://example.org/standard'))
    .get();
  expect(source).toBeDefined();
  const project = insertProject(db);
  insertIndicator(db, project.id, { unit: 'ha', standardIndicatorId: id });
  insertIndicator(db, project.id, { unit: null, standardIndicatorId: id });
  expect(listLinkedUnits(id, db)).toEqual(['ha']);
  const saved = updateStandardIndicator(
    id,
    1,
    {
      code: 'HUB 1',
      title: 'Hectares under improved management',
      titleZh: '改善管理的公顷数',
      titleDe: null,
      definition: null,
      unit: 'ha',
      isAdditive: true,
      position: 9,
    },
    null,
    who(13),
    db,
  );
  expect(saved).toMatchObject({ ok: true, version: 2 });
  expect(entriesOf('standard-indicator', id).at(-1)!.changes).toEqual({
    titleZh: { from: null, to: '改善管理的公顷数' },
    sourceUrl: { from: 'https://example.org/standard', to: null },
  });
});

test('a report’s actual lands in the period an editor entered as a year, and a comment alone keeps its value', () => {
  const project = insertProject(db);
  const indicator = insertIndicator(db, project.id, { title: 'Trainees' });
  const period = insertIndicatorPeriod(db, indicator.id, {
    periodStart: '2027',
    periodStartPrecision: 'year',
    periodEnd: '2027',
    periodEndPrecision: 'year',
    targetValue: 50,
    actualValue: 12,
  });
  const round = { periodStart: '2027-01-01', periodEnd: '2027-12-31' };
  const report = { projectId: project.id, indicatorId: indicator.id, ...round, reportedBy: 'R' };
  const applied = db.transaction((tx) =>
    applyIndicatorActual(tx, { ...report, actualValue: null, comment: 'Delayed' }, who(20)),
  );
  expect(applied).toEqual({ ok: true, action: 'update', periodId: period.id });
  expect(
    db.select().from(indicatorPeriods).where(eq(indicatorPeriods.indicatorId, indicator.id)).all(),
  ).toMatchObject([
    { id: period.id, actualValue: 12, actualComment: 'Delayed', targetValue: 50, version: 2 },
  ]);
  // Another project's indicator is refused, and nothing is written.
  const other = insertProject(db);
  expect(
    db.transaction((tx) =>
      applyIndicatorActual(tx, { ...report, projectId: other.id, actualValue: 3 }, who(21)),
    ),
  ).toEqual({ ok: false, reason: 'no-indicator' });
  expect(getPeriodForEdit(indicator.id, period.id, db)).toMatchObject({ actualValue: 12 });
});
