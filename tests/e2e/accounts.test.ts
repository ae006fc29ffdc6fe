import { rmSync } from 'node:fs';

import { afterAll, beforeAll, expect, test } from 'vitest';

import {
  type HttpSession,
  createAccount,
  createSeededDatabase,
  httpSession,
  openWatchedPage,
  readDatabase,
  readSeed,
  seededHub,
  signIn,
  startServer,
  type TestServer,
} from './support';

const hub = seededHub('2026-11-29');
const IMPLEMENTER = { email: 'implementer@giz.example', password: 'implementing carefully' };
const VIEWER = { email: 'viewer@ministry.example', password: 'only reading here' };
const ADMIN = { email: 'admin@hub.example', password: 'administering well' };
const TRAVELLER = { email: 'traveller@hub.example', password: 'following links home' };
const CHANGER = { email: 'changer@hub.example', password: 'changing it carefully' };
const AUDITED = { email: 'audited@hub.example', password: 'watched in the log' };
const AUDITOR = { email: 'auditor@hub.example', password: 'reading the whole log' };

interface SeedOrganisation {
  id: string;
  projectRoles: { projectId: string; role: string }[];
}
const GIZ_IMPLEMENTS = new Set(
  readSeed<{ organisations: SeedOrganisation[] }>('iki-china-projects.json')
    .organisations.find((o) => o.id === 'giz')!
    .projectRoles.filter((r) =>
      ['implementingOrganisation', 'implementingPartner'].includes(r.role),
    )
    .map((r) => r.projectId),
);

beforeAll(async () => {
  await createAccount(hub.database.path, {
    ...IMPLEMENTER,
    role: 'implementer',
    organisationSlug: 'giz',
  });
  await createAccount(hub.database.path, { ...VIEWER, role: 'viewer' });
  await createAccount(hub.database.path, { ...ADMIN, role: 'admin', name: 'Hub Admin' });
  await createAccount(hub.database.path, { ...TRAVELLER, role: 'viewer' });
  await createAccount(hub.database.path, { ...CHANGER, role: 'viewer' });
  await createAccount(hub.database.path, { ...AUDITED, role: 'viewer', name: 'Audited Person' });
  await createAccount(hub.database.path, { ...AUDITOR, role: 'admin' });
});

const url = (path: string) => `${hub.server.url}${path}`;
async function post(path: string, fields: Record<string, string>, headers: Record<string, string>) {
  return fetch(url(path), {
    method: 'POST',
    redirect: 'manual',
    headers,
    body: new URLSearchParams(fields),
  });
}

test('sign in, see your name, get private pages; sign out and the session is gone', async () => {
  const { page, watch } = await openWatchedPage(hub.browser.context);
  const before = await fetch(url('/projects'));
  expect(before.headers.get('cache-control') ?? '').not.toContain('private');
  await signIn(page, hub.server.url, ADMIN.email, ADMIN.password);
  await expect(page.locator('.account-menu').textContent()).resolves.toContain('Hub Admin');
  const session = await httpSession(hub.server.url, ADMIN);
  expect(session.cookie).toMatch(/hub_session=/);
  const signedIn = await fetch(url('/projects'), { headers: { Cookie: session.cookie } });
  expect(signedIn.headers.get('cache-control')).toBe('private, no-store');
  // The session cookie is httpOnly and SameSite=Lax (and Secure in production).
  const fresh = await httpSession(hub.server.url);
  const login = await post('/login', { ...ADMIN, _csrf: fresh.csrf }, { Cookie: fresh.cookie });
  expect(login.headers.get('set-cookie')).toMatch(
    /hub_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Secure/,
  );
  // Signing out ends the session on the server, not only in this browser.
  const out = await post('/logout', { _csrf: session.csrf }, { Cookie: session.cookie });
  expect(out.status).toBe(303);
  const after = await fetch(url('/account'), {
    headers: { Cookie: session.cookie },
    redirect: 'manual',
  });
  expect(after.status).toBe(302);
  expect(after.headers.get('location')).toBe('/login?next=%2Faccount');
  // Sign out sits in the account menu under the user's name.
  await page.locator('.account-menu summary').click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.locator('.account-link').waitFor();
  expect(watch.consoleErrors).toEqual([]);
  await page.close();
});

