import { readFileSync } from 'node:fs';

import type Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { expect, test } from 'vitest';

import * as schema from '../../db/schema';
import type { Db } from '../../db/client.server';
import { insertIndicator, insertIndicatorPeriod, insertProject } from '../../db/test-factories';
import {
  axeViolations,
  createAccount,
  openWatchedPage,
  readDatabase,
  readSeed,
  seededHub,
  signIn,
} from './support';

// Indicators where readers see them (decision 0062): the project page's "Results and indicators"
// (baseline, targets, actuals, the share of the target reached, "not reported") and the
// dashboard's section per standard indicator (a total only where the rule allows one). The
// indicators are test data written into this file's copy of the portfolio, never into the seed.

const REPORTING = 'clct';
const SECOND = 'iwm-nama';
const TARGET_ONLY = 'ets-capacity-building';
const NON_ADDITIVE = 'TEST NA';

const hub = seededHub('2026-11-29', (sqlite: Database.Database) => {
  const db = drizzle(sqlite, { schema }) as unknown as Db;
  const projectId = (slug: string) =>
    (sqlite.prepare('SELECT id FROM projects WHERE slug = ?').get(slug) as { id: number }).id;
  const standardId = (code: string) =>
    (
      sqlite.prepare('SELECT id FROM standard_indicators WHERE code = ?').get(code) as {
        id: number;
      }
    ).id;
  const si1 = standardId('SI 1');
  const nonAdditive = db
    .insert(schema.standardIndicators)
    .values({ code: NON_ADDITIVE, title: 'Test: share of staff trained', unit: 'people' })
    .returning()
    .get().id;

  // The project page's indicator: baseline 100, 2024 target 1,100 and actual 600 (50 %),
  // 2025 target 2,100 and no actual ("not reported").
  const emissions = insertIndicator(db, projectId(REPORTING), {
    title: 'Emissions avoided in pilot cities',
    titleZh: '试点城市避免的排放',
    unit: 'tCO2e',
    standardIndicatorId: si1,
    baselineValue: 100,
    baselineYear: 2020,
  });
  insertIndicatorPeriod(db, emissions.id, {
    periodStart: '2024-01-01',
    periodEnd: '2024-12-31',
    targetValue: 1100,
    actualValue: 600,
    actualComment: 'Two pilot cities',
    reportedBy: 'GIZ',
  });
  insertIndicatorPeriod(db, emissions.id, {
    periodStart: '2025-01-01',
    periodEnd: '2025-12-31',
    targetValue: 2100,
  });
  // A second project reports twice; a third only has a target.
  const second = insertIndicator(db, projectId(SECOND), {
    title: 'Emissions avoided',
    unit: 'tCO2e',
    standardIndicatorId: si1,
  });
  insertIndicatorPeriod(db, second.id, {
    periodStart: '2024-01-01',
    periodEnd: '2024-12-31',
    actualValue: 250.5,
  });
  insertIndicatorPeriod(db, second.id, {
    periodStart: '2025-01-01',
    periodEnd: '2025-12-31',
    actualValue: 300,
  });
  const targetOnly = insertIndicator(db, projectId(TARGET_ONLY), {
    title: 'Emissions avoided (planned)',
    unit: 'tCO2e',
    standardIndicatorId: si1,
  });
  insertIndicatorPeriod(db, targetOnly.id, { targetValue: 5000 });
  // An imported activity's indicator linked to SI 1 must never count.
  const imported = insertProject(db, {
    slug: 'imported-activity',
    title: 'An imported activity',
    origin: 'iati',
  });
  const importedIndicator = insertIndicator(db, imported.id, {
    unit: 'tCO2e',
    standardIndicatorId: si1,
  });
  insertIndicatorPeriod(db, importedIndicator.id, { actualValue: 1_000_000 });
  // Words, not numbers: comments, no chart. Values split by sex: listed per dimension value.
  const words = insertIndicator(db, projectId(REPORTING), {
    title: 'City mobility plans adopted',
    unit: null,
    measure: 'qualitative',
  });
  insertIndicatorPeriod(db, words.id, { actualComment: 'Draft plan submitted to the city' });
  const trained = insertIndicator(db, projectId(REPORTING), {
    title: 'Planners trained',
    disaggregation: 'sex',
  });
  insertIndicatorPeriod(db, trained.id, {
    targetValue: 40,
    actualValue: 35,
    actualDimensions: { female: 20, male: 15 },
  });
  // A standard whose values may not be added up: reported by two projects, never totalled.
  for (const [slug, value] of [
    [REPORTING, 12],
    [SECOND, 30],
  ] as const) {
    const i = insertIndicator(db, projectId(slug), {
      title: 'Staff trained',
      unit: 'people',
      standardIndicatorId: nonAdditive,
    });
    insertIndicatorPeriod(db, i.id, { actualValue: value });
  }
});

