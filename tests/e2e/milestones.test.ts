import { expect, test } from 'vitest';

import { axeViolations, openWatchedPage, readSeed, seededHub } from './support';

// Expected values come from the seed files, never from the code under test.
const read = (name: string) => readSeed<unknown>(name);
const RAW = read('iki-china-projects.json') as {
  projects: {
    id: string;
    startDate: string | null;
    endDate: string | null;
    status: string | null;
  }[];
  events: { type: string; title: string; startDate: string | null; projectIds: string[] }[];
};
const TAGS = read('topic-tags.json') as { tags: { projectId: string; topic: string }[] };

const hub = seededHub();

test('the review counts the real milestones nobody has reported, and none is overdue', async () => {
  const started = (s: string | null) => !!s && /^(completed|open|ongoing)/.test(s);
  const notReported =
    RAW.projects.filter((p) => p.startDate && !started(p.status)).length +
    RAW.projects.filter((p) => p.endDate && !p.status?.startsWith('completed')).length +
    RAW.events
      .filter(
        (e) =>
          !e.startDate &&
          (['milestone', 'launch'].includes(e.type) || /kick-?off|\bextension\b/i.test(e.title)),
      )
      .reduce((n, e) => n + new Set(e.projectIds).size, 0);
  const { page, watch } = await openWatchedPage(hub.browser.context);
  await page.goto(`${hub.server.url}/milestones`);
  await expect(page.locator('#group-not-reported').textContent()).resolves.toBe(
    `Not reported (${notReported})`,
  );
  // Derived milestones are achieved or not reported: nothing is overdue.
  await expect(page.locator('#group-overdue').textContent()).resolves.toBe('Overdue (0)');
  expect(watch.consoleErrors).toEqual([]);
  await page.close();
});

test('the review follows the shared filter', async () => {
  const tagged = new Set(
    TAGS.tags.filter((t) => t.topic === 'carbon-markets').map((t) => t.projectId),
  );
  const { page } = await openWatchedPage(hub.browser.context);
  await page.goto(`${hub.server.url}/milestones?topic=carbon-markets`);
  const hrefs = await page
    .locator('.review-group tbody td a')
    .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('href')!));
  expect(hrefs.length).toBeGreaterThan(0);
  for (const href of hrefs) expect(tagged.has(href.split('/')[2]!.split('#')[0]!), href).toBe(true);
  await page.close();
});

test('the review passes axe-core in English and Chinese', async () => {
  const { page } = await openWatchedPage(hub.browser.context);
  for (const path of ['/milestones', '/zh/milestones?type=bilateral']) {
    await page.goto(`${hub.server.url}${path}`);
    expect(await axeViolations(page), path).toEqual([]);
  }
  await page.close();
});

test('the review sorts by project through its view form and pages through a whole group', async () => {
  const { page, watch } = await openWatchedPage(hub.browser.context);
  await page.goto(`${hub.server.url}/milestones?type=bilateral`);
  await page.getByLabel('Sort by').selectOption('project');
  await page.getByLabel('Order').selectOption('desc');
  await page.getByRole('button', { name: 'Apply view' }).click();
  await page.waitForURL(/sort=project/);
  const url = new URL(page.url());
  // The filter survives the change of view.
  expect(url.searchParams.get('type')).toBe('bilateral');
  expect(url.searchParams.get('dir')).toBe('desc');
  const collator = new Intl.Collator('en', { sensitivity: 'base' });
  const isSortedDescending = async () => {
    const titles = await page.locator('[data-group="not-reported"] tbody td a').allTextContents();
    const sorted = [...titles].sort((a, b) => collator.compare(b, a));
    return titles.length > 1 && sorted.join('|') === titles.join('|');
  };
  // Polled: the rows re-render just after the URL changes.
  await expect.poll(isSortedDescending).toBe(true);

  // "Show all" opens the group alone; its pages together hold exactly the group's count.
  await page.goto(`${hub.server.url}/milestones`);
  const heading = await page.locator('#group-not-reported').textContent();
  const total = Number(/\((\d+)\)/.exec(heading!)![1]);
  await page.getByRole('link', { name: `Show all (${total})` }).click();
  await page.locator('.review-back').waitFor();
  expect(page.url()).toContain('group=not-reported');
  let rows = 0;
  for (let n = 0; n < 20; n++) {
    rows += await page.locator('[data-group="not-reported"] tbody tr').count();
    const next = page.getByRole('link', { name: 'Next →' });
    if ((await next.count()) === 0) break;
    await next.click();
    await page.locator('.pagination [aria-current="page"]', { hasText: String(n + 2) }).waitFor();
  }
  expect(rows).toBe(total);
  expect(watch.consoleErrors).toEqual([]);
  await page.close();
});
