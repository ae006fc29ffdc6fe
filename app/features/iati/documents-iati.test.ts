import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { asc, eq, sql } from 'drizzle-orm';
import { beforeAll, expect, test } from 'vitest';

import { parseFilter } from '../../core/filter/filter';
import { projectFilterSql } from '../../core/filter/project-filter.server';
import { type ReadOptions, readIatiFile } from './read';
import { iatiActivitiesXml } from './write';
import { listIatiExportProjects } from './export.server';
import { stageImport } from './import-stage.server';
import { planImport } from './import-plan.server';
import { applyImport } from './import-apply.server';
import { type Node, all, attr, parse, schemaChecker } from './test-support';
import { HUB_NS } from './codes';
import { IATI_DATA_URL } from '../../../scripts/shared-data';
import { publicBaseUrl } from '../../core/mail/transport.server';
import type { Db } from '../../../db/client.server';
import * as t from '../../../db/schema';
import {
  createTestDb,
  insertDocument,
  insertOrganisation,
  insertProject,
  linkOrganisation,
} from '../../../db/test-factories';

// IATI <document-link>s both ways (decision 0072): the real files' links become documents of
// their activities, re-importing changes nothing, the export writes a project's public documents
// as valid 2.03 document-links, and a file goes round. Expected values come from the XML, read
// here with saxes (test-support's parse), never with the reader under test.

const REF = 'XX-IKI-CHINA-HUB';
const TODAY = '2026-06-15';
const WHO = { at: '2026-06-15T10:00:00.000Z', actor: { id: null, name: 'Import test' } };
const SETTINGS = {
  reportingOrg: { ref: REF, name: 'IKI China portfolio hub', type: '90' },
  today: TODAY,
  generatedAt: `${TODAY}T12:00:00Z`,
};
const PUBLIC_URL = 'https://hub.example.org';
const schemaErrors = schemaChecker(new URL('schema/', IATI_DATA_URL));

const FILES = [
  'covid_fixture_dportal_incl_UNDP_Gates_CN.xml',
  'dportal_114_incl_XM-DAC-5-7_CN.xml',
  'dportal_78_incl_XI-IATI-EC_FPI_CN.xml',
];
const iatiFile = (name: string) => fileURLToPath(new URL(name, IATI_DATA_URL));

const child = (node: Node | undefined, name: string) => node?.children.find((c) => c.name === name);
const children = (node: Node | undefined, name: string) =>
  node?.children.filter((c) => c.name === name) ?? [];

/** A document link as the XML states it, in the terms the hub stores. */
interface LinkInXml {
  identifier: string;
  url: string;
  title: string;
  category: string | null;
  language: string | null;
  format: string | null;
  date: string | null;
  isChina: boolean;
}

function linksOf(name: string): LinkInXml[] {
  const { root } = parse(readFileSync(iatiFile(name), 'utf8'));
  return children(root, 'iati-activity').flatMap((a) => {
    const identifier = child(a, 'iati-identifier')!.text.trim();
    const isChina = children(a, 'recipient-country').some(
      (c) => attr(c, 'code')?.toUpperCase() === 'CN',
    );
    return children(a, 'document-link').map((d) => {
      const narratives = children(child(d, 'title'), 'narrative')
        .map((n) => ({ lang: (attr(n, 'xml:lang') ?? 'en').toLowerCase(), text: n.text.trim() }))
        .filter((n) => n.text !== '');
      const url = attr(d, 'url') ?? '';
      return {
        identifier,
        url,
        // Without a title, the address stands for one (with a warning).
        title: (narratives.find((n) => n.lang === 'en') ?? narratives[0])?.text ?? url,
        category: attr(children(d, 'category')[0]!, 'code') ?? null,
        language: children(d, 'language')[0]
          ? attr(children(d, 'language')[0]!, 'code')!.toLowerCase()
          : null,
        format: attr(d, 'format')?.toLowerCase() ?? null,
        date: child(d, 'document-date') ? attr(child(d, 'document-date')!, 'iso-date')! : null,
        isChina,
      };
    });
  });
}
const LINKS = FILES.flatMap(linksOf);
/** What the hub can follow: an absolute http(s) address (the reader's rule, said again here). */
const isFollowable = (url: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
};

const dir = mkdtempSync(join(tmpdir(), 'iati-documents-'));
let written = 0;
function writeXml(xml: string): string {
  written += 1;
  const path = join(dir, `file-${written}.xml`);
  writeFileSync(path, xml);
  return path;
}