test('a write without the CSRF token, or from another site, is refused with 403', async () => {
  const session = await httpSession(hub.server.url, ADMIN);
  const path = '/projects/clct/milestones/new';
  const fields = { title: 'x', kind: 'deliverable', recordedBy: 'x' };
  expect((await post(path, fields, { Cookie: session.cookie })).status).toBe(403);
  expect(
    (await post(path, { ...fields, _csrf: 'A'.repeat(43) }, { Cookie: session.cookie })).status,
  ).toBe(403);
  const foreign = await post(
    path,
    { ...fields, _csrf: session.csrf },
    {
      Cookie: session.cookie,
      Origin: 'https://evil.example',
    },
  );
  // React Router refuses a cross-origin action itself (400) before our middleware would (403).
  expect([400, 403]).toContain(foreign.status);
  await expect(foreign.text()).resolves.not.toContain('Milestone added');
  // The same request from the hub's own origin goes through (and is validated: 400 here).
  const own = await post(
    path,
    { ...fields, kind: 'nonsense', _csrf: session.csrf },
    {
      Cookie: session.cookie,
      Origin: hub.server.url,
    },
  );
  expect(own.status).toBe(400);
});

test('a signed-in page sends a CSP with a nonce that its scripts carry, and Chromium reports no violation', async () => {
  // Signed-out pages are cacheable and allow their inline scripts by hash (tests/e2e/http-cache);
  // a signed-in page is streamed with a fresh nonce.
  const session = await httpSession(hub.server.url, ADMIN);
  const signedIn = { headers: { Cookie: session.cookie } };
  const response = await fetch(url('/dashboard'), signedIn);
  const csp = response.headers.get('content-security-policy')!;
  const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("script-src 'self' 'nonce-");
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  const html = await response.text();
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1]!);
  expect(inline.length).toBeGreaterThan(0);
  for (const attrs of inline) expect(attrs).toContain(`nonce="${nonce}"`);
  // A new nonce for every response.
  const again = (await fetch(url('/dashboard'), signedIn)).headers.get('content-security-policy')!;
  expect(again).not.toContain(nonce);
  const { page, watch } = await openWatchedPage(hub.browser.context);
  for (const path of ['/projects/clct', '/map', '/dashboard', '/timeline']) {
    await page.goto(url(path));
    await page.waitForLoadState('networkidle');
  }
  expect(watch.consoleErrors.filter((e) => /Content Security Policy|CSP/i.test(e))).toEqual([]);
  expect(watch.consoleErrors).toEqual([]);
  await page.close();
});

test('an implementer updates its own project’s milestones and gets 403 on another project', async () => {
  const implementer = await httpSession(hub.server.url, IMPLEMENTER);
  const signedOut = await httpSession(hub.server.url);
  const own = 'clct';
  const other = 'blue-solutions';
  expect(GIZ_IMPLEMENTS.has(own)).toBe(true);
  expect(GIZ_IMPLEMENTS.has(other)).toBe(false);
  const page = await (
    await fetch(url(`/projects/${own}`), { headers: { Cookie: implementer.cookie } })
  ).text();
  const href = /href="(\/projects\/clct\/milestones\/\d+\/update)"/.exec(page)![1]!;
  const form = await fetch(url(href), { headers: { Cookie: implementer.cookie } });
  expect(form.status).toBe(200);
  const version = /name="version" value="(\d+)"/.exec(await form.text())![1]!;
  const saved = await post(
    href,
    {
      _csrf: implementer.csrf,
      version,
      status: 'in-progress',
      progress: '35',
      recordedBy: 'GIZ team',
    },
    { Cookie: implementer.cookie },
  );
  expect(saved.status).toBe(303);
  const denied = await fetch(url(`/projects/${other}/milestones/new`), {
    headers: { Cookie: implementer.cookie },
  });
  expect(denied.status).toBe(403);
  const deniedPost = await post(
    `/projects/${other}/milestones/new`,
    { _csrf: implementer.csrf, title: 'x', kind: 'deliverable', recordedBy: 'x' },
    { Cookie: implementer.cookie },
  );
  expect(deniedPost.status).toBe(403);
  // Signed out: the form page sends you to sign in, a write is refused.
  const anonymous = await fetch(url(href), { redirect: 'manual' });
  expect(anonymous.status).toBe(302);
  expect(anonymous.headers.get('location')).toMatch(/^\/login\?next=/);
  const anonymousPost = await post(
    href,
    { _csrf: signedOut.csrf, version, status: 'planned', progress: '0', recordedBy: 'x' },
    { Cookie: signedOut.cookie },
  );
  expect(anonymousPost.status).toBe(401);
  // The project page offers the forms only to those who may use them.
  expect(page).toContain('milestone-update-link');
  const publicPage = await (await fetch(url(`/projects/${own}`))).text();
  expect(publicPage).not.toContain('milestone-update-link');
});

