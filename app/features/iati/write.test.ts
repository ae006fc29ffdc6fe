import { describe, expect, test } from 'vitest';

import { HUB_NS } from './codes';
import { iatiActivitiesXml } from './write';
import type { IatiMilestone, IatiProject, IatiSettings } from './write-types';
import { type Node, all, attr, parse, schemaChecker } from './test-support';
import { IATI_SCHEMA_URL } from '../../../scripts/shared-data';

const schemaErrors = schemaChecker(IATI_SCHEMA_URL);

const hubAttr = (node: Node, local: string) =>
  Object.values(node.attributes).find((a) => a.uri === HUB_NS && a.local === local)?.value;

const SETTINGS: IatiSettings = {
  reportingOrg: { ref: 'XX-TEST-HUB', name: 'Test hub', type: '90' },
  today: '2026-06-15',
  generatedAt: '2026-06-15T08:00:00Z',
};

function project(overrides: Partial<IatiProject> = {}): IatiProject {
  return {
    slug: 'sample',
    origin: 'hub',
    iatiIdentifier: null,
    publisherRef: null,
    publisherName: null,
    title: 'Sample project',
    titleZh: null,
    titleDe: null,
    summary: 'What the sample project does.',
    summaryZh: null,
    summaryDe: null,
    ikiProjectNumber: null,
    otherProjectNumbers: null,
    type: 'bilateral',
    programme: 'IKI',
    statusStated: null,
    statusSource: null,
    startDate: '2021-03',
    startPrecision: 'month',
    endDate: '2024',
    endPrecision: 'year',
    ikiFundingEur: null,
    lastUpdated: null,
    organisations: [
      {
        slug: 'bmu',
        acronym: 'BMU',
        name: 'Federal Ministry for the Environment',
        nameZh: '德国联邦环境部',
        nameDe: null,
        kind: 'german-ministry',
        iatiRef: null,
        role: 'commissioning-ministry',
      },
    ],
    countries: ['CN'],
    locations: [],
    fundingAreas: [],
    topics: [],
    related: [],
    milestones: [],
    indicators: [],
    documents: [],
    ...overrides,
  };
}

function milestone(overrides: Partial<IatiMilestone> = {}): IatiMilestone {
  return {
    id: 1,
    title: 'Baseline report',
    titleZh: null,
    kind: 'deliverable',
    plannedDate: '2022-05',
    plannedPrecision: 'month',
    revisedDate: null,
    revisedPrecision: null,
    actualDate: null,
    actualPrecision: null,
    status: 'in-progress',
    progress: 40,
    isDerived: false,
    ...overrides,
  };
}

