import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';

import { openWatchedPage, seededHub } from './support';

// What the map shows must be reachable: no cluster or marker lies over another, at any zoom.

const hub = seededHub();

async function openMap(query: string): Promise<Page> {
  const { page } = await openWatchedPage(hub.browser.context);
  await page.setViewportSize({ width: 1280, height: 1000 });
  await page.goto(`${hub.server.url}/map${query}`);
  await page.locator('.map-canvas[data-state="ready"]').waitFor({ timeout: 20_000 });
  await settled(page);
  return page;
}

/** Waits until the chunked cluster loading and its animations have stopped moving icons. */
async function settled(page: Page) {
  let previous = '';
  for (let i = 0; i < 40; i++) {
    const now = await page
      .locator('.leaflet-marker-pane')
      .evaluate((pane) =>
        [...pane.children].map((n) => `${(n as HTMLElement).style.transform}`).join('|'),
      );
    if (now === previous && now !== '') return;
    previous = now;
    await page.waitForTimeout(300);
  }
  throw new Error('the markers did not settle');
}

interface Hit {
  label: string;
  inView: boolean;
  hitsItself: boolean;
}

/** For each icon wholly inside the map: does the point at its centre reach that icon? */
function hitTestIcons(page: Page): Promise<Hit[]> {
  return page.evaluate(() => {
    const frame = document.querySelector('.map-canvas')!.getBoundingClientRect();
    return [
      ...document.querySelectorAll<HTMLElement>('.leaflet-marker-pane > .leaflet-marker-icon'),
    ].map((icon) => {
      const r = icon.getBoundingClientRect();
      const inView =
        r.left >= frame.left &&
        r.right <= frame.right &&
        r.top >= frame.top &&
        r.bottom <= frame.bottom;
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return {
        label: icon.getAttribute('title') ?? icon.textContent ?? '',
        inView,
        hitsItself: !!hit && hit.closest('.leaflet-marker-icon') === icon,
      };
    });
  });
}

test('with projects and events on, every marker and cluster is reached at its centre, at every zoom', async () => {
  const views = [
    '?lat=33&lon=105&z=4',
    '?lat=36&lon=112&z=5',
    '?lat=39.5&lon=116&z=6',
    '?lat=39.9&lon=116.4&z=8',
    '?lat=31.2&lon=121.4&z=9',
    '?lat=20&lon=100&z=2',
  ];
  for (const view of views) {
    const page = await openMap(`${view}&layers=projects,events`);
    const hits = (await hitTestIcons(page)).filter((h) => h.inView);
    expect(hits.length, view).toBeGreaterThan(0);
    expect(
      hits.filter((h) => !h.hitsItself).map((h) => h.label),
      view,
    ).toEqual([]);
    await page.close();
  }
});

test('clicking each project marker opens its popup with that project', async () => {
  const query = '?lat=33&lon=105&z=4&layers=projects,events';
  const first = await openMap(query);
  const titles = await first
    .locator('.map-canvas .map-marker--place')
    .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('title')!));
  await first.close();
  expect(titles.length).toBeGreaterThan(0);
  // A fresh page for each: an opened popup pans the map, which moves the other markers.
  for (const title of titles) {
    const page = await openMap(query);
    await page.locator(`.map-canvas .map-marker--place[title="${title}"]`).click();
    const popup = page.locator('.leaflet-popup .map-popup__title');
    await popup.waitFor();
    expect(title.startsWith(`${await popup.textContent()} — `), title).toBe(true);
    await page.close();
  }
});

test('Hebei’s square lies clear of Beijing’s cluster, and both are reached', async () => {
  let compared = 0;
  for (const z of [5, 6, 7, 8]) {
    const page = await openMap(`?lat=39.5&lon=116&z=${z}&layers=projects,events`);
    const hebei = page.locator('.map-canvas .map-marker--province[title^="Hebei"]');
    // Beijing's places and events share one spot, so they stay a cluster until clicked.
    const beijing = page.locator('.map-canvas .map-cluster', { hasText: 'event' });
    if ((await hebei.count()) === 1) {
      const square = (await hebei.boundingBox())!;
      for (const box of await beijing.evaluateAll((nodes) =>
        nodes.map((n) => n.getBoundingClientRect().toJSON() as DOMRect),
      )) {
        const apart =
          square.x >= box.right ||
          square.x + square.width <= box.left ||
          square.y >= box.bottom ||
          square.y + square.height <= box.top;
        expect(apart, `z=${z}`).toBe(true);
        compared += 1;
      }
    }
    const hits = (await hitTestIcons(page)).filter((h) => h.inView);
    expect(
      hits.filter((h) => !h.hitsItself).map((h) => h.label),
      `z=${z}`,
    ).toEqual([]);
    await page.close();
  }
  // The square and the cluster were both on the map, and apart, at most of these zooms.
  expect(compared).toBeGreaterThanOrEqual(2);
});

test('the legend is in the server’s HTML, in each language, and names the layers that are off', async () => {
  const legendOf = async (path: string) => {
    const html = await (await fetch(`${hub.server.url}${path}`)).text();
    const start = html.indexOf('class="map-legend"');
    expect(start, path).toBeGreaterThan(0);
    // The legend comes before the filter panel, right after the map.
    expect(start, path).toBeLessThan(html.indexOf('class="filter-panel'));
    return html.slice(start, html.indexOf('</section>', start));
  };
  const both = await legendOf('/map?layers=projects,events');
  for (const symbol of [
    'place',
    'country',
    'province',
    'event',
    'cluster',
    'bilateral',
    'regional',
  ]) {
    expect(both, symbol).toContain(`data-symbol="${symbol}"`);
  }
  // Each sample is the marker's own SVG, not a picture of it.
  expect(both).toContain('<svg viewBox="0 0 24 24"');
  expect(both).toContain('<svg viewBox="0 0 40 40"');
  expect(both).not.toContain('data-legend="off"');

  const projectsOnly = await legendOf('/map');
  expect(projectsOnly).not.toContain('data-symbol="event"');
  expect(projectsOnly).toContain('The events layer is off.');
  const zh = await legendOf('/zh/map?layers=events');
  expect(zh).toContain('data-symbol="event"');
  expect(zh).not.toContain('data-symbol="place"');
  expect(zh).toContain('项目图层已关闭。');
  const de = await legendOf('/de/map?layers=');
  expect(de).not.toContain('data-symbol="cluster"');
  expect(de).toContain('beide ausgeschaltet');
  expect(de).toContain('Projekte je Provinz');
});