async function importFile(db: Db, path: string, options: ReadOptions & { apply?: boolean } = {}) {
  const { apply = true, ...read } = options;
  const staged = await stageImport(db, readIatiFile(path, read));
  const plan = staged.isRefused ? null : planImport(db, staged.importId, { ownRef: REF });
  const applied = plan && apply ? applyImport(db, staged.importId, WHO, { ownRef: REF }) : null;
  return { staged, plan, applied };
}

/** Every document with the IATI identifier of its project, as comparable rows. */
function storedDocuments(db: Db) {
  return db
    .select({
      identifier: t.projects.iatiIdentifier,
      url: t.documents.url,
      title: t.documents.title,
      category: t.documents.category,
      language: t.documents.language,
      format: t.documents.mediaType,
      date: t.documents.documentDate,
      origin: t.documents.origin,
      visibility: t.documents.visibility,
      createdByName: t.documents.createdByName,
    })
    .from(t.documents)
    .innerJoin(t.documentProjects, eq(t.documentProjects.documentId, t.documents.id))
    .innerJoin(t.projects, eq(t.projects.id, t.documentProjects.projectId))
    .orderBy(asc(t.documents.id))
    .all();
}

const key = (d: {
  identifier: string | null;
  url: string | null;
  title: string;
  category: string | null;
  language: string | null;
  format: string | null;
  date: string | null;
}) => JSON.stringify([d.identifier, d.url, d.title, d.category, d.language, d.format, d.date]);

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

let china: Db;
beforeAll(async () => {
  china = createTestDb();
  for (const name of FILES) await importFile(china, iatiFile(name));
});

test('the real files hold the 1 357 document links the issue names, 206 on China activities', () => {
  expect(LINKS).toHaveLength(1357);
  expect(LINKS.filter((l) => l.isChina)).toHaveLength(206);
});

test('the default import (China) stores exactly the China activities’ document links, as public iati documents of their project', () => {
  const expected = LINKS.filter((l) => l.isChina && isFollowable(l.url));
  const skipped = LINKS.filter((l) => l.isChina).length - expected.length;
  const stored = storedDocuments(china);
  expect(stored).toHaveLength(206 - skipped);
  expect(stored.map(key).sort()).toEqual(expected.map(key).sort());
  expect(
    stored.every(
      (d) => d.origin === 'iati' && d.visibility === 'public' && d.createdByName === 'Import test',
    ),
  ).toBe(true);
  // One audit entry per document created, by the import's actor.
  const audits = china
    .select({ action: t.auditLog.action, userName: t.auditLog.userName })
    .from(t.auditLog)
    .where(eq(t.auditLog.entity, 'document'))
    .all();
  expect(audits).toHaveLength(stored.length);
  expect(audits.every((a) => a.action === 'create' && a.userName === 'Import test')).toBe(true);
});

test('re-importing the real files changes nothing, documents included', async () => {
  const before = tableCounts(china);
  for (const name of FILES) {
    const { plan } = await importFile(china, iatiFile(name));
    expect(plan!.counts.create + plan!.counts.update).toBe(0);
  }
  expect(tableCounts(china)).toEqual(before);
});

test('with every country, all 1 357 document links are stored, each on its activity', async () => {
  const db = createTestDb();
  const problems = [];
  for (const name of FILES) {
    const { staged, plan } = await importFile(db, iatiFile(name), { countries: 'all' });
    problems.push(...staged.problems, ...plan!.problems);
  }
  const expected = LINKS.filter((l) => isFollowable(l.url));
  const stored = storedDocuments(db);
  expect(stored).toHaveLength(1357 - (LINKS.length - expected.length));
  expect(stored.map(key).sort()).toEqual(expected.map(key).sort());
  // A link with several categories keeps the first, and says so with the link's line.
  expect(problems.some((p) => /keeps one category and one language/.test(p.message))).toBe(true);
}, 60_000);

// ── Made-up files: bad links, changes, Chinese titles ────────────────────────────────────────────

const activity = (id: string, links: string, extra = '') => ` <iati-activity>
  <iati-identifier>${id}</iati-identifier>
  <reporting-org ref="XM-TEST"><narrative>Test</narrative></reporting-org>
  <title><narrative>Activity ${id}</narrative></title>
  <recipient-country code="CN"/>${extra}
${links}
 </iati-activity>`;
