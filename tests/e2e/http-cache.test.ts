import { beforeAll, expect, test } from 'vitest';

import { createAccount, httpSession, openWatchedPage, seededHub } from './support';

const hub = seededHub('2026-11-29');
const EDITOR = { email: 'editor@hub.example', password: 'editing the portfolio', name: 'Ed Itor' };
const PUBLIC = 'public, max-age=60, stale-while-revalidate=600';

beforeAll(async () => {
  await createAccount(hub.database.path, { ...EDITOR, role: 'editor' });
});

const url = (path: string) => `${hub.server.url}${path}`;

/** A watched page that uses Chromium's HTTP cache (request interception would switch it off). */
async function openCachingPage() {
  const opened = await openWatchedPage(hub.browser.context);
  // Every request of these pages goes to 127.0.0.1; the blocking route only disables the cache.
  await opened.page.unrouteAll();
  return opened;
}

/** The statuses the server answered GET `path` with so far, from its request log. */
function served(path: string): string[] {
  const line = new RegExp(`^GET ${path.replace(/[?.]/g, '\\$&')} (\\d{3}) `, 'gm');
  return [...hub.server.output().matchAll(line)].map((m) => m[1]!);
}

test('a public page and the JSON API send a strong ETag and a public Cache-Control, and no cookie', async () => {
  for (const path of ['/projects/clct', '/api/projects', '/zh/timeline']) {
    const response = await fetch(url(path));
    expect(response.status).toBe(200);
    const etag = response.headers.get('etag');
    expect(etag, path).toMatch(/^"[^"]+"$/);
    expect(response.headers.get('cache-control')).toBe(PUBLIC);
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(response.headers.get('vary') ?? '').not.toMatch(/cookie/i);
    const body = await response.text();
    // The same bytes for the next visitor: the same tag.
    const again = await fetch(url(path));
    expect(again.headers.get('etag')).toBe(etag);
    await expect(again.text()).resolves.toBe(body);
  }
});

test('a matching If-None-Match is answered 304 with an empty body, another tag with the page', async () => {
  for (const path of ['/projects/clct', '/api/projects']) {
    const first = await fetch(url(path));
    const etag = first.headers.get('etag')!;
    const body = await first.text();
    for (const header of [etag, `W/${etag}`, `"stale", ${etag}`]) {
      const revalidated = await fetch(url(path), { headers: { 'If-None-Match': header } });
      expect(revalidated.status, `${path} ${header}`).toBe(304);
      await expect(revalidated.text()).resolves.toBe('');
      expect(revalidated.headers.get('etag')).toBe(etag);
      expect(revalidated.headers.get('cache-control')).toBe(PUBLIC);
      // The headers a browser stores from the 304 allow the body it kept.
      expect(revalidated.headers.get('content-security-policy')).toBe(
        first.headers.get('content-security-policy'),
      );
    }
    const changed = await fetch(url(path), { headers: { 'If-None-Match': '"something-else"' } });
    expect(changed.status).toBe(200);
    await expect(changed.text()).resolves.toBe(body);
  }
});

test('a public page carries no nonce and no CSRF token: its inline scripts are allowed by hash', async () => {
  const response = await fetch(url('/projects/clct'));
  const csp = response.headers.get('content-security-policy')!;
  const html = await response.text();
  expect(csp).not.toContain("'nonce-");
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    (m) => m[1]!,
  );
  expect(inline.length).toBeGreaterThan(0);
  expect(html).not.toMatch(/\snonce="/);
  expect(csp.match(/'sha256-[A-Za-z0-9+/]+=*'/g)).toHaveLength(new Set(inline).size);
  expect(html).not.toMatch(/"csrfToken","[A-Za-z0-9_-]{43}"/);
  expect(csp).toContain("frame-ancestors 'none'");
});

