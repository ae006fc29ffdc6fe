import { rmSync } from 'node:fs';
import { join } from 'node:path';

import Papa from 'papaparse';
import { afterAll, beforeAll, expect, test } from 'vitest';

import { openDatabase } from '../../db/client.server';
import { generateDemoPortfolio } from '../../db/demo';
import { migrateDatabase } from '../../db/migrate';
import { type TestServer, makeTempDir, readDatabase, startServer } from './support';

// Indicators in the data (decision 0065): /api/indicators, /api/projects/:slug's indicators,
// /export/indicators.csv and search, on a synthetic portfolio (the real one has no indicator
// values) with a few hand-made indicators added. Expected values come from SQL on the same file.

let dir: string;
let path: string;
let server: TestServer;

const HEAT_PUMPS = {
  en: 'Heat pumps installed in rural schools',
  zh: '农村学校安装的热泵',
  de: 'In ländlichen Schulen installierte Wärmepumpen',
};

beforeAll(async () => {
  dir = makeTempDir('indicators-data');
  path = join(dir, 'demo.sqlite');
  const db = openDatabase(path);
  migrateDatabase(db);
  generateDemoPortfolio(db, { projects: 120, seed: 3 });
  const raw = db.$client;
  const projectId = (
    raw.prepare("SELECT id FROM projects WHERE slug = 'demo-3'").get() as {
      id: number;
    }
  ).id;
  const insertIndicator = raw.prepare(
    `INSERT INTO indicators (project_id, title, title_zh, title_de, unit, measure, is_ascending,
       position, created_at) VALUES (?, ?, ?, ?, ?, 'unit', 1, ?, '2026-12-01T00:00:00.000Z')`,
  );
  // An indicator without periods: one CSV row with its period columns empty.
  insertIndicator.run(projectId, HEAT_PUMPS.en, HEAT_PUMPS.zh, HEAT_PUMPS.de, 'count', 10);
  const solar = insertIndicator.run(
    projectId,
    'Rooftop solar on public buildings',
    null,
    null,
    'MW',
    11,
  ).lastInsertRowid;
  raw
    .prepare(
      `INSERT INTO indicator_periods (indicator_id, period_start, period_end, target_value,
         actual_value, actual_dimensions) VALUES (?, ?, ?, ?, ?, ?)`,
    )
    .run(solar, '2024-01-01', '2024-12-31', 12500.5, 6250.25, null);
  raw
    .prepare(
      `INSERT INTO indicator_periods (indicator_id, period_start, period_end, target_value)
       VALUES (?, '2025-01-01', '2025-12-31', 20000)`,
    )
    .run(solar);
  // An imported IATI activity's indicator: outside the IKI portfolio unless origin=iati asks.
  const imported = raw
    .prepare("INSERT INTO projects (slug, title, origin) VALUES ('imported-1', 'Imported', 'iati')")
    .run().lastInsertRowid;
  insertIndicator.run(imported, 'Imported indicator', null, null, 'people', 1);
  raw.close();
  server = await startServer({ databaseUrl: path, hubToday: '2026-12-01' });
});

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const url = (p: string) => `${server.url}${p}`;
const sqlValue = <T>(query: string, ...params: unknown[]) =>
  readDatabase(path, (db) => db.prepare(query).get(...params) as T);
const sqlRows = <T>(query: string, ...params: unknown[]) =>
  readDatabase(path, (db) => db.prepare(query).all(...params) as T[]);

interface ApiPeriod {
  start: string;
  end: string;
  target: number | null;
  actual: number | null;
  isReported: boolean;
  progress: { share: number | null; raw: number | null; reason: string | null };
}
interface ApiIndicator {
  id: number;
  title: string;
  unit: string | null;
  measure: string;
  ascending: boolean;
  standardIndicator: { code: string; unit: string } | null;
  baseline: { value: number | null };
  periods: ApiPeriod[];
  project: { slug: string; url: string };
}
interface ApiPage {
  total: number;
  page: number;
  pageSize: number;
  pages: number;
  indicators: ApiIndicator[];
}

async function getJson<T>(p: string): Promise<T> {
  const response = await fetch(url(p));
  expect(response.status, p).toBe(200);
  return (await response.json()) as T;
}

