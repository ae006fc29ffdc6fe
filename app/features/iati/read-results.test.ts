import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { expect, test } from 'vitest';

import { type IatiActivity, type IatiProblem, type ReadOptions, readIatiFile } from './read';
import { parseCountryChoice } from './country-choice';
import { type Node, all, attr, parse } from './test-support';
import { IATI_DATA_DIR } from '../../../scripts/shared-data';

// Results read in full (indicators, baselines, periods, targets, actuals), and which countries'
// activities are read. The real files' counts are computed here from their XML with a separate
// DOM walk, never with the reader under test.

const dir = mkdtempSync(join(tmpdir(), 'iati-results-'));
let n = 0;

async function read(path: string, options: ReadOptions = {}) {
  const activities: IatiActivity[] = [];
  const problems: IatiProblem[] = [];
  for await (const item of readIatiFile(path, options)) {
    if (item.kind === 'activity') activities.push(item.activity);
    else if (item.kind === 'problem') problems.push(item.problem);
  }
  return { activities, problems, errors: problems.filter((p) => p.severity === 'error') };
}

function write(xml: string) {
  n += 1;
  const path = join(dir, `file-${n}.xml`);
  writeFileSync(path, xml);
  return path;
}

const activity = (id: string, country: string, body = '') => `<iati-activity>
  <iati-identifier>${id}</iati-identifier>
  <reporting-org ref="XM-TEST" type="10"><narrative>Test Publisher</narrative></reporting-org>
  <title><narrative xml:lang="en">Activity ${id}</narrative></title>
  ${country ? `<recipient-country code="${country}"/>` : ''}
${body}
 </iati-activity>`;
const file = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03">\n ${body}\n</iati-activities>\n`;

test('a result is read in full: measure, direction, texts, references, baseline and periods with lines', async () => {
  const path = write(
    file(
      activity(
        'XM-TEST-R',
        'ET',
        `  <result type="2" aggregation-status="1">
   <title><narrative xml:lang="en">More women trained</narrative><narrative xml:lang="de">Mehr Frauen geschult</narrative></title>
   <indicator measure="1" ascending="0" aggregation-status="0">
    <title><narrative xml:lang="en">People trained</narrative><narrative xml:lang="zh">培训人数</narrative></title>
    <description><narrative>Counted at the door</narrative></description>
    <reference vocabulary="99" code="T-1" indicator-uri="https://example.org/t"/>
    <baseline year="2020" iso-date="2020-06-30" value="12"><dimension name="sex" value="female"/><comment><narrative>Before</narrative></comment></baseline>
    <period>
     <period-start iso-date="2021-01-01"/>
     <period-end iso-date="2021-13-31"/>
     <target value="100"><comment><narrative>Plan</narrative></comment></target>
     <target value="60"><dimension name="sex" value="female"/></target>
     <actual value="about 80"><document-link url="https://example.org/r.pdf" format="application/pdf"><title><narrative>R</narrative></title></document-link></actual>
    </period>
   </indicator>
  </result>`,
      ),
    ),
  );
  const { activities, problems, errors } = await read(path, { countries: ['ET'] });
  expect(errors).toEqual([]);
  const [result] = activities[0]!.results;
  expect(result).toMatchObject({
    line: 8,
    type: '2',
    aggregationStatus: '1',
    title: { en: 'More women trained', de: 'Mehr Frauen geschult' },
  });
  const [indicator] = result!.indicators;
  expect(indicator).toMatchObject({
    line: 10,
    measure: '1',
    ascending: '0',
    aggregationStatus: '0',
    title: { en: 'People trained', zh: '培训人数' },
    description: { en: 'Counted at the door' },
    references: [{ line: 13, vocabulary: '99', code: 'T-1', uri: 'https://example.org/t' }],
    baselines: [
      {
        line: 14,
        year: '2020',
        isoDate: '2020-06-30',
        value: 12,
        comment: { en: 'Before' },
        dimensions: [{ line: 14, name: 'sex', value: 'female' }],
      },
    ],
  });
  const [period] = indicator!.periods;
  expect(period).toMatchObject({
    line: 15,
    start: { value: '2021-01-01', precision: 'day' },
    end: null,
    target: 100,
    actual: null,
    targets: [
      { line: 18, text: '100', value: 100, comment: { en: 'Plan' }, dimensions: [] },
      { line: 19, value: 60, dimensions: [{ name: 'sex', value: 'female' }] },
    ],
    actuals: [
      { line: 20, text: 'about 80', value: null, documentUrls: ['https://example.org/r.pdf'] },
    ],
  });
  // An impossible period end is a warning with its line, never a refusal of the file.
  expect(problems).toContainEqual(
    expect.objectContaining({
      severity: 'warning',
      line: 17,
      message: expect.stringMatching(/period-end "2021-13-31" is not a real date/),
    }),
  );
});

