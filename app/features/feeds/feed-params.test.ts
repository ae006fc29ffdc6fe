import { describe, expect, test } from 'vitest';

import { SINCE } from './feed-params';

describe('since', () => {
  test('a day is kept as the day, which sorts before every moment of it', () => {
    expect(SINCE.read('2026-11-01')).toBe('2026-11-01');
    expect('2026-11-01T00:00:00.000Z' >= SINCE.read('2026-11-01')!).toBe(true);
    expect('2026-10-31T23:59:59.999Z' >= SINCE.read('2026-11-01')!).toBe(false);
  });

  test('a moment with its time zone becomes the same moment in UTC', () => {
    expect(SINCE.read('2026-11-01T09:00:00Z')).toBe('2026-11-01T09:00:00.000Z');
    expect(SINCE.read('2026-11-01T09:00+08:00')).toBe('2026-11-01T01:00:00.000Z');
    // An unencoded "+" arrives as a space.
    expect(SINCE.read('2026-11-01T09:00:00 08:00')).toBe('2026-11-01T01:00:00.000Z');
  });

  test('anything else is refused', () => {
    for (const raw of [
      '2026-02-30',
      '2026-13-01',
      '2026-11',
      '01.11.2026',
      'yesterday',
      '2026-11-01T09:00:00',
      '2026-11-01T25:00:00Z',
      '2026-02-30T09:00:00Z',
      '2026-11-01 ',
    ]) {
      expect(SINCE.read(raw), raw).toBeUndefined();
    }
  });
});
