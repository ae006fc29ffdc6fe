import { expect, test } from 'vitest';

import { shadeScale } from './choropleth';

test('zero is its own class and larger values never get a lighter class', () => {
  const scale = shadeScale([0, 1, 1, 2, 3, 5, 8, 0]);
  expect(scale.classOf(0)).toBe(0);
  let previous = 0;
  for (const value of [1, 2, 3, 5, 8, 100]) {
    const cls = scale.classOf(value);
    expect(cls).toBeGreaterThanOrEqual(previous);
    expect(cls).toBeGreaterThanOrEqual(1);
    expect(cls).toBeLessThanOrEqual(4);
    previous = cls;
  }
  expect(scale.classOf(8)).toBe(scale.breaks.length);
});

test('few distinct values give few classes; no values give none', () => {
  expect(shadeScale([2, 2, 2]).breaks).toEqual([2]);
  expect(shadeScale([0, 0]).breaks).toEqual([]);
});
