import { expect, test } from 'vitest';

import { formatEur, formatMoment, formatPartialDate, countryName } from '../../core/format';
import { INTL_LOCALE } from '../../core/i18n/config';
import { de } from '../../core/i18n/locales/de';
import { en } from '../../core/i18n/locales/en';
import { zh } from '../../core/i18n/locales/zh';
import { type ValueReaders, readableValue } from './history-values';

/** Readers as the page builds them, from a locale file and the app's formatters. */
function readers(resources: object, locale: string): ValueReaders {
  const label = (key: string) => {
    const found = key
      .split('.')
      .reduce<unknown>(
        (node, part) => (node as Record<string, unknown> | undefined)?.[part],
        resources,
      );
    return typeof found === 'string' ? found : null;
  };
  return {
    label,
    date: (value, precision) => formatPartialDate(value, precision, locale)!,
    dateTime: (iso) => formatMoment(iso, locale),
    eur: (amount) => formatEur(amount, locale),
    country: (code) => countryName(code, locale),
    yes: label('history.yes')!,
    no: label('history.no')!,
  };
}
const EN = readers(en, INTL_LOCALE.en);
const ZH = readers(zh, INTL_LOCALE.zh);
const DE = readers(de, INTL_LOCALE.de);

test('codes read as their labels, per kind of record, in each language', () => {
  expect(readableValue('project', 'type', 'bilateral', EN)).toBe(en.type.bilateral);
  expect(readableValue('project', 'type', 'bilateral', ZH)).toBe(zh.type.bilateral);
  expect(readableValue('event', 'type', 'study tour', DE)).toBe(de.eventType['study tour']);
  expect(readableValue('milestone', 'status', 'in-progress', ZH)).toBe(
    zh.milestoneStatus['in-progress'],
  );
  expect(readableValue('milestone', 'kind', 'mid-term-review', EN)).toBe(
    en.milestone.kind['mid-term-review'],
  );
  expect(readableValue('organisation', 'kind', 'german-ministry', DE)).toBe(
    de.organisationForm.kinds['german-ministry'],
  );
  expect(readableValue('project-organisation', 'role', 'political-partner', ZH)).toBe(
    zh.role['political-partner'],
  );
  expect(readableValue('project', 'startPrecision', 'month', DE)).toBe(de.precision.month);
  expect(readableValue('project', 'fundingAreas', ['mitigation', 'adaptation'], EN)).toBe(
    `${en.fundingArea.mitigation}; ${en.fundingArea.adaptation}`,
  );
  expect(readableValue('reporting-round', 'state', 'open', ZH)).toBe(zh.reporting.roundState.open);
  expect(readableValue('report', 'state', 'not-started', DE)).toBe(
    de.reporting.reportState['not-started'],
  );
  // A code with no label stays as stored rather than disappearing.
  expect(readableValue('event', 'type', 'hackathon', EN)).toBe('hackathon');
});

test('dates keep their precision, moments their time, flags read yes or no', () => {
  expect(readableValue('project', 'startDate', '2022-05', EN)).toBe('May 2022');
  expect(readableValue('project', 'startDate', '2022', ZH)).toBe('2022');
  expect(readableValue('milestone', 'plannedDate', '2024-08-28', DE)).toBe('28. August 2024');
  expect(readableValue('progress-update', 'recordedAt', '2026-12-01T21:40:00.000Z', EN)).toBe(
    formatMoment('2026-12-01T21:40:00.000Z', INTL_LOCALE.en),
  );
  expect(readableValue('event', 'isDateVerified', true, EN)).toBe('yes');
  expect(readableValue('event', 'isDateVerified', false, ZH)).toBe('否');
  expect(readableValue('project', 'ikiFundingEur', 5000000, DE)).toBe(
    formatEur(5000000, INTL_LOCALE.de),
  );
  expect(readableValue('milestone', 'progress', 40, EN)).toBe('40 %');
  expect(readableValue('organisation', 'countryCode', 'DE', ZH)).toBe(
    countryName('DE', INTL_LOCALE.zh),
  );
});

test('lists and maps read as text; empty values are empty, not "null" or "[]"', () => {
  expect(readableValue('project', 'otherProjectNumbers', { BMZ: '2018.2097.1' }, EN)).toBe(
    'BMZ: 2018.2097.1',
  );
  expect(readableValue('event', 'organisers', ['GIZ', 'MEE'], EN)).toBe('GIZ; MEE');
  for (const empty of [null, undefined, '', [], {}]) {
    expect(readableValue('event', 'organisers', empty, EN)).toBeNull();
  }
  // Nothing the page shows is JSON.
  expect(readableValue('event', 'organisers', [{ a: 1 }], EN)).not.toMatch(/[[{"]/);
});

test('an indicator’s codes, periods and values by group read in the page’s language', () => {
  expect(readableValue('indicator', 'unit', 'tCO2e', ZH)).toBe(zh.indicators.units.tCO2e);
  expect(readableValue('standard-indicator', 'unit', 'ha', DE)).toBe(de.indicators.units.ha);
  expect(readableValue('indicator', 'measure', 'qualitative', DE)).toBe(
    de.indicators.measures.qualitative,
  );
  expect(readableValue('indicator', 'disaggregation', 'sex', ZH)).toBe(
    zh.indicators.disaggregations.sex,
  );
  expect(readableValue('indicator', 'resultType', 'outcome', EN)).toBe('Outcome');
  expect(readableValue('indicator-period', 'periodStartPrecision', 'month', EN)).toBe(
    en.precision.month,
  );
  expect(readableValue('indicator-period', 'periodStart', '2025-06', EN)).toBe(
    formatPartialDate('2025-06', 'month', INTL_LOCALE.en),
  );
  expect(readableValue('indicator-period', 'actualDimensions', { female: 40, male: 60 }, ZH)).toBe(
    `${zh.indicators.dimensionValues.female}: 40; ${zh.indicators.dimensionValues.male}: 60`,
  );
  expect(readableValue('indicator', 'isAscending', false, DE)).toBe(de.history.no);
});