/** Every page of /api/indicators for a query, in order. */
async function allPages(query: string): Promise<ApiIndicator[]> {
  const first = await getJson<ApiPage>(`/api/indicators?${query}&pageSize=100`);
  const rest = [];
  for (let page = 2; page <= first.pages; page++) {
    rest.push(
      ...(await getJson<ApiPage>(`/api/indicators?${query}&pageSize=100&page=${page}`)).indicators,
    );
  }
  return [...first.indicators, ...rest];
}

const portfolioCount = (extra = '', ...params: unknown[]) =>
  sqlValue<{ n: number }>(
    `SELECT count(*) AS n FROM indicators i JOIN projects p ON p.id = i.project_id
      WHERE p.origin = 'hub' ${extra}`,
    ...params,
  ).n;

test('/api/indicators pages through exactly the portfolio’s indicators, by project title', async () => {
  const first = await getJson<ApiPage>('/api/indicators?pageSize=7');
  const total = portfolioCount();
  expect(total).toBeGreaterThan(120);
  expect(first).toMatchObject({ total, page: 1, pageSize: 7, pages: Math.ceil(total / 7) });
  expect(first.indicators).toHaveLength(7);
  const second = await getJson<ApiPage>('/api/indicators?pageSize=7&page=2');
  expect(second.indicators.map((i) => i.id)).not.toContain(first.indicators[0]!.id);
  const beyond = await getJson<ApiPage>(`/api/indicators?pageSize=7&page=${first.pages + 1}`);
  expect(beyond.indicators).toEqual([]);

  const all = await allPages('');
  const expected = sqlRows<{ id: number }>(
    `SELECT i.id FROM indicators i JOIN projects p ON p.id = i.project_id WHERE p.origin = 'hub'
      ORDER BY p.title, p.id, i.position, i.id`,
  ).map((r) => r.id);
  expect(all.map((i) => i.id)).toEqual(expected);
  expect(all.some((i) => i.title === 'Imported indicator')).toBe(false);
  expect((await getJson<ApiPage>('/api/indicators?origin=iati')).total).toBe(1);
});

test('each indicator in the API is what the database holds, "not reported" as null', async () => {
  const all = await allPages('');
  const periods = sqlRows<{
    indicatorId: number;
    start: string;
    target: number | null;
    actual: number | null;
  }>(
    `SELECT indicator_id AS indicatorId, period_start AS start, target_value AS target,
            actual_value AS actual FROM indicator_periods ORDER BY indicator_id, period_start`,
  );
  const byIndicator = new Map<number, typeof periods>();
  for (const p of periods)
    byIndicator.set(p.indicatorId, [...(byIndicator.get(p.indicatorId) ?? []), p]);
  const indicators = new Map(
    sqlRows<{
      id: number;
      slug: string;
      unit: string | null;
      measure: string;
      ascending: number;
      baseline: number | null;
      code: string | null;
      standardUnit: string | null;
    }>(
      `SELECT i.id, p.slug, i.unit, i.measure, i.is_ascending AS ascending,
              i.baseline_value AS baseline, s.code, s.unit AS standardUnit
         FROM indicators i JOIN projects p ON p.id = i.project_id
         LEFT JOIN standard_indicators s ON s.id = i.standard_indicator_id`,
    ).map((r) => [r.id, r]),
  );
  let notReported = 0;
  let shares = 0;
  for (const item of all) {
    const row = indicators.get(item.id)!;
    expect(item.project.slug).toBe(row.slug);
    expect(item.project.url).toBe(`/projects/${row.slug}#indicators`);
    expect(item.unit).toBe(row.unit);
    expect(item.measure).toBe(row.measure);
    expect(item.ascending).toBe(row.ascending === 1);
    expect(item.baseline.value).toBe(row.baseline);
    expect(item.standardIndicator?.code ?? null).toBe(row.code);
    if (row.code) expect(item.standardIndicator!.unit).toBe(row.standardUnit);
    const stored = byIndicator.get(item.id) ?? [];
    expect(item.periods.map((p) => [p.start, p.target, p.actual])).toEqual(
      stored.map((p) => [p.start, p.target, p.actual]),
    );
    for (const p of item.periods) {
      if (row.measure === 'qualitative') {
        expect(p.progress).toMatchObject({ share: null, reason: 'qualitative' });
        continue;
      }
      expect(p.isReported).toBe(p.actual !== null);
      if (p.actual === null) {
        notReported++;
        expect(p.progress).toMatchObject({ share: null, reason: 'no-actual' });
      } else if (p.target !== null && (row.baseline !== null || row.ascending === 1)) {
        // The rule stated on the page: (actual − baseline) / (target − baseline), clamped.
        const base = row.baseline ?? 0;
        const raw = (p.actual - base) / (p.target - base);
        if (p.progress.share !== null) {
          shares++;
          expect(p.progress.raw).toBeCloseTo(raw, 12);
          expect(p.progress.share).toBeCloseTo(Math.min(1, Math.max(0, raw)), 12);
        }
      }
    }
  }
  expect(notReported).toBeGreaterThan(0);
  expect(shares).toBeGreaterThan(0);
});

