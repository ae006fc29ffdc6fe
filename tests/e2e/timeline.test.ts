import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';

import { axeViolations, openWatchedPage, readSeed, seededHub } from './support';

// Expected values come from the seed JSON, never from the code under test.
interface SeedProject {
  id: string;
  type: string | null;
  startDate: string | null;
  endDate: string | null;
  successor: string | null;
}
interface SeedEvent {
  startDate: string | null;
  projectIds: string[];
}
const SEED = readSeed<{ projects: SeedProject[]; events: SeedEvent[] }>('iki-china-projects.json');
const TODAY = '2026-11-29';
const hub = seededHub(TODAY);

/** The distinct projects drawn as rows, and those listed as having no published dates. */
async function chartAndUndated(page: Page) {
  const charted = await page
    .locator('.timeline__row')
    .evaluateAll((rows) => [...new Set(rows.map((r) => r.getAttribute('data-slug')!))]);
  const undated = await page
    .locator('.timeline-undated li a')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href')!.split('/').pop()!));
  return { charted, undated };
}

test('bars plus the "no published dates" list are exactly the filtered projects', async () => {
  const { page, watch } = await openWatchedPage(hub.browser.context);
  const cases: [string, SeedProject[]][] = [
    ['', SEED.projects],
    ['?type=bilateral', SEED.projects.filter((p) => p.type === 'bilateral')],
    ['?group=ministry', SEED.projects],
    ['?group=province&zoom=year&at=2024', SEED.projects],
  ];
  for (const [query, expected] of cases) {
    await page.goto(`${hub.server.url}/timeline${query}`);
    const { charted, undated } = await chartAndUndated(page);
    const dated = expected.filter((p) => p.startDate || p.endDate).map((p) => p.id);
    const noDates = expected.filter((p) => !p.startDate && !p.endDate).map((p) => p.id);
    expect(charted.sort(), query).toEqual(dated.sort());
    expect(undated.sort(), query).toEqual(noDates.sort());
    expect(charted.length + undated.length, query).toBe(expected.length);
  }
  expect(watch.consoleErrors).toEqual([]);
  expect(watch.outsideRequests).toEqual([]);
  await page.close();
});

test('a start or end known to the year only is drawn faded across that year', async () => {
  const yearOnly = SEED.projects.find((p) => p.startDate?.length === 4 && p.endDate?.length === 4)!;
  const monthly = SEED.projects.find((p) => p.startDate?.length === 7 && p.endDate?.length === 7)!;
  const { page } = await openWatchedPage(hub.browser.context);
  await page.goto(`${hub.server.url}/timeline`);
  const bar = (slug: string) => page.locator(`.timeline__row[data-slug="${slug}"] .timeline__bar`);
  await expect(bar(yearOnly.id).getAttribute('data-start-precision')).resolves.toBe('year');
  await expect(bar(yearOnly.id).getAttribute('data-end-precision')).resolves.toBe('year');
  // The fade covers the first and last year: for a bar of n whole years, 1/n of it each.
  const years = Number(yearOnly.endDate) - Number(yearOnly.startDate) + 1;
  const fadeIn = await bar(yearOnly.id).evaluate((el) =>
    parseFloat(getComputedStyle(el).getPropertyValue('--fade-in')),
  );
  expect(fadeIn).toBeCloseTo(100 / years, 0);
  const monthFade = await bar(monthly.id).evaluate((el) =>
    parseFloat(getComputedStyle(el).getPropertyValue('--fade-in')),
  );
  expect(monthFade).toBe(0);
  await expect(bar(yearOnly.id).textContent()).resolves.toContain('known to the year only');
  await page.close();
});

test('the today line stands at HUB_TODAY in the window', async () => {
  const { page } = await openWatchedPage(hub.browser.context);
  for (const query of ['', '?zoom=year', '?zoom=month']) {
    await page.goto(`${hub.server.url}/timeline${query}`);
    const chart = page.locator('figure.timeline');
    const start = (await chart.getAttribute('data-window-start'))!;
    const end = (await chart.getAttribute('data-window-end'))!;
    const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
    const expected = (day(TODAY) - day(start)) / (day(end) + 1 - day(start));
    expect(Number(await chart.getAttribute('data-today-position')), query).toBeCloseTo(expected, 5);
    await expect(page.locator('.timeline__today-label').textContent()).resolves.toBe(
      'Today, 29 November 2026',
    );
  }
  // A window that ends before today has no today line.
  await page.goto(`${hub.server.url}/timeline?zoom=year&at=2015`);
  await expect(
    page.locator('figure.timeline').getAttribute('data-today-position'),
  ).resolves.toBeNull();
  await expect(page.locator('.timeline__today-label').count()).resolves.toBe(0);
  await page.close();
});

