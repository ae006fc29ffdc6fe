import Database from 'better-sqlite3';
import Papa from 'papaparse';
import { beforeAll, expect, test } from 'vitest';

import {
  type HttpSession,
  axeViolations,
  createAccount,
  httpSession,
  openWatchedPage,
  readDatabase,
  readSeed,
  seededHub,
  signIn,
} from './support';

// Reporting rounds (#28): an editor creates a round over the ongoing projects, adjusts them, opens
// it; the board shows every project's report state, who was asked and what is missing, filtered
// by state, ministry and organisation, and as CSV; an implementer signing in sees first what is
// asked of them.

const hub = seededHub('2026-11-29');
const EDITOR = { email: 'editor@rounds.example', password: 'a long editor password' };
const IMPLEMENTER = { email: 'implementer@rounds.example', password: 'a long implementer pw' };
const VIEWER = { email: 'viewer@rounds.example', password: 'a long viewer password' };
let editor: HttpSession;

interface SeedOrganisation {
  id: string;
  kind: string;
  projectRoles: { projectId: string; role: string }[];
}
const seed = readSeed<{ organisations: SeedOrganisation[] }>('iki-china-projects.json');
const projectsOf = (org: string, roles?: string[]) =>
  new Set(
    seed.organisations
      .find((o) => o.id === org)!
      .projectRoles.filter((r) => !roles || roles.includes(r.role))
      .map((r) => r.projectId),
  );
const GIZ_IMPLEMENTS = projectsOf('giz', ['implementingOrganisation', 'implementingPartner']);

beforeAll(async () => {
  await createAccount(hub.database.path, { ...EDITOR, role: 'editor', name: 'Wang Fang' });
  await createAccount(hub.database.path, {
    ...IMPLEMENTER,
    role: 'implementer',
    name: 'Ina Implementer',
    organisationSlug: 'giz',
  });
  await createAccount(hub.database.path, { ...VIEWER, role: 'viewer', name: 'Vera Viewer' });
  editor = await httpSession(hub.server.url, EDITOR);
});

async function post(path: string, fields: Record<string, string>, session = editor) {
  const response = await fetch(`${hub.server.url}${path}`, {
    method: 'POST',
    headers: { Cookie: session.cookie },
    body: new URLSearchParams({ ...fields, _csrf: session.csrf }),
    redirect: 'manual',
  });
  return { status: response.status, html: await response.text(), response };
}

const get = async (path: string, session?: HttpSession) => {
  const response = await fetch(`${hub.server.url}${path}`, {
    headers: session ? { Cookie: session.cookie } : {},
    redirect: 'manual',
  });
  return { status: response.status, text: await response.text(), response };
};

const inDatabase = <T>(query: (db: Database.Database) => T): T =>
  readDatabase(hub.database.path, query);

const roundReports = (slug: string) =>
  inDatabase(
    (db) =>
      db
        .prepare(
          `SELECT p.slug, r.state FROM reports r JOIN projects p ON p.id = r.project_id
            JOIN reporting_rounds rr ON rr.id = r.round_id WHERE rr.slug = ? ORDER BY p.slug`,
        )
        .all(slug) as { slug: string; state: string }[],
  );

/** How many projects the project list's API counts as ongoing (what a user would see there). */
async function ongoingCount(): Promise<number> {
  const body = (await (await fetch(`${hub.server.url}/api/projects?status=ongoing`)).json()) as {
    total: number;
  };
  return body.total;
}

let slug = '';

test('an editor creates a draft round over the ongoing projects; the implementer sees no draft', async () => {
  const { page } = await openWatchedPage(hub.browser.context);
  await signIn(page, hub.server.url, EDITOR.email, EDITOR.password);
  await page.goto(`${hub.server.url}/reporting`);
  await page.getByRole('link', { name: 'New reporting round' }).click();
  await page.waitForURL(/\/reporting\/new$/);
  const ongoing = await ongoingCount();
  expect(ongoing).toBeGreaterThan(0);
  await expect
    .poll(() => page.locator('main').textContent())
    .toContain(`ask the ${ongoing} ongoing project`);
  expect(await axeViolations(page)).toEqual([]);
  await page.getByLabel('Title (English)').fill('Interface Workshop 2027 progress');
  await page.getByLabel('Title (Chinese)').fill('2027年对接研讨会进展');
  await page.getByLabel('Period from').fill('2026-01-01');
  await page.getByLabel('Period to').fill('2026-12-31');
  await page.getByLabel('Reports due on').fill('2026-12-15');
  await Promise.all([
    page.waitForURL(/\/reporting\/[a-z0-9-]+\/edit\?created=1$/),
    page.getByRole('button', { name: 'Create the round' }).click(),
  ]);
  slug = /\/reporting\/([a-z0-9-]+)\/edit/.exec(page.url())![1]!;
  expect(slug).toBe('interface-workshop-2027-progress');
  await expect
    .poll(() => page.locator('main').textContent())
    .toContain(`created as a draft, asking ${ongoing} project`);
  expect(await axeViolations(page)).toEqual([]);
  const reports = roundReports(slug);
  expect(reports).toHaveLength(ongoing);
  expect(new Set(reports.map((r) => r.state))).toEqual(new Set(['not-started']));
  await page.close();
  // A draft is the hub team's: an implementer neither sees it listed nor finds its board.
  const implementer = await httpSession(hub.server.url, IMPLEMENTER);
  expect((await get('/reporting', implementer)).text).not.toContain('Interface Workshop 2027');
  expect((await get(`/reporting/${slug}`, implementer)).status).toBe(404);
  expect((await get(`/reporting/${slug}/board.csv`, implementer)).status).toBe(404);
});