test('a changed password ends the other sessions of the account', async () => {
  const here = await httpSession(hub.server.url, ADMIN);
  const elsewhere = await httpSession(hub.server.url, ADMIN);
  const changed = await post(
    '/account',
    {
      _csrf: here.csrf,
      currentPassword: ADMIN.password,
      newPassword: 'an even longer new password',
    },
    { Cookie: here.cookie },
  );
  expect(changed.status).toBe(200);
  const stillHere = await fetch(url('/account'), {
    headers: { Cookie: here.cookie },
    redirect: 'manual',
  });
  expect(stillHere.status).toBe(200);
  const gone = await fetch(url('/account'), {
    headers: { Cookie: elsewhere.cookie },
    redirect: 'manual',
  });
  expect(gone.status).toBe(302);
});

test('with public reading off, every page asks to sign in first', async () => {
  const database = createSeededDatabase();
  const server = await startServer({
    databaseUrl: database.path,
    env: { HUB_PUBLIC_READ: 'false' },
  });
  try {
    for (const path of ['/', '/projects/clct', '/zh/map', '/api/map']) {
      const response = await fetch(`${server.url}${path}`, { redirect: 'manual' });
      expect(response.status, path).toBe(302);
      expect(response.headers.get('location'), path).toMatch(/\/login\?next=/);
    }
    expect((await fetch(`${server.url}/login`)).status).toBe(200);
  } finally {
    await server.stop();
    rmSync(database.dir, { recursive: true, force: true });
  }
});

/**
 * `next` values that must not take a browser off the hub, in the spellings that got through
 * before: dot segments that normalise to `//`, tabs and newlines the URL parser drops, Unicode
 * spaces, backslashes, encodings (app/core/http/safe-redirect.test.ts holds the long list).
 */
const HOSTILE_NEXT = [
  '//evil.example',
  '/.//evil.example',
  '/..//evil.example',
  '/./\\evil.example',
  '/\\evil.example',
  '\\\\evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '/\u3000/evil.example',
  '/\u2028/evil.example',
  '/%2F%2Fevil.example',
  '/%252F%252Fevil.example',
  '/.%2F%2Fevil.example',
  '/%5Cevil.example',
  '/zh//evil.example',
  '/de/..//evil.example',
  'javascript:alert(1)',
  'https://evil.example',
  'https:evil.example',
  '',
];

/** Where a Location header sends a browser that asked the hub. */
const landing = (response: Response) =>
  new URL(response.headers.get('location') ?? '', hub.server.url);

test('hostile `next` values never give a 5xx and every redirect stays on the hub', async () => {
  const problems: string[] = [];
  const check = (what: string, response: Response, expected: number[]) => {
    if (!expected.includes(response.status)) problems.push(`${what}: ${response.status}`);
    const location = response.headers.get('location');
    if (location !== null && landing(response).origin !== hub.server.url) {
      problems.push(`${what}: Location ${location}`);
    }
  };
  for (const next of HOSTILE_NEXT) {
    const q = encodeURIComponent(next);
    for (const to of ['en', 'zh', 'de']) {
      const response = await fetch(url(`/language?to=${to}&next=${q}`), { redirect: 'manual' });
      await response.arrayBuffer();
      check(`/language?to=${to}&next=${JSON.stringify(next)}`, response, [302]);
    }
    // The sign-in page carries `next` in its form: only a path on the hub.
    const page = await fetch(url(`/zh/login?next=${q}`));
    const html = await page.text();
    check(`GET /zh/login?next=${JSON.stringify(next)}`, page, [200]);
    const carried = /name="next" value="([^"]*)"/.exec(html)?.[1] ?? '';
    if (new URL(carried.replaceAll('&amp;', '&'), hub.server.url).origin !== hub.server.url) {
      problems.push(`GET /login?next=${JSON.stringify(next)}: form carries ${carried}`);
    }
    // Signing in with it sent straight in the form lands on the hub too.
    const session = await httpSession(hub.server.url);
    const signedIn = await post(
      '/login',
      { ...TRAVELLER, next, _csrf: session.csrf },
      { Cookie: session.cookie },
    );
    await signedIn.arrayBuffer();
    check(`POST /login next=${JSON.stringify(next)}`, signedIn, [303]);
  }
  expect(problems).toEqual([]);
  // A normal target is kept, in its language.
  const home = await fetch(url('/language?to=zh&next=%2Fprojects%3Fpage%3D2'), {
    redirect: 'manual',
  });
  expect(home.headers.get('location')).toBe('/zh/projects?page=2');
});

