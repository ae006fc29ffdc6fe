import { expect, test } from 'vitest';

import {
  asOfFromTitle,
  countryBaseName,
  countryNote,
  programmeOf,
  splitCountries,
  statusOf,
} from './rows';

test("a source title's own date becomes its as-of date", () => {
  expect(asOfFromTitle('Klimapartnerschaft (Stand: März 2021)')).toEqual({
    value: '2021-03',
    precision: 'month',
  });
  expect(asOfFromTitle('ETS in China (As of: October 2020)')).toEqual({
    value: '2020-10',
    precision: 'month',
  });
  expect(asOfFromTitle('IKI Interface Workshop China 2022')).toBeNull();
});

test('a country with a remark is the country, and the remark its note', () => {
  expect(countryBaseName('China (among others)')).toBe('China');
  expect(countryNote('China (among others)')).toBe('among others');
  expect(countryBaseName('Germany')).toBe('Germany');
  expect(countryNote('Germany')).toBeNull();
  expect(splitCountries('Germany; Netherlands;')).toEqual(['Germany', 'Netherlands']);
  expect(splitCountries(null)).toEqual([]);
});

test('the stated status and the funding programme are read from their words', () => {
  expect(statusOf('open (according to the project page)')).toBe('ongoing');
  expect(statusOf('completed in 2019')).toBe('completed');
  expect(statusOf(null)).toBeNull();
  expect(programmeOf('NAMA Facility (listed on the IKI page)')).toEqual({
    programme: 'NAMA Facility',
    note: 'listed on the IKI page',
  });
  expect(programmeOf('IKI')).toEqual({ programme: 'IKI', note: null });
});
