import { expect, test } from 'vitest';

import { countryName, formatEur, formatPartialDate, formatPeriod } from './format';

test('dates show exactly their precision in each locale', () => {
  expect(formatPartialDate('2020-11', 'month', 'zh-CN')).toBe('2020年11月');
  expect(formatPartialDate('2020-11', 'month', 'de-DE')).toBe('November 2020');
  expect(formatPartialDate('2020-11', 'month', 'en-GB')).toBe('November 2020');
  expect(formatPartialDate('2024-08-28', 'day', 'zh-CN')).toBe('2024年8月28日');
  expect(formatPartialDate('2024-08-28', 'day', 'de-DE')).toBe('28. August 2024');
  expect(formatPartialDate('2020', 'year', 'zh-CN')).toBe('2020');
  expect(formatPartialDate(null, null)).toBeNull();
});

test('two years read as a range, other periods with spaced dashes', () => {
  const year = (value: string) => ({ value, precision: 'year' as const });
  expect(formatPeriod(year('2020'), year('2026'))).toBe('2020–2026');
  expect(
    formatPeriod(
      { value: '2020-11', precision: 'month' },
      { value: '2025-09', precision: 'month' },
      'zh-CN',
    ),
  ).toBe('2020年11月 – 2025年9月');
  expect(formatPeriod(year('2020'), { value: null, precision: null }, 'en', '?')).toBe('2020 – ?');
});

test('money is euros in the page locale; countries are named by Intl', () => {
  expect(formatEur(22_625_000, 'de-DE')).toBe('22.625.000\u00a0€');
  expect(formatEur(22_625_000, 'en-GB')).toBe('€22,625,000');
  expect(countryName('CN', 'zh-CN')).toBe('中国');
  expect(countryName('DE', 'de-DE')).toBe('Deutschland');
});