test('signing in from /login?next=hostile in Chromium lands on the hub', async () => {
  const { page, watch } = await openWatchedPage(hub.browser.context);
  for (const next of ['/\t/evil.example', '/.//evil.example', '/\u3000/evil.example']) {
    await page.goto(url(`/login?next=${encodeURIComponent(next)}`));
    await page.getByLabel('Email').fill(TRAVELLER.email);
    await page.getByLabel('Password').fill(TRAVELLER.password);
    // Either the page arrives on the hub, or the browser tries to leave it (blocked, recorded).
    const left = page
      .waitForEvent('requestfailed')
      .then((r) => `a failed request to ${r.url()}`)
      .catch(() => 'no failed request');
    const arrived = page
      .waitForURL((u) => u.origin === hub.server.url && !u.pathname.endsWith('/login'))
      .then(() => 'the hub')
      .catch((error: Error) => error.message);
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await Promise.race([left, arrived]), JSON.stringify(next)).toBe('the hub');
    await page.waitForLoadState('load');
    expect(new URL(page.url()).origin, JSON.stringify(next)).toBe(hub.server.url);
    await expect(page.locator('.account-menu').textContent()).resolves.toContain('traveller');
  }
  expect(watch.outsideRequests).toEqual([]);
  await page.close();
});

// ── Who the audit log names ─────────────────────────────────────────────────────────────────────

interface AuditRow {
  user_id: number | null;
  user_name: string;
  action: string;
  entity: string;
  entity_id: number;
  label: string;
  changes: string;
}
const auditRows = (where: string, ...params: unknown[]) =>
  readDatabase(
    hub.database.path,
    (db) =>
      db.prepare(`SELECT * FROM audit_log WHERE ${where} ORDER BY id`).all(...params) as AuditRow[],
  );
const accountOf = (email: string) =>
  readDatabase(
    hub.database.path,
    (db) =>
      db.prepare('SELECT id, name FROM users WHERE email = ?').get(email) as {
        id: number;
        name: string;
      },
  );

/** Adds a milestone to clct as `session`, the reporter field saying `recordedBy`; its id. */
async function addMilestone(session: HttpSession, title: string, recordedBy: string) {
  const created = await post(
    '/projects/clct/milestones/new',
    { _csrf: session.csrf, title, kind: 'deliverable', recordedBy },
    { Cookie: session.cookie },
  );
  expect(created.status).toBe(303);
  return Number(/added=(\d+)/.exec(created.headers.get('location') ?? '')![1]);
}

/** Sends a progress update for a milestone of clct, at the version its form shows. */
async function updateMilestone(
  session: HttpSession,
  milestoneId: number,
  fields: Record<string, string>,
) {
  const path = `/projects/clct/milestones/${milestoneId}/update`;
  const form = await (await fetch(url(path), { headers: { Cookie: session.cookie } })).text();
  const version = /name="version" value="(\d+)"/.exec(form)![1]!;
  const saved = await post(
    path,
    { _csrf: session.csrf, version, ...fields },
    { Cookie: session.cookie },
  );
  expect(saved.status).toBe(303);
}

