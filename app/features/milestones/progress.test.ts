import { expect, test } from 'vitest';

import {
  type MilestoneDates,
  isDueWithin,
  isOverdue,
  markerKind,
  overdueDays,
  projectCompletion,
  projectHealth,
  slippageDays,
} from './progress';

const m = (over: Partial<MilestoneDates>): MilestoneDates => ({
  status: 'planned',
  plannedDate: null,
  plannedPrecision: null,
  actualDate: null,
  actualPrecision: null,
  ...over,
});
const dueYear = (status: MilestoneDates['status'] = 'planned') =>
  m({ status, plannedDate: '2025', plannedPrecision: 'year' });

test('a milestone due "2025" is not overdue before 2026-01-01, and overdue from then', () => {
  expect(isOverdue(dueYear(), '2025-12-31')).toBe(false);
  expect(isOverdue(dueYear(), '2026-01-01')).toBe(true);
  expect(overdueDays(dueYear(), '2026-01-31')).toBe(31);
});

test('a month-precision due date counts the whole month; a revised date replaces the plan', () => {
  const monthly = m({ plannedDate: '2025-09', plannedPrecision: 'month' });
  expect(isOverdue(monthly, '2025-09-30')).toBe(false);
  expect(isOverdue(monthly, '2025-10-01')).toBe(true);
  const revised = { ...monthly, revisedDate: '2026-03', revisedPrecision: 'month' as const };
  expect(isOverdue(revised, '2025-10-01')).toBe(false);
});

test('achieved, cancelled and not-reported milestones are never overdue; no plan, no overdue', () => {
  for (const status of ['achieved', 'cancelled', 'not-reported'] as const) {
    expect(isOverdue(dueYear(status), '2030-01-01'), status).toBe(false);
  }
  expect(isOverdue(m({}), '2030-01-01')).toBe(false);
  expect(isOverdue(dueYear('delayed'), '2026-01-01')).toBe(true);
});

test('due within N days means the due period ends between today and then', () => {
  const due = m({ plannedDate: '2026-02-15', plannedPrecision: 'day' });
  expect(isDueWithin(due, '2025-11-17', 90)).toBe(true);
  expect(isDueWithin(due, '2025-11-16', 90)).toBe(false);
  expect(isDueWithin(due, '2026-02-16', 90)).toBe(false);
  expect(isDueWithin(dueYear('not-reported'), '2025-12-01', 90)).toBe(false);
});

test('slippage compares whole periods: late, early, or inside the planned period', () => {
  const planned = { plannedDate: '2025-06', plannedPrecision: 'month' as const };
  expect(slippageDays(m({ ...planned, actualDate: '2025-07-10', actualPrecision: 'day' }))).toBe(
    10,
  );
  expect(slippageDays(m({ ...planned, actualDate: '2025-05-30', actualPrecision: 'day' }))).toBe(
    -2,
  );
  expect(slippageDays(m({ ...planned, actualDate: '2025-06-20', actualPrecision: 'day' }))).toBe(0);
  expect(
    slippageDays(
      m({
        plannedDate: '2025',
        plannedPrecision: 'year',
        actualDate: '2025-06',
        actualPrecision: 'month',
      }),
    ),
  ).toBe(0);
  expect(slippageDays(m({ ...planned }))).toBeNull();
  expect(slippageDays(m({ actualDate: '2025-01', actualPrecision: 'month' }))).toBeNull();
});

test('completion averages the reported milestones; cancelled and not reported do not count', () => {
  expect(projectCompletion([])).toBeNull();
  expect(projectCompletion([m({ status: 'not-reported' })])).toBeNull();
  expect(
    projectCompletion([
      m({ status: 'achieved', progress: 0 }),
      m({ status: 'in-progress', progress: 50 }),
      m({ status: 'cancelled', progress: 0 }),
      m({ status: 'not-reported' }),
    ]),
  ).toBe(75);
});

test('health: unknown without reports, then on track, at risk, off track by the stated thresholds', () => {
  const today = '2026-06-15';
  expect(projectHealth([m({ status: 'not-reported' })], today)).toBe('unknown');
  expect(
    projectHealth([m({ status: 'planned', plannedDate: '2027', plannedPrecision: 'year' })], today),
  ).toBe('on-track');
  const overdueBy = (days: number) => {
    const due = new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000)
      .toISOString()
      .slice(0, 10);
    return m({ status: 'in-progress', plannedDate: due, plannedPrecision: 'day' });
  };
  expect(projectHealth([overdueBy(10)], today)).toBe('at-risk');
  expect(projectHealth([overdueBy(90)], today)).toBe('at-risk');
  expect(projectHealth([overdueBy(91)], today)).toBe('off-track');
  expect(projectHealth([overdueBy(5), overdueBy(6)], today)).toBe('off-track');
  expect(
    projectHealth([m({ status: 'delayed', plannedDate: '2027', plannedPrecision: 'year' })], today),
  ).toBe('at-risk');
  const slipped = m({
    status: 'achieved',
    plannedDate: '2025-01',
    plannedPrecision: 'month',
    actualDate: '2025-03-05',
    actualPrecision: 'day',
  });
  expect(projectHealth([slipped], today)).toBe('at-risk');
});

test('marker kinds follow the progress rules: overdue only once the whole due period has passed', () => {
  const m = (status: 'planned' | 'achieved' | 'not-reported' | 'cancelled' | 'delayed') => ({
    status,
    plannedDate: '2025',
    plannedPrecision: 'year' as const,
    actualDate: null,
    actualPrecision: null,
  });
  expect(markerKind(m('planned'), '2025-12-31')).toBe('open');
  expect(markerKind(m('planned'), '2026-01-01')).toBe('overdue');
  expect(markerKind(m('delayed'), '2026-01-01')).toBe('overdue');
  expect(markerKind(m('not-reported'), '2030-01-01')).toBe('not-reported');
  expect(markerKind(m('cancelled'), '2030-01-01')).toBe('cancelled');
  expect(markerKind(m('achieved'), '2030-01-01')).toBe('achieved');
});