/** The SQL sum of the actuals of the IKI portfolio's indicators linked to a standard. */
function sqlSum(code: string, slugs?: string[]): number {
  return readDatabase(hub.database.path, (db) =>
    db
      .prepare(
        `SELECT sum(ip.actual_value) FROM indicator_periods ip
           JOIN indicators i ON i.id = ip.indicator_id
           JOIN projects p ON p.id = i.project_id
           JOIN standard_indicators s ON s.id = i.standard_indicator_id
          WHERE s.code = ? AND p.origin = 'hub'
            AND (? IS NULL OR p.slug IN (SELECT value FROM json_each(?)))`,
      )
      .pluck()
      .get(code, slugs ? 1 : null, JSON.stringify(slugs ?? [])),
  ) as number;
}

test('the project page shows baseline, targets, actuals, the share reached and “not reported”', async () => {
  const { page, watch } = await openWatchedPage(hub.browser.context);
  await page.goto(`${hub.server.url}/projects/${REPORTING}#indicators`);
  const section = page.locator('section[aria-labelledby="indicators"]');
  await expect(section.getByRole('heading', { level: 2 }).textContent()).resolves.toBe(
    'Results and indicators',
  );
  const card = section.locator('article', { hasText: 'Emissions avoided in pilot cities' });
  await expect(card.locator('[data-baseline]').getAttribute('data-baseline')).resolves.toBe('100');
  // (600 − 100) ÷ (1,100 − 100) = 50 %, in the latest reported period (2024).
  await expect(card.locator('[data-progress]').getAttribute('data-progress')).resolves.toBe('50');
  await expect(card.locator('.indicator__progress').textContent()).resolves.toContain('2024');
  const rows = card.locator('table tbody tr');
  expect(await rows.count()).toBe(2);
  const first = await rows.nth(0).locator('th, td').allTextContents();
  expect(first.slice(0, 6)).toEqual([
    '2024',
    '1,100 t CO₂e',
    '600 t CO₂e',
    'Two pilot cities',
    '',
    'GIZ',
  ]);
  const second = await rows.nth(1).locator('th, td').allTextContents();
  expect(second.slice(0, 3)).toEqual(['2025', '2,100 t CO₂e', 'not reported']);
  expect(await rows.nth(1).getAttribute('data-reported')).toBe('false');
  // The rule is stated once; the standard indicator links to the list of standards.
  expect(await section.getByText(/^Share of target reached = /).count()).toBe(1);
  expect(await card.getByRole('link', { name: /SI 1/ }).getAttribute('href')).toBe(
    '/indicators/standard',
  );
  // The chart beside the table is drawn, and named.
  await card.locator('canvas[data-chart-ready]').waitFor();
  expect(await card.locator('canvas').getAttribute('aria-label')).toContain(
    'Emissions avoided in pilot cities',
  );
  const words = section.locator('article', { hasText: 'City mobility plans adopted' });
  expect(await words.locator('canvas, .indicator-chart__frame').count()).toBe(0);
  await expect(words.locator('tbody tr').textContent()).resolves.toContain(
    'Draft plan submitted to the city',
  );
  await expect(words.locator('[data-progress]').textContent()).resolves.toBe(
    'Not a number: no percentage.',
  );
  const trained = section.locator('article', { hasText: 'Planners trained' });
  await expect(
    trained.locator('tbody td[data-value="35"] [data-dimension]').allTextContents(),
  ).resolves.toEqual(['women: 20', 'men: 15']);
  // Chinese: the heading and the title in Chinese, the same numbers.
  await page.goto(`${hub.server.url}/zh/projects/${REPORTING}`);
  await expect(
    page.locator('section[aria-labelledby="indicators"] h2').textContent(),
  ).resolves.toBe('成果与指标');
  await expect(page.getByText('试点城市避免的排放').count()).resolves.toBeGreaterThan(0);
  await expect(page.locator('[data-progress]').first().getAttribute('data-progress')).resolves.toBe(
    '50',
  );
  // A project without indicators has no section for readers, and stays a page without scripts;
  // only a page with a chart to draw loads the app's JavaScript (and Chart.js, lazily).
  await page.goto(`${hub.server.url}/projects/climate-partnership-iii`);
  expect(await page.locator('#indicators').count()).toBe(0);
  const scripts = /<script[^>]+type="module"|rel="modulepreload"/;
  const html = (path: string) => fetch(`${hub.server.url}${path}`).then((r) => r.text());
  expect(scripts.test(await html('/projects/climate-partnership-iii'))).toBe(false);
  expect(scripts.test(await html(`/projects/${REPORTING}`))).toBe(true);
  expect(watch.consoleErrors).toEqual([]);
  await page.close();
});