test('an implementer who writes “Admin” as the reporter is still the one the audit log names', async () => {
  const implementer = await httpSession(hub.server.url, IMPLEMENTER);
  const account = accountOf(IMPLEMENTER.email);
  const milestoneId = await addMilestone(implementer, 'Reported under another name', 'Admin');
  await updateMilestone(implementer, milestoneId, {
    status: 'in-progress',
    progress: '20',
    recordedBy: 'Admin',
  });
  const entries = auditRows(
    `(entity = 'milestone' AND entity_id = ?) OR (entity = 'progress-update' AND entity_id IN
      (SELECT id FROM progress_updates WHERE milestone_id = ?))`,
    milestoneId,
    milestoneId,
  );
  expect(entries.map((e) => [e.action, e.entity, e.user_id, e.user_name])).toEqual([
    ['create', 'milestone', account.id, account.name],
    ['create', 'progress-update', account.id, account.name],
  ]);
  // What the form said stays what the progress log shows as “reported by”.
  const reported = readDatabase(hub.database.path, (db) =>
    db
      .prepare('SELECT recorded_by FROM progress_updates WHERE milestone_id = ? ORDER BY id')
      .pluck()
      .all(milestoneId),
  );
  expect(reported).toEqual(['Admin', 'Admin']);
});

test('a progress update’s audit entry lists only the fields it changed', async () => {
  const implementer = await httpSession(hub.server.url, IMPLEMENTER);
  const milestoneId = await addMilestone(implementer, 'Changed one field at a time', 'GIZ team');
  await updateMilestone(implementer, milestoneId, {
    status: 'in-progress',
    progress: '20',
    recordedBy: 'GIZ team',
  });
  await updateMilestone(implementer, milestoneId, {
    status: 'in-progress',
    progress: '45',
    recordedBy: 'GIZ team',
  });
  await updateMilestone(implementer, milestoneId, {
    status: 'in-progress',
    progress: '45',
    comment: 'Field visit done',
    recordedBy: 'GIZ team',
  });
  const updates = auditRows(
    `entity = 'progress-update' AND entity_id IN
      (SELECT id FROM progress_updates WHERE milestone_id = ?)`,
    milestoneId,
  ).map((e) => JSON.parse(e.changes) as Record<string, { from: unknown; to: unknown }>);
  expect(updates).toEqual([
    { status: { from: 'planned', to: 'in-progress' }, progress: { from: 0, to: 20 } },
    { progress: { from: 20, to: 45 } },
    { comment: { from: null, to: 'Field visit done' } },
  ]);
});

// ── Sign-in limits ──────────────────────────────────────────────────────────────────────────────

/**
 * A second hub behind one trusted proxy (HUB_TRUST_PROXY=1): the client's address is the last
 * X-Forwarded-For entry, so a test can send from many addresses. Its own file, so the limits it
 * reaches do not touch the other tests.
 */
const proxied = {} as { database: { path: string; dir: string }; server: TestServer };
const OWNER = { email: 'owner@hub.example', password: 'the owner’s own password' };
beforeAll(async () => {
  proxied.database = createSeededDatabase();
  await createAccount(proxied.database.path, { ...OWNER, role: 'editor', name: 'The Owner' });
  proxied.server = await startServer({
    databaseUrl: proxied.database.path,
    hubToday: '2026-11-29',
    env: { HUB_TRUST_PROXY: '1' },
  });
});
afterAll(async () => {
  await proxied.server?.stop();
  if (proxied.database) rmSync(proxied.database.dir, { recursive: true, force: true });
});

