import { mkdirSync } from 'node:fs';
import { type IncomingHttpHeaders, get } from 'node:http';
import { gunzipSync } from 'node:zlib';

import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';

import {
  axeViolations,
  openWatchedPage,
  readSeed,
  type PageWatch,
  seededHub,
  waitForMaps,
} from './support';

interface RawProject {
  id: string;
  title: string;
  scope: string;
  countries: string[];
  chinaProvinces: string[];
  placeIds: string[];
}
interface RawPlace {
  id: string;
  lat: number | null;
  province_iso_3166_2: string | null;
}

// Expected values come from the seed JSON, never from the code under test.
const RAW = readSeed<unknown>('iki-china-projects.json') as {
  projects: RawProject[];
  places: RawPlace[];
};
const placeById = new Map(RAW.places.map((p) => [p.id, p]));
const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url);

const hub = seededHub();

async function openMap(query: string): Promise<{ page: Page; watch: PageWatch }> {
  const opened = await openWatchedPage(hub.browser.context);
  await opened.page.setViewportSize({ width: 1280, height: 1000 });
  await opened.page.goto(`${hub.server.url}/map${query}`);
  await opened.page.locator('.map-canvas[data-state="ready"]').waitFor({ timeout: 20_000 });
  return opened;
}

/** Sums what the map shows: the count on every cluster plus every single place marker. */
async function countPlaceMarkers(page: Page): Promise<number> {
  // Cluster rendering is chunked; wait until the numbers stop changing.
  let previous = -1;
  for (let i = 0; i < 20; i++) {
    const clusters = await page
      .locator('.map-canvas .map-cluster [data-places]')
      .evaluateAll((nodes) => nodes.map((n) => Number(n.getAttribute('data-places'))));
    const singles = await page.locator('.map-canvas .map-marker--place').count();
    const total = clusters.reduce((n, c) => n + c, 0) + singles;
    if (total === previous && total > 0) return total;
    previous = total;
    await page.waitForTimeout(250);
  }
  return previous;
}

test('every (project, place with coordinates) pair is on the map, clustered with counts', async () => {
  const pairs = RAW.projects.reduce(
    (n, p) =>
      n +
      new Set(p.placeIds).size -
      [...new Set(p.placeIds)].filter((id) => placeById.get(id)?.lat === null).length,
    0,
  );
  const { page, watch } = await openMap('?lat=20&lon=100&z=2');
  expect(await countPlaceMarkers(page)).toBe(pairs);

  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: new URL('map.png', ARTIFACTS).pathname });
  expect(watch.consoleErrors).toEqual([]);
  expect(watch.outsideRequests).toEqual([]);
  await page.close();
});

test('the list under the map shows each mapped project once', async () => {
  const mapped = RAW.projects.filter(
    (p) =>
      p.placeIds.length > 0 ||
      p.chinaProvinces.length > 0 ||
      p.scope.startsWith('national') ||
      p.countries.some((c) => !c.startsWith('China')),
  );
  const { page } = await openMap('');
  const list = page.locator('section', { has: page.locator('#on-map-title') }).locator('li a');
  const titles = await list.allTextContents();
  expect(titles).toHaveLength(mapped.length);
  expect(new Set(titles)).toEqual(new Set(mapped.map((p) => p.title)));
  await expect(page.locator('#on-map-title').textContent()).resolves.toContain(
    `(${mapped.length})`,
  );
  await page.close();
});

test('clicking Anhui selects it and lists exactly the projects with an Anhui province or place', async () => {
  const expected = RAW.projects
    .filter(
      (p) =>
        p.chinaProvinces.includes('CN-AH') ||
        p.placeIds.some((id) => placeById.get(id)?.province_iso_3166_2 === 'CN-AH'),
    )
    .map((p) => p.title);
  expect(expected).toContain(RAW.projects.find((p) => p.id === 'ndc-implementation')!.title);

  const { page } = await openMap('?lat=32&lon=117&z=6');
  await page.locator('[data-province="CN-AH"]').click({ position: { x: 40, y: 60 }, force: true });
  await page.locator('#selected-title', { hasText: 'Anhui' }).waitFor();
  expect(new URL(page.url()).searchParams.get('sel')).toBe('CN-AH');
  const listed = await page.locator('.map-selected li a').allTextContents();
  expect(new Set(listed)).toEqual(new Set(expected));
  expect(listed).toHaveLength(expected.length);
  await page.close();
});