test('standard= and unit= narrow the list together with the shared filter', async () => {
  const si1 = await getJson<ApiPage>('/api/indicators?standard=SI+1');
  expect(si1.total).toBe(
    portfolioCount(
      "AND i.standard_indicator_id = (SELECT id FROM standard_indicators WHERE code = 'SI 1')",
    ),
  );
  expect(si1.total).toBeGreaterThan(0);
  expect(si1.indicators.every((i) => i.standardIndicator?.code === 'SI 1')).toBe(true);
  const people = await getJson<ApiPage>('/api/indicators?unit=people&type=bilateral');
  expect(people.total).toBe(portfolioCount("AND i.unit = 'people' AND p.type = 'bilateral'"));
  expect(people.total).toBeGreaterThan(0);
  // A well-formed code nobody uses selects nothing; it is no error.
  expect(await getJson<ApiPage>('/api/indicators?standard=SI+99')).toMatchObject({
    total: 0,
    pages: 1,
    indicators: [],
  });
});

test('malformed parameters are 400s naming the parameter, for the API and the CSV alike', async () => {
  for (const [query, parameter] of [
    ['page=0', 'page'],
    ['pageSize=101', 'pageSize'],
    ['pageSize=ten', 'pageSize'],
    ['unit=furlongs', 'unit'],
    ['standard=%3Cscript%3E', 'standard'],
    ['from=soon', 'from'],
    ['type=circle', 'type'],
  ] as const) {
    const paths = [`/api/indicators?${query}`];
    if (!query.startsWith('page')) paths.push(`/export/indicators.csv?${query}`);
    for (const p of paths) {
      const response = await fetch(url(p));
      expect(response.status, p).toBe(400);
      const body = (await response.json()) as { error: string; parameter: string };
      expect(body.parameter, p).toBe(parameter);
      expect(body.error, p).toMatch(new RegExp(`^${parameter} must be `));
    }
  }
});

test('/api/projects/:slug has the project’s indicators in the page’s order', async () => {
  const project = await getJson<{ indicators: ApiIndicator[] }>('/api/projects/demo-3');
  const expected = sqlRows<{ title: string }>(
    `SELECT i.title FROM indicators i JOIN projects p ON p.id = i.project_id
      WHERE p.slug = 'demo-3' ORDER BY i.position, i.id`,
  ).map((r) => r.title);
  expect(project.indicators.map((i) => i.title)).toEqual(expected);
  const solar = project.indicators.find((i) => i.title === 'Rooftop solar on public buildings')!;
  expect(solar.periods).toMatchObject([
    { start: '2024-01-01', target: 12500.5, actual: 6250.25, isReported: true },
    { start: '2025-01-01', target: 20000, actual: null, isReported: false },
  ]);
  // No baseline, ascending: counted from 0 (6250.25 / 12500.5).
  expect(solar.periods[0]!.progress).toMatchObject({ share: 0.5, baselineAssumed: true });
  expect(project.indicators.find((i) => i.title === HEAT_PUMPS.en)!.periods).toEqual([]);
});

type CsvRow = Record<string, string>;
async function getCsv(p: string): Promise<CsvRow[]> {
  const response = await fetch(url(p));
  expect(response.status, p).toBe(200);
  expect(response.headers.get('content-type'), p).toContain('text/csv');
  const text = (await response.text()).replace(/^\uFEFF/, '');
  const parsed = Papa.parse<CsvRow>(text, { header: true, skipEmptyLines: true });
  expect(parsed.errors, p).toEqual([]);
  return parsed.data;
}

/** Rows the CSV must hold: each period, and one for each indicator without any. */
const csvRowCount = (extra = '') =>
  sqlValue<{ n: number }>(
    `SELECT sum(max(1, (SELECT count(*) FROM indicator_periods ip WHERE ip.indicator_id = i.id))) AS n
       FROM indicators i JOIN projects p ON p.id = i.project_id WHERE p.origin = 'hub' ${extra}`,
  ).n;