/** Signs in to `server` as a browser at `address` would (a fresh browser each time). */
async function signInFrom(
  server: TestServer,
  credentials: { email: string; password: string },
  address?: string,
) {
  const session = await httpSession(server.url);
  const response = await fetch(`${server.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Cookie: session.cookie, ...(address ? { 'X-Forwarded-For': address } : {}) },
    body: new URLSearchParams({ ...credentials, _csrf: session.csrf }),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), response };
}

test('five wrong passwords for one account from one address answer 429 with Retry-After; the owner on another address still signs in', async () => {
  const attacker = '198.51.100.7';
  for (let i = 0; i < 5; i++) {
    const { status } = await signInFrom(
      proxied.server,
      { email: OWNER.email, password: `guess ${i}` },
      attacker,
    );
    expect(status).toBe(400);
  }
  // Now even the right password is refused from that address, with how long to wait.
  const blocked = await signInFrom(proxied.server, OWNER, attacker);
  expect(blocked.status).toBe(429);
  expect(Number(blocked.retryAfter)).toBeGreaterThan(14 * 60);
  expect(Number(blocked.retryAfter)).toBeLessThanOrEqual(15 * 60);
  await expect(blocked.response.text()).resolves.toContain(
    'Too many failed attempts. Wait 15 minutes and try again.',
  );
  // The owner, elsewhere, is not locked out; the attacker's address stays blocked.
  expect((await signInFrom(proxied.server, OWNER, '203.0.113.5')).status).toBe(303);
  expect((await signInFrom(proxied.server, OWNER, attacker)).status).toBe(429);
  // The message is there in every language.
  const zh = await httpSession(proxied.server.url);
  const zhBlocked = await fetch(`${proxied.server.url}/zh/login`, {
    method: 'POST',
    headers: { Cookie: zh.cookie, 'X-Forwarded-For': attacker },
    body: new URLSearchParams({ ...OWNER, _csrf: zh.csrf }),
  });
  expect(zhBlocked.status).toBe(429);
  await expect(zhBlocked.text()).resolves.toContain('失败次数过多。请等待 15 分钟后再试。');
});

test('an address guessing across accounts answers 429 after 20 wrong passwords, for every account', async () => {
  const sprayer = '198.51.100.20';
  for (let i = 0; i < 20; i++) {
    const { status } = await signInFrom(
      proxied.server,
      { email: `guess${i}@example.org`, password: 'wrong' },
      sprayer,
    );
    expect(status).toBe(400);
  }
  expect((await signInFrom(proxied.server, OWNER, sprayer)).status).toBe(429);
  expect((await signInFrom(proxied.server, OWNER, '203.0.113.6')).status).toBe(303);
});

test('100 concurrent wrong passwords for one account get at most five checked', async () => {
  const address = '198.51.100.30';
  const session = await httpSession(proxied.server.url);
  const statuses = await Promise.all(
    Array.from({ length: 100 }, async (_, i) => {
      const response = await fetch(`${proxied.server.url}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { Cookie: session.cookie, 'X-Forwarded-For': address },
        body: new URLSearchParams({
          email: OWNER.email,
          password: `concurrent guess ${i}`,
          _csrf: session.csrf,
        }),
      });
      await response.arrayBuffer();
      return response.status;
    }),
  );
  const checked = statuses.filter((s) => s === 400).length;
  expect(checked).toBe(5);
  expect(statuses.filter((s) => s === 429)).toHaveLength(95);
  // The audit log counted the checked ones, in one entry.
  const counted = readDatabase(proxied.database.path, (db) =>
    db
      .prepare(
        `SELECT json_extract(changes, '$.attempts.to') FROM audit_log
          WHERE action = 'sign-in-failed' AND json_extract(changes, '$.address.to') = ?`,
      )
      .pluck()
      .all(address),
  );
  expect(counted).toEqual([5]);
});

test('with HUB_TRUST_PROXY=0, X-Forwarded-For does not change the address that is limited', async () => {
  const database = createSeededDatabase();
  await createAccount(database.path, { ...OWNER, role: 'editor' });
  const server = await startServer({ databaseUrl: database.path, hubToday: '2026-11-29' });
  try {
    // Twenty guesses, each claiming another address: all come from the one connection.
    for (let i = 0; i < 20; i++) {
      const { status } = await signInFrom(
        server,
        { email: `guess${i}@example.org`, password: 'wrong' },
        `10.20.${i}.1`,
      );
      expect(status).toBe(400);
    }
    expect((await signInFrom(server, OWNER, '10.20.99.1')).status).toBe(429);
    expect((await signInFrom(server, OWNER)).status).toBe(429);
  } finally {
    await server.stop();
    rmSync(database.dir, { recursive: true, force: true });
  }
});

test('the password change answers 429 after five wrong current passwords', async () => {
  const session = await httpSession(hub.server.url, CHANGER);
  const change = (currentPassword: string) =>
    post(
      '/account',
      { _csrf: session.csrf, currentPassword, newPassword: 'a new password, long enough' },
      { Cookie: session.cookie },
    );
  for (let i = 0; i < 5; i++) expect((await change(`wrong ${i}`)).status).toBe(400);
  const blocked = await change(CHANGER.password);
  expect(blocked.status).toBe(429);
  expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
  await expect(blocked.text()).resolves.toContain('Too many failed attempts. Wait 15 minutes');
  // Nothing changed: the old password still signs in.
  expect((await signInFrom(hub.server, CHANGER)).status).toBe(303);
});

