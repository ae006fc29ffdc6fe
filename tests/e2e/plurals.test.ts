import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';

import { de } from '../../app/core/i18n/locales/de';
import { en } from '../../app/core/i18n/locales/en';
import { openWatchedPage, readSeed, seededHub, waitForMaps } from './support';

// No page says "1 projects" or "1 Projekte": every plural word the translations put after a
// number, searched for after a lone 1 in what a reader sees (text, aria-labels, titles).

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]): [string, string][] =>
    typeof v === 'string' ? [[`${prefix}${k}`, v]] : flatten(v, `${prefix}${k}.`),
  );
}

const after = (text: string) => [...text.matchAll(/\{\{\w+\}\} (\p{L}+)/gu)].map((m) => m[1]!);

/**
 * The words the translations put after a number in a plural form and not in its singular
 * ("projects" of "{{count}} project" / "{{count}} projects"); a word that is also some singular's
 * ("weitere": "1 weitere Aktivität") is left out.
 */
function pluralWords(tree: Tree, extra: string[]): string[] {
  const all = new Map(flatten(tree));
  const plural = new Set(extra);
  const singular = new Set<string>();
  for (const [key, one] of all) {
    if (!key.endsWith('_one')) continue;
    const other = after(all.get(key.replace(/_one$/, '_other'))!);
    const ones = after(one);
    ones.forEach((w) => singular.add(w));
    other.forEach((w, i) => w !== ones[i] && plural.add(w));
  }
  return [...plural].filter((w) => !singular.has(w));
}

const WORDS = {
  en: pluralWords(en as unknown as Tree, ['projects', 'organisations', 'milestones', 'topics']),
  de: pluralWords(de as unknown as Tree, ['Projekte', 'Organisationen', 'Meilensteine', 'Themen']),
};

function wrongPlurals(lang: 'en' | 'de', text: string): string[] {
  const pattern = new RegExp(`(?<![\\d.,])\\b1[ \\u00a0]+(${WORDS[lang].join('|')})\\b`, 'gu');
  return [...text.matchAll(pattern)].map((m) => m[0]);
}

const RAW = readSeed<{ projects: { id: string }[]; organisations: { id: string }[] }>(
  'iki-china-projects.json',
);

const hub = seededHub();

const PAGES = [
  '/',
  '/organisations',
  '/topics',
  '/events',
  '/projects',
  '/projects?q=clct',
  '/milestones',
  '/map',
  '/map?layers=projects,events',
  '/dashboard',
  '/timeline',
  '/search?q=clct',
  '/search?q=transport',
];

/** What a reader sees or hears: the text, and every aria-label, title and alt. */
async function readerText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const labels = [...document.querySelectorAll('[aria-label],[title],[alt]')].flatMap((el) =>
      ['aria-label', 'title', 'alt'].map((a) => el.getAttribute(a) ?? ''),
    );
    return [document.body.innerText, ...labels].join('\n');
  });
}

test('the check knows the plural words and finds a planted "1 projects"', () => {
  expect(WORDS.en).toEqual(expect.arrayContaining(['projects', 'events', 'days', 'results']));
  expect(WORDS.de).toEqual(expect.arrayContaining(['Projekte', 'Veranstaltungen', 'Tagen']));
  expect(wrongPlurals('en', 'GIZ · 1 projects')).toEqual(['1 projects']);
  expect(wrongPlurals('de', 'GIZ · 1 Projekte')).toEqual(['1 Projekte']);
  expect(wrongPlurals('en', '11 projects · 21 events · 1 project · 2,001 projects')).toEqual([]);
});

test.each(['en', 'de', 'zh'] as const)(
  'no page in %s says “1” before a plural noun (lists, map, dashboard, timeline, search)',
  async (lang) => {
    const { page } = await openWatchedPage(hub.browser.context);
    const prefix = lang === 'en' ? '' : `/${lang}`;
    const found: string[] = [];
    let singulars = 0;
    for (const path of PAGES) {
      await page.goto(`${hub.server.url}${prefix}${path}`);
      await waitForMaps(page);
      const text = await readerText(page);
      if (lang !== 'zh') {
        found.push(...wrongPlurals(lang, text).map((w) => `${path}: ${w}`));
        singulars += (text.match(lang === 'en' ? /\b1 project\b/g : /\b1 Projekt\b/g) ?? []).length;
      } else {
        // Chinese has one form: the English plural must not leak in either.
        found.push(...wrongPlurals('en', text).map((w) => `${path}: ${w}`));
      }
    }
    expect(found).toEqual([]);
    // The real portfolio has organisations and topics with one project: the singular is shown.
    if (lang !== 'zh') expect(singulars).toBeGreaterThan(0);
    await page.close();
  },
);

test.each(['en', 'de'] as const)(
  'no project or organisation page in %s says “1” before a plural noun',
  async (lang) => {
    const prefix = lang === 'en' ? '' : `/${lang}`;
    const paths = [
      ...RAW.projects.map((p) => `/projects/${p.id}`),
      ...RAW.organisations.map((o) => `/organisations/${o.id}`),
    ];
    const found: string[] = [];
    for (const path of paths) {
      const html = await (await fetch(`${hub.server.url}${prefix}${path}`)).text();
      // As a reader sees it: block elements on lines of their own, inline ones in the line.
      const text = html
        .replace(/<script[\s\S]*?<\/script>/g, '')
        .replace(/<\/?(td|th|tr|h\d|p|li|div|section|ul|ol|table|dt|dd|br)\b[^>]*>/g, '\n')
        .replace(/<[^>]+>/g, ' ');
      found.push(...wrongPlurals(lang, text).map((w) => `${path}: ${w}`));
    }
    expect(found).toEqual([]);
  },
);
