import { expect, test } from 'vitest';

import {
  type OrderableProject,
  orderTimelineRows,
  position,
  projectBar,
  timelineWindow,
} from './timeline';
import { parseTimelineParams } from './timeline-params';

const decade = (first: string, last: string, today = '2026-06-15') =>
  timelineWindow('decade', undefined, today, { first, last });

test('the whole-period window spans whole years from the first start to the last end, and today', () => {
  const w = decade('2013-03-01', '2020-12-31');
  expect([w.start, w.end]).toEqual(['2013-01-01', '2026-12-31']);
  expect(w.ticks.map((t) => t.date.slice(0, 4))).toEqual(
    Array.from({ length: 14 }, (_, i) => String(2013 + i)),
  );
  expect(position('2013-01-01', w)).toBe(0);
  // The day after the last day is 1: a window's last day still lies inside it.
  expect(position('2026-12-31', w)).toBeLessThan(1);
  expect(position('2027-01-01', w)).toBeCloseTo(1, 10);
});

test('zoomed windows: three years around a year by quarters, twelve months by months', () => {
  const year = timelineWindow('year', '2025', '2026-06-15', { first: null, last: null });
  expect([year.start, year.end, year.previous, year.next]).toEqual([
    '2024-01-01',
    '2026-12-31',
    '2024',
    '2026',
  ]);
  expect(year.ticks).toHaveLength(12);
  expect(year.ticks.filter((t) => t.label).map((t) => t.label!.value)).toEqual([
    '2024',
    '2025',
    '2026',
  ]);
  const month = timelineWindow('month', '2025-11', '2026-06-15', { first: null, last: null });
  expect([month.start, month.end, month.previous, month.next]).toEqual([
    '2025-11-01',
    '2026-10-31',
    '2025-05',
    '2026-05',
  ]);
  expect(month.ticks.map((t) => t.label!.value)).toHaveLength(12);
  // Without `at`, the month window starts three months before today's month.
  expect(timelineWindow('month', undefined, '2026-02-10', { first: null, last: null }).start).toBe(
    '2025-11-01',
  );
});

test('a start known to the year fades in across that whole year; a month start does not fade', () => {
  const w = decade('2020-01-01', '2029-12-31');
  const yearStart = projectBar(
    { startDate: '2021', startPrecision: 'year', endDate: '2024-06', endPrecision: 'month' },
    w,
  )!;
  // The bar runs 2021-01-01 … 2024-06-30; its first year is 365 of those 1277 days.
  expect(yearStart.left).toBeCloseTo(position('2021-01-01', w), 10);
  expect(yearStart.fadeIn).toBeCloseTo(365 / 1277, 6);
  expect(yearStart.fadeOut).toBe(0);
  const monthStart = projectBar(
    { startDate: '2021-03', startPrecision: 'month', endDate: '2024', endPrecision: 'year' },
    w,
  )!;
  expect(monthStart.fadeIn).toBe(0);
  expect(monthStart.fadeOut).toBeGreaterThan(0);
  expect(monthStart.left + monthStart.width).toBeCloseTo(position('2025-01-01', w), 10);
});

test('bars are clipped to the window, say where they go on, and vanish only without dates', () => {
  const w = timelineWindow('year', '2025', '2026-06-15', { first: null, last: null });
  const long = projectBar(
    { startDate: '2020-05', startPrecision: 'month', endDate: '2030', endPrecision: 'year' },
    w,
  )!;
  expect(long).toMatchObject({
    left: 0,
    continuesBefore: true,
    continuesAfter: true,
    outside: null,
  });
  expect(long.width).toBeCloseTo(1, 10);
  const past = projectBar(
    { startDate: '2015', startPrecision: 'year', endDate: '2018', endPrecision: 'year' },
    w,
  )!;
  expect(past.outside).toBe('before');
  const openEnd = projectBar(
    { startDate: '2025-02', startPrecision: 'month', endDate: null, endPrecision: null },
    w,
  )!;
  expect(openEnd).toMatchObject({ openEnd: true, openStart: false });
  expect(
    projectBar({ startDate: null, startPrecision: null, endDate: null, endPrecision: null }, w),
  ).toBeNull();
});

test('phases of one programme stay together in phase order; undated projects are left out', () => {
  const p = (
    id: number,
    startsOn: string | null,
    predecessorId: number | null = null,
  ): OrderableProject => ({
    id,
    title: `P${id}`,
    startsOn,
    endsOn: startsOn,
    predecessorId,
  });
  // Phase II (id 2) starts after project 4, but follows phase I (id 1) all the same.
  const projects = [
    p(3, '2019-01-01', 2),
    p(4, '2014-01-01'),
    p(1, '2013-01-01'),
    p(2, '2017-01-01', 1),
    p(5, null),
  ];
  const rows = orderTimelineRows(
    projects.map((x) => ({ key: 'bilateral', projectId: x.id })),
    projects,
    () => 0,
  );
  expect(rows.map((r) => r.projectId)).toEqual([1, 2, 3, 4]);
});

test('bad timeline parameters are ignored and named; "at" must suit the zoom', () => {
  const parse = (q: string) => parseTimelineParams(new URLSearchParams(q));
  expect(parse('')).toEqual({ group: 'type', zoom: 'decade', at: undefined, page: 1, ignored: [] });
  expect(parse('group=colour&zoom=week&page=-2').ignored.sort()).toEqual(['group', 'page', 'zoom']);
  expect(parse('zoom=year&at=2025-03')).toMatchObject({ at: undefined, ignored: ['at'] });
  expect(parse('zoom=month&at=2025')).toMatchObject({ at: '2025-01', ignored: [] });
  expect(parse('zoom=month&at=2025-02-30')).toMatchObject({ at: undefined, ignored: ['at'] });
  expect(parse('at=2025')).toMatchObject({ at: undefined, ignored: ['at'] });
});