test('the sign-in page, which holds the CSRF token, is private, keeps a nonce and sets the CSRF cookie', async () => {
  const login = await fetch(url('/login'));
  expect(login.headers.get('cache-control')).toBe('private, no-store');
  expect(login.headers.get('etag')).toBeNull();
  expect(login.headers.get('content-security-policy')).toMatch(/script-src 'self' 'nonce-/);
  expect(login.headers.getSetCookie().some((c) => c.startsWith('hub_csrf='))).toBe(true);
});

test('a signed-in page is private, no-store, has no ETag and ignores If-None-Match', async () => {
  const publicCopy = await fetch(url('/projects/clct'));
  const etag = publicCopy.headers.get('etag')!;
  const session = await httpSession(hub.server.url, EDITOR);
  for (const path of ['/projects/clct', '/api/projects']) {
    const response = await fetch(url(path), {
      headers: { Cookie: session.cookie, 'If-None-Match': etag },
    });
    expect(response.status, path).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('etag')).toBeNull();
  }
  const page = await fetch(url('/projects/clct'), { headers: { Cookie: session.cookie } });
  expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self' 'nonce-/);
  await expect(page.text()).resolves.toContain(EDITOR.name);
});

test('a page served from Chromium’s cache and revalidated with 304 hydrates without CSP errors, and client-side navigation works', async () => {
  const { page, watch } = await openCachingPage();
  const path = '/organisations/giz';
  expect(served(path)).toEqual([]);
  await page.goto(url(path));
  await page.waitForLoadState('networkidle');
  // A reload revalidates the document: the server answers 304 and Chromium uses its copy
  // (Chromium reports it to the page as 200, so the server's log is the witness).
  await page.reload();
  await page.waitForLoadState('networkidle');
  await expect.poll(() => served(path)).toEqual(['200', '304']);
  await page.locator('h1').waitFor();

  // Hydrated: a click on the navigation is handled by React Router, not by a page load.
  await page.evaluate(() => Object.assign(window, { sameDocument: true }));
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Timeline' })
    .click();
  await page.waitForURL(url('/timeline'));
  await page.locator('h1', { hasText: 'Timeline' }).waitFor();
  await expect(page.evaluate(() => 'sameDocument' in window)).resolves.toBe(true);
  // And back to the revalidated page, still without a page load.
  await page.goBack();
  await page.waitForURL(url(path));
  await page.locator('h1').waitFor();
  await expect(page.evaluate(() => 'sameDocument' in window)).resolves.toBe(true);
  // Opened again, the page comes from the cache without asking the server at all.
  await page.goto(url(path));
  await page.locator('h1').waitFor();
  expect(served(path)).toEqual(['200', '304']);

  expect(watch.consoleErrors).toEqual([]);
  expect(watch.outsideRequests).toEqual([]);
  await page.close();
});

test('after signing in, pages read before as public copies come fresh with the session', async () => {
  const { page, watch } = await openCachingPage();
  const editLink = page.locator('.record-actions a[href$="/edit"]');
  await page.goto(url('/projects'));
  // A client-side navigation: Chromium keeps the project's data (`.data`) as a public copy.
  const firstProject = page.locator('tbody th a').first();
  const projectPath = (await firstProject.getAttribute('href'))!;
  await firstProject.click();
  await page.waitForURL(url(projectPath));
  await page.locator('.record-actions').waitFor();
  await expect(editLink.count()).resolves.toBe(0);

  // The sign-in link returns to this page.
  await page.locator('.account-link').click();
  await page.getByLabel('Email').fill(EDITOR.email);
  await page.getByLabel('Password').fill(EDITOR.password);
  await Promise.all([
    page.waitForURL(url(projectPath)),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
  await expect(page.locator('.account-menu').textContent()).resolves.toContain(EDITOR.name);
  await editLink.first().waitFor();
  // Back to the list and into the same project again, client-side: its data is the editor's,
  // not the public copy from before signing in.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Projects' })
    .click();
  await page.waitForURL(url('/projects'));
  await page.locator(`tbody th a[href="${projectPath}"]`).click();
  await page.waitForURL(url(projectPath));
  await editLink.first().waitFor({ timeout: 5_000 });
  expect(watch.consoleErrors).toEqual([]);
  await page.close();
  await hub.browser.context.clearCookies();
});