test('indicators.csv has one row per indicator period, numbers as stored, not reported as empty', async () => {
  const rows = await getCsv('/export/indicators.csv');
  expect(rows).toHaveLength(csvRowCount());
  const notReportedInDb = sqlValue<{ n: number }>(
    `SELECT count(*) AS n FROM indicator_periods ip JOIN indicators i ON i.id = ip.indicator_id
       JOIN projects p ON p.id = i.project_id
      WHERE p.origin = 'hub' AND ip.actual_value IS NULL
        AND NOT (i.measure = 'qualitative' AND trim(coalesce(ip.actual_comment, '')) <> '')`,
  ).n;
  expect(rows.filter((r) => r.status === 'not-reported')).toHaveLength(notReportedInDb);
  for (const r of rows.filter((r) => r.status === 'not-reported')) expect(r.actual).toBe('');
  expect(rows.some((r) => r.actual === '0' && r.status === 'not-reported')).toBe(false);

  const solar = rows.filter((r) => r.title === 'Rooftop solar on public buildings');
  expect(
    solar.map((r) => [r.period_start, r.target, r.actual, r.status, r.share_of_target]),
  ).toEqual([
    ['2024-01-01', '12500.5', '6250.25', 'reported', '0.5'],
    ['2025-01-01', '20000', '', 'not-reported', ''],
  ]);
  expect(solar[1]!.no_share_reason).toBe('no-actual');
  const heat = rows.filter((r) => r.title === HEAT_PUMPS.en);
  expect(heat).toHaveLength(1);
  expect(heat[0]).toMatchObject({
    project: 'demo-3',
    title_zh: HEAT_PUMPS.zh,
    title_de: HEAT_PUMPS.de,
    unit: 'count',
    period_start: '',
    target: '',
    actual: '',
    status: 'no-periods',
  });
  expect(heat[0]!.url).toBe(`${server.url}/projects/demo-3#indicators`);
  expect(rows.some((r) => r.title === 'Imported indicator')).toBe(false);
});

test('indicators.csv follows the filter and standard=, with labels in the language asked for', async () => {
  const si3 = await getCsv('/export/indicators.csv?standard=SI+3&type=bilateral&lang=zh');
  expect(si3).toHaveLength(
    csvRowCount(
      "AND p.type = 'bilateral' AND i.standard_indicator_id = (SELECT id FROM standard_indicators WHERE code = 'SI 3')",
    ),
  );
  expect(si3.length).toBeGreaterThan(0);
  expect(new Set(si3.map((r) => r.standard_indicator))).toEqual(new Set(['SI 3']));
  const labels = new Map(si3.map((r) => [r.status, r.status_label]));
  expect(labels.get('reported')).toBe('已报告');
  expect(labels.get('not-reported')).toBe('未报告');
  expect(si3.every((r) => r.url!.includes('/zh/projects/'))).toBe(true);
  const de = await getCsv('/export/indicators.csv?unit=people&lang=de');
  expect(de).toHaveLength(csvRowCount("AND i.unit = 'people'"));
  expect(new Set(de.map((r) => r.status_label))).toContain('nicht berichtet');
});

test('searching an indicator’s title finds its project and opens its indicators', async () => {
  for (const [prefix, query, title] of [
    ['', 'heat pumps rural schools', HEAT_PUMPS.en],
    ['/zh', '热泵', HEAT_PUMPS.zh],
    ['/de', 'Wärmepumpen', HEAT_PUMPS.de],
  ] as const) {
    const html = await (await fetch(url(`${prefix}/search?q=${encodeURIComponent(query)}`))).text();
    expect(html, query).toContain(`href="${prefix}/projects/demo-3#indicators"`);
    const snippet = new RegExp(`<p class="search-snippet">([\\s\\S]*?)</p>`).exec(
      html.slice(html.indexOf(`${prefix}/projects/demo-3#indicators`)),
    )![1]!;
    // "Indicator:" in the page's language, then the matched title (no space after 指标：).
    const label = { '': 'Indicator: ', '/zh': '指标：', '/de': 'Indikator: ' }[prefix];
    expect(snippet.replace(/<[^>]+>/g, ''), query).toBe(`${label}${title}`);
  }
});
