import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';

import { axeViolations, openWatchedPage, readSeed, seededHub } from './support';

// Expected numbers are computed here from the seed files, never with the dashboard's queries.
interface SeedProject {
  id: string;
  type: string | null;
  startDate: string | null;
  endDate: string | null;
  ikiFundingEUR: number | null;
  ikiFundingAreaInferred: string[];
}
interface SeedOrganisation {
  id: string;
  projectRoles: { projectId: string; role: string }[];
}
const SEED = readSeed<{ projects: SeedProject[]; organisations: SeedOrganisation[] }>(
  'iki-china-projects.json',
);
const TAGS = readSeed<{ tags: { projectId: string; topic: string }[] }>('topic-tags.json').tags;
const HISTORY = readSeed<{ successions: { from: string; to: string }[] }>(
  'organisation-history.json',
).successions;
const hub = seededHub('2026-11-29');

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
function countBy(keys: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of keys) out[k] = (out[k] ?? 0) + 1;
  return out;
}

/** A chart's table as { code: number }. */
async function table(page: Page, chart: string, column = 1): Promise<Record<string, number>> {
  return page
    .locator(`[data-chart="${chart}"] tbody tr`)
    .evaluateAll(
      (rows, col) =>
        Object.fromEntries(
          rows.map((r) => [
            r.getAttribute('data-key')!,
            Number(r.querySelectorAll('td')[col - 1]!.getAttribute('data-value')),
          ]),
        ),
      column,
    );
}

test('every chart’s numbers equal what the seed files say', async () => {
  const { page, watch } = await openWatchedPage(hub.browser.context);
  await page.goto(`${hub.server.url}/dashboard`);
  expect(await table(page, 'byType')).toEqual(
    countBy(SEED.projects.map((p) => p.type ?? 'unknown')),
  );
  expect(await table(page, 'byFundingArea')).toEqual(
    countBy(SEED.projects.flatMap((p) => [...new Set(p.ikiFundingAreaInferred.map(slug))])),
  );
  const topicPairs = new Set(TAGS.map((t) => `${t.topic}|${t.projectId}`));
  expect(await table(page, 'byTopic')).toEqual(
    countBy([...topicPairs].map((pair) => pair.split('|')[0]!)),
  );
  // Running per year: both ends published and the year inside them.
  const dated = SEED.projects.filter((p) => p.startDate && p.endDate);
  const first = Math.min(...dated.map((p) => Number(p.startDate!.slice(0, 4))));
  const last = Math.max(...dated.map((p) => Number(p.endDate!.slice(0, 4))));
  const perYear: Record<string, number> = {};
  for (let y = first; y <= last; y++) {
    perYear[String(y)] = dated.filter(
      (p) => Number(p.startDate!.slice(0, 4)) <= y && Number(p.endDate!.slice(0, 4)) >= y,
    ).length;
  }
  expect(await table(page, 'runningPerYear')).toEqual(perYear);
  // Commissioning ministries, folded into today's ministry (BMUB → BMU → BMUV).
  const current = (id: string): string => {
    const next = HISTORY.find((s) => s.from === id);
    return next ? current(next.to) : id;
  };
  const pairs = new Set(
    SEED.organisations.flatMap((o) =>
      o.projectRoles
        .filter((r) => r.role === 'commissioningMinistry')
        .map((r) => `${current(o.id)}|${r.projectId}`),
    ),
  );
  expect(await table(page, 'byMinistry')).toEqual(
    countBy([...pairs].map((pair) => pair.split('|')[0]!)),
  );
  // Known funding of bilateral projects, and how many publish none.
  const bilateral = SEED.projects.filter((p) => p.type === 'bilateral');
  const known = bilateral.filter((p) => p.ikiFundingEUR !== null);
  const sum = known.reduce((n, p) => n + p.ikiFundingEUR!, 0);
  const tile = page.locator('#kpi-funding-bilateral');
  await expect(tile.locator('.kpi__value').textContent()).resolves.toBe(
    new Intl.NumberFormat('en-GB', {
      style: 'currency',
      currency: 'EUR',
      maximumFractionDigits: 0,
    }).format(sum),
  );
  await expect(tile.locator('.kpi__note').textContent()).resolves.toContain(
    `Amount published for ${known.length} of ${bilateral.length} projects; not published for ${bilateral.length - known.length}.`,
  );
  await expect(page.locator('#kpi-funding-regional .kpi__note').textContent()).resolves.toContain(
    'total across all participating countries',
  );
  expect(watch.consoleErrors).toEqual([]);
  await page.close();
});