test('the dashboard totals an additive standard as the SQL sum, and never a non-additive one', async () => {
  const expected = sqlSum('SI 1');
  // 600 + 250.5 + 300: the imported activity's million is not in it.
  expect(expected).toBe(1150.5);
  const { page, watch } = await openWatchedPage(hub.browser.context);
  await page.goto(`${hub.server.url}/dashboard`);
  const si1 = page.locator('section[data-standard="SI 1"]');
  await expect(si1.locator('[data-total]').getAttribute('data-total').then(Number)).resolves.toBe(
    expected,
  );
  await expect(si1.locator('.dashboard-indicator__total').textContent()).resolves.toContain(
    '1,150.5',
  );
  await expect(si1.locator('.dashboard-indicator__reporting').textContent()).resolves.toContain(
    '2 of 3 projects report',
  );
  const contributors = await si1
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((r) => [r.getAttribute('data-project'), r.getAttribute('data-value')]),
    );
  expect(contributors.sort()).toEqual(
    [
      [REPORTING, '600'],
      [SECOND, '550.5'],
      [TARGET_ONLY, ''],
    ].sort(),
  );
  expect(await si1.getByText('imported-activity').count()).toBe(0);
  // The PNG of the per-project chart, as the other charts give it.
  await si1.locator('canvas[data-chart-ready]').waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    si1.locator('button.dashboard-chart__png').click(),
  ]);
  expect(download.suggestedFilename()).toBe('si-1.png');
  expect(
    readFileSync((await download.path())!)
      .subarray(1, 4)
      .toString('latin1'),
  ).toBe('PNG');

  const na = page.locator(`section[data-standard="${NON_ADDITIVE}"]`);
  expect(await na.locator('[data-total]').count()).toBe(0);
  await expect(na.locator('[data-no-total]').getAttribute('data-no-total')).resolves.toBe(
    'not-additive',
  );
  expect(await na.locator('tbody tr').count()).toBe(2);
  await expect(na.locator('.dashboard-indicator__reporting').textContent()).resolves.toContain(
    '2 of 2 projects report',
  );
  // A standard no project reports says so.
  await expect(
    page.locator('section[data-standard="SI 2"] .dashboard-indicator__reporting').textContent(),
  ).resolves.toContain('No project reports this.');
  expect(watch.consoleErrors).toEqual([]);
  await page.close();
});

