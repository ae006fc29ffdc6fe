import type Database from 'better-sqlite3';
import { beforeAll, expect, test } from 'vitest';

import {
  type HttpSession,
  axeViolations,
  createAccount,
  httpSession,
  openWatchedPage,
  readSeed,
  seededHub,
  signIn,
  readDatabase,
} from './support';

// Editing records in the browser and over HTTP: the history it leaves, the 409 when two people
// save the same version, and the delete confirmation that says what it affects.

const hub = seededHub('2026-11-29');
const EDITOR = { email: 'editor@edit.example', password: 'an editor who edits' };
const SECOND = { email: 'second@edit.example', password: 'a second editor here' };
const ADMIN = { email: 'admin@edit.example', password: 'the admin reads the log' };
let second: HttpSession;
let first: HttpSession;

interface SeedProject {
  id: string;
  title: string;
  titleZh?: { text: string } | string | null;
}
const projects = readSeed<{ projects: SeedProject[] }>('iki-china-projects.json').projects;

beforeAll(async () => {
  await createAccount(hub.database.path, { ...EDITOR, role: 'editor', name: 'Li Wei' });
  await createAccount(hub.database.path, { ...SECOND, role: 'editor', name: 'Anna Schmidt' });
  await createAccount(hub.database.path, { ...ADMIN, role: 'admin', name: 'Hub Admin' });
  first = await httpSession(hub.server.url, EDITOR);
  second = await httpSession(hub.server.url, SECOND);
});

const inDatabase = <T>(query: (db: Database.Database) => T): T =>
  readDatabase(hub.database.path, query);
const projectRow = (slug: string) =>
  inDatabase(
    (db) =>
      db.prepare('SELECT id, title, title_zh, version FROM projects WHERE slug = ?').get(slug) as {
        id: number;
        title: string;
        title_zh: string | null;
        version: number;
      },
  );

test('an editor changes a project’s Chinese title in zh and its English title in en, then reads the history', async () => {
  const slug = projects[0]!.id;
  const before = projectRow(slug);
  const { page, watch } = await openWatchedPage(hub.browser.context);
  await signIn(page, hub.server.url, EDITOR.email, EDITOR.password);

  await page.goto(`${hub.server.url}/zh/projects/${slug}`);
  await page.getByRole('link', { name: '编辑', exact: true }).click();
  await page.waitForURL(`**/zh/projects/${slug}/edit`);
  const zhTitle = page.getByLabel('官方中文标题');
  await zhTitle.fill('中德气候伙伴关系（编辑测试）');
  await page.getByRole('button', { name: '保存修改' }).click();
  await page.waitForURL((url) => url.pathname === `/zh/projects/${slug}`);
  // Client-side navigation: wait for the new page's content, not only its URL.
  await page.locator('h1', { hasText: '中德气候伙伴关系（编辑测试）' }).waitFor();
  await page.getByRole('status').filter({ hasText: '已保存' }).waitFor();

  await page.goto(`${hub.server.url}/projects/${slug}/edit`);
  await page.getByLabel('Title (English)').fill('Climate partnership (edited in the hub)');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.waitForURL((url) => url.pathname === `/projects/${slug}`);
  await page.locator('h1', { hasText: 'Climate partnership (edited in the hub)' }).waitFor();

  await page.getByRole('link', { name: 'History', exact: true }).click();
  await page.waitForURL(`**/projects/${slug}/history`);
  const entries = page.locator('.record-history > li');
  await page.locator('h1', { hasText: 'History' }).waitFor();
  expect(await entries.count()).toBe(2);
  const newest = (await entries.nth(0).textContent()) ?? '';
  expect(newest).toContain('Li Wei');
  expect(newest).toContain(before.title);
  expect(newest).toContain('Climate partnership (edited in the hub)');
  const older = (await entries.nth(1).textContent()) ?? '';
  expect(older).toContain('中德气候伙伴关系（编辑测试）');
  if (before.title_zh) expect(older).toContain(before.title_zh);
  expect(await axeViolations(page)).toEqual([]);

  // The search index follows the edit at once.
  const search = await fetch(
    `${hub.server.url}/search?q=${encodeURIComponent('edited in the hub')}`,
  );
  expect(await search.text()).toContain(`/projects/${slug}`);
  expect(projectRow(slug)).toMatchObject({ version: before.version + 2 });
  expect(watch.consoleErrors).toEqual([]);
  expect(watch.outsideRequests).toEqual([]);
  await page.close();
});

