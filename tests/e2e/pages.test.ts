import { expect, test } from 'vitest';

import { type StatusInput, resolveStatus } from '../../db/dates';
import {
  allListedTitles,
  axeViolations,
  openWatchedPage,
  readDatabase,
  readSeed,
  seededHub,
  startServer,
  waitForMaps,
} from './support';

interface RawProject {
  id: string;
  title: string;
  type: string | null;
  titleZh: string | null;
  titleZhSource: string | null;
  ikiFundingEUR: number | null;
  status: string | null;
  startDate: string | null;
  endDate: string | null;
  source: string;
  sources: string[];
}

// Expected values come from the seed JSON, never from the code under test.
const RAW = readSeed<unknown>('iki-china-projects.json') as { projects: RawProject[] };

const HUB_TODAY = '2026-11-29';
const hub = seededHub(HUB_TODAY);

test('home, list and a project page open with no console errors and no request leaving 127.0.0.1', async () => {
  const { page, watch } = await openWatchedPage(hub.browser.context);
  await page.goto(`${hub.server.url}/`);
  await expect(page.locator('h1').textContent()).resolves.toBe('IKI China portfolio');
  const projectsTile = page.locator('.tile', {
    has: page.locator('dt', { hasText: /^Projects$/ }),
  });
  await expect(projectsTile.locator('.tile__value').textContent()).resolves.toBe(
    String(RAW.projects.length),
  );
  const bilateral = RAW.projects.filter((p) => p.type === 'bilateral').length;
  await expect(projectsTile.textContent()).resolves.toContain(`${bilateral} bilateral`);
  await expect(page.getByText('Synthetic demo data').count()).resolves.toBe(0);

  await page.getByRole('link', { name: 'All projects' }).click();
  await page.waitForURL(`${hub.server.url}/projects`);
  const firstLink = page.locator('tbody th a').first();
  const title = await firstLink.textContent();
  await firstLink.click();
  await page.locator('h1', { hasText: title! }).waitFor();
  expect(page.url()).toMatch(/\/projects\/[a-z0-9-]+$/);

  expect(watch.consoleErrors).toEqual([]);
  expect(watch.outsideRequests).toEqual([]);
  await page.close();
});

test('following "Next" pages through every project exactly once', async () => {
  const { page } = await openWatchedPage(hub.browser.context);
  await page.goto(`${hub.server.url}/projects`);
  const seen = await allListedTitles(page);
  expect(seen).toHaveLength(RAW.projects.length);
  expect(new Set(seen)).toEqual(new Set(RAW.projects.map((p) => p.title)));
  await page.close();
});

test('the list opens with ongoing projects first, then the newest start, then the title, and says so', async () => {
  // Expected from the database's own columns and the status rule in JS (db/dates.ts), not
  // from the list's SQL.
  const rows = readDatabase(hub.database.path, (db) =>
    db
      .prepare(
        `SELECT id, title, status_stated AS statusStated, status_source AS statusSource,
                start_date AS startDate, start_precision AS startPrecision,
                end_date AS endDate, end_precision AS endPrecision, starts_on AS startsOn
           FROM projects`,
      )
      .all(),
  ) as (StatusInput & { id: number; title: string; startsOn: string | null })[];
  expect(rows).toHaveLength(RAW.projects.length);
  const isOngoing = (r: StatusInput) => resolveStatus(r, HUB_TODAY).status === 'ongoing';
  const expected = [...rows]
    .sort(
      (a, b) =>
        Number(isOngoing(b)) - Number(isOngoing(a)) ||
        Number(a.startsOn === null) - Number(b.startsOn === null) ||
        (b.startsOn ?? '').localeCompare(a.startsOn ?? '') ||
        (a.title.toLowerCase() < b.title.toLowerCase()
          ? -1
          : a.title.toLowerCase() > b.title.toLowerCase()
            ? 1
            : 0) ||
        a.id - b.id,
    )
    .map((r) => r.title);
  // The real portfolio has ongoing projects and undated ones: the order is not trivially the title's.
  expect(rows.some(isOngoing)).toBe(true);
  expect(rows.some((r) => r.startsOn === null)).toBe(true);

  const { page } = await openWatchedPage(hub.browser.context);
  await page.goto(`${hub.server.url}/projects`);
  await expect(page.locator('.result-summary').textContent()).resolves.toContain(
    'Sorted: ongoing first, then newest start',
  );
  const order = page.getByRole('navigation', { name: 'Order' });
  await expect(order.locator('[aria-current="true"]').textContent()).resolves.toBe(
    'Ongoing first, then newest start',
  );
  expect(await allListedTitles(page)).toEqual(expected);

  // An explicit order still works, and the control then marks it.
  await page.goto(`${hub.server.url}/projects?sort=title`);
  const byTitle = RAW.projects
    .map((p) => p.title)
    .sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
  await expect(page.locator('tbody th a').allTextContents()).resolves.toEqual(byTitle.slice(0, 20));
  await expect(order.locator('[aria-current="true"]').textContent()).resolves.toBe('Title ▲');
  await page.close();
});

