import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { asc, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';

import { EMPTY_FILTER, parseFilter } from '../../core/filter/filter';
import { projectFilterSql } from '../../core/filter/project-filter.server';
import { type ReadOptions, readIatiFile } from './read';
import { iatiActivitiesXml } from './write';
import type { IatiIndicatorOut, IatiProject } from './write-types';
import { listIatiExportProjects } from './export.server';
import { stageImport } from './import-stage.server';
import { planImport } from './import-plan.server';
import { applyImport } from './import-apply.server';
import { type Node, all, attr, parse, schemaChecker } from './test-support';
import { HUB_NS, STANDARD_INDICATOR_URI } from './codes';
import { createSeededDatabase } from '../../../scripts/harness';
import { IATI_DATA_DIR, IATI_DATA_URL } from '../../../scripts/shared-data';
import { type Db, openDatabase } from '../../../db/client.server';
import * as t from '../../../db/schema';
import { createTestDb, insertIndicator, insertIndicatorPeriod } from '../../../db/test-factories';

// Indicators both ways: the export writes them as IATI 2.03 <result>/<indicator> (validated
// against the schema beside the checkout), the import reads them back field by field, and the
// real files' results import as indicators. Counts of the real files come from their XML here.

const REF = 'XX-IKI-CHINA-HUB';
const TODAY = '2026-06-15';
const WHO = { at: '2026-06-15T10:00:00.000Z', actor: { id: null, name: 'Import test' } };
const SETTINGS = {
  reportingOrg: { ref: REF, name: 'IKI China portfolio hub', type: '90' },
  today: TODAY,
  generatedAt: `${TODAY}T12:00:00Z`,
};
const schemaErrors = schemaChecker(new URL('schema/', IATI_DATA_URL));

const dir = mkdtempSync(join(tmpdir(), 'iati-indicators-'));
let written = 0;
function writeXml(xml: string): string {
  written += 1;
  const path = join(dir, `file-${written}.xml`);
  writeFileSync(path, xml);
  return path;
}

async function importFile(db: Db, path: string, options: ReadOptions = {}) {
  const staged = await stageImport(db, readIatiFile(path, options));
  const plan = planImport(db, staged.importId, { ownRef: REF });
  const applied = applyImport(db, staged.importId, WHO, { ownRef: REF });
  return { staged, plan, applied };
}

const hubAttr = (n: Node, name: string) =>
  Object.values(n.attributes).find((a) => a.uri === HUB_NS && a.local === name)?.value;

/** A source database: the seeded portfolio plus indicators of every kind on one project. */
function sourceWithIndicators() {
  const db = openDatabase(createSeededDatabase().path);
  const project = db
    .select({ id: t.projects.id, slug: t.projects.slug })
    .from(t.projects)
    .where(eq(t.projects.origin, 'hub'))
    .orderBy(asc(t.projects.id))
    .get()!;
  const si = db.select().from(t.standardIndicators).orderBy(asc(t.standardIndicators.id)).get();
  const people = insertIndicator(db, project.id, {
    title: 'People trained',
    titleZh: '培训人数',
    titleDe: 'Geschulte Personen',
    description: 'Counted from attendance lists.',
    unit: 'people',
    disaggregation: 'sex',
    resultType: 'output',
    resultTitle: 'Capacity built',
    standardIndicatorId: si?.id ?? null,
    baselineValue: 0,
    baselineYear: 2021,
    baselineDate: '2021-03-01',
    baselineComment: 'Before the first course.',
    position: 0,
  });
  insertIndicatorPeriod(db, people.id, {
    targetValue: 120,
    targetDimensions: { female: 60, male: 60 },
    actualValue: 95,
    actualDimensions: { female: 41, male: 52, other: 2 },
    actualComment: 'Two courses held.',
    evidenceUrl: 'https://example.org/report-2025.pdf',
    reportedBy: 'Implementing partner',
  });
  insertIndicatorPeriod(db, people.id, {
    periodStart: '2026-01-01',
    periodStartPrecision: 'year',
    periodEnd: '2026-12-31',
    periodEndPrecision: 'year',
    targetValue: 200,
    targetComment: 'Second cohort.',
  });
  // Same result as the first: one <result> with two indicators.
  const share = insertIndicator(db, project.id, {
    title: 'Share of trainees applying the method',
    unit: 'percent',
    measure: 'percentage',
    resultType: 'output',
    resultTitle: 'Capacity built',
    baselineValue: 12.5,
    baselineDate: '2022-06-30',
    position: 1,
  });
  insertIndicatorPeriod(db, share.id, { targetValue: 50, actualValue: 38.5 });
  // Descending, with a month period; result type known, no result title.
  const emissions = insertIndicator(db, project.id, {
    title: 'Emissions of the pilot city',
    unit: 'tCO2e',
    isAscending: false,
    resultType: 'impact',
    baselineValue: 1_200_000,
    position: 2,
  });
  insertIndicatorPeriod(db, emissions.id, {
    periodStart: '2025-07-01',
    periodStartPrecision: 'month',
    periodEnd: '2025-12-31',
    periodEndPrecision: 'month',
    targetValue: 1_100_000,
    actualValue: 1_150_000,
  });
  // Qualitative: numbers IATI may not carry as values, comments it may.
  const policy = insertIndicator(db, project.id, {
    title: 'Provincial policy adopted',
    unit: null,
    measure: 'qualitative',
    baselineComment: 'No policy in place.',
    position: 3,
  });
  insertIndicatorPeriod(db, policy.id, {
    targetValue: 1,
    targetComment: 'Policy adopted by the provincial government.',
    actualComment: 'Draft under consultation.',
  });
  return { db, project, si };
}

/** A database with reference data only (the copy an export is imported into). */
function emptyDbLike(source: Db): Db {
  const db = createTestDb();
  const have = new Set(
    db
      .select({ code: t.countries.code })
      .from(t.countries)
      .all()
      .map((c) => c.code),
  );
  const countries = source
    .select()
    .from(t.countries)
    .all()
    .filter((c) => !have.has(c.code));
  if (countries.length) db.insert(t.countries).values(countries).run();
  const haveProvinces = db.select({ code: t.provinces.code }).from(t.provinces).all().length;
  if (!haveProvinces) db.insert(t.provinces).values(source.select().from(t.provinces).all()).run();
  const standards = source
    .select()
    .from(t.standardIndicators)
    .all()
    .map((s) => ({ ...s, sourceId: null }));
  const haveStandards = db.select().from(t.standardIndicators).all().length;
  if (standards.length && !haveStandards) db.insert(t.standardIndicators).values(standards).run();
  return db;
}

const exportOf = (db: Db) => listIatiExportProjects(projectFilterSql(EMPTY_FILTER, TODAY), db);

describe('the export', () => {
  test('indicators are IATI results that validate, grouped by result, with references, baselines, periods and dimensions', async () => {
    const { db, project, si } = sourceWithIndicators();
    const p = exportOf(db).find((x) => x.slug === project.slug)!;
    const xml = iatiActivitiesXml([p], SETTINGS);
    expect(await schemaErrors(xml)).toEqual([]);
    const activity = all(parse(xml).root, 'iati-activity')[0]!;
    const results = all(activity, 'result').filter((r) => hubAttr(r, 'kind') === undefined);
    // Capacity built (2 indicators), the impact without title, the untyped qualitative one.
    expect(results.map((r) => [attr(r, 'type'), r.children[0]!.children[0]!.text])).toEqual([
      ['1', 'Capacity built'],
      ['3', 'Emissions of the pilot city'],
      ['9', 'Provincial policy adopted'],
    ]);
    expect(hubAttr(results[1]!, 'untitled')).toBe('true');
    expect(hubAttr(results[2]!, 'untyped')).toBe('true');
    const [people, share] = all(results[0]!, 'indicator');
    expect([attr(people!, 'measure'), attr(people!, 'ascending')]).toEqual(['1', '1']);
    expect(attr(share!, 'measure')).toBe('2');
    expect(attr(all(results[1]!, 'indicator')[0]!, 'ascending')).toBe('0');
    if (si) {
      const ref = all(people!, 'reference')[0]!;
      expect([attr(ref, 'vocabulary'), attr(ref, 'code'), attr(ref, 'indicator-uri')]).toEqual([
        '99',
        si.code,
        STANDARD_INDICATOR_URI,
      ]);
    }
    const baseline = all(people!, 'baseline')[0]!;
    expect([attr(baseline, 'year'), attr(baseline, 'iso-date'), attr(baseline, 'value')]).toEqual([
      '2021',
      '2021-03-01',
      '0',
    ]);
    // A baseline with a date and no year takes the date's year, and says so.
    const shareBaseline = all(share!, 'baseline')[0]!;
    expect([attr(shareBaseline, 'year'), hubAttr(shareBaseline, 'year-derived')]).toEqual([
      '2022',
      'true',
    ]);
    const [first, second] = all(people!, 'period');
    const targets = all(first!, 'target').map((x) => [
      attr(x, 'value'),
      all(x, 'dimension')
        .map((d) => `${attr(d, 'name')}=${attr(d, 'value')}`)
        .join(),
    ]);
    expect(targets).toEqual([
      ['120', ''],
      ['60', 'sex=female'],
      ['60', 'sex=male'],
    ]);
    expect(all(first!, 'actual').map((x) => attr(x, 'value'))).toEqual(['95', '41', '52', '2']);
    expect(all(all(first!, 'actual')[0]!, 'narrative')[0]!.text).toBe('Two courses held.');
    // A year period: whole days in iso-date, the precision in hub: attributes.
    const start = all(second!, 'period-start')[0]!;
    expect([attr(start, 'iso-date'), hubAttr(start, 'precision'), hubAttr(start, 'value')]).toEqual(
      ['2026-01-01', 'year', '2026'],
    );
    // Qualitative: no value attribute anywhere, the comments are written.
    const policy = all(results[2]!, 'indicator')[0]!;
    expect(attr(policy, 'measure')).toBe('5');
    for (const name of ['baseline', 'target', 'actual']) {
      for (const n of all(policy, name)) expect(attr(n, 'value')).toBeUndefined();
    }
    expect(all(policy, 'baseline')).toEqual([]); // no year and no date: kept in hub: attributes
    expect(hubAttr(policy, 'baseline-comment')).toBe('No policy in place.');
    expect(hubAttr(all(policy, 'period')[0]!, 'target-number')).toBe('1');
    db.$client.close();
  });
});

describe('the round trip', () => {
  test("exporting indicators and importing the hub's own file into an empty database gives them back field by field", async () => {
    const { db: source, project } = sourceWithIndicators();
    const exported = exportOf(source);
    const path = writeXml(iatiActivitiesXml(exported, SETTINGS));

    const copy = emptyDbLike(source);
    const { plan, applied } = await importFile(copy, path);
    expect(applied.counts.create).toBeGreaterThan(0);
    expect(
      plan.problems.filter((p) => /indicator|period|baseline|target|actual/i.test(p.message)),
    ).toEqual([]);
    const back = new Map(exportOf(copy).map((p) => [p.slug, p]));
    const withIndicators = exported.filter((p) => p.indicators.length > 0);
    expect(withIndicators.map((p) => p.slug)).toContain(project.slug);
    for (const p of exported) {
      if (!back.has(p.slug)) continue;
      expect(back.get(p.slug)!.indicators).toEqual(p.indicators);
      // Milestones stay milestones.
      expect(back.get(p.slug)!.milestones.length).toBe(p.milestones.length);
    }
    // The rows themselves, field by field (ids, project and creation time aside).
    const rows = (db: Db, slug: string) => {
      const id = db
        .select({ id: t.projects.id })
        .from(t.projects)
        .where(eq(t.projects.slug, slug))
        .get()!.id;
      return db
        .select()
        .from(t.indicators)
        .where(eq(t.indicators.projectId, id))
        .orderBy(asc(t.indicators.position))
        .all()
        .map(
          ({
            id: indicatorId,
            projectId: _p,
            createdAt: _c,
            standardIndicatorId,
            sourceId: _s,
            version: _v,
            ...rest
          }) => ({
            ...rest,
            standard: standardIndicatorId
              ? db
                  .select({ code: t.standardIndicators.code })
                  .from(t.standardIndicators)
                  .where(eq(t.standardIndicators.id, standardIndicatorId))
                  .get()!.code
              : null,
            periods: db
              .select()
              .from(t.indicatorPeriods)
              .where(eq(t.indicatorPeriods.indicatorId, indicatorId))
              .orderBy(asc(t.indicatorPeriods.periodStart))
              .all()
              .map(({ id: _i, indicatorId: _x, version: _v2, reportId: _r, ...period }) => period),
          }),
        );
    };
    expect(rows(copy, project.slug)).toEqual(rows(source, project.slug));
    expect(rows(copy, project.slug)).toHaveLength(4);

    // Importing the same file again changes nothing.
    const again = await importFile(copy, path);
    expect(again.plan.counts.create + again.plan.counts.update).toBe(0);

    // A changed actual in the file is an update listing 'indicators', made in place.
    const before = copy
      .select({ id: t.indicators.id })
      .from(t.indicators)
      .all()
      .map((r) => r.id)
      .sort();
    const changed = exported.map((p) =>
      p.slug !== project.slug
        ? p
        : ({
            ...p,
            indicators: p.indicators.map((i, n): IatiIndicatorOut =>
              n === 1 ? { ...i, periods: i.periods.map((x) => ({ ...x, actualValue: 44 })) } : i,
            ),
          } satisfies IatiProject),
    );
    const update = await importFile(copy, writeXml(iatiActivitiesXml(changed, SETTINGS)));
    const entry = update.plan.entries.find((e) => e.slug === project.slug)!;
    expect([entry.action, entry.fields]).toEqual(['update', ['indicators']]);
    expect(
      copy
        .select({ id: t.indicators.id })
        .from(t.indicators)
        .all()
        .map((r) => r.id)
        .sort(),
    ).toEqual(before);
    expect(rows(copy, project.slug)[1]!.periods[0]!.actualValue).toBe(44);
    source.$client.close();
  });
});

/** Counts from the XML of a file (a DOM walk, not the reader). */
function xmlCounts(root: Node) {
  const indicators = all(root, 'indicator');
  const periods = indicators.flatMap((i) => all(i, 'period'));
  return {
    activitiesWithResults: all(root, 'iati-activity').filter((a) => all(a, 'result').length > 0)
      .length,
    indicators: indicators.length,
    periods: periods.length,
    periodsWithTarget: periods.filter((p) => all(p, 'target').length > 0).length,
    periodsWithActual: periods.filter((p) => all(p, 'actual').length > 0).length,
  };
}

test('the real covid file imported with all countries stores its results as indicators, counts as in the XML less what the warnings name', async () => {
  const name = 'covid_fixture_dportal_incl_UNDP_Gates_CN.xml';
  const path = join(IATI_DATA_DIR, name);
  const expected = xmlCounts(parse(readFileSync(path, 'utf8')).root);
  expect(expected.indicators).toBeGreaterThan(0);
  const db = emptyDbLike(openDatabase(createSeededDatabase().path));
  const { staged, plan, applied } = await importFile(db, path, { countries: 'all' });
  expect(staged.errors).toBe(0);
  expect(plan.problemCount).toBe(plan.problems.length); // all listed
  const skippedPeriods = plan.problems.filter((p) =>
    /period .*not stored|period ends .*before|given twice/i.test(p.message),
  );
  const indicatorCount = db.select().from(t.indicators).all().length;
  const periodCount = db.select().from(t.indicatorPeriods).all().length;
  expect(indicatorCount).toBe(expected.indicators);
  expect(periodCount).toBe(expected.periods - skippedPeriods.length);
  // Every indicator belongs to an imported activity outside China, none is a milestone.
  const projectsWith = db
    .selectDistinct({ origin: t.projects.origin })
    .from(t.indicators)
    .innerJoin(t.projects, eq(t.projects.id, t.indicators.projectId))
    .all();
  expect(projectsWith).toEqual([{ origin: 'iati' }]);
  expect(db.select().from(t.milestones).all().length).toBe(0);
  // Units are not stated (IATI 2.03 has none).
  expect(db.select().from(t.indicators).where(eq(t.indicators.unit, 'people')).all().length).toBe(
    0,
  );
  // Warnings carry the line of the element they are about.
  const lines = readFileSync(path, 'utf8').split('\n');
  for (const p of plan.problems.filter((x) => /period|target|actual|baseline/.test(x.message))) {
    expect(lines[p.line - 1]).toMatch(/<(period|target|actual|baseline|dimension|indicator)[\s>]/);
  }
  // A recipient country outside the hub's list is a warning at its element, not an error.
  const countryWarnings = plan.problems.filter((x) => /Recipient country/.test(x.message));
  expect(countryWarnings.length).toBeGreaterThan(0);
  for (const p of countryWarnings) expect(lines[p.line - 1]).toMatch(/<recipient-country[\s>]/);
  expect(applied.counts.create).toBeGreaterThan(0);
  // Exported again, the imported activities' indicators are valid IATI and the same results.
  const imported = listIatiExportProjects(
    projectFilterSql(parseFilter(new URLSearchParams('origin=iati')).filter, TODAY),
    db,
  );
  const xml = iatiActivitiesXml(imported, SETTINGS);
  expect(await schemaErrors(xml)).toEqual([]);
  const exportedIndicators = all(parse(xml).root, 'indicator');
  expect(exportedIndicators.length).toBeGreaterThan(100);
  const exportedActivities = imported.filter(
    (p) => !/Left out/.test(xml) || xml.includes(`<iati-identifier>${p.iatiIdentifier}<`),
  );
  expect(exportedIndicators.length).toBe(
    exportedActivities.reduce((n, p) => n + p.indicators.length, 0),
  );
  // Re-importing it finds no indicator to change.
  const again = await importFile(db, path, { countries: 'all' });
  expect(again.plan.counts.create).toBe(0);
  expect(again.plan.entries.filter((e) => e.fields.includes('indicators'))).toEqual([]);
  // Periods with a target (or an actual) in the file have one stored: a value, a comment or
  // values by sex.
  const stored = db.select().from(t.indicatorPeriods).all();
  const has = (v: unknown, c: unknown, d: unknown) => v !== null || c !== null || d !== null;
  expect(stored.filter((p) => has(p.targetValue, p.targetComment, p.targetDimensions)).length).toBe(
    expected.periodsWithTarget,
  );
  expect(stored.filter((p) => has(p.actualValue, p.actualComment, p.actualDimensions)).length).toBe(
    expected.periodsWithActual,
  );
}, 60_000);

test('what an indicator cannot store is a warning at its line, and the rest is kept', async () => {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03">
 <iati-activity>
  <iati-identifier>XM-TEST-IND</iati-identifier>
  <reporting-org ref="XM-TEST" type="10"><narrative>Test</narrative></reporting-org>
  <title><narrative>Activity with results</narrative></title>
  <recipient-country code="PH"/>
  <result type="2">
   <title><narrative>Farmers adapt</narrative></title>
   <indicator measure="1" ascending="0">
    <title><narrative xml:lang="en">Farmers trained</narrative><narrative xml:lang="zh">培训农民</narrative></title>
    <baseline year="2019" value="about ten"/>
    <period>
     <period-start iso-date="2021-01-01"/>
     <period-end iso-date="2021-12-31"/>
     <target value="100"><dimension name="sex" value="female"/></target>
     <target value="120"/>
     <actual value="n/a"><comment><narrative>Not counted yet</narrative></comment></actual>
     <actual value="30"><dimension name="age" value="15-24"/></actual>
    </period>
    <period>
     <period-start iso-date="2022-12-31"/>
     <period-end iso-date="2022-01-01"/>
     <target value="5"/>
    </period>
   </indicator>
  </result>
 </iati-activity>
</iati-activities>
`;
  const path = writeXml(xml);
  const db = emptyDbLike(openDatabase(createSeededDatabase().path));
  const { plan } = await importFile(db, path, { countries: ['PH'] });
  const lines = xml.split('\n');
  const at = (pattern: RegExp) =>
    plan.problems.filter((p) => pattern.test(p.message)).map((p) => lines[p.line - 1]!.trim());
  expect(at(/Baseline value|baseline value/)).toEqual([
    '<baseline year="2019" value="about ten"/>',
  ]);
  expect(at(/actual value "n\/a"/)).toEqual([
    '<actual value="n/a"><comment><narrative>Not counted yet</narrative></comment></actual>',
  ]);
  expect(at(/dimension age=15-24/)).toEqual([
    '<actual value="30"><dimension name="age" value="15-24"/></actual>',
  ]);
  expect(at(/ends .* before it starts/)).toEqual(['<period>']);
  const [indicator] = db.select().from(t.indicators).all();
  expect(indicator).toMatchObject({
    title: 'Farmers trained',
    titleZh: '培训农民',
    unit: null,
    measure: 'unit',
    isAscending: false,
    resultType: 'outcome',
    resultTitle: 'Farmers adapt',
    baselineValue: null,
    baselineYear: 2019,
    disaggregation: 'sex',
  });
  const periods = db.select().from(t.indicatorPeriods).all();
  expect(periods).toHaveLength(1);
  expect(periods[0]).toMatchObject({
    periodStart: '2021-01-01',
    periodEnd: '2021-12-31',
    targetValue: 120,
    targetDimensions: { female: 100 },
    // The age value is kept as the whole; the comment of the unreadable actual too.
    actualValue: 30,
    actualComment: 'Not counted yet',
    actualDimensions: null,
  });
});