test('the filter changes the numbers: adaptation projects only', async () => {
  const { page } = await openWatchedPage(hub.browser.context);
  await page.goto(`${hub.server.url}/dashboard?fundingArea=adaptation`);
  const adaptation = SEED.projects.filter((p) =>
    p.ikiFundingAreaInferred.map(slug).includes('adaptation'),
  );
  expect(await table(page, 'byType')).toEqual(countBy(adaptation.map((p) => p.type ?? 'unknown')));
  await expect(page.locator('.kpi').first().locator('.kpi__value').textContent()).resolves.toBe(
    String(adaptation.length),
  );
  await page.close();
});

test('each chart’s CSV holds exactly its table’s numbers', async () => {
  const { page } = await openWatchedPage(hub.browser.context);
  await page.goto(`${hub.server.url}/zh/dashboard?type=bilateral`);
  const charts = await page
    .locator('[data-chart]')
    .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-chart')!));
  expect(charts).toHaveLength(9);
  for (const chart of charts) {
    const link = page.locator(`[data-chart="${chart}"] .dashboard-chart__downloads a`);
    if ((await link.count()) === 0) continue;
    const response = await fetch(`${hub.server.url}${await link.getAttribute('href')}`);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await response.arrayBuffer());
    // UTF-8 with a byte-order mark, so that spreadsheet programs read Chinese correctly.
    expect([...bytes.slice(0, 3)], 'byte-order mark').toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const [header, ...lines] = text.trim().split('\r\n');
    expect(header!.startsWith('code,label,')).toBe(true);
    const fromCsv = Object.fromEntries(
      lines.map((l) => {
        const cells = l.split(',');
        return [
          cells[0],
          Number(cells[chart === 'achievedOverTime' ? cells.length - 2 : cells.length - 1]),
        ];
      }),
    );
    expect(fromCsv, chart).toEqual(await table(page, chart));
  }
  const csv = await (await fetch(`${hub.server.url}/api/dashboard/byStatus.csv?lang=zh`)).text();
  expect(csv).toContain('completed,已完成,');
  expect((await fetch(`${hub.server.url}/api/dashboard/nothing.csv`)).status).toBe(404);
  const bad = await fetch(`${hub.server.url}/api/dashboard/byType.csv?type=circular`);
  expect(bad.status).toBe(400);
  await expect(bad.json()).resolves.toMatchObject({ parameter: 'type' });
  await page.close();
});

test('all charts draw on their canvases, and a bar’s link lists exactly its projects', async () => {
  const { page, watch } = await openWatchedPage(hub.browser.context);
  await page.goto(`${hub.server.url}/dashboard`);
  await expect
    .poll(() => page.locator('canvas[data-chart-ready]').count())
    .toBe(await page.locator('[data-chart] tbody').count());
  const drawn = await page.locator('canvas[data-chart-ready]').evaluateAll((canvases) =>
    (canvases as HTMLCanvasElement[]).map((c) => {
      const pixels = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let painted = 0;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) painted++;
      return painted;
    }),
  );
  for (const painted of drawn) expect(painted).toBeGreaterThan(500);
  const bilateral = SEED.projects.filter((p) => p.type === 'bilateral').length;
  await page.locator('[data-chart="byType"] tbody tr[data-key="bilateral"] a').click();
  await page
    .getByText(`Projects matching the filter: ${bilateral} of ${SEED.projects.length}.`)
    .waitFor();
  expect(new URL(page.url()).search).toBe('?type=bilateral');

  // Clicking the tallest bar of "bilateral and regional" (bilateral, the first) opens the same list.
  await page.goto(`${hub.server.url}/dashboard`);
  const canvas = page.locator('[data-chart="byType"] canvas[data-chart-ready]');
  await canvas.waitFor();
  // Mouse coordinates are the viewport's: bring the chart into view first.
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  // Bilateral's bar reaches nearly the top of the axis; the x-axis labels below it take up to two
  // lines, so aim at the bar's middle height.
  await page.mouse.click(box.x + box.width * 0.27, box.y + box.height * 0.6);
  await page
    .getByText(`Projects matching the filter: ${bilateral} of ${SEED.projects.length}.`)
    .waitFor();
  expect(watch.consoleErrors).toEqual([]);
  expect(watch.outsideRequests).toEqual([]);
  await page.close();
});

test('the dashboard passes axe-core in English and Chinese', async () => {
  const { page } = await openWatchedPage(hub.browser.context);
  for (const path of ['/dashboard', '/zh/dashboard?ministries=stated']) {
    await page.goto(`${hub.server.url}${path}`);
    await page.locator('canvas[data-chart-ready]').first().waitFor();
    expect(await axeViolations(page), path).toEqual([]);
  }
  await page.close();
});
