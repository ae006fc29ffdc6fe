import type { Page } from 'playwright-core';
import { beforeAll, expect, test } from 'vitest';

import {
  createAccount,
  openWatchedPage,
  readSeed,
  seededHub,
  signIn,
  waitForMaps,
} from './support';

// Layout at the widths people read the hub on (a phone, a tablet, a laptop, a wide screen), in
// every language: nothing makes the page scroll sideways or sticks out of the screen (a wide
// table scrolls inside its own box), the header keeps two compact rows on a wide screen, and no
// navigation link breaks over lines (Chinese one character a line).

const hub = seededHub('2026-11-29');
const ADMIN = {
  email: 'admin@layout.example',
  password: 'layout admin password',
  name: 'Layout Admin',
};

const WIDTHS = [360, 768, 1366, 1920];
const LANGS = ['en', 'zh', 'de'] as const;
/** Below this width the navigation folds behind "Menu" (app.css: 64rem). */
const MENU_BELOW = 1024;

const SEED = readSeed<{
  projects: { id: string; sources: string[] }[];
  events: { id: string }[];
  organisations: { id: string }[];
}>('iki-china-projects.json');
const TOPICS = readSeed<{ topics: { slug: string }[]; tags: { topic: string }[] }>(
  'topic-tags.json',
);
// The project with the most sources: its page has the most source markers and facts.
const PROJECT = [...SEED.projects].sort((a, b) => b.sources.length - a.sources.length)[0]!.id;
const ORGANISATION = SEED.organisations[0]!.id;
const EVENT = SEED.events[0]!.id;
const TOPIC = TOPICS.topics
  .map((t) => ({ slug: t.slug, n: TOPICS.tags.filter((g) => g.topic === t.slug).length }))
  .sort((a, b) => b.n - a.n)[0]!.slug;

const PUBLIC_PAGES = [
  '/',
  '/projects',
  `/projects/${PROJECT}`,
  `/projects/${PROJECT}/history`,
  '/milestones',
  '/map',
  '/timeline',
  '/dashboard',
  '/organisations',
  `/organisations/${ORGANISATION}`,
  '/organisations/network',
  '/events',
  `/events/${EVENT}`,
  '/topics',
  `/topics/${TOPIC}`,
  '/search?q=transport',
  '/login',
];
const SIGNED_IN_PAGES = [
  '/',
  `/projects/${PROJECT}`,
  '/admin/audit',
  '/import',
  '/reporting',
  '/reporting/new',
];

beforeAll(async () => {
  await createAccount(hub.database.path, { ...ADMIN, role: 'admin' });
});

const localized = (lang: string, path: string) =>
  lang === 'en' ? path : `/${lang}${path === '/' ? '/' : path}`;

