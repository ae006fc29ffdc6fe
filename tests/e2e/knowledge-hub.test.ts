import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';

import { axeViolations, openWatchedPage, readSeed, seededHub } from './support';

// Expected values come from the seed files, never from the code under test.
interface SeedOrganisation {
  id: string;
  kind: string;
  projectIds: string[];
  projectRoles: { projectId: string; role: string }[];
}
interface SeedEvent {
  id: string;
  title: string;
  type: string;
  startDate: string | null;
  projectIds: string[];
}
const SEED = readSeed<{ organisations: SeedOrganisation[]; events: SeedEvent[] }>(
  'iki-china-projects.json',
);
const HISTORY = readSeed<{ successions: { from: string; to: string }[] }>(
  'organisation-history.json',
).successions;
const TAGS = readSeed<{ tags: { projectId: string; topic: string }[] }>('topic-tags.json').tags;
const hub = seededHub('2026-11-29');

/** An organisation and every one it succeeded (BMUV ← BMU ← BMUB). */
const line = (slug: string): string[] => [
  slug,
  ...HISTORY.filter((s) => s.to === slug).flatMap((s) => line(s.from)),
];
const projectsOfLine = (slug: string) =>
  new Set(line(slug).flatMap((s) => SEED.organisations.find((o) => o.id === s)?.projectIds ?? []));
const attributes = (page: Page, selector: string, name: string) =>
  page.locator(selector).evaluateAll((nodes, n) => nodes.map((x) => x.getAttribute(n)!), name);

test('an organisation page lists exactly the projects of it and its predecessors', async () => {
  const { page, watch } = await openWatchedPage(hub.browser.context);
  const checked = ['bmuv', 'bmu', 'mee', 'giz', 'bmwk', 'aa'];
  for (const slug of checked) {
    await page.goto(`${hub.server.url}/organisations/${slug}`);
    const shown = new Set(
      await attributes(page, '#org-projects ~ section li, [data-role] li', 'data-project'),
    );
    expect([...shown].sort(), slug).toEqual([...projectsOfLine(slug)].sort());
    await expect(page.locator('#org-projects').textContent()).resolves.toContain(
      `(${projectsOfLine(slug).size})`,
    );
  }
  // A project linked under a predecessor says so.
  await page.goto(`${hub.server.url}/organisations/bmuv`);
  await expect(
    page.locator('[data-role] li[data-project="sgep-i"]').first().textContent(),
  ).resolves.toContain('as BMUB');
  expect(watch.consoleErrors).toEqual([]);
  await page.close();
});

test('"works with" counts the projects each other organisation shares', async () => {
  const { page } = await openWatchedPage(hub.browser.context);
  for (const slug of ['bmuv', 'giz']) {
    const mine = projectsOfLine(slug);
    const expected = Object.fromEntries(
      SEED.organisations
        .filter((o) => !line(slug).includes(o.id))
        .map((o) => [o.id, o.projectIds.filter((p) => mine.has(p)).length])
        .filter(([, n]) => (n as number) > 0),
    );
    await page.goto(`${hub.server.url}/organisations/${slug}`);
    const shown = await page
      .locator('#org-collaborators ~ div tbody tr, section:has(#org-collaborators) tbody tr')
      .evaluateAll((rows) =>
        Object.fromEntries(
          rows.map((r) => [
            r.getAttribute('data-slug')!,
            Number(r.querySelector('td')!.getAttribute('data-value')),
          ]),
        ),
      );
    expect(shown, slug).toEqual(expected);
  }
  // The portfolio-wide view: a pair's count is the projects both are linked to.
  await page.goto(`${hub.server.url}/organisations/network`);
  const giz = SEED.organisations.find((o) => o.id === 'giz')!.projectIds;
  const mee = SEED.organisations.find((o) => o.id === 'mee')!.projectIds;
  const both = giz.filter((p) => mee.includes(p)).length;
  const pair = page.locator('tr[data-pair="giz|mee"], tr[data-pair="mee|giz"]');
  await expect(pair.locator('td[data-value]').getAttribute('data-value')).resolves.toBe(
    String(both),
  );
  await page.close();
});

test('the events list filters by type and year, project and organisation', async () => {
  const { page } = await openWatchedPage(hub.browser.context);
  const cases: [string, (e: SeedEvent) => boolean][] = [
    ['', () => true],
    ['?type=workshop&year=2024', (e) => e.type === 'workshop' && !!e.startDate?.startsWith('2024')],
    ['?project=ndc-implementation', (e) => e.projectIds.includes('ndc-implementation')],
    ['?org=giz', (e) => e.projectIds.some((p) => projectsOfLine('giz').has(p))],
  ];
  for (const [query, keep] of cases) {
    await page.goto(`${hub.server.url}/events${query}`);
    const shown = await attributes(page, '.event-list li', 'data-slug');
    expect(shown.sort(), query).toEqual(
      SEED.events
        .filter(keep)
        .map((e) => e.id)
        .sort(),
    );
  }
  // A value that is not on offer is ignored and named, never echoed.
  await page.goto(`${hub.server.url}/events?type=<script>`);
  await expect(page.getByRole('status').textContent()).resolves.toContain('type');
  await page.close();
});

