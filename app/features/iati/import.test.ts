import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { eq, sql } from 'drizzle-orm';
import { beforeAll, expect, test } from 'vitest';

import { EMPTY_FILTER, parseFilter } from '../../core/filter/filter';
import {
  EXTENDING_ORGANISATION_SLUGS,
  HUB_NS,
  IATI_STATUS_TO_STATUS,
  type IatiStatus,
  ROLE_TO_IATI,
} from './codes';
import { type ReadOptions, readIatiFile } from './read';
import { iatiActivitiesXml } from './write';
import { createSeededDatabase } from '../../../scripts/harness';
import { type Db, openDatabase } from '../../../db/client.server';
import * as t from '../../../db/schema';
import { createTestDb, insertProject } from '../../../db/test-factories';
import { getDashboard } from '../dashboard/dashboard.server';
import { listIatiExportProjects } from './export.server';
import { stageImport } from './import-stage.server';
import { planImport } from './import-plan.server';
import { applyImport } from './import-apply.server';
import { listOrganisationSummaries } from '../organisations/organisations.server';
import { projectFilterSql } from '../../core/filter/project-filter.server';
import { countProjects, getPortfolioStats } from '../projects/projects.server';
import { IATI_DATA_URL } from '../../../scripts/shared-data';

// The three real d-portal files beside the checkout (never copied into it), imported into real
// SQLite files. Expected values come from cn-activities-index.csv, never from the importer.

const IATI_DIR = IATI_DATA_URL;
const iatiFile = (name: string) => fileURLToPath(new URL(name, IATI_DIR));
const FILES = [
  'covid_fixture_dportal_incl_UNDP_Gates_CN.xml',
  'dportal_114_incl_XM-DAC-5-7_CN.xml',
  'dportal_78_incl_XI-IATI-EC_FPI_CN.xml',
];
const REF = 'XX-IKI-CHINA-HUB';
const TODAY = '2026-06-15';
const WHO = { at: '2026-06-15T10:00:00.000Z', actor: { id: null, name: 'Import test' } };

/** cn-activities-index.csv as records (RFC 4180 quoting). */
function readIndex(): Record<string, string>[] {
  const text = readFileSync(new URL('cn-activities-index.csv', IATI_DIR), 'utf8');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') field += text[++i];
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  const [header, ...records] = rows;
  return records.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}
const INDEX = readIndex();

const countries = JSON.parse(
  readFileSync(new URL('../../../db/seed/countries.json', import.meta.url), 'utf8'),
) as { countries: { code: string; alpha3: string; numeric: string }[] };
const provinces = JSON.parse(
  readFileSync(new URL('../../../db/seed/provinces.json', import.meta.url), 'utf8'),
) as { provinces: (typeof t.provinces.$inferInsert)[] };

/** A migrated database with the reference data (countries, provinces) and no projects. */
function emptyDb(): Db {
  const db = createTestDb();
  db.insert(t.countries)
    .values(
      countries.countries
        .filter((c) => c.code !== 'CN')
        .map(({ code, alpha3, numeric }) => ({ code, alpha3, numeric })),
    )
    .run();
  db.insert(t.provinces).values(provinces.provinces).run();
  return db;
}

/** Rows in every table: what "writes nothing" is checked against. */
function tableCounts(db: Db): Record<string, number> {
  const names = db
    .all<{ name: string }>(
      sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
    )
    .map((r) => r.name);
  return Object.fromEntries(
    names.map((name) => [
      name,
      db.get<{ n: number }>(sql.raw(`SELECT count(*) AS n FROM "${name}"`))!.n,
    ]),
  );
}

async function importFile(
  db: Db,
  path: string,
  { apply = true, ...options }: ReadOptions & { apply?: boolean } = {},
) {
  const staged = await stageImport(db, readIatiFile(path, options));
  const plan = staged.isRefused ? null : planImport(db, staged.importId, { ownRef: REF });
  const applied = plan && apply ? applyImport(db, staged.importId, WHO, { ownRef: REF }) : null;
  return { staged, plan, applied };
}

const dir = mkdtempSync(join(tmpdir(), 'iati-import-'));
let written = 0;
function writeXml(xml: string): string {
  written += 1;
  const path = join(dir, `file-${written}.xml`);
  writeFileSync(path, xml);
  return path;
}

let db: Db;
const firstImport: Awaited<ReturnType<typeof importFile>>[] = [];
beforeAll(async () => {
  db = emptyDb();
  for (const name of FILES) firstImport.push(await importFile(db, iatiFile(name)));
});