/** What sticks out: the page's scroll width, and each visible element past the right edge. */
function overflow(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${[...el.classList].map((c) => `.${c}`).join('')}`;
    // An element inside a box that scrolls or clips sideways is that box's business; the box
    // itself is checked like any other element. A box clips only what it contains: an
    // absolutely placed element escapes every box up to the positioned one it is placed in.
    const boxed = (el: Element) => {
      let position = getComputedStyle(el).position;
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const style = getComputedStyle(p);
        const placesIt =
          position === 'fixed'
            ? style.transform !== 'none'
            : position !== 'absolute' || style.position !== 'static' || style.transform !== 'none';
        if (!placesIt) continue;
        if (style.overflowX !== 'visible') return true;
        position = style.position;
      }
      return false;
    };
    const outside: string[] = [];
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || box.right <= width + 1) continue;
      // (A closed <details> keeps its content laid out, unseen: checkVisibility() knows.)
      if (!el.checkVisibility({ visibilityProperty: true }) || boxed(el)) continue;
      outside.push(`${name(el)} reaches ${Math.round(box.right)}`);
    }
    return {
      scrollWidth: document.documentElement.scrollWidth,
      width,
      outside: outside.slice(0, 5),
    };
  });
}

/** Each visible navigation link's text lines and the header's rows. */
function headerShape(page: Page) {
  return page.evaluate(() => {
    const lines = (el: Element) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const lineHeight = parseFloat(getComputedStyle(el).lineHeight);
      return range.getBoundingClientRect().height / lineHeight;
    };
    const visible = (el: Element) => el.checkVisibility({ visibilityProperty: true });
    const header = document.querySelector('.site-header')!;
    const brand = header.querySelector('.brand')!.getBoundingClientRect();
    const navLinks = [...header.querySelectorAll('.site-nav a')].filter(visible);
    const tools = [...header.querySelectorAll('.site-tools a, .site-tools summary')].filter(
      visible,
    );
    const rootLine = parseFloat(getComputedStyle(document.documentElement).lineHeight);
    return {
      height: header.getBoundingClientRect().height / rootLine,
      navLinks: navLinks.length,
      brokenLinks: [...navLinks, ...tools]
        .filter((a) => lines(a) > 1.6)
        .map((a) => `${a.textContent} (${lines(a).toFixed(1)} lines)`),
      navRows: new Set(navLinks.map((a) => Math.round(a.getBoundingClientRect().top))).size,
      // Languages and account sit on the brand's row.
      toolsOffRow: tools
        .filter((a) => {
          const box = a.getBoundingClientRect();
          const middle = (box.top + box.bottom) / 2;
          return middle < brand.top || middle > brand.bottom;
        })
        .map((a) => a.textContent),
    };
  });
}

const nextFrame = (page: Page) =>
  page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** Opens every page in every language and checks it at each width, narrowest first. */
async function checkPages(page: Page, paths: string[], who: string): Promise<string[]> {
  const problems: string[] = [];
  for (const path of paths) {
    for (const lang of LANGS) {
      const url = localized(lang, path);
      await page.setViewportSize({ width: WIDTHS[0]!, height: 900 });
      const response = await page.goto(`${hub.server.url}${url}`);
      expect(response?.ok(), url).toBe(true);
      await waitForMaps(page);
      for (const width of WIDTHS) {
        const where = `${who} ${url} at ${width}px`;
        await page.setViewportSize({ width, height: 900 });
        await nextFrame(page);
        const toggle = page.locator('.menu-toggle summary');
        if (width < MENU_BELOW) {
          // The folded navigation opens, and nothing sticks out with it open either.
          expect(await toggle.isVisible(), where).toBe(true);
          await toggle.click();
        } else {
          expect(await toggle.isVisible(), where).toBe(false);
        }
        const { scrollWidth, width: shown, outside } = await overflow(page);
        if (scrollWidth > shown) problems.push(`${where}: the page scrolls to ${scrollWidth}px`);
        for (const o of outside) problems.push(`${where}: ${o}`);
        const shape = await headerShape(page);
        // Signed in, "Reporting" joins the eleven main links.
        if (shape.navLinks !== (who === 'signed out' ? 11 : 12))
          problems.push(`${where}: ${shape.navLinks} navigation links shown`);
        for (const b of shape.brokenLinks) problems.push(`${where}: header link broken: ${b}`);
        if (width >= 1366) {
          if (shape.navRows !== 1) problems.push(`${where}: navigation in ${shape.navRows} rows`);
          if (shape.toolsOffRow.length > 0) {
            problems.push(`${where}: off the brand's row: ${shape.toolsOffRow.join(', ')}`);
          }
          if (shape.height > 3.5) {
            problems.push(`${where}: header ${shape.height.toFixed(1)} lines high`);
          }
        }
        if (width < MENU_BELOW) await toggle.click();
      }
    }
  }
  return problems;
}

test('no page scrolls sideways or sticks out of the screen at 360 to 1920 px, in English, Chinese and German, signed out', async () => {
  const { page, watch } = await openWatchedPage(hub.browser.context);
  await expect(checkPages(page, PUBLIC_PAGES, 'signed out')).resolves.toEqual([]);
  expect(watch.consoleErrors).toEqual([]);
  await page.close();
}, 150_000);

test('signed in as an admin, the longer header and the staff pages fit every width too', async () => {
  const { page, watch } = await openWatchedPage(hub.browser.context);
  await signIn(page, hub.server.url, ADMIN.email, ADMIN.password);
  const problems = await checkPages(page, SIGNED_IN_PAGES, 'admin');
  // The account menu opens inside the screen at every width.
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${hub.server.url}/de/`);
    await page.locator('.account-menu summary').click();
    await page.getByRole('button', { name: 'Abmelden' }).waitFor();
    const { scrollWidth, width: shown, outside } = await overflow(page);
    if (scrollWidth > shown) problems.push(`account menu at ${width}px: page ${scrollWidth}px`);
    for (const o of outside) problems.push(`account menu at ${width}px: ${o}`);
    const panel = await page.locator('.header-popup__panel').boundingBox();
    if (!panel || panel.x < 0) problems.push(`account menu at ${width}px starts off screen`);
  }
  expect(problems).toEqual([]);
  expect(watch.consoleErrors).toEqual([]);
  await page.context().clearCookies();
  await page.close();
}, 90_000);
