import { describe, expect, test } from 'vitest';

import type { IatiActivity, IatiResult, Texts } from './read-types';
import { projectValues, wantedMilestone } from './import-values';

// What an activity says about a project's own columns and its milestones, without a database:
// import.test.ts runs the same rules through whole files.

const texts = (en: string | null, more: Partial<Texts> = {}): Texts => ({
  en,
  zh: null,
  de: null,
  other: null,
  ...more,
});

function activity(overrides: Partial<IatiActivity> = {}): IatiActivity {
  return {
    identifier: 'XM-TEST-1',
    line: 3,
    version: '2.03',
    dataset: null,
    defaultCurrency: null,
    reportingOrg: { ref: 'XM-TEST', name: texts('Test Publisher'), type: '10' },
    title: texts('A test activity'),
    description: texts(null),
    status: null,
    statusHub: {},
    otherIdentifiers: [],
    dates: {},
    countries: [{ code: 'CN', percentage: 100 }],
    regions: [],
    organisations: [],
    locations: [],
    sectors: [],
    related: [],
    results: [],
    budgets: [],
    documents: [],
    hub: {},
    ...overrides,
  };
}

const NEW_IMPORTED = { kind: 'new', origin: 'iati', slug: 'xm-test-1' } as const;
const EXISTING_HUB = { kind: 'existing', id: 7, origin: 'hub', slug: 'sample' } as const;

describe('project values', () => {
  test('an imported activity gives every value, labelled with its publisher', () => {
    const values = projectValues(activity({ dataset: 'test-cn' }), NEW_IMPORTED);
    expect(values).toMatchObject({
      title: 'A test activity',
      summary: null,
      type: 'bilateral',
      startDate: null,
      ikiFundingEur: null,
      programme: 'Test Publisher',
      programmeNote: 'Imported from IATI (registry dataset test-cn); not an IKI project.',
      origin: 'iati',
      iatiIdentifier: 'XM-TEST-1',
      publisherRef: 'XM-TEST',
      publisherName: 'Test Publisher',
    });
  });

  test('a hub project gets only what the file says, and keeps its type when none is given', () => {
    const values = projectValues(activity({ title: texts('Renamed') }), EXISTING_HUB);
    expect(values).toEqual({ title: 'Renamed', origin: 'hub' });
  });

  test('funding is the original EUR budgets; a total of 0 is unknown, not zero', () => {
    const budgets = (...list: [string | null, number, string][]) =>
      list.map(([type, value, currency]) => ({ type, value, currency }));
    const funding = (b: IatiActivity['budgets']) =>
      projectValues(activity({ budgets: b }), NEW_IMPORTED).ikiFundingEur;
    expect(funding(budgets(['1', 1000, 'EUR'], [null, 500, 'EUR'], ['2', 99, 'EUR']))).toBe(1500);
    expect(funding(budgets(['1', 1000, 'USD']))).toBeNull();
    expect(funding(budgets(['1', 0, 'EUR']))).toBeNull();
  });

  test('a status our export derived from the dates is no stated status', () => {
    const derived = activity({ status: '2', statusHub: { basis: 'derived' } });
    expect(projectValues(derived, EXISTING_HUB)).toMatchObject({
      statusStated: null,
      statusSource: null,
    });
    expect(projectValues(activity({ status: '2' }), NEW_IMPORTED)).toMatchObject({
      statusStated: 'ongoing',
      statusSource: 'Implementation (IATI activity status 2)',
    });
  });
});

describe('milestones', () => {
  type Period = IatiResult['indicators'][number]['periods'][number];
  const result = ({
    periods = [],
    ...overrides
  }: Partial<IatiResult> & { periods?: Period[] } = {}): IatiResult => ({
    line: 10,
    type: '1',
    aggregationStatus: null,
    title: texts('Training delivered'),
    description: texts(null),
    indicators: [
      {
        line: 11,
        measure: '2',
        ascending: null,
        aggregationStatus: null,
        title: texts('Training delivered'),
        description: texts(null),
        references: [],
        baselines: [],
        periods,
        hub: {},
      },
    ],
    hub: {},
    ...overrides,
  });
  const period = (target: number | null, actual: number | null): Period => ({
    line: 12,
    start: { value: '2024-01-01', precision: 'day' as const },
    end: { value: '2024-12-31', precision: 'day' as const },
    target,
    actual,
    targets: [],
    actuals: [],
    hub: {},
  });

  test('progress is the last measured period against its target; 100 % is achieved', () => {
    expect(wantedMilestone(result({ periods: [period(100, 40)] }))).toMatchObject({
      status: 'in-progress',
      progress: 40,
      plannedDate: '2024-12-31',
      plannedPrecision: 'day',
    });
    expect(wantedMilestone(result({ periods: [period(40, 20), period(40, 50)] }))).toMatchObject({
      status: 'achieved',
      progress: 100,
    });
    expect(wantedMilestone(result())).toMatchObject({ status: 'not-reported', progress: 0 });
  });

  test("our export's hub: attributes win over the periods", () => {
    const hub = {
      status: 'delayed',
      progress: '30',
      kind: 'closure',
      'revised-date': '2025-06',
      'revised-precision': 'month',
    };
    expect(wantedMilestone(result({ hub, periods: [period(100, 90)] }))).toMatchObject({
      kind: 'closure',
      status: 'delayed',
      progress: 30,
      plannedDate: null,
      revisedDate: '2025-06',
      revisedPrecision: 'month',
    });
  });
});
