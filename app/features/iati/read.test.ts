import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { expect, test } from 'vitest';

import { HUB_NS } from './codes';
import {
  type IatiActivity,
  type IatiProblem,
  type ReadOptions,
  type ReadSummary,
  readIatiFile,
} from './read';

const dir = mkdtempSync(join(tmpdir(), 'iati-read-'));
let n = 0;

async function read(xml: string, options: ReadOptions = {}) {
  n += 1;
  const path = join(dir, `file-${n}.xml`);
  writeFileSync(path, xml);
  const activities: IatiActivity[] = [];
  const problems: IatiProblem[] = [];
  let summary: ReadSummary | undefined;
  // A tiny chunk size, so that every test also reads across chunk boundaries.
  for await (const item of readIatiFile(path, { chunkSize: 64, ...options })) {
    if (item.kind === 'activity') activities.push(item.activity);
    else if (item.kind === 'problem') problems.push(item.problem);
    else summary = item.summary;
  }
  return {
    activities,
    problems,
    errors: problems.filter((p) => p.severity === 'error'),
    warnings: problems.filter((p) => p.severity === 'warning'),
    summary: summary!,
  };
}

const activity = (body: string, attributes = '') => `<iati-activity${attributes}>
  <iati-identifier>XM-TEST-1</iati-identifier>
  <reporting-org ref="XM-TEST" type="10"><narrative>Test Publisher</narrative></reporting-org>
  <title><narrative xml:lang="en">A test activity</narrative></title>
  <recipient-country code="CN" percentage="100"/>
${body}
 </iati-activity>`;
