import { expect, test } from 'vitest';

import { rawRequest } from './raw-http';
import { axeViolations, openWatchedPage, readSeed, seededHub, waitForMaps } from './support';

interface RawProject {
  id: string;
  title: string;
  titleZh: string | null;
  titleDe: string | null;
  startDate: string | null;
}

// Expected values come from the seed JSON, never from the code under test.
const RAW = readSeed<unknown>('iki-china-projects.json') as { projects: RawProject[] };

const hub = seededHub();

const noRedirect = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${hub.server.url}${path}`, { redirect: 'manual', headers });

test('every route in zh and de renders with no missing translation key', async () => {
  const { page, watch } = await openWatchedPage(hub.browser.context);
  const paths = [
    '/',
    '/projects',
    '/projects?page=2&sort=end&dir=desc',
    '/projects?page=x&sort=y&dir=z',
    ...RAW.projects.map((p) => `/projects/${p.id}`),
    '/projects/no-such-project',
    '/map',
    '/map?sel=CN-AH&shade=funding&layers=projects,events',
    '/milestones',
    '/milestones?by=ministry&sort=status',
    '/milestones?by=topic',
    '/milestones?group=not-reported&sort=project&dir=desc',
    '/projects/clct/milestones/new',
    '/timeline',
    '/timeline?group=fundingArea&zoom=month',
    '/dashboard',
    '/dashboard?ministries=stated&type=bilateral',
    '/search?q=transport',
  ];
  let visited = 0;
  for (const lang of ['zh', 'de']) {
    for (const path of paths) {
      await page.goto(`${hub.server.url}/${lang}${path === '/' ? '/' : path}`);
      visited += 1;
    }
  }
  expect(visited).toBe(paths.length * 2);
  expect(hub.server.output()).not.toContain('[i18n] missing key');
  expect(watch.consoleErrors.filter((e) => e.includes('[i18n]'))).toEqual([]);
  expect(watch.outsideRequests).toEqual([]);
  await page.close();
});

test('the same project page in zh and de: translated chrome, lang, dates and official titles', async () => {
  const { page, watch } = await openWatchedPage(hub.browser.context);
  const clct = RAW.projects.find((p) => p.id === 'clct')!;
  expect(clct.titleZh).toBeTruthy();
  expect(clct.titleDe).toBeNull();

  await page.goto(`${hub.server.url}/zh/projects/clct`);
  expect(await page.getAttribute('html', 'lang')).toBe('zh-Hans');
  await expect(page.locator('h1').textContent()).resolves.toContain(clct.titleZh);
  await expect(page.getByRole('navigation', { name: '主导航' }).textContent()).resolves.toContain(
    '项目',
  );
  // CLCT starts 2015-03 (month precision).
  expect(clct.startDate).toBe('2015-03');
  await expect(page.locator('.facts').first().textContent()).resolves.toContain('2015年3月');
  await expect(page.getByText('本平台团队翻译').count()).resolves.toBe(1);

  await page.goto(`${hub.server.url}/de/projects/clct`);
  expect(await page.getAttribute('html', 'lang')).toBe('de');
  await expect(
    page.getByRole('navigation', { name: 'Hauptnavigation' }).textContent(),
  ).resolves.toContain('Projekte');
  await expect(page.locator('.facts').first().textContent()).resolves.toContain('März 2015');
  // No sourced German title: the English one, marked as such and as English.
  const heading = page.locator('h1');
  await expect(heading.locator('[lang="en"]').textContent()).resolves.toBe(clct.title);
  await expect(heading.locator('.untranslated').textContent()).resolves.toBe(
    'noch nicht übersetzt',
  );

  // Sourced Chinese titles where they exist, the marker where they do not.
  for (const project of RAW.projects) {
    await page.goto(`${hub.server.url}/zh/projects/${project.id}`);
    const h1 = page.locator('h1');
    if (project.titleZh) {
      await expect(h1.textContent(), project.id).resolves.toContain(project.titleZh);
      await expect(h1.locator('.untranslated').count(), project.id).resolves.toBe(0);
    } else {
      await expect(h1.locator('[lang="en"]').textContent(), project.id).resolves.toBe(
        project.title,
      );
      await expect(h1.locator('.untranslated').textContent(), project.id).resolves.toBe(
        '尚无中文译名',
      );
    }
  }
  expect(RAW.projects.find((p) => p.id === 'urban-act')?.titleZh).toBeTruthy();
  expect(watch.consoleErrors).toEqual([]);
  await page.close();
});

test('the switcher keeps page and query, remembers the choice, and "/" then follows it', async () => {
  const context = hub.browser.context;
  await context.clearCookies();
  const { page } = await openWatchedPage(context);
  await page.goto(`${hub.server.url}/zh/projects?sort=funding&dir=desc&page=2`);
  const switcher = page.getByRole('navigation', { name: '语言' });
  await expect(switcher.getByRole('link').allTextContents()).resolves.toEqual([
    'English',
    '中文',
    'Deutsch',
  ]);
  await switcher.getByRole('link', { name: 'Deutsch' }).click();
  await page.waitForURL(`${hub.server.url}/de/projects?sort=funding&dir=desc&page=2`);
  expect(await page.getAttribute('html', 'lang')).toBe('de');

  await page.goto(`${hub.server.url}/`);
  expect(new URL(page.url()).pathname).toBe('/de/');

  await page
    .getByRole('navigation', { name: 'Sprache' })
    .getByRole('link', { name: 'English' })
    .click();
  await page.waitForURL(`${hub.server.url}/`);
  expect(await page.getAttribute('html', 'lang')).toBe('en');
  await context.clearCookies();
  await page.close();
});

test('Chinese and German pages navigate in the page, their routes found as they go', async () => {
  // The server answers a page with the routes of its language and section only (decision 0087);
  // the browser asks for the routes of the links it shows (/__manifest) and must still find each
  // page. The dashboard hydrates (the project list is served without React in the browser).
  for (const [lang, nav, timeline, htmlLang] of [
    ['zh', '主导航', '时间线', 'zh-Hans'],
    ['de', 'Hauptnavigation', 'Zeitleiste', 'de'],
  ] as const) {
    const { page, watch } = await openWatchedPage(hub.browser.context);
    const discovered: string[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname === '/__manifest')
        discovered.push(String(response.status()));
    });
    await page.goto(`${hub.server.url}/${lang}/dashboard`);
    await page.waitForLoadState('networkidle');
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    await page
      .getByRole('navigation', { name: nav })
      .getByRole('link', { name: timeline, exact: true })
      .click();
    await page.waitForURL(`${hub.server.url}/${lang}/timeline`);
    await page.locator('h1', { hasText: timeline }).waitFor();
    await expect(page.evaluate(() => 'sameDocument' in window)).resolves.toBe(true);
    expect(await page.getAttribute('html', 'lang')).toBe(htmlLang);
    expect(discovered.length, lang).toBeGreaterThan(0);
    expect(
      discovered.every((status) => status === '200'),
      discovered.join(),
    ).toBe(true);
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  }
});

test('a path with "." and ".." segments or backslashes is answered as its URL resolves', async () => {
  // Sent as written (fetch would resolve them first). The server picks a page's routes by the
  // path as React Router reads it (decision 0087), not as sent: "/zh/../projects" is /projects.
  for (const [path, htmlLang] of [
    ['/zh/../projects', 'en'],
    ['/projects/../zh/map', 'zh-Hans'],
    ['/zh/./timeline', 'zh-Hans'],
    ['/de/..', 'en'],
    ['/zh\\map', 'zh-Hans'],
  ] as const) {
    const answer = await rawRequest(hub.server.url, { method: 'GET', path });
    expect(answer.status, path).toBe(200);
    expect(answer.body, path).toContain(`<html lang="${htmlLang}"`);
  }
});

test('only a first visit to "/" uses Accept-Language', async () => {
  const first = await noRedirect('/', { 'Accept-Language': 'zh-CN,zh;q=0.9,en;q=0.5' });
  expect(first.status).toBe(302);
  expect(first.headers.get('location')).toBe('/zh/');
  const german = await noRedirect('/', { 'Accept-Language': 'de-DE,de;q=0.9' });
  expect(german.headers.get('location')).toBe('/de/');
  expect((await noRedirect('/', { 'Accept-Language': 'en-US' })).status).toBe(200);
  const remembered = await noRedirect('/', {
    'Accept-Language': 'zh-CN',
    Cookie: 'hub_lang=en',
  });
  expect(remembered.status).toBe(200);
  // Any other page: the URL alone decides.
  expect((await noRedirect('/projects', { 'Accept-Language': 'zh-CN' })).status).toBe(200);
});

test('every page names its language and links its alternates; unknown prefixes are 404', async () => {
  const html = await (await fetch(`${hub.server.url}/de/projects/sgep-i?x=1`)).text();
  expect(html).toContain('<html lang="de"');
  for (const [lang, path] of [
    ['en', '/projects/sgep-i?x=1'],
    ['zh-Hans', '/zh/projects/sgep-i?x=1'],
    ['de', '/de/projects/sgep-i?x=1'],
    ['x-default', '/projects/sgep-i?x=1'],
  ]) {
    expect(html).toContain(
      `<link rel="alternate" hrefLang="${lang}" href="${hub.server.url}${path}"/>`,
    );
  }
  for (const path of ['/fr/projects', '/zh/no-such-page', '/de/projects/no-such-project']) {
    expect((await fetch(`${hub.server.url}${path}`)).status, path).toBe(404);
  }
  const zh404 = await (await fetch(`${hub.server.url}/zh/no-such-page`)).text();
  expect(zh404).toContain('页面不存在');
});

test('the language switcher never redirects off the site', async () => {
  for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
    const response = await noRedirect(`/language?to=zh&next=${encodeURIComponent(next)}`);
    expect(response.status, next).toBe(302);
    const location = response.headers.get('location')!;
    expect(location.startsWith('/zh/'), `${next} → ${location}`).toBe(true);
    expect(location.startsWith('//')).toBe(false);
  }
});

test('Chinese and German pages pass axe-core', async () => {
  const { page } = await openWatchedPage(hub.browser.context);
  for (const path of [
    '/zh/',
    '/zh/projects',
    '/zh/projects/urban-act',
    '/de/projects/clct',
    '/de/',
  ]) {
    await page.goto(`${hub.server.url}${path}`);
    await waitForMaps(page);
    expect(await axeViolations(page), path).toEqual([]);
  }
  await page.close();
});