describe('the activity file', () => {
  test('a minimal activity validates and says what the hub knows, as precise as it knows it', async () => {
    const xml = iatiActivitiesXml([project()], SETTINGS);
    expect(await schemaErrors(xml)).toEqual([]);
    const { root } = parse(xml);
    expect(attr(root, 'version')).toBe('2.03');
    expect(attr(root, 'generated-datetime')).toBe('2026-06-15T08:00:00Z');
    const [activity] = all(root, 'iati-activity');
    expect(all(activity!, 'iati-identifier')[0]!.text).toBe('XX-TEST-HUB-sample');
    const reporting = all(activity!, 'reporting-org')[0]!;
    expect(attr(reporting, 'ref')).toBe('XX-TEST-HUB');
    expect(attr(reporting, 'type')).toBe('90');
    const dates = all(activity!, 'activity-date').map((d) => [
      attr(d, 'type'),
      attr(d, 'iso-date'),
      hubAttr(d, 'precision'),
      hubAttr(d, 'value'),
    ]);
    // Published dates are planned: 1 from the first day of the start period, 3 to the last day.
    expect(dates).toEqual([
      ['1', '2021-03-01', 'month', '2021-03'],
      ['3', '2024-12-31', 'year', '2024'],
    ]);
    expect(attr(all(activity!, 'activity-status')[0]!, 'code')).toBe('4'); // ended 2024
    const org = all(activity!, 'participating-org')[0]!;
    expect(attr(org, 'role')).toBe('1');
    expect(org.children.map((n) => [attr(n, 'xml:lang') ?? null, n.text])).toEqual([
      [null, 'Federal Ministry for the Environment'],
      ['zh', '德国联邦环境部'],
    ]);
    expect(all(activity!, 'budget')).toEqual([]);
  });

  test('hostile text survives as text and the file still validates', async () => {
    const title = 'A & B <script>"x"</script> \u0007 ]]>';
    const xml = iatiActivitiesXml(
      [project({ title, summary: 'line\nbreak & "quotes"' })],
      SETTINGS,
    );
    expect(await schemaErrors(xml)).toEqual([]);
    const titles = all(all(parse(xml).root, 'title')[0]!, 'narrative');
    expect(titles[0]!.text).toBe('A & B <script>"x"</script>  ]]>');
  });

  test('each language the record has becomes a narrative, and none is invented', () => {
    const xml = iatiActivitiesXml(
      [project({ titleZh: '示例项目', titleDe: null, summaryDe: 'Was es tut.' })],
      SETTINGS,
    );
    const { root } = parse(xml);
    const langs = (name: string) =>
      all(all(root, name)[0]!, 'narrative').map((n) => attr(n, 'xml:lang'));
    expect(langs('title')).toEqual(['en', 'zh']);
    expect(langs('description')).toEqual(['en', 'de']);
  });

  test('funding becomes a budget only with an amount and both dates', () => {
    const budgets = (p: Partial<IatiProject>) =>
      all(parse(iatiActivitiesXml([project(p)], SETTINGS)).root, 'budget');
    expect(budgets({ ikiFundingEur: null })).toHaveLength(0);
    expect(budgets({ ikiFundingEur: 5_000_000, endDate: null, endPrecision: null })).toHaveLength(
      0,
    );
    const [b] = budgets({ ikiFundingEur: 299999.52 });
    const value = all(b!, 'value')[0]!;
    expect([value.text, attr(value, 'currency'), attr(value, 'value-date')]).toEqual([
      '299999.52',
      'EUR',
      '2021-03-01',
    ]);
    expect(attr(all(b!, 'period-end')[0]!, 'iso-date')).toBe('2024-12-31');
  });

  test('a record without what IATI requires is left out and named, not guessed', async () => {
    const xml = iatiActivitiesXml(
      [
        project({ slug: 'kept' }),
        project({ slug: 'dateless', startDate: null, startPrecision: null, endDate: null }),
        project({ slug: 'nameless', organisations: [] }),
      ],
      SETTINGS,
    );
    expect(await schemaErrors(xml)).toEqual([]);
    const { root, comments } = parse(xml);
    expect(all(root, 'iati-identifier').map((n) => n.text)).toEqual(['XX-TEST-HUB-kept']);
    const note = comments.join('\n');
    expect(note).toContain('dateless (activity-status, activity-date)');
    expect(note).toContain('nameless (participating-org)');
  });

  test('roles map to IATI roles; ZUG extends; a merely mentioned organisation is left out', () => {
    const org = (slug: string, role: IatiProject['organisations'][number]['role']) => ({
      slug,
      acronym: null,
      name: slug.toUpperCase(),
      nameZh: null,
      nameDe: null,
      kind: 'agency' as const,
      iatiRef: slug === 'giz' ? 'XM-DAC-5-52' : null,
      role,
    });
    const xml = iatiActivitiesXml(
      [
        project({
          organisations: [
            org('mee', 'political-partner'),
            org('giz', 'implementing-organisation'),
            org('ncsc', 'implementing-partner'),
            org('zug', 'mentioned'),
            org('tuv', 'mentioned'),
          ],
        }),
      ],
      SETTINGS,
    );
    const orgs = all(parse(xml).root, 'participating-org').map((o) => [
      o.children[0]!.text,
      attr(o, 'role'),
      attr(o, 'ref') ?? null,
    ]);
    expect(orgs).toEqual([
      ['MEE', '2', null],
      ['ZUG', '3', null],
      ['GIZ', '4', 'XM-DAC-5-52'],
      ['NCSC', '4', null],
    ]);
  });

  test('an imported activity keeps its identifier and its publisher', () => {
    const xml = iatiActivitiesXml(
      [
        project({
          origin: 'iati',
          iatiIdentifier: 'XM-DAC-5-7-1234',
          publisherRef: 'XM-DAC-5-7',
          publisherName: 'Publisher',
        }),
      ],
      SETTINGS,
    );
    const { root } = parse(xml);
    expect(all(root, 'iati-identifier')[0]!.text).toBe('XM-DAC-5-7-1234');
    const reporting = all(root, 'reporting-org')[0]!;
    expect(attr(reporting, 'ref')).toBe('XM-DAC-5-7');
    expect(reporting.children[0]!.text).toBe('Publisher');
  });

  test('several countries share 100 evenly, marked as such', () => {
    const xml = iatiActivitiesXml([project({ countries: ['VN', 'CN', 'IN'] })], SETTINGS);
    const countries = all(parse(xml).root, 'recipient-country');
    expect(countries.map((c) => attr(c, 'code'))).toEqual(['CN', 'IN', 'VN']);
    const shares = countries.map((c) => Number(attr(c, 'percentage')));
    expect(Math.round(shares.reduce((a, b) => a + b, 0) * 100)).toBe(10_000);
    expect(countries.every((c) => hubAttr(c, 'percentage-basis') === 'even-split')).toBe(true);
  });

  test('places with coordinates are points (latitude first) and provinces named areas', async () => {
    const xml = iatiActivitiesXml(
      [
        project({
          locations: [
            {
              kind: 'place',
              slug: 'hefei',
              nameEn: 'Hefei',
              nameZh: '合肥',
              lat: 31.82,
              lon: 117.23,
              provinceCode: 'CN-AH',
              countryCode: 'CN',
            },
            {
              kind: 'place',
              slug: 'new-area',
              nameEn: 'New Area',
              nameZh: null,
              lat: null,
              lon: null,
              provinceCode: null,
              countryCode: 'CN',
            },
            { kind: 'province', code: 'CN-AH', nameEn: 'Anhui', nameZh: '安徽省' },
          ],
        }),
      ],
      SETTINGS,
    );
    expect(await schemaErrors(xml)).toEqual([]);
    const locations = all(parse(xml).root, 'location');
    expect(locations.map((l) => attr(l, 'ref'))).toEqual(['hefei', 'new-area', 'CN-AH']);
    expect(all(locations[0]!, 'pos')[0]!.text).toBe('31.82 117.23');
    expect(all(locations[1]!, 'point')).toEqual([]);
    expect(attr(all(locations[2]!, 'feature-designation')[0]!, 'code')).toBe('ADM1');
  });

  test('milestones are results: due period, target 100, progress as actual, the rest in hub:', async () => {
    const xml = iatiActivitiesXml(
      [
        project({
          milestones: [
            milestone({ revisedDate: '2022-11-15', revisedPrecision: 'day' }),
            milestone({
              id: 2,
              plannedDate: null,
              plannedPrecision: null,
              status: 'not-reported',
              progress: 0,
            }),
          ],
        }),
      ],
      SETTINGS,
    );
    expect(await schemaErrors(xml)).toEqual([]);
    const [dated, dateless] = all(parse(xml).root, 'result');
    expect(hubAttr(dated!, 'status')).toBe('in-progress');
    expect(hubAttr(dated!, 'planned-date')).toBe('2022-05');
    expect(hubAttr(dated!, 'revised-date')).toBe('2022-11-15');
    const period = all(dated!, 'period')[0]!;
    expect(attr(all(period, 'period-start')[0]!, 'iso-date')).toBe('2022-11-15');
    expect(attr(all(period, 'target')[0]!, 'value')).toBe('100');
    expect(attr(all(period, 'actual')[0]!, 'value')).toBe('40');
    // No date: the result stays, without a period; not reported: no actual 0.
    expect(all(dateless!, 'indicator')).toHaveLength(1);
    expect(all(dateless!, 'period')).toEqual([]);
  });

  test('an achieved start milestone gives the actual start date', () => {
    const xml = iatiActivitiesXml(
      [
        project({
          milestones: [
            milestone({
              kind: 'start',
              status: 'achieved',
              progress: 100,
              actualDate: '2021-04',
              actualPrecision: 'month',
            }),
          ],
        }),
      ],
      SETTINGS,
    );
    const types = all(parse(xml).root, 'activity-date').map((d) => [
      attr(d, 'type'),
      attr(d, 'iso-date'),
    ]);
    expect(types).toContainEqual(['2', '2021-04-01']);
  });

  test('phases point at each other as siblings, with the direction kept', async () => {
    const xml = iatiActivitiesXml(
      [project({ related: [{ relation: 'predecessor', slug: 'phase-1', iatiIdentifier: null }] })],
      SETTINGS,
    );
    expect(await schemaErrors(xml)).toEqual([]);
    const [related] = all(parse(xml).root, 'related-activity');
    expect([attr(related!, 'ref'), attr(related!, 'type')]).toEqual(['XX-TEST-HUB-phase-1', '3']);
    expect(related!.children[0]!.text).toBe('predecessor');
  });
});