test('the new-round page asks what the shared filter selects, and its form posts with that filter', async () => {
  const completed = (await (
    await fetch(`${hub.server.url}/api/projects?status=completed`)
  ).json()) as { total: number };
  const page = await get('/reporting/new?status=completed', editor);
  expect(page.status).toBe(200);
  expect(page.text).toContain(`ask the ${completed.total} projects the filter selects`);
  expect(page.text).toContain('action="/reporting/new?status=completed"');
  expect(page.text).toContain('<option value="completed" selected="">');
});

test('a period ending before it starts is refused with 400 next to the field; nothing is created', async () => {
  const before = inDatabase((db) => db.prepare('SELECT count(*) AS n FROM reporting_rounds').get());
  const { status, html } = await post('/reporting/new', {
    title: 'Backwards',
    periodStart: '2026-06-01',
    periodEnd: '2026-01-01',
    dueOn: '2026-12-01',
  });
  expect(status).toBe(400);
  expect(html).toContain('The period must end on or after its first day.');
  expect(html).toContain('value="Backwards"');
  expect(
    inDatabase((db) => db.prepare('SELECT count(*) AS n FROM reporting_rounds').get()),
  ).toEqual(before);
});

test('projects are added by the shared filter and removed one by one; a begun report stays, and the page says why', async () => {
  // All the completed projects too, by the filter the project list uses.
  const completed = (await (
    await fetch(`${hub.server.url}/api/projects?status=completed&pageSize=100`)
  ).json()) as { total: number };
  const before = roundReports(slug).length;
  // The page's "add all" form posts with the filter it shows.
  const form = await get(`/reporting/${slug}/projects?status=completed`, editor);
  expect(form.text).toContain(`action="/reporting/${slug}/projects?status=completed"`);
  const added = await post(`/reporting/${slug}/projects?status=completed`, { intent: 'add-all' });
  expect(added.status).toBe(200);
  expect(added.html).toContain(`Added: ${completed.total}.`);
  const reports = roundReports(slug);
  expect(reports).toHaveLength(before + completed.total);
  expect(reports.length).toBeGreaterThan(6);
  const [first, second] = reports;
  const ids = inDatabase((db) =>
    Object.fromEntries(
      (db.prepare('SELECT id, slug FROM projects').all() as { id: number; slug: string }[]).map(
        (p) => [p.slug, p.id],
      ),
    ),
  );
  const db = new Database(hub.database.path);
  db.prepare(
    `UPDATE reports SET state = 'draft' WHERE project_id = ? AND round_id =
      (SELECT id FROM reporting_rounds WHERE slug = ?)`,
  ).run(ids[second!.slug], slug);
  db.close();
  // Both shown, neither ticked: the not-started one leaves, the begun one stays.
  const { status, html } = await post(`/reporting/${slug}/projects`, {
    intent: 'set',
    shown: String(ids[first!.slug]),
  });
  expect(status).toBe(200);
  expect(html).toContain('Removed: 1');
  const kept = await post(`/reporting/${slug}/projects`, {
    intent: 'set',
    shown: String(ids[second!.slug]),
  });
  expect(kept.html).toContain('1 project stays: its report has begun.');
  const after = roundReports(slug).map((r) => r.slug);
  expect(after).not.toContain(first!.slug);
  expect(after).toContain(second!.slug);
  // The page offers the begun one without a box to untick, saying why.
  const page = await get(`/reporting/${slug}/projects?status=ongoing&status=completed`, editor);
  expect(page.text).toContain('its report has begun: it stays in the round');
  const { page: browser } = await openWatchedPage(hub.browser.context);
  for (const lang of ['', '/zh']) {
    await browser.goto(
      `${hub.server.url}${lang}/reporting/${slug}/projects?status=ongoing&status=completed`,
    );
    expect(await axeViolations(browser), lang).toEqual([]);
  }
  await browser.close();
  // Ticked again, the removed project is back, not started.
  await post(`/reporting/${slug}/projects`, {
    intent: 'set',
    shown: String(ids[first!.slug]),
    project: String(ids[first!.slug]),
  });
  expect(roundReports(slug).find((r) => r.slug === first!.slug)?.state).toBe('not-started');
});