test('the country choice: China by default, a list of codes, or all activities', async () => {
  const path = write(
    file(
      [
        activity('A-CN', 'CN'),
        activity('A-ET', 'ET'),
        activity('A-PH', 'PH'),
        activity('A-NONE', ''),
      ].join('\n'),
    ),
  );
  const ids = async (options: ReadOptions) =>
    (await read(path, options)).activities.map((a) => a.identifier);
  expect(await ids({})).toEqual(['A-CN']);
  expect(await ids({ countries: ['ET', 'PH'] })).toEqual(['A-ET', 'A-PH']);
  expect(await ids({ countries: 'all' })).toEqual(['A-CN', 'A-ET', 'A-PH', 'A-NONE']);
});

test('a country choice is CN by default, a list of known codes, or all; unknown codes are named', () => {
  expect(parseCountryChoice('')).toEqual({ ok: true, countries: ['CN'] });
  expect(parseCountryChoice(' et, ph ,BD ')).toEqual({ ok: true, countries: ['ET', 'PH', 'BD'] });
  expect(parseCountryChoice('ALL')).toEqual({ ok: true, countries: 'all' });
  expect(parseCountryChoice('ET,QQ,china')).toEqual({ ok: false, unknown: ['QQ', 'CHINA'] });
  expect(parseCountryChoice(',')).toEqual({ ok: false, unknown: [] });
});

/** Counts of the result elements of a file, from its XML (a DOM walk, not the reader). */
function countsFromXml(root: Node) {
  const activities = root.children.filter((c) => c.name === 'iati-activity');
  const within = (name: string) =>
    activities
      .flatMap((a) => all(a, 'result'))
      .flatMap((r) => (r.name === name ? [r] : all(r, name)));
  const withResults = activities.filter((a) => all(a, 'result').length > 0);
  return {
    results: within('result').length,
    indicators: within('indicator').length,
    baselines: within('baseline').length,
    periods: within('period').length,
    targets: within('target').length,
    actuals: within('actual').length,
    activitiesWithResults: withResults.length,
    chinaWithResults: withResults.filter((a) =>
      a.children.some((c) => c.name === 'recipient-country' && attr(c, 'code') === 'CN'),
    ).length,
  };
}

function countsFromReader(activities: IatiActivity[]) {
  const results = activities.flatMap((a) => a.results);
  const indicators = results.flatMap((r) => r.indicators);
  const periods = indicators.flatMap((i) => i.periods);
  return {
    results: results.length,
    indicators: indicators.length,
    baselines: indicators.flatMap((i) => i.baselines).length,
    periods: periods.length,
    targets: periods.flatMap((p) => p.targets).length,
    actuals: periods.flatMap((p) => p.actuals).length,
    activitiesWithResults: activities.filter((a) => a.results.length > 0).length,
    chinaWithResults: activities.filter(
      (a) => a.results.length > 0 && a.countries.some((c) => c.code === 'CN'),
    ).length,
  };
}

const realFiles = readdirSync(IATI_DATA_DIR).filter((f) => f.endsWith('.xml'));

test.each(realFiles)(
  'the real file %s: every result element is read (countries: all), each at its line',
  async (name) => {
    const path = join(IATI_DATA_DIR, name);
    const xml = readFileSync(path, 'utf8');
    const expected = countsFromXml(parse(xml).root);
    const { activities, errors } = await read(path, { countries: 'all' });
    expect(errors).toEqual([]);
    expect(countsFromReader(activities)).toEqual(expected);
    // Each result, indicator and period sits at the line the reader names.
    const lines = xml.split('\n');
    for (const r of activities.flatMap((a) => a.results)) {
      expect(lines[r.line - 1]).toMatch(/<result[\s>]/);
      for (const i of r.indicators) {
        expect(lines[i.line - 1]).toMatch(/<indicator[\s>]/);
        for (const p of i.periods) expect(lines[p.line - 1]).toMatch(/<period[\s>]/);
      }
    }
  },
);

test('the three real files together hold the results the issue names, none on a China activity', async () => {
  const totals = { results: 0, indicators: 0, baselines: 0, periods: 0, targets: 0, actuals: 0 };
  let withResults = 0;
  let chinaWithResults = 0;
  for (const name of realFiles) {
    const counts = countsFromXml(
      parse(readFileSync(fileURLToPath(new URL(name, `file://${IATI_DATA_DIR}/`)), 'utf8')).root,
    );
    for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += counts[key];
    withResults += counts.activitiesWithResults;
    chinaWithResults += counts.chinaWithResults;
  }
  expect(totals).toEqual({
    results: 131,
    indicators: 193,
    baselines: 35,
    periods: 100,
    targets: 97,
    actuals: 52,
  });
  expect(withResults).toBe(99);
  expect(chinaWithResults).toBe(0);
});
