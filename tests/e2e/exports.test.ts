import { expect, test } from 'vitest';

import { allListedTitles, openWatchedPage, readSeed, seededHub } from './support';

// Expected values come from the seed JSON and from the HTML list a person would read.
interface SeedProject {
  id: string;
  type: string | null;
  title: string;
  placeIds: string[];
}
interface SeedPlace {
  id: string;
  lat: number | null;
  lon: number | null;
}
interface SeedEvent {
  id: string;
  title: string;
  startDate: string | null;
  projectIds: string[];
}
const SEED = readSeed<{ projects: SeedProject[]; places: SeedPlace[]; events: SeedEvent[] }>(
  'iki-china-projects.json',
);
const hub = seededHub('2026-11-29');
const url = (path: string) => `${hub.server.url}${path}`;

/** RFC 4180 rows (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

test('the projects CSV holds exactly the filtered list: one row per project, codes and labels', async () => {
  const { page } = await openWatchedPage(hub.browser.context);
  for (const query of ['', '?type=bilateral', '?topic=carbon-markets&status=completed']) {
    await page.goto(url(`/projects${query}`));
    const listed = await allListedTitles(page);
    const response = await fetch(url(`/export/projects.csv${query}`));
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)], 'UTF-8 byte-order mark').toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(new TextDecoder().decode(bytes).trimEnd());
    expect(header).toEqual(
      expect.arrayContaining([
        'slug',
        'title',
        'type',
        'type_label',
        'status',
        'status_label',
        'iki_funding_eur',
      ]),
    );
    const title = header!.indexOf('title');
    expect(rows.map((r) => r[title]).sort(), query).toEqual([...listed].sort());
    const type = header!.indexOf('type');
    const label = header!.indexOf('type_label');
    for (const r of rows) if (r[type] === 'bilateral') expect(r[label]).toBe('Bilateral');
  }
  // Chinese labels with lang=zh; unknown funding stays empty, never 0.
  const zh = parseCsv((await (await fetch(url('/export/projects.csv?lang=zh'))).text()).slice(1));
  const typeLabel = zh[0]!.indexOf('type_label');
  expect(zh.slice(1).some((r) => r[typeLabel] === '双边')).toBe(true);
  const funding = zh[0]!.indexOf('iki_funding_eur');
  expect(zh.slice(1).some((r) => r[funding] === '')).toBe(true);
  expect(zh.slice(1).every((r) => r[funding] !== '0')).toBe(true);
  await page.close();
});

test('GeoJSON features are [lon, lat] of each filtered project’s places', async () => {
  const places = new Map(SEED.places.map((p) => [p.id, p]));
  const bilateral = SEED.projects.filter((p) => p.type === 'bilateral');
  const geo = (await (await fetch(url('/export/projects.geojson?type=bilateral'))).json()) as {
    type: string;
    features: {
      geometry: { coordinates: [number, number] };
      properties: { project: string; place: string };
    }[];
  };
  expect(geo.type).toBe('FeatureCollection');
  const expected = bilateral.flatMap((p) =>
    p.placeIds.flatMap((id) => {
      const place = places.get(id);
      return place?.lat != null && place.lon != null
        ? [`${p.id}|${id}|${place.lon}|${place.lat}`]
        : [];
    }),
  );
  expect(
    geo.features
      .map(
        (f) =>
          `${f.properties.project}|${f.properties.place}|${f.geometry.coordinates[0]}|${f.geometry.coordinates[1]}`,
      )
      .sort(),
  ).toEqual([...new Set(expected)].sort());
  // China lies east of 73°E and north of 18°N: longitude comes first.
  for (const f of geo.features.filter((x) => x.properties.place === 'beijing')) {
    expect(f.geometry.coordinates[0]).toBeGreaterThan(100);
  }
});

test('the JSON API pages through exactly the filtered list, with total, and says what is wrong', async () => {
  const { page } = await openWatchedPage(hub.browser.context);
  await page.goto(url('/projects?type=bilateral'));
  const listed = await allListedTitles(page);
  const titles: string[] = [];
  let total = 0;
  for (let p = 1; p < 20; p++) {
    const body = (await (
      await fetch(url(`/api/projects?type=bilateral&pageSize=7&page=${p}`))
    ).json()) as {
      total: number;
      pages: number;
      projects: { title: string }[];
    };
    total = body.total;
    titles.push(...body.projects.map((x) => x.title));
    if (p >= body.pages) break;
  }
  expect(total).toBe(listed.length);
  expect(titles.sort()).toEqual([...listed].sort());
  for (const [query, parameter] of [
    ['type=circle', 'type'],
    ['page=0', 'page'],
    ['pageSize=1000', 'pageSize'],
    ['from=soon', 'from'],
  ]) {
    const response = await fetch(url(`/api/projects?${query}`));
    expect(response.status, query).toBe(400);
    await expect(response.json()).resolves.toMatchObject({ parameter });
  }
  const missing = await fetch(url('/api/projects/no-such-project'));
  expect(missing.status).toBe(404);
  expect(missing.headers.get('content-type')).toContain('application/json');
  const one = (await (await fetch(url('/api/projects/sgep-iii'))).json()) as {
    slug: string;
    milestones: unknown[];
  };
  expect(one.slug).toBe('sgep-iii');
  expect(one.milestones.length).toBeGreaterThan(0);
  const events = (await (await fetch(url('/api/events?project=ndc-implementation'))).json()) as {
    total: number;
  };
  expect(events.total).toBe(
    SEED.events.filter((e) => e.projectIds.includes('ndc-implementation')).length,
  );
  // Events are paged like projects: a page is that stretch of the whole list, in the same order.
  const everyEvent = (await (await fetch(url('/api/events'))).json()) as {
    total: number;
    pages: number;
    events: { slug: string }[];
  };
  expect(everyEvent.total).toBe(SEED.events.length);
  expect(everyEvent.events.map((e) => e.slug).sort()).toEqual(SEED.events.map((e) => e.id).sort());
  const second = (await (await fetch(url('/api/events?pageSize=10&page=2'))).json()) as {
    total: number;
    page: number;
    pages: number;
    events: { slug: string }[];
  };
  expect(second).toMatchObject({ total: SEED.events.length, page: 2 });
  expect(second.pages).toBe(Math.ceil(SEED.events.length / 10));
  expect(second.events.map((e) => e.slug)).toEqual(
    everyEvent.events.slice(10, 20).map((e) => e.slug),
  );
  const tooMany = await fetch(url('/api/events?pageSize=101'));
  expect(tooMany.status).toBe(400);
  await expect(tooMany.json()).resolves.toMatchObject({ parameter: 'pageSize' });
  const orgs = (await (await fetch(url('/api/organisations'))).json()) as { total: number };
  expect(orgs.total).toBe(60);
  await page.close();
});

test('the calendar feeds parse and hold the right events and milestones', async () => {
  const text = await (await fetch(url('/export/events.ics'))).text();
  expect(text.startsWith('BEGIN:VCALENDAR')).toBe(true);
  expect(text.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
  // Unfold continuation lines (RFC 5545) before reading properties.
  const unfolded = text.replace(/\r\n[ \t]/g, '');
  const vevents = unfolded.split('BEGIN:VEVENT').slice(1);
  // Events known only to a month are left out unless asked for (export-languages.test.ts).
  const dated = SEED.events.filter((e) => e.startDate && e.startDate.length === 10);
  expect(vevents).toHaveLength(dated.length);
  const interface2024 = dated.find((e) => e.id === 'iki-china-interface-2024')!;
  const entry = vevents.find((v) => v.includes(`UID:event-${interface2024.id}@iki-china-hub`))!;
  expect(entry).toContain(`SUMMARY:${interface2024.title}`);
  expect(entry).toMatch(/DTSTART;VALUE=DATE:20240828/);
  expect(entry).toMatch(/DTEND;VALUE=DATE:20240830/);
  // Per project: only that project's milestones.
  const clct = (
    await (await fetch(url('/export/milestones.ics?project=clct&precision=all'))).text()
  ).replace(/\r\n[ \t]/g, '');
  const milestones = clct.split('BEGIN:VEVENT').slice(1);
  expect(milestones.length).toBeGreaterThan(0);
  for (const m of milestones) expect(m).toContain('/projects/clct#milestone-');
  expect((await fetch(url('/export/milestones.ics?project=nothing'))).status).toBe(404);
});

test('the list, the map and the dashboard offer the exports of their filter', async () => {
  const { page } = await openWatchedPage(hub.browser.context);
  for (const path of [
    '/projects?type=regional',
    '/map?type=regional',
    '/dashboard?type=regional',
  ]) {
    await page.goto(url(path));
    const hrefs = await page
      .locator('.export-links a')
      .evaluateAll((a) => a.map((x) => x.getAttribute('href')!));
    expect(hrefs, path).toContain('/export/projects.csv?type=regional');
    expect(hrefs, path).toContain('/export/projects.geojson?type=regional');
  }
  await page.close();
});