test('a stale edit of the round is refused with 409 showing both versions', async () => {
  const edit = await get(`/reporting/${slug}/edit`, editor);
  const version = /name="version" value="(\d+)"/.exec(edit.text)![1]!;
  const fields = {
    version,
    title: 'Interface Workshop 2027 progress',
    periodStart: '2026-01-01',
    periodEnd: '2026-12-31',
    dueOn: '2026-12-20',
  };
  expect((await post(`/reporting/${slug}/edit`, fields)).status).toBe(303);
  const stale = await post(`/reporting/${slug}/edit`, { ...fields, dueOn: '2026-12-24' });
  expect(stale.status).toBe(409);
  expect(stale.html).toContain('2026-12-24');
  expect(stale.html).toContain('2026-12-20');
});

test('the round opens (draft → open only), and the board shows each state, who was asked and what is missing', async () => {
  const edit = await get(`/reporting/${slug}/edit`, editor);
  const version = /name="version" value="(\d+)"/.exec(edit.text)![1]!;
  expect(
    (await post(`/reporting/${slug}/edit`, { intent: 'state', version, to: 'closed' })).status,
  ).toBe(409);
  const opened = await post(`/reporting/${slug}/edit`, { intent: 'state', version, to: 'open' });
  expect(opened.status).toBe(303);
  expect(
    inDatabase((db) => db.prepare(`SELECT state FROM reporting_rounds WHERE slug = ?`).get(slug)),
  ).toEqual({ state: 'open' });
  expect(
    inDatabase((db) =>
      db
        .prepare(
          `SELECT count(*) AS n FROM audit_log WHERE action = 'state-change' AND entity = 'reporting-round'`,
        )
        .get(),
    ),
  ).toEqual({ n: 1 });
  // Reports in every state, as authors and reviewers would leave them.
  const reports = roundReports(slug);
  const states = ['draft', 'submitted', 'returned', 'approved'];
  const db = new Database(hub.database.path);
  states.forEach((state, i) =>
    db
      .prepare(
        `UPDATE reports SET state = ?, texts = ?, state_changed_at = '2026-11-20T08:00:00.000Z'
          WHERE project_id = (SELECT id FROM projects WHERE slug = ?)`,
      )
      .run(state, JSON.stringify({ en: { achievements: 'A lot' } }), reports[i]!.slug),
  );
  db.close();
  const expected = Object.fromEntries(
    ['not-started', ...states].map((s) => [
      s,
      roundReports(slug).filter((r) => r.state === s).length,
    ]),
  );

  const { page } = await openWatchedPage(hub.browser.context);
  await page.goto(`${hub.server.url}/reporting/${slug}`);
  for (const [state, n] of Object.entries(expected)) {
    const label = {
      'not-started': 'Not started',
      draft: 'Draft',
      submitted: 'Submitted',
      returned: 'Returned',
      approved: 'Approved',
    }[state]!;
    await expect
      .poll(() => page.locator('.round-counts').textContent())
      .toContain(`${label}: ${n}`);
  }
  const rows = page.locator('.board-table tbody tr');
  expect(await rows.count()).toBe(reports.length);
  // Days to the due date (2026-12-20, today 2026-11-29) in words.
  expect(await page.locator('.board-table').textContent()).toContain('21 days left');
  // GIZ's projects name the implementer; a project without an implementer account says so.
  for (const row of await rows.all()) {
    const href = await row.locator('td').first().locator('a').getAttribute('href');
    const project = href!.replace('/projects/', '');
    const asked = await row.locator('td').nth(2).textContent();
    if (GIZ_IMPLEMENTS.has(project)) expect(asked).toContain('Ina Implementer');
    else expect(asked).toContain('nobody to ask');
  }
  // What is missing: a draft with its achievements lacks the other three sections.
  const draftRow = rows.filter({ hasText: 'Draft' }).first();
  expect(await draftRow.locator('td').nth(5).textContent()).toContain(
    'challenges; next steps; support needed',
  );
  expect(await axeViolations(page)).toEqual([]);
  await page.goto(`${hub.server.url}/zh/reporting/${slug}`);
  expect(await axeViolations(page)).toEqual([]);
  await page.goto(`${hub.server.url}/reporting/${slug}`);

  // Filter by state with the form, as a user would.
  await page.getByLabel('Report state', { exact: true }).selectOption('approved');
  await Promise.all([
    page.waitForURL(/state=approved/),
    page.getByRole('button', { name: 'Show' }).click(),
  ]);
  await expect.poll(() => rows.count()).toBe(1);
  // And by organisation: exactly GIZ's projects in the round.
  await page.goto(`${hub.server.url}/reporting/${slug}?org=giz`);
  const shown = await page
    .locator('.board-table tbody tr td:first-child a')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href')!.replace('/projects/', '')));
  const inRound = new Set(roundReports(slug).map((r) => r.slug));
  expect(shown.sort()).toEqual([...projectsOf('giz')].filter((p) => inRound.has(p)).sort());
  await page.close();
});

