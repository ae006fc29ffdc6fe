import { expect, test } from 'vitest';

import { de } from '../../app/core/i18n/locales/de';
import { en } from '../../app/core/i18n/locales/en';
import { zh } from '../../app/core/i18n/locales/zh';
import { openWatchedPage, readSeed, seededHub } from './support';

// Expected values come from the seed files and the translations, never from the code under test.
interface SeedEvent {
  id: string;
  title: string;
  type: string;
  placeIds: string[];
  province_iso_3166_2: string | null;
}
const SEED = readSeed<{
  events: SeedEvent[];
  places: { id: string; name_en: string; name_zh: string | null }[];
}>('iki-china-projects.json');
const TITLES = new Map(
  readSeed<{ translations: { eventId: string; zh: string; de: string }[] }>(
    'event-title-translations.json',
  ).translations.map((t) => [t.eventId, t]),
);
const hub = seededHub('2026-11-29');

const RECORD_PAGE = /^(?:\/(zh|de))?\/(projects|events|organisations|topics)\/([a-z0-9-]+)$/;

test('every search result links to its own record’s page, in the page’s language', async () => {
  const { page, watch } = await openWatchedPage(hub.browser.context);
  const kinds = new Set<string>();
  for (const [prefix, query] of [
    ['', 'cement'],
    ['', 'GIZ'],
    ['/zh', '能源'],
    ['/zh', '交通'],
    ['/de', 'Verkehr'],
    ['/de', 'Ministerium'],
  ] as const) {
    await page.goto(`${hub.server.url}${prefix}/search?q=${encodeURIComponent(query)}`);
    const results = await page.locator('.search-results > li').evaluateAll((items) =>
      items.map((li) => {
        const link = li.querySelector('a')!;
        return {
          href: link.getAttribute('href')!,
          text: link.textContent!.trim(),
          isMarkedUntranslated: !!li.querySelector('.untranslated'),
        };
      }),
    );
    expect(results.length, query).toBeGreaterThan(0);
    // On a Chinese page a name shown in English (no Chinese name is published) says so.
    if (prefix === '/zh') {
      for (const r of results) {
        expect(r.isMarkedUntranslated, r.text).toBe(!/\p{Script=Han}/u.test(r.text));
      }
    }
    for (const { href, text } of results) {
      const match = RECORD_PAGE.exec(href);
      expect(match, `${query}: ${href}`).not.toBeNull();
      expect(match![1] ?? '', href).toBe(prefix.slice(1));
      kinds.add(match![2]!);
      const response = await page.goto(`${hub.server.url}${href}`);
      expect(response?.status(), href).toBe(200);
      // The record's own page: its heading names what the result named.
      await expect(page.locator('h1').first().textContent(), href).resolves.toContain(text);
    }
  }
  expect([...kinds].sort()).toEqual(['events', 'organisations', 'projects', 'topics']);
  expect(watch.consoleErrors).toEqual([]);
  await page.close();
});

test('Chinese and German event lists show types and titles in their language', async () => {
  const { page } = await openWatchedPage(hub.browser.context);
  const englishLabels = new Set(Object.values(en.eventType));
  for (const [lang, labels] of [
    ['zh', zh.eventType],
    ['de', de.eventType],
  ] as const) {
    await page.goto(`${hub.server.url}/${lang}/events`);
    const items = await page.locator('.event-list li').evaluateAll((lis) =>
      lis.map((li) => ({
        slug: li.getAttribute('data-slug')!,
        type: li.querySelector('.event-list__type')!.textContent!,
        title: li.querySelector('.event-list__title a')!.textContent!,
        mark: li.querySelector('.event-list__title .translation-note')?.textContent ?? null,
      })),
    );
    expect(items).toHaveLength(SEED.events.length);
    for (const item of items) {
      const event = SEED.events.find((e) => e.id === item.slug)!;
      const expected = (labels as Record<string, string>)[event.type]!;
      expect(item.type, item.slug).toBe(expected);
      // An English label shows only where the language writes the type the same way (Workshop).
      if (englishLabels.has(item.type)) expect(Object.values(labels)).toContain(item.type);
      expect(item.title, item.slug).toBe(TITLES.get(item.slug)![lang]);
      expect(item.mark, item.slug).toBe((lang === 'zh' ? zh : de).common.hubTranslationShort);
    }
    const options = await page
      .locator('select[name="type"] option:not([value=""])')
      .evaluateAll((os) => os.map((o) => o.textContent!));
    const seededTypes = [...new Set(SEED.events.map((e) => e.type))];
    expect(options.sort()).toEqual(
      seededTypes.map((type) => (labels as Record<string, string>)[type]!).sort(),
    );
  }
  // In Chinese no type is left in English.
  await page.goto(`${hub.server.url}/zh/events`);
  const zhTypes = await page.locator('.event-list__type').allTextContents();
  for (const type of zhTypes) expect(englishLabels.has(type), type).toBe(false);
  await page.close();
});

test('a Chinese event list names the place as the event’s page does, in Chinese', async () => {
  const { page } = await openWatchedPage(hub.browser.context);
  const event = SEED.events.find((e) => e.id === 'iki-china-interface-2024')!;
  const placeZh = SEED.places.find((p) => p.id === event.placeIds[0])!.name_zh!;
  expect(placeZh).toMatch(/\p{Script=Han}/u);
  await page.goto(`${hub.server.url}/zh/events`);
  const line = await page.locator(`.event-list li[data-slug="${event.id}"] .muted`).textContent();
  expect(line).toContain(placeZh);
  expect(line).not.toContain('Beijing');
  await page.goto(`${hub.server.url}/zh/events/${event.id}`);
  const place = await page
    .locator('.facts div', { hasText: zh.events.place })
    .locator('dd')
    .textContent();
  expect(line).toContain(place!);
  await page.close();
});

test('an event’s page in Chinese shows the hub’s title, says so, and keeps the English original', async () => {
  const { page } = await openWatchedPage(hub.browser.context);
  for (const event of SEED.events.slice(0, 5)) {
    for (const [lang, locale] of [
      ['zh', zh],
      ['de', de],
    ] as const) {
      await page.goto(`${hub.server.url}/${lang}/events/${event.id}`);
      await expect(page.locator('h1').textContent()).resolves.toBe(TITLES.get(event.id)![lang]);
      await expect(page.locator('h1 + .translation-note').textContent()).resolves.toBe(
        locale.common.hubTranslation,
      );
      const original = page.locator('.facts div', { hasText: locale.events.originalTitle });
      await expect(original.locator('dd').textContent()).resolves.toBe(event.title);
    }
    await page.goto(`${hub.server.url}/events/${event.id}`);
    await expect(page.locator('h1').textContent()).resolves.toBe(event.title);
    await expect(page.locator('.translation-note').count()).resolves.toBe(0);
  }
  await page.close();
});
