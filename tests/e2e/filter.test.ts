import { expect, test } from 'vitest';

import {
  allListedTitles,
  axeViolations,
  openWatchedPage,
  readSeed,
  seededHub,
  waitForMaps,
} from './support';

interface RawProject {
  id: string;
  title: string;
  type: string | null;
  scope: string;
  countries: string[];
  chinaProvinces: string[];
  placeIds: string[];
  ikiFundingAreaInferred: string[];
  ikiProjectNumber: string | null;
}

// Expected values come from the seed files, never from the code under test.
const read = (name: string) => readSeed<unknown>(name);
const RAW = read('iki-china-projects.json') as {
  projects: RawProject[];
  organisations: { id: string; projectRoles: { projectId: string }[] }[];
};
const TAGS = read('topic-tags.json') as { tags: { projectId: string; topic: string }[] };
const titleOf = new Map(RAW.projects.map((p) => [p.id, p.title]));

const hub = seededHub();

function expectedFor(facet: string, value: string): string[] {
  const ids =
    facet === 'topic'
      ? TAGS.tags.filter((t) => t.topic === value).map((t) => t.projectId)
      : facet === 'fundingArea'
        ? RAW.projects
            .filter((p) =>
              p.ikiFundingAreaInferred.some((a) => a.toLowerCase().replace(/ /g, '-') === value),
            )
            .map((p) => p.id)
        : RAW.projects.filter((p) => (p.type ?? 'unknown') === value).map((p) => p.id);
  return [...new Set(ids)].map((id) => titleOf.get(id)!).sort();
}

test('following each topic, funding-area and type link shows exactly the projects the data tags', async () => {
  const { page, watch } = await openWatchedPage(hub.browser.context);
  let followed = 0;
  for (const facet of ['topic', 'fundingArea', 'type']) {
    await page.goto(`${hub.server.url}/projects`);
    const links = page.locator(`[data-facet="${facet}"] a`);
    const options = await links.evaluateAll((nodes) =>
      nodes.map((n) => ({ href: n.getAttribute('href')!, text: n.textContent ?? '' })),
    );
    expect(options.length, facet).toBeGreaterThan(0);
    for (const option of options) {
      const value = new URL(option.href, hub.server.url).searchParams.get(facet)!;
      const shownCount = Number(/\((\d+)\)\s*$/.exec(option.text)?.[1]);
      await page.goto(`${hub.server.url}${option.href}`);
      const titles = (await allListedTitles(page)).sort();
      expect(titles, `${facet}=${value}`).toEqual(expectedFor(facet, value));
      expect(shownCount, `${facet}=${value} count`).toBe(titles.length);
      followed += 1;
    }
  }
  console.log(`followed ${followed} facet links`);
  expect(watch.consoleErrors).toEqual([]);
  await page.close();
});

test('a ministry filter counts the ministry’s predecessors too', async () => {
  const line = new Set(['bmuv', 'bmu', 'bmub']);
  const expected = new Set(
    RAW.organisations
      .filter((o) => line.has(o.id))
      .flatMap((o) => o.projectRoles.map((r) => r.projectId)),
  );
  const { page } = await openWatchedPage(hub.browser.context);
  await page.goto(`${hub.server.url}/projects?ministry=bmuv`);
  const titles = await allListedTitles(page);
  expect(new Set(titles)).toEqual(new Set([...expected].map((id) => titleOf.get(id))));
  await page.close();
});

test('the filtered list and the map show the same projects, and switching view keeps the filter', async () => {
  const { page } = await openWatchedPage(hub.browser.context);
  await page.goto(`${hub.server.url}/zh/projects?topic=climate-policy`);
  const listed = new Set(expectedFor('topic', 'climate-policy'));
  await page
    .getByRole('navigation', { name: '主导航' })
    .getByRole('link', { name: '地图' })
    .click();
  await page.waitForURL(/\/zh\/map\?topic=climate-policy$/);
  await page.locator('.map-canvas[data-state="ready"]').waitFor();
  const onMap = await page
    .locator('section', { has: page.locator('#on-map-title') })
    .locator('li a')
    .evaluateAll((nodes) =>
      nodes.map((n) => n.closest('li')!.querySelector('a')!.getAttribute('href')!),
    );
  const mapped = RAW.projects.filter(
    (p) =>
      p.placeIds.length > 0 ||
      p.chinaProvinces.length > 0 ||
      p.scope.startsWith('national') ||
      p.countries.some((c) => !c.startsWith('China')),
  );
  const expected = mapped.filter((p) => listed.has(p.title)).map((p) => `/zh/projects/${p.id}`);
  expect(new Set(onMap)).toEqual(new Set(expected));

  const api = (await (await fetch(`${hub.server.url}/api/map?topic=climate-policy`)).json()) as {
    projects: [string][];
  };
  for (const [slug] of api.projects) expect(expected).toContain(`/zh/projects/${slug}`);
  await page.close();
});

test('bad filter values: pages normalise and say so, the API answers 400 naming the parameter', async () => {
  const html = await (await fetch(`${hub.server.url}/projects?type=alien&topic=transport`)).text();
  expect(html).toContain('Some filter values were not valid and were ignored: type.');
  const api = await fetch(`${hub.server.url}/api/map?fundingMin=lots`);
  expect(api.status).toBe(400);
  expect(await api.json()).toMatchObject({ parameter: 'fundingMin' });
});

test('search ranks Chinese words, project numbers and stems, and survives query syntax', async () => {
  const { page } = await openWatchedPage(hub.browser.context);
  const firstResult = async (q: string) => {
    await page.goto(`${hub.server.url}/search?q=${encodeURIComponent(q)}`);
    return page.locator('.search-results li a').first().getAttribute('href');
  };
  expect(await firstResult('排放交易')).toBe('/projects/ets-capacity-building');
  expect(await firstResult('15_I_235')).toBe('/projects/clct');
  const ets = RAW.projects.find((p) => p.id === 'ets-capacity-building')!;
  expect(await firstResult(ets.ikiProjectNumber!)).toBe('/projects/ets-capacity-building');
  for (const q of ['title:', '~~', '*^', '"', '+-']) {
    const response = await fetch(`${hub.server.url}/search?q=${encodeURIComponent(q)}`);
    expect(response.status, q).toBe(200);
  }
  // `q` is part of the shared filter.
  await page.goto(`${hub.server.url}/projects?q=${encodeURIComponent('排放交易')}`);
  await expect(page.locator('tbody th a').allTextContents()).resolves.toContain(ets.title);
  await page.close();
});

test('filtered pages and search pass axe-core', async () => {
  const { page } = await openWatchedPage(hub.browser.context);
  for (const path of [
    '/projects?topic=transport&type=bilateral',
    '/zh/search?q=伙伴关系',
    '/de/projects?ministry=bmuv',
  ]) {
    await page.goto(`${hub.server.url}${path}`);
    await waitForMaps(page);
    expect(await axeViolations(page), path).toEqual([]);
  }
  await page.close();
});

test('overdue=1 applies the milestone rules: no real project has an overdue milestone', async () => {
  const html = await (await fetch(`${hub.server.url}/projects?overdue=1`)).text();
  expect(html).toContain(`Projects matching the filter: 0 of ${RAW.projects.length}.`);
  expect(html).toContain('Only projects with an overdue milestone');
});