const importedRows = () =>
  db
    .select({
      slug: t.projects.slug,
      iatiIdentifier: t.projects.iatiIdentifier,
      origin: t.projects.origin,
      publisherRef: t.projects.publisherRef,
      publisherName: t.projects.publisherName,
      programme: t.projects.programme,
      title: t.projects.title,
      startDate: t.projects.startDate,
      startPrecision: t.projects.startPrecision,
      endDate: t.projects.endDate,
      statusStated: t.projects.statusStated,
      ikiFundingEur: t.projects.ikiFundingEur,
    })
    .from(t.projects)
    .where(eq(t.projects.origin, 'iati'))
    .all();

test('the China activities of the three real files are imported, each labelled with its publisher', () => {
  const rows = importedRows();
  expect(rows.map((r) => r.iatiIdentifier).sort()).toEqual(
    INDEX.map((r) => r.iati_identifier).sort(),
  );
  for (const expected of INDEX) {
    const row = rows.find((r) => r.iatiIdentifier === expected.iati_identifier)!;
    expect(row.publisherRef, expected.iati_identifier).toBe(expected.reporting_org_ref);
    // The programme an imported activity belongs to is its publisher's.
    expect(row.programme).toBe(row.publisherName);
    expect(row.title).toBe(expected.title);
    // The published term is the planned one.
    expect([row.startDate, row.startPrecision]).toEqual([expected.planned_start, 'day']);
    expect(row.endDate).toBe(expected.planned_end);
    expect(row.statusStated).toBe(IATI_STATUS_TO_STATUS[expected.activity_status as IatiStatus]);
  }
  expect(firstImport.map((r) => r.plan!.counts.create)).toEqual(
    FILES.map((f) => INDEX.filter((r) => r.file === f).length),
  );
});

test("the Federal Foreign Office's Qinghai activity is there with its publisher and its EUR budget", () => {
  const expected = INDEX.find((r) => r.iati_identifier === 'XM-DAC-5-7-6615032')!;
  const row = importedRows().find((r) => r.iatiIdentifier === expected.iati_identifier)!;
  expect(row).toMatchObject({
    slug: 'xm-dac-5-7-6615032',
    publisherRef: 'XM-DAC-5-7',
    // The reporting-org's English narrative; the index lists its first (German) one.
    publisherName: 'Germany - Federal Foreign Office',
    ikiFundingEur: 4500,
  });
  expect(expected.reporting_org_name).toBe('Deutschland - Auswärtiges Amt');
  const audit = db.select().from(t.auditLog).where(eq(t.auditLog.label, expected.title!)).all();
  expect(audit.map((a) => [a.entity, a.action, a.userName])).toEqual([
    ['project', 'create', 'Import test'],
  ]);
});

test('the warnings of the real files are listed with their lines', () => {
  const aa = firstImport[1]!.staged;
  expect(aa.isRefused).toBe(false);
  expect(aa.errors).toBe(0);
  expect(aa.problems).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        severity: 'warning',
        line: 1769,
        message: expect.stringMatching(/namespace http:\/\/d-portal\.org\/xmlns\/dstore/),
      }),
      expect.objectContaining({
        severity: 'warning',
        line: 1814,
        message: expect.stringMatching(/Provinz Qinghai.*no coordinates/),
      }),
    ]),
  );
  // The Gates Foundation budgets are in USD: not read as funding, and said so.
  const gates = firstImport[0]!.staged.problems.filter((p) => p.message.includes('Budget in USD'));
  expect(gates.length).toBeGreaterThanOrEqual(10);
  expect(gates.every((p) => p.line > 0 && p.identifier?.startsWith('DAC-1601-'))).toBe(true);
});

test('re-importing the same files finds everything unchanged and writes nothing', async () => {
  const before = tableCounts(db);
  for (const name of FILES) {
    const { plan, applied } = await importFile(db, iatiFile(name));
    expect(plan!.counts).toEqual({
      create: 0,
      update: 0,
      unchanged: INDEX.filter((r) => r.file === name).length,
    });
    expect(plan!.entries.every((e) => e.fields.length === 0)).toBe(true);
    expect(applied!.counts.unchanged).toBe(plan!.counts.unchanged);
  }
  expect(tableCounts(db)).toEqual(before);
});

test('imported activities never count as IKI projects; origin=iati shows only them', () => {
  insertProject(db, { slug: 'an-iki-project', title: 'An IKI project' });
  const portfolio = projectFilterSql(EMPTY_FILTER, TODAY);
  expect(countProjects(portfolio, db)).toBe(1);
  expect(countProjects(undefined, db)).toBe(1);
  expect(getPortfolioStats(db).totalProjects).toBe(1);
  expect(getDashboard(portfolio, TODAY, 'folded', db).kpis.projects).toBe(1);
  const imported = projectFilterSql(parseFilter(new URLSearchParams('origin=iati')).filter, TODAY);
  expect(countProjects(imported, db)).toBe(INDEX.length);
  // An organisation known only from imported activities is not listed among IKI partners.
  expect(listOrganisationSummaries(db).map((o) => o.name)).not.toContain(
    'Bill and Melinda Gates Foundation',
  );
});