test('the Interface Workshop, the Berlin–Cologne study tour and the cement workshop have pages with their dates', async () => {
  const { page } = await openWatchedPage(hub.browser.context);
  const named: [RegExp, string][] = [
    [/Interface and Networking Workshop 2024/, '28 August 2024 – 29 August 2024'],
    [/Berlin and Cologne/, '21 October 2024 – 24 October 2024'],
    [/cement sector for Anhui and Sichuan/, '31 October 2024 – 1 November 2024'],
  ];
  for (const [title, date] of named) {
    const event = SEED.events.find((e) => title.test(e.title))!;
    const response = await page.goto(`${hub.server.url}/events/${event.id}`);
    expect(response?.status()).toBe(200);
    await expect(page.locator('h1').textContent()).resolves.toBe(event.title);
    await expect(page.locator('.facts').textContent()).resolves.toContain(date);
    for (const p of event.projectIds) {
      await expect(
        page.locator(`#event-projects ~ ul a[href^="/projects/${p}"]`).count(),
      ).resolves.toBe(1);
    }
  }
  expect((await page.goto(`${hub.server.url}/events/no-such-event`))?.status()).toBe(404);
  await page.close();
});

test('a topic page lists its projects, their events and the organisations of their people', async () => {
  const { page } = await openWatchedPage(hub.browser.context);
  for (const topic of ['carbon-markets', 'adaptation', 'gender']) {
    const projects = new Set(TAGS.filter((t) => t.topic === topic).map((t) => t.projectId));
    const response = await page.goto(`${hub.server.url}/topics/${topic}`);
    expect(response?.status(), topic).toBe(200);
    expect((await attributes(page, '[data-project]', 'data-project')).sort(), topic).toEqual(
      [...projects].sort(),
    );
    const events = SEED.events.filter((e) => e.projectIds.some((p) => projects.has(p)));
    await expect(page.locator('#topic-events ~ ul li').count(), topic).resolves.toBe(events.length);
    // The organisations of the people involved (decision 0071): the projects' implementers and
    // partners (the default database's sessions name none, and it holds no entries).
    const people = ['implementingOrganisation', 'implementingPartner', 'politicalPartner'];
    const orgs = SEED.organisations.filter((o) =>
      o.projectRoles.some((r) => people.includes(r.role) && projects.has(r.projectId)),
    );
    expect((await attributes(page, '#topic-organisations ~ ul li', 'data-slug')).sort()).toEqual(
      orgs.map((o) => o.id).sort(),
    );
  }
  expect((await page.goto(`${hub.server.url}/topics/no-such-topic`))?.status()).toBe(404);
  await page.close();
});

test('a ministry brief prints its projects and milestones without navigation', async () => {
  const { page } = await openWatchedPage(hub.browser.context);
  await page.goto(`${hub.server.url}/organisations/bmuv/brief`);
  expect((await attributes(page, 'tr[data-project]', 'data-project')).sort()).toEqual(
    [...projectsOfLine('bmuv')].sort(),
  );
  await expect(page.locator('.review-group').count()).resolves.toBe(4);
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-header').isVisible()).resolves.toBe(false);
  await expect(page.locator('.review-group').first().isVisible()).resolves.toBe(true);
  await page.emulateMedia({ media: 'screen' });
  // Only ministries have a brief.
  expect((await page.goto(`${hub.server.url}/organisations/giz/brief`))?.status()).toBe(404);
  await page.close();
});

test('the home page shows milestones, topics and events, and the new pages pass axe-core', async () => {
  const { page, watch } = await openWatchedPage(hub.browser.context);
  await page.goto(`${hub.server.url}/`);
  await expect(page.locator('#home-due-soon').count()).resolves.toBe(1);
  await expect(
    page.locator('#home-topics ~ ul a[href="/topics/carbon-markets"]').count(),
  ).resolves.toBe(1);
  await page.getByLabel('Search the hub').fill('cement');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.waitForURL(/\/search\?q=cement/);
  for (const path of [
    '/',
    '/organisations',
    '/organisations/bmuv',
    '/organisations/network',
    '/organisations/bmuv/brief',
    '/events?type=workshop',
    '/events/iki-china-interface-2024',
    '/topics',
    '/topics/carbon-markets',
    '/zh/organisations/mee',
    '/zh/events',
    '/de/topics/adaptation',
  ]) {
    await page.goto(`${hub.server.url}${path}`);
    expect(await axeViolations(page), path).toEqual([]);
  }
  expect(watch.consoleErrors).toEqual([]);
  await page.close();
});
