import { expect, test } from 'vitest';

import {
  createAccount,
  httpSession,
  openWatchedPage,
  readDatabase,
  seededHub,
  waitForMaps,
} from './support';
import { routeFiles, routeSource } from './route-modules';
import { openDatabase } from '../../db/client.server';
import { insertDocument } from '../../db/test-factories';

// Pages that are complete as HTML (app/core/page-handle.ts) are sent without the app's JavaScript:
// no module scripts, no module preloads, no loader data for hydration. Pages with browser widgets
// (the map, the dashboard's charts) and forms checked in the browser
// are hydrated as before. A project page is server-only unless it has an indicator chart to draw
// (serverOnlyUnless, decision 0062); the sample projects here have none.

const hub = seededHub('2026-11-29', (db) => {
  // A published knowledge entry (its page is server-only).
  const at = '2026-11-01T09:00:00.000Z';
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO knowledge_entries (slug, kind, state, language, author_name, created_at,
         updated_at, published_at) VALUES ('server-only-entry', 'lesson', 'published', 'en',
         'Hub team', ?, ?, ?)`,
    )
    .run(at, at, at);
  db.prepare(
    `INSERT INTO knowledge_entry_texts (entry_id, language, title) VALUES (?, 'en', 'An entry')`,
  ).run(lastInsertRowid);
});

const serverOnlyModules = () =>
  routeFiles().filter((file) =>
    /export const handle = (SERVER_ONLY_PAGE|serverOnlyUnless\()/.test(routeSource(file)),
  );

// A URL for each server-only route module; the test fails when a module has none.
const SAMPLES: Record<string, string[]> = {
  'features/home/home.tsx': ['/', '/zh/'],
  'features/projects/list.tsx': ['/projects?topic=transport', '/de/projects'],
  'features/projects/detail.tsx': ['/projects/clct', '/zh/projects/iwm-nama'],
  'features/organisations/detail.tsx': ['/organisations/giz'],
  'features/search/search-page.tsx': ['/search?q=transport'],
  'features/milestones/milestones-page.tsx': ['/milestones?by=ministry'],
  'features/timeline/timeline-page.tsx': ['/timeline?zoom=year&at=2024'],
  'features/organisations/list.tsx': ['/organisations'],
  'features/organisations/network.tsx': ['/organisations/network'],
  'features/organisations/brief.tsx': ['/organisations/bmwk/brief'],
  'features/events/list.tsx': ['/events'],
  'features/events/detail.tsx': ['/zh/events/iki-china-interface-2024'],
  'features/topics/list.tsx': ['/topics'],
  'features/topics/detail.tsx': ['/topics/transport'],
  'features/records/history.tsx': ['/projects/clct/history'],
  'features/feeds/changes-page.tsx': ['/changes?since=2026-01-01', '/de/changes?type=bilateral'],
  'features/indicators/standard-list.tsx': ['/indicators/standard', '/zh/indicators/standard'],
  'features/documents/list.tsx': ['/documents', '/zh/documents?type=link'],
  // The first document, added by the test below.
  'features/documents/detail.tsx': ['/documents/1', '/de/documents/1'],
  // Signed in as an admin (below).
  'features/records/audit.tsx': ['/admin/audit'],
  'features/reporting/outbox.tsx': ['/admin/outbox'],
  'features/knowledge/entry-page.tsx': [
    '/knowledge/server-only-entry',
    '/zh/knowledge/server-only-entry',
  ],
  'features/knowledge/drafts-page.tsx': ['/knowledge/drafts'],
  // A round's board, signed in (the round is added by the test below).
  'features/reporting/board-page.tsx': [
    '/reporting/server-only-round',
    '/zh/reporting/server-only-round',
  ],
  'features/knowledge/knowledge-list-page.tsx': ['/knowledge', '/de/knowledge?kind=lesson'],
  // The workshop pack's print view (a round's pack needs sign-in: the public period pack here).
  'features/pack/print-page.tsx': ['/report', '/zh/report?lang=en%2Bzh&type=bilateral'],
};
const HYDRATED = ['/map', '/zh/map', '/dashboard', '/login'];

const hasAppScripts = (html: string) =>
  /<script[^>]+type="module"|rel="modulepreload"|__reactRouterContext/.test(html);

test('every server-only page module has sample URLs here', () => {
  const modules = serverOnlyModules().sort();
  expect(modules.length).toBeGreaterThan(10);
  expect(Object.keys(SAMPLES).sort()).toEqual(modules);
});

test('server-only pages carry no app JavaScript; widget and form pages are hydrated', async () => {
  const admin = { email: 'admin@server-only.example', password: 'server-only pages pw' };
  await createAccount(hub.database.path, { ...admin, role: 'admin' });
  const db = openDatabase(hub.database.path);
  insertDocument(db, { title: 'Server-only document' });
  db.$client
    .prepare(
      `INSERT INTO reporting_rounds (slug, title, period_start, period_end, due_on, state, created_at)
       VALUES ('server-only-round', 'A round', '2026-01-01', '2026-06-30', '2026-12-31', 'open', ?)`,
    )
    .run(new Date().toISOString());
  db.$client.close();
  const session = await httpSession(hub.server.url, admin);
  const get = async (path: string) => {
    const response = await fetch(`${hub.server.url}${path}`, {
      headers: /^\/(zh\/)?(admin|knowledge\/drafts|reporting)/.test(path)
        ? { Cookie: session.cookie }
        : {},
    });
    expect(response.status, path).toBe(200);
    return response.text();
  };
  for (const path of Object.values(SAMPLES).flat()) {
    const html = await get(path);
    expect(hasAppScripts(html), path).toBe(false);
    expect(html, path).toContain('<script src="/print.js" defer');
  }
  for (const path of HYDRATED) {
    const html = await get(path);
    expect(hasAppScripts(html), path).toBe(true);
    expect(html, path).not.toContain('/print.js');
  }
});

test('a server-only page loads no script but print.js, and its Print button prints once', async () => {
  const { page, watch } = await openWatchedPage(hub.browser.context);
  await page.addInitScript(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => void ((window as unknown as { printed: number }).printed += 1);
  });
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
  });
  await page.goto(`${hub.server.url}/milestones`);
  await page.waitForLoadState('load');
  expect(scripts).toEqual(['/print.js']);
  await page.getByRole('button', { name: 'Print' }).click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

  // Arriving from a hydrated page by client-side navigation: React's handler prints, once.
  await page.goto(`${hub.server.url}/map`);
  await waitForMaps(page);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Milestones' })
    .click();
  await page.getByRole('heading', { level: 1, name: /Milestone/ }).waitFor();
  await page.getByRole('button', { name: 'Print' }).click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  expect(watch.consoleErrors).toEqual([]);
  await page.close();
});

test('locator maps are server-drawn SVG: the provinces and places the database holds, drawn from the shared basemap', async () => {
  const slug = 'iwm-nama';
  const expected = readDatabase(hub.database.path, (db) => ({
    provinces: db
      .prepare(
        `SELECT l.province_code FROM project_locations l JOIN projects p ON p.id = l.project_id
          WHERE p.slug = ? AND l.kind = 'province' ORDER BY 1`,
      )
      .pluck()
      .all(slug) as string[],
    places: db
      .prepare(
        `SELECT pl.name_en FROM project_locations l JOIN projects p ON p.id = l.project_id
           JOIN places pl ON pl.id = l.place_id
          WHERE p.slug = ? AND l.kind = 'place' AND pl.lat IS NOT NULL ORDER BY 1`,
      )
      .pluck()
      .all(slug) as string[],
  }));
  expect(expected.provinces.length).toBeGreaterThan(1);
  expect(expected.places.length).toBeGreaterThan(1);

  const basemap = await fetch(`${hub.server.url}/locator-basemap.svg`);
  expect(basemap.status).toBe(200);
  expect(basemap.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
  expect(basemap.headers.get('etag')).toBeTruthy();
  const svg = await basemap.text();
  for (const code of expected.provinces) expect(svg).toContain(`<path id="${code}" d="M`);

  const { page, watch } = await openWatchedPage(hub.browser.context);
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
  });
  await page.goto(`${hub.server.url}/projects/${slug}`);
  await waitForMaps(page);
  expect(scripts).toEqual(['/print.js']);
  const map = page.getByRole('img', { name: /Map of the project’s places/ });
  const label = (await map.getAttribute('aria-label')) ?? '';
  for (const name of expected.places) expect(label).toContain(name);
  const drawn = await map.evaluate((svg) => {
    const frame = svg.getBoundingClientRect();
    const inside = (r: DOMRect) =>
      r.width > 0 &&
      r.left >= frame.left &&
      r.right <= frame.right &&
      r.top >= frame.top &&
      r.bottom <= frame.bottom;
    return {
      highlighted: [...svg.querySelectorAll('use[data-province]')]
        .filter((u) => inside(u.getBoundingClientRect()))
        .map((u) => u.getAttribute('data-province'))
        .sort(),
      dots: [...svg.querySelectorAll('circle')]
        .filter((c) => inside(c.getBoundingClientRect()))
        .map((c) => c.querySelector('title')?.textContent)
        .sort(),
    };
  });
  // Every province highlighted and every place a dot, all within the frame.
  expect(drawn.highlighted).toEqual(expected.provinces);
  expect(drawn.dots).toEqual(expected.places);

  // An organisation's footprint is drawn the same way.
  await page.goto(`${hub.server.url}/organisations/giz`);
  await waitForMaps(page);
  expect(await page.locator('.locator-map circle').count()).toBeGreaterThan(1);
  expect(await page.locator('.locator-map use[data-province]').count()).toBeGreaterThan(1);
  expect(watch.consoleErrors).toEqual([]);
  expect(watch.outsideRequests).toEqual([]);
  await page.close();
});
