import { request as httpRequest } from 'node:http';
import { gunzipSync } from 'node:zlib';

import Database from 'better-sqlite3';
import { beforeAll, expect, test } from 'vitest';

import {
  createAccount,
  httpSession,
  openWatchedPage,
  readDatabase,
  saveProjectTitle,
  seededHub,
} from './support';

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

/** A raw GET (fetch would decompress): status, headers and the bytes as sent. */
function rawGet(path: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: Record<string, string>; body: Buffer }>(
    (resolve, reject) => {
      const req = httpRequest(url(path), { headers, method }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            headers: res.headers as Record<string, string>,
            body: Buffer.concat(chunks),
          }),
        );
      });
      req.on('error', reject);
      req.end();
    },
  );
}

const titleOf = (html: string) => /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1] ?? '';

test('the server keeps a public answer: the next visitor gets the same bytes from memory, gzipped if asked', async () => {
  for (const path of ['/projects/sgep-ii', '/api/projects?topic=energy', '/de/map']) {
    const first = await rawGet(path);
    expect(first.status, path).toBe(200);
    expect(first.headers['x-hub-cache'], path).toBeUndefined();
    // Rendered: the loaders' and the whole answer's time; from memory: neither loader nor render.
    expect(first.headers['server-timing'], path).toMatch(/^loader;dur=\d+\.\d, app;dur=\d+\.\d$/);
    const again = await rawGet(path);
    expect(again.headers['x-hub-cache'], path).toBe('hit');
    // Answered by the production server (scripts/serve.mjs) before React Router ran at all.
    expect(again.headers['server-timing'], path).toMatch(
      /^app;dur=\d+\.\d, cache;desc="hit, before React Router"$/,
    );
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.headers['cache-control']).toBe(PUBLIC);
    expect(again.headers['content-security-policy']).toBe(first.headers['content-security-policy']);
    expect(again.headers['set-cookie']).toBeUndefined();
    expect(again.body.equals(first.body), path).toBe(true);

    const gzipped = await rawGet(path, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers.vary).toMatch(/Accept-Encoding/);
    expect(gzipped.headers.etag).toBe(first.headers.etag);
    expect(gunzipSync(gzipped.body).equals(first.body), path).toBe(true);

    const revalidated = await rawGet(path, { 'If-None-Match': first.headers.etag! });
    expect(revalidated.status).toBe(304);
    expect(revalidated.body.byteLength).toBe(0);
  }
  // The front door varies on the language cookie and Accept-Language: a German browser's first
  // visit is still sent to /de/, not given the English copy.
  expect((await rawGet('/')).status).toBe(200);
  expect((await rawGet('/')).headers['x-hub-cache']).toBe('hit');
  const german = await rawGet('/', { 'Accept-Language': 'de-DE,de;q=0.9' });
  expect(german.status).toBe(302);
  expect(german.headers.location).toBe('/de/');
  const remembered = await rawGet('/', { Cookie: 'hub_lang=zh' });
  expect(remembered.headers.location).toBe('/zh/');
});