const file = (activities: string, root = '<iati-activities version="2.03">') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n ${activities}\n</iati-activities>\n`;

test('a well-formed China activity is read with its line, texts, dates, places and budget', async () => {
  const { activities, errors, summary } = await read(
    file(
      activity(`
  <description><narrative xml:lang="en">What it does</narrative><narrative xml:lang="zh-Hans">做什么</narrative></description>
  <activity-status code="2"/>
  <activity-date type="1" iso-date="2021-03-01"/>
  <activity-date type="3" iso-date="2023-12-31"/>
  <participating-org ref="XM-DAC-5-52" role="4"><narrative>GIZ</narrative></participating-org>
  <location><name><narrative>Beijing</narrative></name><point srsName="http://www.opengis.net/def/crs/EPSG/0/4326"><pos>39.9 116.4</pos></point></location>
  <budget type="1"><period-start iso-date="2021-03-01"/><period-end iso-date="2023-12-31"/><value currency="EUR">1500000</value></budget>`),
    ),
  );
  expect(errors).toEqual([]);
  expect(summary).toMatchObject({ activities: 1, skipped: 0, errors: 0 });
  const [a] = activities;
  expect(a).toMatchObject({
    identifier: 'XM-TEST-1',
    line: 3,
    version: '2.03',
    reportingOrg: { ref: 'XM-TEST', name: { en: 'Test Publisher' } },
    title: { en: 'A test activity' },
    description: { en: 'What it does', zh: '做什么' },
    status: '2',
    dates: {
      plannedStart: { value: '2021-03-01', precision: 'day' },
      plannedEnd: { value: '2023-12-31', precision: 'day' },
    },
    countries: [{ code: 'CN', percentage: 100 }],
    organisations: [{ ref: 'XM-DAC-5-52', role: '4', name: { en: 'GIZ' } }],
    locations: [{ name: { en: 'Beijing' }, lat: 39.9, lon: 116.4 }],
    budgets: [{ type: '1', value: 1500000, currency: 'EUR' }],
  });
});

test('our own hub:precision and hub:value give back a month or a year', async () => {
  const { activities, errors } = await read(
    file(
      activity(`
  <activity-date type="1" iso-date="2021-03-01" hub:precision="month" hub:value="2021-03"/>
  <activity-date type="3" iso-date="2025-12-31" hub:precision="year" hub:value="2025"/>`),
      `<iati-activities version="2.03" xmlns:hub="${HUB_NS}">`,
    ),
  );
  expect(errors).toEqual([]);
  expect(activities[0]!.dates).toEqual({
    plannedStart: { value: '2021-03', precision: 'month' },
    plannedEnd: { value: '2025', precision: 'year' },
  });
});

test('activities for other countries are skipped and counted; a region counts only when asked', async () => {
  const other = activity('')
    .replace('XM-TEST-1', 'XM-TEST-2')
    .replace('<recipient-country code="CN" percentage="100"/>', '<recipient-country code="IN"/>');
  const regional = activity('')
    .replace('XM-TEST-1', 'XM-TEST-3')
    .replace(
      '<recipient-country code="CN" percentage="100"/>',
      '<recipient-region code="789" vocabulary="1"/>',
    );
  const xml = file(`${activity('')}\n${other}\n${regional}`);
  const byDefault = await read(xml);
  expect(byDefault.activities.map((a) => a.identifier)).toEqual(['XM-TEST-1']);
  expect(byDefault.summary.skipped).toBe(2);
  const withRegions = await read(xml, { regions: ['789', '798'] });
  expect(withRegions.activities.map((a) => a.identifier)).toEqual(['XM-TEST-1', 'XM-TEST-3']);
});

test('XML that is not well-formed is refused with the line of the fault', async () => {
  const { errors, activities } = await read(
    file(activity('  <description><narrative>unclosed</description>')),
  );
  expect(activities).toEqual([]);
  expect(errors).toHaveLength(1);
  expect(errors[0]!.message).toMatch(/not well-formed/i);
  expect(errors[0]!.line).toBe(8);
});

test('a DOCTYPE is refused before anything is read', async () => {
  const { errors, activities } = await read(
    `<?xml version="1.0"?>\n<!DOCTYPE iati-activities SYSTEM "http://example.org/iati.dtd">\n${file(activity('')).split('\n').slice(1).join('\n')}`,
  );
  expect(activities).toEqual([]);
  expect(errors).toEqual([
    expect.objectContaining({ line: 2, message: expect.stringMatching(/DOCTYPE/) }),
  ]);
});

test('an entity declaration (billion laughs) is refused, never expanded', async () => {
  const { errors, activities } = await read(`<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
]>
<iati-activities version="2.03"><iati-activity><iati-identifier>&lol2;</iati-identifier></iati-activity></iati-activities>`);
  expect(activities).toEqual([]);
  expect(errors).toHaveLength(1);
  expect(errors[0]!.message).toMatch(/DOCTYPE.*entity/i);
  expect(errors[0]!.line).toBeGreaterThanOrEqual(2);
});

/** `count` elements, each inside the one before; the innermost starts a new line. */
const nested = (count: number, name = 'x') =>
  `${`<${name}>`.repeat(count - 1)}\n<${name}/>${`</${name}>`.repeat(count - 1)}`;

test('an element at level 65 refuses the file, naming the limit and its line', async () => {
  // iati-activities 1, iati-activity 2, description 3, then <x> from level 4 to level 65.
  const { errors, activities, summary } = await read(
    file(activity(`  <description>${nested(62)}</description>`)),
  );
  expect(activities).toEqual([]);
  expect(summary.activities).toBe(0);
  expect(errors).toEqual([
    {
      severity: 'error',
      line: 9,
      message:
        '<x> is nested 65 levels deep; at most 64 are read (<iati-activities> is level 1), so the file is not read further.',
    },
  ]);
});

test('elements down to level 64 inside an activity are read as usual', async () => {
  // description 3, narrative 4, <x> from 5 to 64; and an ignored element with <x> down to 64.
  const { errors, activities } = await read(
    file(
      activity(`
  <description><narrative xml:lang="en">Deep${nested(60)}</narrative></description>
  <transaction>${nested(61)}</transaction>`),
    ),
  );
  expect(errors).toEqual([]);
  expect(activities).toHaveLength(1);
  expect(activities[0]!.description.en).toBe('Deep');
});

test('a file nested 200 000 levels deep is refused at level 65 without reading on', async () => {
  const xml = file(activity(`  <transaction>${nested(200_000)}</transaction>`));
  const { errors, activities, summary } = await read(xml, { chunkSize: 64 * 1024 });
  expect(activities).toEqual([]);
  expect(errors).toEqual([
    expect.objectContaining({ line: 8, message: expect.stringMatching(/65 levels deep/) }),
  ]);
  // Stopped in the first chunk, not at the end of the 1.4 MB file.
  expect(xml.length).toBeGreaterThan(1_000_000);
  expect(summary.bytesRead).toBe(64 * 1024);
});

test('a root other than iati-activities is refused', async () => {
  const { errors } = await read('<?xml version="1.0"?>\n<iati-organisations version="2.03"/>\n');
  expect(errors).toEqual([
    expect.objectContaining({ line: 2, message: expect.stringMatching(/root element/) }),
  ]);
});

test('an activity without an identifier is an error at its line', async () => {
  const { errors } = await read(
    file(`${activity('')}\n <iati-activity>\n  <recipient-country code="CN"/>\n </iati-activity>`),
  );
  expect(errors).toEqual([
    expect.objectContaining({ line: 10, message: expect.stringMatching(/no <iati-identifier>/) }),
  ]);
});

test('an impossible date and a date that is not ISO are errors at their lines', async () => {
  const { errors } = await read(
    file(
      activity(`
  <activity-date type="1" iso-date="2021-02-30"/>
  <activity-date type="3" iso-date="31/12/2023"/>`),
    ),
  );
  expect(errors.map((e) => [e.line, e.message])).toEqual([
    [9, expect.stringMatching(/2021-02-30 is not a real date/)],
    [10, expect.stringMatching(/"31\/12\/2023" is not an ISO date/)],
  ]);
});

test('coordinates out of range and a malformed pos are errors at their lines', async () => {
  const { errors } = await read(
    file(
      activity(`
  <location><point><pos>95.1 116.4</pos></point></location>
  <location><point><pos>39.9 -181</pos></point></location>
  <location><point><pos>39.9,116.4</pos></point></location>`),
    ),
  );
  expect(errors.map((e) => [e.line, e.message])).toEqual([
    [9, expect.stringMatching(/"95.1 116.4" is out of range/)],
    [10, expect.stringMatching(/"39.9 -181" is out of range/)],
    [11, expect.stringMatching(/"39.9,116.4" is not "latitude longitude"/)],
  ]);
});

test('IATI version 1.05 is refused, on the root and on an activity', async () => {
  const root = await read(file(activity(''), '<iati-activities version="1.05">'));
  expect(root.errors).toEqual([
    expect.objectContaining({ line: 2, message: expect.stringMatching(/version 1\.05/) }),
  ]);
  const own = await read(
    file(
      activity(
        '',
        ' xmlns:iati-activities="http://d-portal.org/xmlns/iati-activities" iati-activities:version="1.05"',
      ),
    ),
  );
  expect(own.errors).toEqual([
    expect.objectContaining({ line: 3, message: expect.stringMatching(/version 1\.05/) }),
  ]);
  const v202 = await read(file(activity(''), '<iati-activities version="2.02">'));
  expect(v202.errors).toEqual([]);
  expect(v202.activities[0]!.version).toBe('2.02');
});

test("attributes of other namespaces (d-portal's dstore:*) give one warning per namespace", async () => {
  const dstore =
    ' xmlns:dstore="http://d-portal.org/xmlns/dstore" dstore:dataset="fo_germany-asia-798" dstore:index="7"';
  const second = activity('', dstore).replace('XM-TEST-1', 'XM-TEST-2');
  const { activities, errors, warnings } = await read(file(`${activity('', dstore)}\n${second}`));
  expect(errors).toEqual([]);
  expect(activities).toHaveLength(2);
  // The dataset name is read (it labels the import); the index is not IATI and is ignored.
  expect(activities[0]!.dataset).toBe('fo_germany-asia-798');
  const foreign = warnings.filter((w) => w.message.includes('http://d-portal.org/xmlns/dstore'));
  expect(foreign).toEqual([
    expect.objectContaining({
      line: 3,
      message: expect.stringMatching(/dstore:index.*2 in the activities/),
    }),
  ]);
});

test('elements the hub does not store are one warning each, not a refusal', async () => {
  const { errors, warnings, activities } = await read(
    file(
      activity(`
  <transaction><transaction-type code="2"/><value currency="EUR">1</value></transaction>
  <transaction><transaction-type code="3"/><value currency="EUR">1</value></transaction>
  <budget><value currency="USD">100</value></budget>`),
    ),
  );
  expect(errors).toEqual([]);
  expect(activities).toHaveLength(1);
  expect(warnings.map((w) => [w.line, w.message])).toEqual(
    expect.arrayContaining([
      [9, expect.stringMatching(/<transaction> is not imported \(2 in/)],
      [11, expect.stringMatching(/Budget in USD is not read as funding/)],
    ]),
  );
});

test('an activity given twice is read once, with a warning naming the first line', async () => {
  const { activities, warnings } = await read(file(`${activity('')}\n${activity('')}`));
  expect(activities).toHaveLength(1);
  expect(warnings).toEqual([
    expect.objectContaining({ line: 10, message: expect.stringMatching(/first at line 3/) }),
  ]);
});