test('the dashboard follows the filter, and its CSV gives the same numbers', async () => {
  // Filtered by a topic: only the tagged projects' actuals (the tags as the seed file has them).
  const tagged = readSeed<{ tags: { projectId: string; topic: string }[] }>('topic-tags.json')
    .tags.filter((t) => t.topic === 'carbon-markets')
    .map((t) => t.projectId);
  const expected = sqlSum('SI 1', tagged);
  expect(expected).toBe(550.5);
  const html = await (await fetch(`${hub.server.url}/dashboard?topic=carbon-markets`)).text();
  const si1Html = html.slice(html.indexOf('data-standard="SI 1"'));
  expect(/data-total="([^"]+)"/.exec(si1Html)?.[1]).toBe(String(expected));
  expect(si1Html).toContain('1 of 2 projects report');
  const csv = await (await fetch(`${hub.server.url}/api/dashboard/indicators.csv`)).text();
  // Lines without line breaks inside fields; quoted fields may hold commas.
  const [header, ...rows] = csv
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n')
    .map((line) =>
      [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((m) =>
        m[1]!.startsWith('"') ? m[1]!.slice(1, -1).replaceAll('""', '"') : m[1]!,
      ),
    ) as [string[], ...string[][]];
  const col = (name: string) => header.indexOf(name);
  const si1 = rows.filter((r) => r[col('standard_code')] === 'SI 1');
  expect(si1).toHaveLength(3);
  expect(new Set(si1.map((r) => Number(r[col('total')])))).toEqual(new Set([sqlSum('SI 1')]));
  expect(si1.map((r) => r[col('project')]).sort()).toEqual([REPORTING, SECOND, TARGET_ONLY].sort());
  const na = rows.filter((r) => r[col('standard_code')] === NON_ADDITIVE);
  expect(na.map((r) => r[col('total')])).toEqual(['', '']);
  const bad = await fetch(`${hub.server.url}/api/dashboard/nothing.csv`);
  expect(bad.status).toBe(404);
});

test('editors see the edit links; readers do not', async () => {
  const editor = { email: 'editor@indicators.example', password: 'indicator editor pw' };
  await createAccount(hub.database.path, { ...editor, role: 'editor' });
  const indicatorId = readDatabase(hub.database.path, (db) =>
    db
      .prepare(`SELECT id FROM indicators WHERE title = 'Emissions avoided in pilot cities'`)
      .pluck()
      .get(),
  ) as number;
  const base = `/projects/${REPORTING}/indicators/${indicatorId}`;
  const { page } = await openWatchedPage(hub.browser.context);
  await page.goto(`${hub.server.url}/projects/${REPORTING}`);
  expect(await page.locator(`a[href="${base}/edit"]`).count()).toBe(0);
  await signIn(page, hub.server.url, editor.email, editor.password);
  await page.goto(`${hub.server.url}/projects/${REPORTING}`);
  const section = page.locator('section[aria-labelledby="indicators"]');
  expect(await section.locator(`a[href="/projects/${REPORTING}/indicators/new"]`).count()).toBe(1);
  for (const href of [`${base}/edit`, `${base}/periods/new`, `${base}/delete`]) {
    expect(await section.locator(`a[href="${href}"]`).count(), href).toBe(1);
  }
  expect(await section.locator(`a[href^="${base}/periods/"][href$="/edit"]`).count()).toBe(2);
  // A project without indicators: the empty section with its "add" link, for editors only.
  await page.goto(`${hub.server.url}/zh/projects/climate-partnership-iii`);
  await expect(page.locator('#indicators').textContent()).resolves.toBe('成果与指标');
  expect(
    await page.locator('a[href="/zh/projects/climate-partnership-iii/indicators/new"]').count(),
  ).toBe(1);
  await page.close();
  await hub.browser.context.clearCookies();
});

test('both pages pass axe with their charts drawn, in English and Chinese', async () => {
  const { page } = await openWatchedPage(hub.browser.context);
  for (const path of [
    `/projects/${REPORTING}`,
    `/zh/projects/${REPORTING}`,
    '/dashboard',
    '/zh/dashboard',
  ]) {
    await page.goto(`${hub.server.url}${path}`);
    await page.locator('canvas[data-chart-ready]').first().waitFor();
    expect(await axeViolations(page), path).toEqual([]);
  }
  await page.close();
});