test('a HEAD gets the header fields of the GET: its ETag, Content-Length and policy, kept or not', async () => {
  // Paths no other test here reads: the first HEAD is rendered, not answered from memory.
  for (const path of [
    '/zh/projects/sgep-ii',
    '/api/projects?topic=transport',
    '/de/organisations',
  ]) {
    const head = await rawGet(path, {}, 'HEAD');
    expect(head.status, path).toBe(200);
    expect(head.body.byteLength, path).toBe(0);
    expect(head.headers['x-hub-cache'], path).toBeUndefined();
    expect(head.headers.etag, path).toMatch(/^"[^"]+"$/);
    expect(head.headers['cache-control'], path).toBe(PUBLIC);
    expect(head.headers['set-cookie'], path).toBeUndefined();

    // The HEAD was rendered as the GET and kept: the GET comes from memory, with the same tag.
    const get = await rawGet(path);
    expect(get.headers['x-hub-cache'], path).toBe('hit');
    expect(get.headers.etag, path).toBe(head.headers.etag);
    expect(Number(head.headers['content-length']), path).toBe(get.body.byteLength);
    expect(head.headers['content-type'], path).toBe(get.headers['content-type']);
    expect(head.headers['content-security-policy']).toBe(get.headers['content-security-policy']);

    const keptHead = await rawGet(path, {}, 'HEAD');
    expect(keptHead.headers['server-timing'], path).toMatch(
      /cache;desc="hit, before React Router"$/,
    );
    expect(keptHead.body.byteLength, path).toBe(0);
    expect(keptHead.headers.etag, path).toBe(head.headers.etag);
    expect(Number(keptHead.headers['content-length']), path).toBe(get.body.byteLength);

    const revalidated = await rawGet(path, { 'If-None-Match': head.headers.etag! }, 'HEAD');
    expect(revalidated.status, path).toBe(304);
  }
  // Nothing that does not exist is made public by a HEAD.
  const missing = await rawGet('/projects/no-such-project', {}, 'HEAD');
  expect(missing.status).toBe(404);
  expect(missing.headers.etag).toBeUndefined();
  // Signed in, a HEAD is as private as the page.
  const session = await httpSession(hub.server.url, EDITOR);
  const personal = await rawGet('/projects/clct', { Cookie: session.cookie }, 'HEAD');
  expect(personal.status).toBe(200);
  expect(personal.headers['cache-control']).toBe('private, no-store');
  expect(personal.headers.etag).toBeUndefined();
});

test('an edit through the hub shows on the next public read at once, in every view that holds it', async () => {
  const path = '/projects/sgep-ii';
  const before = await rawGet(path);
  expect((await rawGet(path)).headers['x-hub-cache']).toBe('hit');
  // The list in title order holds SGEP II on its first page.
  const listPath = '/projects?sort=title';
  expect((await rawGet(listPath)).status).toBe(200);
  expect((await rawGet(listPath)).headers['x-hub-cache']).toBe('hit');

  const session = await httpSession(hub.server.url, EDITOR);
  const { title: oldTitle } = inDatabase((db) =>
    db.prepare('SELECT title FROM projects WHERE slug = ?').get('sgep-ii'),
  ) as { title: string };
  const title = `${oldTitle} — edited while cached`;
  const saved = await saveProjectTitle(
    hub.server.url,
    hub.database.path,
    session,
    'sgep-ii',
    title,
  );
  expect(saved.status).toBe(303);

  const after = await rawGet(path);
  expect(after.headers['x-hub-cache']).toBeUndefined();
  expect(after.headers.etag).not.toBe(before.headers.etag);
  expect(titleOf(after.body.toString('utf8'))).toContain('edited while cached');
  const list = await rawGet(listPath);
  expect(list.headers['x-hub-cache']).toBeUndefined();
  expect(list.body.toString('utf8')).toContain('edited while cached');
});

test('a write by another process (an import from the command line) shows on the next public read', async () => {
  const path = '/projects/clct';
  await rawGet(path);
  expect((await rawGet(path)).headers['x-hub-cache']).toBe('hit');
  const db = new Database(hub.database.path);
  try {
    db.prepare("UPDATE projects SET title = title || ' — changed elsewhere' WHERE slug = ?").run(
      'clct',
    );
  } finally {
    db.close();
  }
  const after = await rawGet(path);
  expect(after.headers['x-hub-cache']).toBeUndefined();
  expect(titleOf(after.body.toString('utf8'))).toContain('changed elsewhere');
});

const inDatabase = <T>(query: (db: Database.Database) => T): T =>
  readDatabase(hub.database.path, query);

test('a public page carries no nonce and no CSRF token: its inline scripts are allowed by hash', async () => {
  // A hydrated page (the dashboard), whose inline scripts carry the router's context.
  const response = await fetch(url('/dashboard'));
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
  // `__Host-`: the production server's cookies are Secure, so only this origin can set it.
  expect(login.headers.getSetCookie().some((c) => c.startsWith('__Host-hub_csrf='))).toBe(true);
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
  // A hydrated page no other test here asks for (the server's log is this test's witness).
  const path = '/dashboard?type=bilateral';
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
  // The navigation carries the filter.
  await page.waitForURL(url('/timeline?type=bilateral'));
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