function projectForm(slug: string, session: HttpSession, over: Record<string, string>) {
  const row = inDatabase(
    (db) =>
      db
        .prepare('SELECT title, type, programme, version FROM projects WHERE slug = ?')
        .get(slug) as { title: string; type: string; programme: string; version: number },
  );
  return {
    _csrf: session.csrf,
    title: row.title,
    type: row.type,
    programme: row.programme,
    version: String(row.version),
    ...over,
  };
}

async function post(path: string, session: HttpSession, fields: Record<string, string>) {
  const response = await fetch(`${hub.server.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Cookie: session.cookie },
    body: new URLSearchParams(fields),
  });
  return { status: response.status, html: await response.text() };
}

test('two editors save the same version: the second gets 409 with both versions and loses nothing', async () => {
  const slug = projects[1]!.id;
  const path = `/projects/${slug}/edit`;
  // Both open the form at the same version.
  const formA = projectForm(slug, first, { title: 'Title by the first editor' });
  const formB = projectForm(slug, second, { title: 'Title by the second editor' });
  expect((await post(path, first, formA)).status).toBe(303);
  const refused = await post(path, second, { ...formB, _csrf: second.csrf });
  expect(refused.status).toBe(409);
  // Side by side: the second editor's input and the saved version.
  expect(refused.html).toContain('conflict-table');
  expect(refused.html).toContain('Title by the second editor');
  expect(refused.html).toContain('Title by the first editor');
  expect(projectRow(slug).title).toBe('Title by the first editor');
  // Sent again on the saved version, it goes through on purpose.
  const again = await post(path, second, {
    ...formB,
    version: String(projectRow(slug).version),
  });
  expect(again.status).toBe(303);
  expect(projectRow(slug).title).toBe('Title by the second editor');
  const history = inDatabase(
    (db) =>
      db
        .prepare(
          "SELECT user_name FROM audit_log WHERE entity = 'project' AND entity_id = ? ORDER BY id",
        )
        .all(projectRow(slug).id) as { user_name: string }[],
  );
  expect(history.map((h) => h.user_name)).toEqual(['Li Wei', 'Anna Schmidt']);
});

test('a bad project form is refused with 400 next to the field and nothing is written', async () => {
  const slug = projects[2]!.id;
  const before = projectRow(slug);
  const response = await post(`/projects/${slug}/edit`, first, {
    ...projectForm(slug, first, {}),
    title: '',
    startDate: '2024-13',
    ikiFundingEur: '-5',
  });
  expect(response.status).toBe(400);
  expect(response.html).toContain('Please fill this in.');
  expect(response.html).toContain('Write a real date');
  expect(response.html).toContain('Give an amount in euros');
  expect(projectRow(slug)).toEqual(before);
  expect((await post('/projects/no-such-project/edit', first, { _csrf: first.csrf })).status).toBe(
    404,
  );
});

test('deleting a milestone asks first, says what it affects, and the admin log shows it', async () => {
  const slug = projects[3]!.id;
  const milestone = inDatabase(
    (db) =>
      db
        .prepare(
          'SELECT m.id, m.title, m.version FROM milestones m JOIN projects p ON p.id = m.project_id WHERE p.slug = ? ORDER BY m.id LIMIT 1',
        )
        .get(slug) as { id: number; title: string; version: number },
  );
  const { page } = await openWatchedPage(hub.browser.context);
  await signIn(page, hub.server.url, EDITOR.email, EDITOR.password);
  await page.goto(`${hub.server.url}/projects/${slug}/milestones/${milestone.id}/delete`);
  await expect(page.locator('h1').textContent()).resolves.toContain(milestone.title);
  expect(await axeViolations(page)).toEqual([]);
  // Without ticking the box, nothing happens (the browser's own check, then the server's).
  const unconfirmed = await post(`/projects/${slug}/milestones/${milestone.id}/delete`, first, {
    _csrf: first.csrf,
    version: String(milestone.version),
  });
  expect(unconfirmed.status).toBe(400);
  await page.getByLabel('I understand what this deletes').check();
  await page.getByRole('button', { name: 'Yes, delete it' }).click();
  await page.waitForURL((url) => url.pathname === `/projects/${slug}`);
  await page.getByRole('status').filter({ hasText: 'Deleted' }).waitFor();
  expect(
    inDatabase((db) =>
      db.prepare('SELECT count(*) AS n FROM milestones WHERE id = ?').get(milestone.id),
    ),
  ).toEqual({ n: 0 });
  await page.close();

  const admin = await openWatchedPage(hub.browser.context);
  await signIn(admin.page, hub.server.url, ADMIN.email, ADMIN.password);
  await admin.page.goto(`${hub.server.url}/admin/audit?action=delete`);
  const text = (await admin.page.locator('main').textContent()) ?? '';
  expect(text).toContain(milestone.title);
  expect(text).toContain('Li Wei');
  expect(await axeViolations(admin.page)).toEqual([]);
  await admin.page.goto(`${hub.server.url}/zh/admin/audit`);
  expect(await axeViolations(admin.page)).toEqual([]);
  await admin.page.close();
});

test('two editors edit one milestone over HTTP: the second gets 409 with both versions, zero lost updates', async () => {
  const slug = projects[4]!.id;
  const m = inDatabase(
    (db) =>
      db
        .prepare(
          'SELECT m.id, m.title, m.kind, m.version FROM milestones m JOIN projects p ON p.id = m.project_id WHERE p.slug = ? ORDER BY m.id LIMIT 1',
        )
        .get(slug) as { id: number; title: string; kind: string; version: number },
  );
  const path = `/projects/${slug}/milestones/${m.id}/edit`;
  const base = { title: m.title, kind: m.kind, version: String(m.version) };
  const a = await post(path, first, {
    ...base,
    _csrf: first.csrf,
    note: 'Note by the first editor',
  });
  expect(a.status).toBe(303);
  const b = await post(path, second, {
    ...base,
    _csrf: second.csrf,
    evidenceUrl: 'https://example.org/evidence',
  });
  expect(b.status).toBe(409);
  expect(b.html).toContain('Note by the first editor');
  expect(b.html).toContain('https://example.org/evidence');
  const saved = inDatabase(
    (db) =>
      db.prepare('SELECT note, evidence_url, version FROM milestones WHERE id = ?').get(m.id) as {
        note: string | null;
        evidence_url: string | null;
        version: number;
      },
  );
  expect(saved).toEqual({
    note: 'Note by the first editor',
    evidence_url: null,
    version: m.version + 1,
  });
  // The second editor merges by hand and saves on the version the 409 showed: both changes stay.
  const c = await post(path, second, {
    ...base,
    _csrf: second.csrf,
    version: String(saved.version),
    note: 'Note by the first editor',
    evidenceUrl: 'https://example.org/evidence',
  });
  expect(c.status).toBe(303);
  expect(
    inDatabase((db) =>
      db.prepare('SELECT note, evidence_url FROM milestones WHERE id = ?').get(m.id),
    ),
  ).toEqual({ note: 'Note by the first editor', evidence_url: 'https://example.org/evidence' });
});

test('an editor adds an event, edits it, and deleting an organisation says what it affects first', async () => {
  const projectSlug = projects[5]!.id;
  const created = await post('/events/new', first, {
    _csrf: first.csrf,
    slug: 'hub-test-workshop',
    title: 'Hub test workshop on cement',
    type: inDatabase(
      (db) => (db.prepare('SELECT type FROM events LIMIT 1').get() as { type: string }).type,
    ),
    startDate: '2026-10-14',
    city: 'Hefei',
    projects: projectSlug,
  });
  expect(created.status).toBe(303);
  const page = await (await fetch(`${hub.server.url}/events/hub-test-workshop`)).text();
  expect(page).toContain('Hub test workshop on cement');
  expect(page).toContain(`/projects/${projectSlug}`);
  // The project page lists it too, and the event's history has its creation.
  expect(await (await fetch(`${hub.server.url}/projects/${projectSlug}`)).text()).toContain(
    'Hub test workshop on cement',
  );
  const history = await (await fetch(`${hub.server.url}/events/hub-test-workshop/history`)).text();
  expect(history).toContain('Li Wei');
  expect(history).toContain('Hefei');

  const confirm = await fetch(`${hub.server.url}/organisations/giz/delete`, {
    headers: { Cookie: first.cookie },
  });
  expect(confirm.status).toBe(200);
  // The page's text, with the entities React writes for & ' " < > turned back into characters.
  const confirmText = (await confirm.text())
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  const gizProjects = inDatabase(
    (db) =>
      db
        .prepare(
          "SELECT DISTINCT p.title FROM project_organisations po JOIN projects p ON p.id = po.project_id JOIN organisations o ON o.id = po.organisation_id WHERE o.slug = 'giz'",
        )
        .all() as { title: string }[],
  );
  expect(gizProjects.length).toBeGreaterThan(5);
  for (const p of gizProjects) expect(confirmText).toContain(p.title);
  // Asking is not deleting: nothing changed.
  expect(
    inDatabase((db) =>
      db.prepare("SELECT count(*) AS n FROM organisations WHERE slug = 'giz'").get(),
    ),
  ).toEqual({ n: 1 });
});