test('with region codes, an activity for a DAC region that includes China is read too', async () => {
  const other = emptyDb();
  const { plan } = await importFile(other, iatiFile('dportal_78_incl_XI-IATI-EC_FPI_CN.xml'), {
    regions: ['789'],
    apply: false,
  });
  expect(plan!.entries.map((e) => e.identifier).sort()).toEqual(
    [
      ...INDEX.filter((r) => r.file === 'dportal_78_incl_XI-IATI-EC_FPI_CN.xml').map(
        (r) => r.iati_identifier,
      ),
      'XI-IATI-EC_FPI-2019/405-701',
    ].sort(),
  );
});

// ── Hard errors ──────────────────────────────────────────────────────────────────────────────────

const china = (id: string, body = '') => ` <iati-activity>
  <iati-identifier>${id}</iati-identifier>
  <reporting-org ref="XM-TEST"><narrative>Test</narrative></reporting-org>
  <title><narrative>Activity ${id}</narrative></title>
  <recipient-country code="CN"/>${body}
 </iati-activity>`;
const root = (inner: string, version = '2.03') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="${version}">\n${inner}\n</iati-activities>\n`;

test.each([
  ['not well-formed', root(`${china('XM-TEST-A')}\n <iati-activity>`)],
  [
    'a DOCTYPE',
    `<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e "e">]>\n${root(china('XM-TEST-A')).split('\n').slice(1).join('\n')}`,
  ],
  ['the wrong root', '<?xml version="1.0"?>\n<activities version="2.03"/>\n'],
  [
    'an activity without identifier',
    root(`${china('XM-TEST-A')}\n <iati-activity><title/></iati-activity>`),
  ],
  [
    'an impossible date',
    root(china('XM-TEST-A', '\n  <activity-date type="1" iso-date="2021-02-30"/>')),
  ],
  [
    'coordinates out of range',
    root(china('XM-TEST-A', '\n  <location><point><pos>39.9 196.4</pos></point></location>')),
  ],
  ['version 1.05', root(china('XM-TEST-A'), '1.05')],
  // Past the first staging batch: what was staged already is taken back.
  [
    'a bad date after 600 good activities',
    root(
      Array.from({ length: 600 }, (_, i) => china(`XM-TEST-${i}`)).join('\n') +
        '\n' +
        china('XM-TEST-LAST', '\n  <activity-date type="3" iso-date="2021-13-01"/>'),
    ),
  ],
])('a file with %s is refused and writes nothing', async (_, xml) => {
  const target = emptyDb();
  const before = tableCounts(target);
  const { staged, plan } = await importFile(target, writeXml(xml));
  expect(staged.isRefused).toBe(true);
  expect(plan).toBeNull();
  expect(staged.problems.filter((p) => p.severity === 'error').length).toBeGreaterThan(0);
  expect(staged.problems.every((p) => p.line > 0)).toBe(true);
  expect(tableCounts(target)).toEqual(before);
});

// ── Updates ─────────────────────────────────────────────────────────────────────────────────────

test('a changed activity is updated in place, naming the fields, with an audit entry', async () => {
  const target = emptyDb();
  const v1 = root(china('XM-TEST-U', '\n  <activity-date type="3" iso-date="2024-12-31"/>'));
  await importFile(target, writeXml(v1));
  const v2 = v1
    .replace('Activity XM-TEST-U', 'Activity XM-TEST-U, second phase')
    .replace('2024-12-31', '2025-06-30');
  const { plan } = await importFile(target, writeXml(v2));
  expect(plan!.entries).toEqual([
    expect.objectContaining({
      identifier: 'XM-TEST-U',
      action: 'update',
      fields: ['title', 'endDate', 'endsOn'],
    }),
  ]);
  const row = target.select().from(t.projects).get()!;
  expect(row).toMatchObject({
    title: 'Activity XM-TEST-U, second phase',
    endDate: '2025-06-30',
    version: 2,
  });
  const updates = target.select().from(t.auditLog).where(eq(t.auditLog.action, 'update')).all();
  expect(updates).toHaveLength(1);
  expect(updates[0]!.changes.endDate).toEqual({ from: '2024-12-31', to: '2025-06-30' });
});

test('our own export updates the hub project it came from and never empties it', async () => {
  const target = emptyDb();
  insertProject(target, {
    slug: 'clean-air',
    title: 'Clean air',
    summary: 'Kept: the file says nothing about it.',
    programme: 'IKI',
  });
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03" xmlns:hub="${HUB_NS}">
 <iati-activity>
  <iati-identifier>${REF}-clean-air</iati-identifier>
  <reporting-org ref="${REF}" type="90"><narrative>IKI China portfolio hub</narrative></reporting-org>
  <title><narrative xml:lang="en">Clean air for cities</narrative></title>
  <activity-date type="1" iso-date="2021-03-01" hub:precision="month" hub:value="2021-03"/>
  <recipient-country code="CN"/>
 </iati-activity>
 <iati-activity>
  <iati-identifier>${REF}-new-from-export</iati-identifier>
  <reporting-org ref="${REF}" type="90"><narrative>IKI China portfolio hub</narrative></reporting-org>
  <title><narrative xml:lang="en">A project from another hub database</narrative></title>
  <recipient-country code="CN"/>
 </iati-activity>
</iati-activities>`;
  const { plan } = await importFile(target, writeXml(xml));
  expect(plan!.entries.map((e) => [e.slug, e.origin, e.action])).toEqual([
    ['clean-air', 'hub', 'update'],
    ['new-from-export', 'hub', 'create'],
  ]);
  const rows = target
    .select({
      slug: t.projects.slug,
      origin: t.projects.origin,
      title: t.projects.title,
      summary: t.projects.summary,
      startDate: t.projects.startDate,
      startPrecision: t.projects.startPrecision,
      iatiIdentifier: t.projects.iatiIdentifier,
    })
    .from(t.projects)
    .orderBy(t.projects.id)
    .all();
  expect(rows).toEqual([
    {
      slug: 'clean-air',
      origin: 'hub',
      title: 'Clean air for cities',
      summary: 'Kept: the file says nothing about it.',
      startDate: '2021-03',
      startPrecision: 'month',
      iatiIdentifier: null,
    },
    {
      slug: 'new-from-export',
      origin: 'hub',
      title: 'A project from another hub database',
      summary: null,
      startDate: null,
      startPrecision: null,
      iatiIdentifier: null,
    },
  ]);
});

