import { parseFeed } from '@rowanmanning/feed-parser';
import { describe, expect, test } from 'vitest';

import { APPROVED, SECRET, makeChanges, setup } from './feed-changes';
import { axeViolations, openWatchedPage, seededHub } from './support';

// The feeds of what changed, read with an independent parser (@rowanmanning/feed-parser): the
// changes (feed-changes.ts) are made through the hub’s own writes (reports, which another part writes, are
// rows), and each feed is checked for what a subscriber gets — titles in its language, links that
// open, ids, order — and for what it must never carry: an unapproved report's text, an account.

const hub = seededHub('2026-11-29', makeChanges);
const url = (path: string) => `${hub.server.url}${path}`;

async function getFeed(path: string) {
  const response = await fetch(url(path));
  const text = await response.text();
  expect(response.status, `${path}: ${text.slice(0, 200)}`).toBe(200);
  return { response, text, feed: parseFeed(text) };
}

const titles = (feed: ReturnType<typeof parseFeed>) => feed.items.map((i) => i.title ?? '');

describe('the site-wide feed', () => {
  test('lists every kind of approved change, newest first, with unique ids and links that open', async () => {
    const { response, text, feed } = await getFeed('/feeds/changes.atom');
    expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect(response.headers.get('cache-control')).toMatch(/public/);
    const etag = response.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await fetch(url('/feeds/changes.atom'), { headers: { 'If-None-Match': etag! } });
    expect(again.status).toBe(304);
    expect(feed.meta.type).toBe('atom');
    expect(feed.language).toBe('en');
    expect(feed.title).toBe('IKI China portfolio hub: what changed');
    expect(titles(feed)).toEqual([
      expect.stringMatching(/^Progress report approved: .+ \(Interface Workshop 2026\)$/),
      'New event: Feed test workshop',
      'New project: Feed test new project',
      expect.stringMatching(/^Project updated: /),
      expect.stringMatching(/^Milestone moved later: Baseline survey published — /),
      expect.stringMatching(/^Milestone delayed: Pilot city plan adopted — /),
      expect.stringMatching(/^Milestone reached: Training of provincial officials — /),
    ]);
    const times = feed.items.map((i) => i.updated!.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const ids = feed.items.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^tag:iki-china-hub,2026:change\//);
    for (const item of feed.items) {
      const link = new URL(item.url!);
      expect(link.origin).toBe(hub.server.url);
      expect((await fetch(link)).status, item.url!).toBe(200);
    }
    expect(feed.items[0]!.description).toContain(APPROVED);
    expect(feed.items[0]!.authors.map((a) => a.name)).not.toContain('Test editor');
    expect(feed.items[3]!.description).toContain('Summary (English)');
    expect(feed.items[5]!.description).toMatch(/Revised date: June 2027/);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('someone@example.org');
    expect(text).not.toContain('Test editor');
  });

  test('is written in the language of its prefix, linking to that language’s pages', async () => {
    const zh = (await getFeed('/zh/feeds/changes.atom')).feed;
    expect(zh.language).toBe('zh-Hans');
    expect(zh.title).toBe('IKI 中国项目组合平台：最新变化');
    expect(titles(zh)[0]).toMatch(/^进展报告已批准：.+（2026 年接口研讨会）$/);
    expect(titles(zh)).toContain('新活动：Feed test workshop');
    for (const item of zh.items) expect(new URL(item.url!).pathname).toMatch(/^\/zh\//);
    const de = (await getFeed('/de/feeds/changes.atom')).feed;
    expect(de.language).toBe('de');
    expect(titles(de)).toContain('Neue Veranstaltung: Feed test workshop');
    for (const item of de.items) {
      expect(new URL(item.url!).pathname).toMatch(/^\/de\//);
      expect((await fetch(item.url!)).status).toBe(200);
    }
    expect(zh.items.map((i) => i.id)).toEqual(de.items.map((i) => i.id));
  });

  test('follows the shared filter: only changes of the selected projects and their events', async () => {
    const { feed } = await getFeed(`/feeds/changes.atom?topic=${setup.topic}`);
    expect(feed.title).toBe('IKI China portfolio hub: what changed in the selected projects');
    expect(titles(feed)).toEqual([
      expect.stringMatching(/^Progress report approved: /),
      'New event: Feed test workshop',
      expect.stringMatching(/^Milestone delayed: /),
      expect.stringMatching(/^Milestone reached: /),
    ]);
  });

  test('since gives every change from a day or a moment on', async () => {
    const day = (await getFeed('/feeds/changes.atom?since=2026-11-02')).feed;
    expect(titles(day)).toHaveLength(4);
    expect(titles(day).at(-1)).toMatch(/^Project updated: /);
    const moment = (
      await getFeed(`/feeds/changes.atom?since=${encodeURIComponent('2026-11-10T18:00:00+08:00')}`)
    ).feed;
    expect(titles(moment)).toEqual([
      expect.stringMatching(/^Progress report approved: /),
      'New event: Feed test workshop',
    ]);
    expect(titles((await getFeed('/feeds/changes.atom?since=2026-11-28')).feed)).toEqual([]);
  });
});

describe('the feeds of one record', () => {
  test('a project’s feed holds its own changes', async () => {
    const { feed } = await getFeed(`/feeds/projects/${setup.p2}.atom`);
    expect(titles(feed)).toEqual([
      expect.stringMatching(/^Project updated: /),
      expect.stringMatching(/^Milestone moved later: /),
    ]);
    const p1 = (await getFeed(`/zh/feeds/projects/${setup.p1}.atom`)).feed;
    expect(p1.language).toBe('zh-Hans');
    expect(titles(p1)).toHaveLength(4);
  });

  test('an organisation’s and a topic’s feeds hold their projects’ changes', async () => {
    for (const path of [
      `/feeds/organisations/${setup.organisation}.atom`,
      `/feeds/topics/${setup.topic}.atom`,
    ]) {
      const { feed, text } = await getFeed(path);
      expect(titles(feed), path).toEqual([
        expect.stringMatching(/^Progress report approved: /),
        'New event: Feed test workshop',
        expect.stringMatching(/^Milestone delayed: /),
        expect.stringMatching(/^Milestone reached: /),
      ]);
      expect(text).not.toContain(SECRET);
    }
  });

  test('an unapproved report never appears, in any feed or language', async () => {
    for (const path of [
      '/feeds/changes.atom',
      '/zh/feeds/changes.atom',
      `/feeds/projects/${setup.p2}.atom`,
      '/feeds/changes.atom?since=2026-01-01',
      '/changes?since=2026-01-01',
      '/de/changes',
    ]) {
      const text = await (await fetch(url(path))).text();
      expect(text, path).not.toContain(SECRET);
    }
  });
});

describe('wrong requests', () => {
  test('a malformed since or filter is a 400 naming the parameter', async () => {
    for (const [path, parameter] of [
      ['/feeds/changes.atom?since=yesterday', 'since'],
      ['/feeds/changes.atom?since=2026-02-30', 'since'],
      [`/feeds/projects/${setup.p1}.atom?since=2026-13-01`, 'since'],
      ['/feeds/changes.atom?type=nonsense', 'type'],
      ['/zh/feeds/changes.atom?from=abc', 'from'],
    ] as const) {
      const response = await fetch(url(path));
      expect(response.status, path).toBe(400);
      const body = (await response.json()) as { parameter: string; error: string };
      expect(body.parameter, path).toBe(parameter);
      expect(body.error, path).toMatch(new RegExp(`^${parameter} must be`));
    }
  });

  test('an unknown record or feed is a 404', async () => {
    for (const path of [
      '/feeds/projects/no-such-project.atom',
      '/feeds/organisations/no-such-organisation.atom',
      '/zh/feeds/topics/no-such-topic.atom',
      `/feeds/projects/${setup.p1}`,
      `/feeds/projects/${setup.p1}.rss`,
      `/feeds/events/${setup.event}.atom`,
      '/feeds/projects/Bad%20Slug.atom',
    ]) {
      expect((await fetch(url(path))).status, path).toBe(404);
    }
  });

  test('other methods are refused without a server error', async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const status = (await fetch(url('/feeds/changes.atom'), { method })).status;
      expect(status, method).toBeGreaterThanOrEqual(400);
      expect(status, method).toBeLessThan(500);
    }
  });
});

describe('pages name their feeds', () => {
  test('the project list, a project, an organisation and a topic link their feeds in <head> and in the page', async () => {
    const context = hub.browser.context;
    const { page } = await openWatchedPage(context);
    try {
      for (const [path, feed] of [
        [`/projects?topic=${setup.topic}`, `/feeds/changes.atom?topic=${setup.topic}`],
        [`/projects/${setup.p1}`, `/feeds/projects/${setup.p1}.atom`],
        [`/zh/projects/${setup.p1}`, `/zh/feeds/projects/${setup.p1}.atom`],
        [`/organisations/${setup.organisation}`, `/feeds/organisations/${setup.organisation}.atom`],
        [`/de/topics/${setup.topic}`, `/de/feeds/topics/${setup.topic}.atom`],
      ] as [string, string][]) {
        await page.goto(url(path));
        const head = page.locator('head link[rel="alternate"][type="application/atom+xml"]');
        expect(await head.getAttribute('href'), path).toBe(feed);
        expect(await head.getAttribute('title'), path).toBeTruthy();
        const visible = page.locator(`main a[href="${feed}"]`);
        expect(await visible.count(), path).toBe(1);
        expect(await visible.isVisible(), path).toBe(true);
        expect((await fetch(url(feed))).status, feed).toBe(200);
      }
    } finally {
      await page.close();
    }
  });
});

describe('the changes page', () => {
  test('shows the same changes since a day, grouped by day, accessibly, in each language', async () => {
    const context = hub.browser.context;
    const { page, watch } = await openWatchedPage(context);
    try {
      const response = await page.goto(url('/changes?since=2026-11-02'));
      expect(response?.status()).toBe(200);
      await expect(page.locator('h1').textContent()).resolves.toBe(
        'What changed since 2 November 2026',
      );
      const feedTitles = titles((await getFeed('/feeds/changes.atom?since=2026-11-02')).feed);
      expect(await page.locator('.changes-list li > a').allTextContents()).toEqual(feedTitles);
      expect(await page.locator('.changes-day h2').count()).toBe(4);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByLabel('Since (date)').fill('2026-11-10');
      await page.getByRole('button', { name: 'Show changes' }).click();
      await page.waitForURL(/since=2026-11-10/);
      expect(await page.locator('.changes-list li > a').count()).toBe(2);
      await page.locator('.changes-list li > a').first().click();
      await page.waitForURL(new RegExp(`/projects/${setup.p1}$`));

      await page.goto(url('/zh/changes'));
      expect(await page.locator('h1').textContent()).toBe('最新变化');
      expect(await page.locator('.changes-list li > a').count()).toBe(7);
      expect(await axeViolations(page)).toEqual([]);
      expect(watch.consoleErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  test('a malformed date is a 400 with the message next to the field; a bad filter value is named and ignored', async () => {
    const context = hub.browser.context;
    const { page } = await openWatchedPage(context);
    try {
      await page.goto(url(`/changes?topic=${setup.topic}&type=nonsense`));
      expect(await page.locator('.notice').textContent()).toBe(
        'Some filter values were not valid and were ignored: type.',
      );
      expect(await page.locator('.changes-list li > a').count()).toBe(4);
      const response = await page.goto(url('/changes?since=31.10.2026'));
      expect(response?.status()).toBe(400);
      const field = page.getByLabel('Since (date)');
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#since-error').textContent()).toMatch(/YYYY-MM-DD/);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