test('a malformed filter value is answered with 400, said next to its field; the CSV answers 400 too', async () => {
  const page = await get(`/reporting/${slug}?state=finished`, editor);
  expect(page.status).toBe(400);
  expect(page.text).toContain('This value was not understood: “finished”');
  expect((await get(`/reporting/${slug}?ministry=Not%20A%20Slug`, editor)).status).toBe(400);
  expect((await get(`/reporting/${slug}?page=0`, editor)).status).toBe(400);
  const csv = await get(`/reporting/${slug}/board.csv?state=finished`, editor);
  expect(csv.status).toBe(400);
  expect(JSON.parse(csv.text)).toMatchObject({ parameter: 'state' });
  expect((await get(`/reporting/${slug}/board.csv?lang=fr`, editor)).status).toBe(400);
  expect((await get('/reporting/no-such-round', editor)).status).toBe(404);
});

test('the board as CSV: every row the filter keeps, with labels in the language asked for', async () => {
  const reports = roundReports(slug);
  const csv = await get(`/reporting/${slug}/board.csv`, editor);
  expect(csv.status).toBe(200);
  expect(csv.response.headers.get('content-type')).toContain('text/csv');
  const parsed = Papa.parse<Record<string, string>>(csv.text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: true,
  });
  expect(parsed.errors).toEqual([]);
  expect(parsed.data.map((r) => r.project).sort()).toEqual(reports.map((r) => r.slug).sort());
  for (const row of parsed.data) {
    expect(row.state).toBe(reports.find((r) => r.slug === row.project)!.state);
  }
  const approved = Papa.parse<Record<string, string>>(
    (await get(`/reporting/${slug}/board.csv?state=approved&lang=zh`, editor)).text.replace(
      /^\uFEFF/,
      '',
    ),
    { header: true, skipEmptyLines: true },
  );
  expect(approved.data).toHaveLength(1);
  expect(approved.data[0]!.state_label).toBe('已批准');
});

test('signed out, the reporting pages send to sign-in; a viewer reads them but may not manage rounds', async () => {
  for (const path of [
    '/reporting',
    `/reporting/${slug}`,
    `/zh/reporting/${slug}`,
    `/reporting/${slug}/board.csv`,
  ]) {
    const { status, response } = await get(path);
    expect(status, path).toBe(302);
    expect(response.headers.get('location'), path).toMatch(/^\/(zh\/)?login\?next=/);
  }
  const viewer = await httpSession(hub.server.url, VIEWER);
  expect((await get('/reporting', viewer)).status).toBe(200);
  expect((await get(`/reporting/${slug}`, viewer)).status).toBe(200);
  expect((await get('/reporting/new', viewer)).status).toBe(403);
  expect((await get(`/reporting/${slug}/edit`, viewer)).status).toBe(403);
});

test('an implementer signing in lands on the reporting page, with what is asked of them first', async () => {
  const context = hub.browser.context;
  await context.clearCookies();
  const { page } = await openWatchedPage(context);
  await page.goto(`${hub.server.url}/login`);
  await page.getByLabel('Email').fill(IMPLEMENTER.email);
  await page.getByLabel('Password').fill(IMPLEMENTER.password);
  await Promise.all([
    page.waitForURL(/\/reporting$/),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
  const asked = page.locator('section.reporting-asked');
  await expect.poll(() => asked.locator('h2').textContent()).toBe('Asked of you');
  const links = await asked
    .locator('li a')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  const inRound = roundReports(slug).map((r) => r.slug);
  const expected = inRound.filter((p) => GIZ_IMPLEMENTS.has(p));
  expect(expected.length).toBeGreaterThan(0);
  expect(links.sort()).toEqual(expected.map((p) => `/reporting/${slug}/${p}`).sort());
  expect(
    await page
      .getByRole('navigation', { name: /main/i })
      .getByRole('link', { name: 'Reporting' })
      .count(),
  ).toBe(1);
  expect(await axeViolations(page)).toEqual([]);
  // With a page to go back to, signing in goes there instead.
  await context.clearCookies();
  await page.goto(`${hub.server.url}/login?next=${encodeURIComponent('/projects')}`);
  await page.getByLabel('Email').fill(IMPLEMENTER.email);
  await page.getByLabel('Password').fill(IMPLEMENTER.password);
  await Promise.all([
    page.waitForURL(/\/projects$/),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
  await page.close();
});