const file = (inner: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03" xmlns:hub="${HUB_NS}">\n${inner}\n</iati-activities>\n`;
const link = (url: string, title: string, more = '<category code="A01"/>') =>
  `  <document-link url="${url}" format="application/pdf"><title><narrative>${title}</narrative></title>${more}</document-link>`;

test('a link without an address or with one a reader cannot follow is a warning at its line, and not stored', async () => {
  const db = createTestDb();
  const xml = file(
    activity(
      'XM-TEST-BAD',
      [
        '  <document-link format="text/html"><title><narrative>No url</narrative></title><category code="A12"/></document-link>',
        link('javascript:alert(1)', 'Script'),
        link('ftp://example.org/report.pdf', 'FTP'),
        link('not a url', 'Words'),
        link('https://example.org/good.pdf', 'Good'),
      ].join('\n'),
    ),
  );
  const lineOf = (text: string) => xml.split('\n').findIndex((l) => l.includes(text)) + 1;
  const { staged } = await importFile(db, writeXml(xml));
  const warnings = staged.problems.filter((p) => /document/i.test(p.message));
  expect(warnings.map((p) => p.line).sort((a, b) => a - b)).toEqual(
    [lineOf('No url'), lineOf('Script'), lineOf('FTP'), lineOf('Words')].sort((a, b) => a - b),
  );
  expect(warnings.every((p) => p.severity === 'warning')).toBe(true);
  expect(storedDocuments(db).map((d) => d.title)).toEqual(['Good']);
});

test('a re-import updates links in place, removes the iati documents that are gone and never an uploaded one', async () => {
  const db = createTestDb();
  const v1 = file(
    activity(
      'XM-TEST-DOCS',
      [
        link('https://example.org/page', 'Activity web page', '<category code="A12"/>'),
        link('https://example.org/page', 'Purchase orders', '<category code="A06"/>'),
        link('https://example.org/old.pdf', 'Old report'),
      ].join('\n'),
    ),
  );
  await importFile(db, writeXml(v1));
  const project = db.select({ id: t.projects.id }).from(t.projects).get()!;
  const upload = insertDocument(db, {
    title: 'Our own upload',
    origin: 'upload',
    url: null,
    fileHash: 'a'.repeat(64),
    mediaType: 'application/pdf',
  });
  db.insert(t.documentProjects).values({ documentId: upload.id, projectId: project.id }).run();
  const ids = () =>
    new Map(
      db
        .select({ id: t.documents.id, title: t.documents.title, version: t.documents.version })
        .from(t.documents)
        .all()
        .map((d) => [d.title, d]),
    );
  const before = ids();

  const v2 = file(
    activity(
      'XM-TEST-DOCS',
      [
        link('https://example.org/page', 'Activity web page', '<category code="A12"/>'),
        link('https://example.org/page', 'Purchase order summary', '<category code="A06"/>'),
      ].join('\n'),
    ),
  );
  const { plan } = await importFile(db, writeXml(v2));
  expect(plan!.entries[0]).toMatchObject({ action: 'update', fields: ['documents'] });
  const after = ids();
  expect([...after.keys()].sort()).toEqual(
    ['Activity web page', 'Our own upload', 'Purchase order summary'].sort(),
  );
  // The second link with the same address is the same document, renamed.
  expect(after.get('Purchase order summary')).toEqual({
    id: before.get('Purchase orders')!.id,
    title: 'Purchase order summary',
    version: 2,
  });
  expect(after.get('Activity web page')).toEqual(before.get('Activity web page'));
  const audits = db
    .select({ action: t.auditLog.action, label: t.auditLog.label })
    .from(t.auditLog)
    .where(eq(t.auditLog.entity, 'document'))
    .orderBy(asc(t.auditLog.id))
    .all();
  expect(audits.slice(3)).toEqual([
    { action: 'update', label: 'Purchase order summary' },
    { action: 'delete', label: 'Old report' },
  ]);
  const again = await importFile(db, writeXml(v2));
  expect(again.plan!.counts.unchanged).toBe(1);
});

test('a document link titled only in Chinese keeps its title through import, export and import again', async () => {
  const db = createTestDb();
  const xml = file(
    activity(
      'XM-TEST-ZH',
      [
        `  <document-link url="https://example.org/zh.pdf" format="application/pdf"><title><narrative xml:lang="zh">城市清洁空气年度报告</narrative></title><category code="A07"/><language code="zh"/><document-date iso-date="2024-05-20"/></document-link>`,
        `  <document-link url="https://example.org/en.pdf" format="application/pdf"><title><narrative xml:lang="zh">中文标题</narrative><narrative xml:lang="en">English title</narrative></title><category code="A07"/></document-link>`,
      ].join('\n'),
      `
  <description><narrative>What it does</narrative></description>
  <participating-org role="4" ref="XM-IMPL"><narrative>Implementer</narrative></participating-org>
  <activity-status code="2"/>
  <activity-date type="1" iso-date="2021-01-01"/>`,
    ),
  );
  await importFile(db, writeXml(xml));
  const titles = () => storedDocuments(db).map((d) => [d.title, d.language, d.date]);
  expect(titles()).toEqual([
    ['城市清洁空气年度报告', 'zh', '2024-05-20'],
    ['English title', null, null],
  ]);
  const { filter } = parseFilter(new URLSearchParams('origin=iati'));
  const exported = iatiActivitiesXml(
    listIatiExportProjects(projectFilterSql(filter, TODAY), db, PUBLIC_URL),
    SETTINGS,
  );
  expect(await schemaErrors(exported)).toEqual([]);
  const zh = all(parse(exported).root, 'document-link')[0]!;
  expect(all(zh, 'narrative').map((n) => [attr(n, 'xml:lang'), n.text])).toEqual([
    ['zh', '城市清洁空气年度报告'],
  ]);
  const copy = createTestDb();
  await importFile(copy, writeXml(exported));
  expect(storedDocuments(copy).map((d) => [d.title, d.language, d.date])).toEqual(titles());
});

test('the reader keeps a link’s first category and language, its day, and says what it leaves out', async () => {
  const xml = file(
    activity(
      'XM-TEST-READ',
      [
        `  <document-link url="https://example.org/a.pdf" format="APPLICATION/PDF">
    <title><narrative xml:lang="FR">Rapport</narrative><narrative xml:lang="EN">Report</narrative></title>
    <description><narrative>What is in it</narrative></description>
    <category code="a07"/><category code="Z99"/><category code="A01"/>
    <language code="EN"/><language code="fr"/>
    <document-date iso-date="2023-02-30"/>
  </document-link>`,
        `  <document-link url="https://example.org/b.pdf" format="not a type"><title/><category code="A01"/><document-date iso-date="2024-05" hub:precision="month" hub:value="2024-05"/></document-link>`,
      ].join('\n'),
    ),
  );
  const lineOf = (text: string) => xml.split('\n').findIndex((l) => l.includes(text)) + 1;
  const items = [];
  for await (const item of readIatiFile(writeXml(xml))) items.push(item);
  const read = items.flatMap((i) => (i.kind === 'activity' ? i.activity.documents : []));
  expect(read).toEqual([
    {
      line: lineOf('a.pdf'),
      url: 'https://example.org/a.pdf',
      format: 'application/pdf',
      title: 'Report',
      description: 'What is in it',
      categories: ['A07', 'A01'],
      languages: ['en', 'fr'],
      date: null,
    },
    {
      line: lineOf('b.pdf'),
      url: 'https://example.org/b.pdf',
      format: null,
      title: 'https://example.org/b.pdf',
      description: null,
      categories: ['A01'],
      languages: [],
      date: { value: '2024-05', precision: 'month' },
    },
  ]);
  const warnings = items.flatMap((i) => (i.kind === 'problem' ? [i.problem] : []));
  expect(warnings.map((w) => [w.line, w.severity])).toEqual([
    [lineOf('Z99'), 'warning'],
    [lineOf('2023-02-30'), 'warning'],
    [lineOf('b.pdf'), 'warning'],
    [lineOf('b.pdf'), 'warning'],
  ]);
  // Stored: one category and one language, the others named in the plan's warning.
  const db = createTestDb();
  const { plan } = await importFile(db, writeXml(xml));
  expect(plan!.problems.map((p) => [p.line, p.message])).toEqual([
    [lineOf('a.pdf'), expect.stringMatching(/A07, en.*A01, fr not kept/)],
  ]);
  expect(storedDocuments(db).map((d) => [d.title, d.category, d.language, d.date])).toEqual([
    ['Report', 'A07', 'en', null],
    ['https://example.org/b.pdf', 'A01', null, '2024-05'],
  ]);
});

// ── Export ───────────────────────────────────────────────────────────────────────────────────────

test('the export writes a project’s public documents as valid document-links, files as absolute download addresses', async () => {
  const db = createTestDb();
  const p = insertProject(db, {
    slug: 'clean-air',
    title: 'Clean air',
    summary: 'Cleaner air.',
    startDate: '2021-03',
    startPrecision: 'month',
    endDate: '2025-12',
    endPrecision: 'month',
    statusStated: 'ongoing',
  });
  linkOrganisation(
    db,
    p.id,
    insertOrganisation(db, { slug: 'giz', name: 'GIZ' }).id,
    'implementing-organisation',
  );
  const docs = [
    insertDocument(db, {
      title: 'Annual report 2023',
      origin: 'upload',
      url: null,
      fileHash: 'b'.repeat(64),
      mediaType: 'application/pdf',
      category: 'A07',
      language: 'en',
      documentDate: '2024-03',
      documentDatePrecision: 'month',
      description: 'What happened in 2023.',
    }),
    insertDocument(db, {
      title: '项目简介',
      url: 'https://example.org/brief?a=1&b=2',
      mediaType: 'text/html',
      category: 'A02',
      language: 'zh',
    }),
    insertDocument(db, {
      title: 'For signed-in readers',
      visibility: 'signed-in',
      mediaType: 'application/pdf',
      category: 'A01',
    }),
    insertDocument(db, { title: 'Hub team only', visibility: 'hub-team', mediaType: 'text/html' }),
    insertDocument(db, { title: 'No category', mediaType: 'text/html' }),
  ];
  for (const d of docs) {
    db.insert(t.documentProjects).values({ documentId: d.id, projectId: p.id }).run();
  }
  db.insert(t.projectCountries).values({ projectId: p.id, countryCode: 'CN' }).run();
  const { filter } = parseFilter(new URLSearchParams(''));
  // The address files are served at: HUB_PUBLIC_URL, else this server.
  const xml = iatiActivitiesXml(
    listIatiExportProjects(projectFilterSql(filter, TODAY), db),
    SETTINGS,
  );
  const { root, comments } = parse(xml);
  expect(comments[0]).toContain('1 of 1 selected projects');
  expect(await schemaErrors(xml)).toEqual([]);
  const links = all(root, 'document-link');
  expect(links.map((l) => [attr(l, 'url'), attr(l, 'format')])).toEqual([
    [`${publicBaseUrl()}/documents/${docs[0]!.id}/file`, 'application/pdf'],
    ['https://example.org/brief?a=1&b=2', 'text/html'],
  ]);
  expect(links[0]!.children.map((c) => c.name)).toEqual([
    'title',
    'description',
    'category',
    'language',
    'document-date',
  ]);
  const date = child(links[0], 'document-date')!;
  expect(attr(date, 'iso-date')).toBe('2024-03-01');
  expect(
    Object.values(date.attributes)
      .filter((a) => a.uri === HUB_NS)
      .map((a) => [a.local, a.value]),
  ).toEqual([
    ['precision', 'month'],
    ['value', '2024-03'],
  ]);
  expect(all(links[1]!, 'narrative').map((n) => [attr(n, 'xml:lang'), n.text])).toEqual([
    ['zh', '项目简介'],
  ]);
  // Not public: not there at all. Public without a category: named, not guessed.
  expect(xml).not.toContain('signed-in readers');
  expect(xml).not.toContain('Hub team only');
  expect(comments.slice(1)).toEqual([
    expect.stringContaining(`clean-air: ${docs[4]!.url!} (category)`),
  ]);
  // The activity's elements keep the schema's order: document-link after budget, before results.
  const activityChildren = all(root, 'iati-activity')[0]!.children.map((c) => c.name);
  expect(activityChildren.indexOf('document-link')).toBeGreaterThan(
    activityChildren.indexOf('activity-date'),
  );

  // Importing our own file back into the same database finds its documents unchanged: the
  // upload is known by its download address, the link by its own (the factory's project leaves
  // the derived startsOn/endsOn unset, so those would be filled in).
  const { plan } = await importFile(db, writeXml(xml), { apply: false });
  expect(plan!.entries).toHaveLength(1);
  expect(plan!.entries[0]!.fields).not.toContain('documents');
});

test('the real China activities go round: import, export, import into an empty database gives the same documents', async () => {
  const { filter } = parseFilter(new URLSearchParams('origin=iati'));
  const exported = listIatiExportProjects(projectFilterSql(filter, TODAY), china, PUBLIC_URL);
  const xml = iatiActivitiesXml(exported, SETTINGS);
  expect(await schemaErrors(xml)).toEqual([]);
  const inFile = new Set(all(parse(xml).root, 'iati-identifier').map((n) => n.text.trim()));
  expect(inFile.size).toBeGreaterThan(0);
  const copy = createTestDb();
  await importFile(copy, writeXml(xml));
  const original = storedDocuments(china).filter((d) => inFile.has(d.identifier!));
  expect(original.length).toBeGreaterThan(0);
  expect(storedDocuments(copy).map(key).sort()).toEqual(original.map(key).sort());
});
