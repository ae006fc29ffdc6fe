import { expect, test } from 'vitest';

import { percentOf, progressToTarget } from './indicator-progress';

const unit = { measure: 'unit' as const, isAscending: true };

test('an ascending indicator halfway from baseline to target has reached half of it', () => {
  expect(progressToTarget({ ...unit, baseline: 100, target: 300, actual: 200 })).toEqual({
    ok: true,
    share: 0.5,
    raw: 0.5,
    baselineAssumed: false,
  });
});

test('a descending indicator counts progress downwards from its baseline', () => {
  const down = { measure: 'unit' as const, isAscending: false };
  const result = progressToTarget({ ...down, baseline: 1000, target: 600, actual: 700 });
  expect(result.ok && result.share).toBeCloseTo(0.75);
  // Moving the wrong way is 0 %, not negative.
  const worse = progressToTarget({ ...down, baseline: 1000, target: 600, actual: 1100 });
  expect(worse).toMatchObject({ ok: true, share: 0 });
  expect(worse.ok && worse.raw).toBeCloseTo(-0.25);
});

test('exceeding the target is clamped to 100 % and the raw quotient is kept', () => {
  const result = progressToTarget({ ...unit, baseline: 0, target: 200, actual: 491 });
  expect(result).toMatchObject({ ok: true, share: 1 });
  expect(result.ok && result.raw).toBeCloseTo(2.455);
});

test('a zero range between baseline and target gives no percentage', () => {
  expect(progressToTarget({ ...unit, baseline: 5, target: 5, actual: 5 })).toEqual({
    ok: false,
    reason: 'zero-range',
  });
});

test('a target against the direction gives no percentage', () => {
  expect(progressToTarget({ ...unit, baseline: 10, target: 5, actual: 7 })).toEqual({
    ok: false,
    reason: 'against-direction',
  });
  expect(
    progressToTarget({ measure: 'unit', isAscending: false, baseline: 5, target: 10, actual: 7 }),
  ).toEqual({ ok: false, reason: 'against-direction' });
});

test('a missing baseline is 0 for ascending indicators and no percentage for descending ones', () => {
  expect(progressToTarget({ ...unit, baseline: null, target: 8000, actual: 7723 })).toMatchObject({
    ok: true,
    baselineAssumed: true,
  });
  expect(
    progressToTarget({ measure: 'unit', isAscending: false, baseline: null, target: 5, actual: 7 }),
  ).toEqual({ ok: false, reason: 'no-baseline' });
});

test('qualitative, nominal and ordinal measures never get a percentage', () => {
  for (const measure of ['qualitative', 'nominal', 'ordinal'] as const) {
    expect(
      progressToTarget({ measure, isAscending: true, baseline: 0, target: 10, actual: 5 }),
    ).toEqual({ ok: false, reason: 'qualitative' });
  }
  expect(
    progressToTarget({
      measure: 'percentage',
      isAscending: true,
      baseline: 20,
      target: 60,
      actual: 40,
    }),
  ).toMatchObject({ ok: true, share: 0.5 });
});

test('a missing target or actual says which is missing', () => {
  expect(progressToTarget({ ...unit, baseline: 0, target: null, actual: 3 })).toEqual({
    ok: false,
    reason: 'no-target',
  });
  expect(progressToTarget({ ...unit, baseline: 0, target: 3, actual: null })).toEqual({
    ok: false,
    reason: 'no-actual',
  });
  expect(progressToTarget({ ...unit, baseline: 0, target: Number.NaN, actual: 1 })).toEqual({
    ok: false,
    reason: 'no-target',
  });
});

test('percentages shown never round up to 100 before the target is met', () => {
  expect(percentOf(0.996)).toBe(99);
  expect(percentOf(1)).toBe(100);
  expect(percentOf(0.5)).toBe(50);
  expect(percentOf(0.004)).toBe(0);
});
