import { readFileSync } from 'node:fs';

import { expect, test } from 'vitest';
import { validateXML } from 'xmllint-wasm';

import { allListedTitles, openWatchedPage, readSeed, seededHub } from './support';
import { IATI_SCHEMA_URL } from '../../scripts/shared-data';

// The IATI export as a reader gets it: the link under the filtered list, the production server,
// the IATI 2.03 schema beside the checkout (never copied into it), and the browser's own XML
// parser. Expected values come from the seed JSON.
interface SeedProject {
  id: string;
  type: string | null;
  title: string;
  titleZh: string | null;
  startDate: string | null;
  endDate: string | null;
  ikiFundingEUR: number | null;
}
const SEED = readSeed<{ projects: SeedProject[] }>('iki-china-projects.json');
// IATI requires an activity date; projects publishing neither start nor end are left out.
const DATED = SEED.projects.filter((p) => p.startDate || p.endDate);
const REF = 'XX-IKI-CHINA-HUB';

const hub = seededHub('2026-11-29');
const url = (path: string) => `${hub.server.url}${path}`;

const SCHEMA_DIR = IATI_SCHEMA_URL;
const schemaFile = (name: string) => ({
  fileName: name,
  contents: readFileSync(new URL(name, SCHEMA_DIR), 'utf8'),
});
async function schemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: 'iati.xml', contents: xml }],
    schema: [schemaFile('iati-activities-schema.xsd')],
    preload: [schemaFile('iati-common.xsd'), schemaFile('xml.xsd')],
    maxMemoryPages: 4096,
  });
  return result.errors.map((e) => e.rawMessage);
}

interface ActivitySummary {
  identifier: string;
  titles: { lang: string | null; text: string }[];
  budgets: string[];
  reportingOrg: string | null;
}

/** What the browser's DOMParser reads from the file, one entry per activity. */
async function readActivities(xml: string): Promise<ActivitySummary[]> {
  const { page } = await openWatchedPage(hub.browser.context);
  try {
    return await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      if (doc.getElementsByTagName('parsererror').length) throw new Error('not well-formed');
      const XML_NS = 'http://www.w3.org/XML/1998/namespace';
      return [...doc.getElementsByTagName('iati-activity')].map((a) => {
        const first = (name: string) => [...a.children].find((c) => c.localName === name);
        return {
          identifier: first('iati-identifier')?.textContent ?? '',
          titles: [...(first('title')?.children ?? [])].map((n) => ({
            lang: n.getAttributeNS(XML_NS, 'lang'),
            text: n.textContent ?? '',
          })),
          budgets: [...a.getElementsByTagName('budget')].map(
            (b) => b.getElementsByTagName('value')[0]?.textContent ?? '',
          ),
          reportingOrg: first('reporting-org')?.getAttribute('ref') ?? null,
        };
      });
    }, xml);
  } finally {
    await page.close();
  }
}

test('the whole portfolio downloads as valid IATI 2.03 with every dated project', async () => {
  const response = await fetch(url('/export/iati.xml'));
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/xml; charset=utf-8');
  expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.xml"$/);
  const xml = await response.text();
  expect(await schemaErrors(xml)).toEqual([]);

  const activities = await readActivities(xml);
  expect(activities.map((a) => a.identifier).sort()).toEqual(
    DATED.map((p) => `${REF}-${p.id}`).sort(),
  );
  // The hub reports under its own identifier, never IKI's or ZUG's.
  expect(new Set(activities.map((a) => a.reportingOrg))).toEqual(new Set([REF]));

  const byId = new Map(activities.map((a) => [a.identifier.slice(REF.length + 1), a]));
  const zhTitles = activities.flatMap((a) => a.titles.filter((t) => t.lang === 'zh'));
  expect(zhTitles.map((t) => t.text).sort()).toEqual(
    DATED.filter((p) => p.titleZh)
      .map((p) => p.titleZh!)
      .sort(),
  );
  for (const p of DATED) {
    const a = byId.get(p.id)!;
    expect(a.titles.find((t) => t.lang === 'en')?.text, p.id).toBe(p.title);
    if (p.ikiFundingEUR === null) expect(a.budgets, p.id).toEqual([]);
  }
});

test('the IATI link under a filtered list downloads exactly the listed projects', async () => {
  const { page } = await openWatchedPage(hub.browser.context);
  await page.goto(url('/projects?type=regional'));
  const listed = await allListedTitles(page);
  await page.goto(url('/projects?type=regional'));
  const href = await page
    .locator('.export-links a', { hasText: 'IATI' })
    .first()
    .getAttribute('href');
  await page.close();
  expect(href).toBe('/export/iati.xml?type=regional');

  const xml = await (await fetch(url(href!))).text();
  expect(await schemaErrors(xml)).toEqual([]);
  const titles = (await readActivities(xml)).map(
    (a) => a.titles.find((t) => t.lang === 'en')?.text,
  );
  const dated = new Set(DATED.map((p) => p.title));
  expect(listed.length).toBeGreaterThan(0);
  expect(titles.sort()).toEqual(listed.filter((t) => dated.has(t)).sort());
});