test('each phase links to its successor’s row, and the phases stand in order', async () => {
  const { page } = await openWatchedPage(hub.browser.context);
  await page.goto(`${hub.server.url}/timeline`);
  const order = await page
    .locator('.timeline__row')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-slug')!));
  const chained = SEED.projects.filter(
    (p) =>
      p.successor &&
      (p.startDate || p.endDate) &&
      SEED.projects.some((s) => s.id === p.successor && (s.startDate || s.endDate)),
  );
  expect(chained.map((p) => p.id)).toContain('sgep-i');
  for (const p of chained) {
    const type = p.type ?? 'unknown';
    const link = page.locator(`#timeline-${type}-${p.id} .timeline__phase-link`);
    await expect(link.getAttribute('href'), p.id).resolves.toBe(`#timeline-${type}-${p.successor}`);
    // The successor's row comes right after its predecessor's.
    expect(order.indexOf(p.successor!), p.id).toBe(order.indexOf(p.id) + 1);
  }
  await page.close();
});

test('milestones and events sit on the bars; a marker tells its kind in words on focus', async () => {
  const { page } = await openWatchedPage(hub.browser.context);
  await page.goto(`${hub.server.url}/timeline`);
  const row = page.locator('.timeline__row[data-slug="sgep-iii"]');
  const datedEvents = SEED.events.filter((e) => e.startDate && e.projectIds.includes('sgep-iii'));
  await expect(row.locator('.timeline__event').count()).resolves.toBe(datedEvents.length);
  const marker = row.locator('.timeline__marker').first();
  await expect(marker.getAttribute('data-kind')).resolves.toBe('not-reported');
  await marker.focus();
  const tip = marker.locator('.timeline__tip');
  await expect(tip.textContent()).resolves.toMatch(
    /^Milestone not reported: Project start, May 2022/,
  );
  const box = await tip.boundingBox();
  expect(box!.width).toBeGreaterThan(50);
  await page.close();
});

test('the project page shows its own timeline with its events', async () => {
  const { page } = await openWatchedPage(hub.browser.context);
  await page.goto(`${hub.server.url}/projects/sgep-iii`);
  const chart = page.locator(
    '#project-timeline ~ figure.timeline, section:has(#project-timeline) figure.timeline',
  );
  await expect(chart.locator('.timeline__bar').count()).resolves.toBe(1);
  const datedEvents = SEED.events.filter((e) => e.startDate && e.projectIds.includes('sgep-iii'));
  await expect(chart.locator('.timeline__event').count()).resolves.toBe(datedEvents.length);
  // The window is the project's period, whole years: May 2022 – April 2027.
  await expect(chart.getAttribute('data-window-start')).resolves.toBe('2022-01-01');
  await expect(chart.getAttribute('data-window-end')).resolves.toBe('2027-12-31');
  await page.close();
});

test('the timeline prints without navigation, filter or view controls, and passes axe-core', async () => {
  const { page } = await openWatchedPage(hub.browser.context);
  await page.goto(`${hub.server.url}/timeline?zoom=year`);
  await page.emulateMedia({ media: 'print' });
  for (const hidden of ['.site-header', '.filter-panel', '.review-view', '.timeline-window']) {
    await expect(page.locator(hidden).first().isVisible(), hidden).resolves.toBe(false);
  }
  await expect(page.locator('figure.timeline').isVisible()).resolves.toBe(true);
  await page.emulateMedia({ media: 'screen' });
  for (const path of [
    '/timeline',
    '/zh/timeline?group=ministry',
    '/de/timeline?zoom=month',
    '/projects/sgep-iii',
  ]) {
    await page.goto(`${hub.server.url}${path}`);
    expect(await axeViolations(page), path).toEqual([]);
  }
  await page.close();
});