// ── The round trip ──────────────────────────────────────────────────────────────────────────────

test('exporting the hub and importing the file into an empty database gives back the same projects', async () => {
  const source = openDatabase(createSeededDatabase().path);
  const settings = {
    reportingOrg: { ref: REF, name: 'IKI China portfolio hub', type: '90' },
    today: TODAY,
    generatedAt: `${TODAY}T12:00:00Z`,
  };
  const exported = listIatiExportProjects(projectFilterSql(EMPTY_FILTER, TODAY), source);
  const path = writeXml(iatiActivitiesXml(exported, settings));

  // The same database: nothing to do.
  const onSource = await importFile(source, path, { apply: false });
  expect(onSource.staged.errors).toBe(0);
  expect(onSource.plan!.counts.update + onSource.plan!.counts.create).toBe(0);

  const copy = emptyDb();
  const { plan } = await importFile(copy, path);
  expect(plan!.entries.every((e) => e.origin === 'hub' && e.action === 'create')).toBe(true);
  const back = new Map(
    listIatiExportProjects(projectFilterSql(EMPTY_FILTER, TODAY), copy).map((p) => [p.slug, p]),
  );
  const inFile = exported.filter((p) => plan!.entries.some((e) => e.slug === p.slug));
  expect(inFile.length).toBeGreaterThan(10);
  expect([...back.keys()].sort()).toEqual(inFile.map((p) => p.slug).sort());
  for (const p of inFile) {
    const q = back.get(p.slug)!;
    // Organisations come back with their slug, acronym and kind (hub: attributes); only the
    // links IATI has no role for ('mentioned', except the agency exported as extending) do not.
    const organisations = (list: typeof p.organisations) =>
      list.map((o) => [o.slug, o.acronym, o.name, o.nameZh, o.kind, o.iatiRef, o.role]).sort();
    const exportable = p.organisations.filter(
      (o) => ROLE_TO_IATI[o.role] !== null || EXTENDING_ORGANISATION_SLUGS.includes(o.slug),
    );
    const milestones = (list: typeof p.milestones) => list.map(({ id: _, ...m }) => m);
    expect({
      ...q,
      organisations: organisations(q.organisations),
      milestones: milestones(q.milestones),
      lastUpdated: null,
    }).toEqual({
      ...p,
      organisations: organisations(exportable),
      milestones: milestones(p.milestones),
      lastUpdated: null,
      // A phase left out of the file cannot be pointed at.
      related: p.related.filter((r) => back.has(r.slug)),
    });
  }
  // Importing the file again into the copy changes nothing either.
  const again = await importFile(copy, path, { apply: false });
  expect(again.plan!.counts.unchanged).toBe(inFile.length);
});
