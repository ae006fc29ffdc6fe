import { expect, test } from 'vitest';

import {
  createTestDb,
  insertIndicator,
  insertIndicatorPeriod,
  insertProject,
} from '../../../db/test-factories';
import { standardIndicators } from '../../../db/schema';
import { getIndicator, listIndicatorsOfProjects, listProjectIndicators } from './indicators.server';

const db = createTestDb();

test('a project lists its indicators in order with their periods in time order and progress', () => {
  const project = insertProject(db);
  const second = insertIndicator(db, project.id, { title: 'Hectares', unit: 'ha', position: 2 });
  const first = insertIndicator(db, project.id, {
    title: 'People trained',
    position: 1,
    baselineValue: 0,
  });
  insertIndicatorPeriod(db, first.id, {
    periodStart: '2025-01-01',
    periodEnd: '2025-12-31',
    targetValue: 200,
    actualValue: 100,
  });
  insertIndicatorPeriod(db, first.id, {
    periodStart: '2024-01-01',
    periodEnd: '2024-12-31',
    targetValue: 100,
  });
  const views = listProjectIndicators(project.id, db);
  expect(views.map((v) => v.indicator.title)).toEqual(['People trained', 'Hectares']);
  expect(views[0]!.periods.map((p) => p.period.periodStart)).toEqual(['2024-01-01', '2025-01-01']);
  expect(views[0]!.periods[0]!.progress).toEqual({ ok: false, reason: 'no-actual' });
  expect(views[0]!.latest?.progress).toMatchObject({ ok: true, share: 0.5 });
  expect(views[1]!.periods).toEqual([]);
  expect(getIndicator(second.id, db)?.indicator.unit).toBe('ha');
  expect(getIndicator(999_999, db)).toBeUndefined();
});

test('indicators of many projects come back grouped by project, with their standard indicator', () => {
  const si = db
    .insert(standardIndicators)
    .values({ code: 'T 1', title: 'Test standard', unit: 'people', isAdditive: true })
    .returning()
    .get();
  const a = insertProject(db);
  const b = insertProject(db);
  const empty = insertProject(db);
  insertIndicator(db, a.id, { standardIndicatorId: si.id });
  insertIndicator(db, b.id);
  const byProject = listIndicatorsOfProjects([a.id, b.id, empty.id], db);
  expect(byProject.get(a.id)?.[0]!.standard?.code).toBe('T 1');
  expect(byProject.get(b.id)?.[0]!.standard).toBeNull();
  expect(byProject.has(empty.id)).toBe(false);
});

test('the summary takes the latest period with an actual and a target; a later actual without a target does not hide it', () => {
  const project = insertProject(db);
  const indicator = insertIndicator(db, project.id, { baselineValue: 0 });
  insertIndicatorPeriod(db, indicator.id, {
    periodStart: '2024-01-01',
    periodEnd: '2024-12-31',
    targetValue: 100,
    actualValue: 40,
  });
  // A reporting round's period: an actual, no target.
  insertIndicatorPeriod(db, indicator.id, {
    periodStart: '2026-01-01',
    periodEnd: '2026-12-31',
    actualValue: 70,
  });
  const [view] = listProjectIndicators(project.id, db);
  expect(view!.latest).toMatchObject({
    period: { periodStart: '2024-01-01' },
    progress: { ok: true, share: 0.4 },
  });
  // With no period that has both, the latest actual says why there is no share.
  const alone = insertIndicator(db, project.id, { baselineValue: 0 });
  insertIndicatorPeriod(db, alone.id, {
    periodStart: '2026-01-01',
    periodEnd: '2026-12-31',
    actualValue: 5,
  });
  const views = listProjectIndicators(project.id, db);
  expect(views.find((v) => v.indicator.id === alone.id)!.latest?.progress).toEqual({
    ok: false,
    reason: 'no-target',
  });
});