test('clicking the funding header sorts by funding, largest first, unknown amounts last', async () => {
  const { page } = await openWatchedPage(hub.browser.context);
  await page.goto(`${hub.server.url}/projects`);
  const header = page.locator('thead').getByRole('link', { name: /^IKI funding/ });
  await header.click();
  await page.locator('th[aria-sort="ascending"]', { hasText: 'IKI funding' }).waitFor();
  // First click sorts ascending; the second descending.
  await header.click();
  await page.locator('th[aria-sort="descending"]', { hasText: 'IKI funding' }).waitFor();
  expect(page.url()).toContain('sort=funding&dir=desc');
  const funded = RAW.projects
    .filter((p) => p.ikiFundingEUR !== null)
    .sort((a, b) => b.ikiFundingEUR! - a.ikiFundingEUR!);
  const titles = await page.locator('tbody th a').allTextContents();
  expect(titles.slice(0, funded.length)).toEqual(funded.map((p) => p.title));
  const fundingCells = await page.locator('tbody td.num').allTextContents();
  expect(fundingCells.slice(funded.length).every((c) => c === 'not published')).toBe(true);
  await page.close();
});

test('unknown addresses and slugs answer 404 with a page saying so', async () => {
  for (const path of ['/no-such-page', '/projects/no-such-project', '/projects/clct/extra']) {
    const response = await fetch(`${hub.server.url}${path}`);
    expect(response.status, path).toBe(404);
    expect(await response.text(), path).toContain('Page not found');
  }
});

test('bad page and sort values are normalised and never reflected', async () => {
  const attack = '<script>alert(1)</script>';
  const response = await fetch(
    `${hub.server.url}/projects?page=${encodeURIComponent(attack)}&sort=${encodeURIComponent(attack)}&dir=up`,
  );
  expect(response.status).toBe(200);
  const html = await response.text();
  expect(html).not.toContain(attack);
  expect(html).toContain('Unknown sort order; ongoing projects first, then the newest start.');
  expect(html).toContain('The requested page is not a page number; showing page 1.');

  const beyond = await fetch(`${hub.server.url}/projects?page=999`);
  expect(beyond.status).toBe(200);
  expect(await beyond.text()).toContain('showing the last one');
});

test('a project page says "not published" for unknown values and lists every source', async () => {
  const project = RAW.projects.find((p) => p.ikiFundingEUR === null && p.titleZh === null)!;
  const { page } = await openWatchedPage(hub.browser.context);
  const response = await page.goto(`${hub.server.url}/projects/${project.id}`);
  expect(response?.status()).toBe(200);
  const funding = page
    .locator('dt', { hasText: /^IKI funding$/ })
    .locator('xpath=following-sibling::dd[1]');
  await expect(funding.textContent()).resolves.toContain('not published');
  const zhTitle = page
    .locator('.titles dt', { hasText: /^Chinese title$/ })
    .locator('xpath=following-sibling::dd[1]');
  await expect(zhTitle.textContent()).resolves.toBe('not published');
  const expectedSources = new Set([project.source, ...project.sources]);
  await expect(page.locator('ol.sources > li').count()).resolves.toBe(expectedSources.size);
  await page.close();
});

test('status follows HUB_TODAY and a year-precision end counts the whole year', async () => {
  // A project with no stated status that ends in a given year, e.g. "2026".
  const project = RAW.projects.find(
    (p) => p.status === null && p.startDate && p.endDate && /^\d{4}$/.test(p.endDate),
  )!;
  const endYear = Number(project.endDate);
  const statusAt = async (day: string) => {
    const other = await startServer({ databaseUrl: hub.database.path, hubToday: day });
    try {
      const html = await (await fetch(`${other.url}/projects/${project.id}`)).text();
      return /badge--status-(\w+)/.exec(html)?.[1];
    } finally {
      await other.stop();
    }
  };
  expect(await statusAt(`${endYear}-12-31`)).toBe('ongoing');
  expect(await statusAt(`${endYear + 1}-01-01`)).toBe('completed');
});

test('every page so far passes axe-core with no violations', async () => {
  const { page } = await openWatchedPage(hub.browser.context);
  const paths = [
    '/',
    '/projects',
    '/projects?sort=funding&dir=desc&page=2',
    ...RAW.projects.map((p) => `/projects/${p.id}`),
    '/no-such-page',
  ];
  for (const path of paths) {
    await page.goto(`${hub.server.url}${path}`);
    // Check the page as a reader gets it: with its maps drawn.
    await waitForMaps(page);
    expect(await axeViolations(page), path).toEqual([]);
  }
  await page.close();
}, 180_000);

test('a project page lists its derived milestones with status and the rules it uses', async () => {
  const raw = RAW as unknown as {
    projects: { id: string; startDate: string | null; endDate: string | null }[];
    events?: { type: string; title: string; projectIds: string[] }[];
  };
  const events = (
    readSeed<unknown>('iki-china-projects.json') as {
      events: { type: string; title: string; projectIds: string[] }[];
    }
  ).events;
  const project = raw.projects.find((p) => p.id === 'jiangsu-low-carbon-iii')!;
  const expected =
    (project.startDate ? 1 : 0) +
    (project.endDate ? 1 : 0) +
    events.filter(
      (e) =>
        e.projectIds.includes(project.id) &&
        (['milestone', 'launch'].includes(e.type) || /kick-?off|\bextension\b/i.test(e.title)),
    ).length;
  const { page } = await openWatchedPage(hub.browser.context);
  await page.goto(`${hub.server.url}/projects/${project.id}`);
  await expect(page.locator('.milestone-table tbody tr').count()).resolves.toBe(expected);
  await expect(
    page.locator('.milestone-table tr', { hasText: 'Cost-neutral extension' }).textContent(),
  ).resolves.toContain('Achieved');
  await page.goto(`${hub.server.url}/zh/projects/${project.id}`);
  await expect(page.locator('.milestone-table').textContent()).resolves.toContain('项目启动');
  await page.close();
});