test('the events layer shows the events in Berlin and Cologne; events on one spot spread out on a click', async () => {
  const berlin = await openMap('?layers=events&lat=52.52&lon=13.4&z=12');
  await expect(berlin.page.locator('.map-canvas .map-marker--event').count()).resolves.toBe(0);
  // Two events share Berlin's coordinates: one cluster, which spreads them out when clicked.
  await berlin.page.locator('.map-canvas .map-cluster').first().click();
  await berlin.page.locator('.map-canvas .map-marker--event').nth(1).waitFor();
  const titles = await berlin.page
    .locator('.map-canvas .map-marker--event')
    .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('title') ?? ''));
  expect(titles).toHaveLength(2);
  for (const title of titles) expect(title).toMatch(/ — Berlin$/);
  await berlin.page.locator('.map-canvas .map-marker--event').first().click();
  await berlin.page.locator('.leaflet-popup .map-popup__title').waitFor();
  await berlin.page.close();

  const cologne = await openMap('?layers=events&lat=50.93&lon=6.95&z=12');
  const title = await cologne.page
    .locator('.map-canvas .map-marker--event')
    .first()
    .getAttribute('title');
  expect(title).toMatch(/ — Cologne$/);
  await expect(cologne.page.locator('.map-canvas .map-marker--place').count()).resolves.toBe(0);
  await cologne.page.close();
});

test('the view lives in the URL: panning rewrites it and the copied link reopens it', async () => {
  const { page } = await openMap('?lat=33&lon=105&z=5');
  await page.locator('.map-canvas').focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('lon') !== '105');
  const copied = page.url();
  const lon = Number(new URL(copied).searchParams.get('lon'));
  expect(lon).toBeGreaterThan(105);
  await page.close();

  const reopened = await openMap(new URL(copied).search);
  expect(new URL(reopened.page.url()).searchParams.get('lon')).toBe(String(lon));
  await reopened.page.close();
});

test('the map data is the same JSON gzipped for a client that takes gzip and plain for one that does not', async () => {
  const raw = (encoding: string) =>
    new Promise<{ headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const request = get(
        `${hub.server.url}/api/map?lang=zh`,
        { headers: { 'Accept-Encoding': encoding } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({ headers: response.headers, body: Buffer.concat(chunks) }),
          );
        },
      );
      request.on('error', reject);
    });
  const plain = await raw('identity');
  expect(plain.headers['content-encoding']).toBeUndefined();
  const zipped = await raw('gzip');
  expect(zipped.headers['content-encoding']).toBe('gzip');
  expect(zipped.headers.vary).toContain('Accept-Encoding');
  expect(gunzipSync(zipped.body).toString()).toBe(plain.body.toString());
  const data = JSON.parse(plain.body.toString()) as { places: unknown[]; events: unknown[][] };
  // Every (project, place with coordinates) pair, as the seed has them.
  const pairs = RAW.projects.flatMap((p) =>
    [...new Set(p.placeIds)].filter((id) => placeById.get(id)?.lat !== null),
  );
  expect(data.places).toHaveLength(pairs.length);
  expect(data.events.length).toBeGreaterThan(0);
});

test('bad view values are clamped or dropped, never an error', async () => {
  for (const query of [
    '?lat=abc&lon=9999&z=99',
    '?sel=CN-XX&shade=rainbow&layers=tiles',
    '?z=-5',
  ]) {
    const response = await fetch(`${hub.server.url}/map${query}`);
    expect(response.status, query).toBe(200);
  }
  const html = await (await fetch(`${hub.server.url}/map?sel=CN-XX`)).text();
  expect(html).not.toContain('id="selected-title"');
  const api = await fetch(`${hub.server.url}/api/map?lang=fr`);
  expect(api.status).toBe(400);
  expect(await api.json()).toMatchObject({ parameter: 'lang' });
});

test('the map page passes axe-core in English and Chinese', async () => {
  for (const query of ['?sel=CN-AH', '']) {
    for (const prefix of ['', '/zh']) {
      const { page } = await openWatchedPage(hub.browser.context);
      await page.goto(`${hub.server.url}${prefix}/map${query}`);
      await page.locator('.map-canvas[data-state="ready"]').waitFor({ timeout: 20_000 });
      expect(await axeViolations(page), `${prefix}/map${query}`).toEqual([]);
      await page.close();
    }
  }
});

test('a project page has a small locator map of its places', async () => {
  const project = RAW.projects.find((p) => p.id === 'urban-act')!;
  const withCoordinates = [...new Set(project.placeIds)].filter(
    (id) => placeById.get(id)?.lat !== null,
  );
  const { page, watch } = await openWatchedPage(hub.browser.context);
  await page.goto(`${hub.server.url}/projects/${project.id}`);
  await waitForMaps(page);
  const markers = page.locator('.locator-map circle');
  await expect(markers.count()).resolves.toBe(withCoordinates.length);
  await expect(page.locator('.locator-map').getAttribute('aria-label')).resolves.toContain(
    'Bangkok',
  );
  expect(watch.outsideRequests).toEqual([]);
  await page.close();
});