test('signing in again ends the browser’s previous session; other browsers keep theirs', async () => {
  const browser = await httpSession(hub.server.url, TRAVELLER);
  const other = await httpSession(hub.server.url, TRAVELLER);
  const again = await post(
    '/login',
    { ...TRAVELLER, _csrf: browser.csrf },
    { Cookie: browser.cookie },
  );
  expect(again.status).toBe(303);
  const renewed = /hub_session=([^;]+)/.exec(again.headers.get('set-cookie') ?? '')![1]!;
  expect(browser.cookie).not.toContain(renewed);
  const account = (cookie: string) =>
    fetch(url('/account'), { headers: { Cookie: cookie }, redirect: 'manual' }).then(
      (r) => r.status,
    );
  expect(await account(browser.cookie)).toBe(302);
  expect(await account(`hub_session=${renewed}`)).toBe(200);
  expect(await account(other.cookie)).toBe(200);
});

// ── Account events in the audit log ─────────────────────────────────────────────────────────────

test('sign-ins, failed sign-ins (one counted entry), sign-outs and password changes are in the audit log, in en, zh and de', async () => {
  for (let i = 0; i < 3; i++) {
    expect((await signInFrom(hub.server, { ...AUDITED, password: `wrong ${i}` })).status).toBe(400);
  }
  const session = await httpSession(hub.server.url, AUDITED);
  const newPassword = 'a second password for the log';
  const changed = await post(
    '/account',
    { _csrf: session.csrf, currentPassword: AUDITED.password, newPassword },
    { Cookie: session.cookie },
  );
  expect(changed.status).toBe(200);
  expect((await post('/logout', { _csrf: session.csrf }, { Cookie: session.cookie })).status).toBe(
    303,
  );
  const { id } = accountOf(AUDITED.email);
  const entries = auditRows(`entity = 'account' AND entity_id = ?`, id);
  expect(entries.map((e) => [e.action, e.user_id, e.user_name])).toEqual([
    ['create', null, 'user:create (command line)'],
    ['sign-in-failed', null, '127.0.0.1'],
    ['sign-in', id, 'Audited Person'],
    ['password-change', id, 'Audited Person'],
    ['sign-out', id, 'Audited Person'],
  ]);
  expect(JSON.parse(entries[1]!.changes)).toMatchObject({
    address: { to: '127.0.0.1' },
    attempts: { to: 3 },
  });
  // Never a password or a session token.
  const log = readDatabase(hub.database.path, (db) =>
    JSON.stringify(db.prepare('SELECT * FROM audit_log').all()),
  );
  const token = /hub_session=([^;]+)/.exec(session.cookie)![1]!;
  for (const secret of [
    AUDITED.password,
    newPassword,
    'wrong 0',
    token,
    decodeURIComponent(token),
  ]) {
    expect(log).not.toContain(secret);
  }
  // Readable for the admins, in every language.
  const auditor = await httpSession(hub.server.url, AUDITOR);
  const page = async (prefix: string) => {
    const response = await fetch(url(`${prefix}/admin/audit?entity=account&user=${id}`), {
      headers: { Cookie: auditor.cookie },
    });
    expect(response.status).toBe(200);
    return response.text();
  };
  const en = await page('');
  for (const heading of [
    'Signed in: account “audited@hub.example”',
    'Password changed: account “audited@hub.example”',
    'Signed out: account “audited@hub.example”',
  ]) {
    expect(en).toContain(heading);
  }
  const failed = await fetch(url(`/admin/audit?entity=account&action=sign-in-failed`), {
    headers: { Cookie: auditor.cookie },
  }).then((r) => r.text());
  expect(failed).toContain('Failed sign-ins: account “audited@hub.example”');
  expect(failed).toMatch(/Attempts<\/th><td>—<\/td><td>3<\/td>/);
  const zh = await page('/zh');
  expect(zh).toContain('登录：账户“audited@hub.example”');
  expect(zh).toContain('修改密码：账户“audited@hub.example”');
  const de = await page('/de');
  expect(de).toContain('Angemeldet: Konto „audited@hub.example“');
  expect(de).toContain('Abgemeldet: Konto „audited@hub.example“');
});
