import { describe, expect, test } from 'vitest';

import { deriveStatus, parsePartialDate, periodEnd, periodStart, resolveStatus } from './dates';

const year = (value: string) => parsePartialDate(value)!;

describe('partial dates', () => {
  test('a date keeps the precision it is written with', () => {
    expect(parsePartialDate('2020')).toEqual({ value: '2020', precision: 'year' });
    expect(parsePartialDate('2020-11')).toEqual({ value: '2020-11', precision: 'month' });
    expect(parsePartialDate('2024-02-29')).toEqual({ value: '2024-02-29', precision: 'day' });
  });

  test('impossible or malformed dates are rejected', () => {
    for (const bad of ['2020-13', '2023-02-29', '2020-00', '20', '2020-1', '2020/11', '', 'soon']) {
      expect(parsePartialDate(bad), bad).toBeNull();
    }
  });

  test('a period runs from its first to its last day', () => {
    expect(periodStart(year('2025'))).toBe('2025-01-01');
    expect(periodEnd(year('2025'))).toBe('2025-12-31');
    expect(periodEnd(year('2024-02'))).toBe('2024-02-29');
    expect(periodEnd(year('2025-02'))).toBe('2025-02-28');
    expect(periodEnd(year('2025-09-15'))).toBe('2025-09-15');
  });
});

describe('status from dates', () => {
  test('a project ending "2025" is ongoing through 31 December 2025 and completed from 2026', () => {
    expect(deriveStatus(year('2020'), year('2025'), '2025-12-31')).toBe('ongoing');
    expect(deriveStatus(year('2020'), year('2025'), '2026-01-01')).toBe('completed');
  });

  test('a month-precision end counts the whole month', () => {
    expect(deriveStatus(year('2020-11'), year('2025-09'), '2025-09-30')).toBe('ongoing');
    expect(deriveStatus(year('2020-11'), year('2025-09'), '2025-10-01')).toBe('completed');
  });

  test('a project is planned until the first day of its start period', () => {
    expect(deriveStatus(year('2027-03'), year('2030'), '2027-02-28')).toBe('planned');
    expect(deriveStatus(year('2027-03'), year('2030'), '2027-03-01')).toBe('ongoing');
  });

  test('without a start date a running project cannot be called ongoing', () => {
    expect(deriveStatus(null, year('2030'), '2026-06-15')).toBe('unknown');
    expect(deriveStatus(null, year('2020'), '2026-06-15')).toBe('completed');
    expect(deriveStatus(null, null, '2026-06-15')).toBe('unknown');
  });

  test('a stated status wins over the dates and keeps the source words', () => {
    const stated = resolveStatus(
      {
        statusStated: 'completed',
        statusSource: 'completed (past tense on IKI page)',
        startDate: '2020',
        startPrecision: 'year',
        endDate: '2030',
        endPrecision: 'year',
      },
      '2026-06-15',
    );
    expect(stated).toEqual({
      status: 'completed',
      basis: 'stated',
      words: 'completed (past tense on IKI page)',
    });
    const derived = resolveStatus(
      {
        ...{ statusStated: null, statusSource: null },
        startDate: '2020',
        startPrecision: 'year',
        endDate: '2030',
        endPrecision: 'year',
      },
      '2026-06-15',
    );
    expect(derived).toEqual({ status: 'ongoing', basis: 'derived', words: null });
  });
});
