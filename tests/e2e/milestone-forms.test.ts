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

const hub = seededHub('2026-11-29');
const EDITOR = { email: 'editor@hub.example', password: 'a long editor password' };
let editor: HttpSession;

// The forms need an account that may edit (#10): an editor, signed in in the browser and over HTTP.
beforeAll(async () => {
  await createAccount(hub.database.path, { ...EDITOR, role: 'editor', name: 'Wang Fang' });
  const { page } = await openWatchedPage(hub.browser.context);
  await signIn(page, hub.server.url, EDITOR.email, EDITOR.password);
  await page.close();
  editor = await httpSession(hub.server.url, EDITOR);
});

const inDatabase = <T>(query: (db: Database.Database) => T): T =>
  readDatabase(hub.database.path, query);
const logCount = (milestoneId: number) =>
  inDatabase(
    (db) =>
      (
        db
          .prepare('SELECT count(*) AS n FROM progress_updates WHERE milestone_id = ?')
          .get(milestoneId) as { n: number }
      ).n,
  );
const milestoneState = (milestoneId: number) =>
  inDatabase(
    (db) =>
      db
        .prepare('SELECT status, progress, version FROM milestones WHERE id = ?')
        .get(milestoneId) as { status: string; progress: number; version: number },
  );

/** The first milestone of a project with its update form's path, as the project page links it. */
async function firstUpdateLink(slug: string) {
  const { page } = await openWatchedPage(hub.browser.context);
  await page.goto(`${hub.server.url}/projects/${slug}`);
  const href = (await page
    .locator('.milestone-update-link')
    .first()
    .getAttribute('href')) as string;
  await page.close();
  const id = Number(/milestones\/(\d+)\/update/.exec(href)![1]);
  return { href, id };
}

async function post(path: string, fields: Record<string, string>) {
  const response = await fetch(`${hub.server.url}${path}`, {
    method: 'POST',
    headers: { Cookie: editor.cookie },
    body: new URLSearchParams({ ...fields, _csrf: editor.csrf }),
    redirect: 'manual',
  });
  return { status: response.status, html: await response.text(), response };
}

test('without JavaScript, each refused update answers 400 with the message by its field and writes nothing', async () => {
  const { href, id } = await firstUpdateLink('clct');
  const before = { log: logCount(id), state: milestoneState(id) };
  const valid = {
    version: String(before.state.version),
    status: 'in-progress',
    progress: '40',
    recordedBy: 'Wang Fang, GIZ',
  };
  const cases: [Record<string, string>, string, string][] = [
    [{ progress: '150' }, 'progress', 'Progress is a whole number from 0 to 100.'],
    [
      { status: 'achieved', actualDate: '2026-11-30' },
      'actualDate',
      'An actual date cannot lie after today.',
    ],
    [{ status: 'delayed', revisedDate: '2000' }, 'revisedDate', 'A revised date cannot lie before'],
    [{ status: 'achieved' }, 'actualDate', 'An achieved milestone needs the date it was achieved.'],
  ];
  for (const [change, field, message] of cases) {
    const { status, html } = await post(href, { ...valid, ...change, comment: 'kept text' });
    expect(status, field).toBe(400);
    // The message sits in the element the field's aria-describedby names, and the input is kept.
    const errorId = new RegExp(`id="([^"]+-${field}-error)"[^>]*>([^<]*)<`).exec(html);
    expect(errorId?.[2], field).toContain(message);
    expect(html).toContain(`aria-describedby="${errorId![1]}`);
    expect(html).toContain('kept text');
  }
  expect({ log: logCount(id), state: milestoneState(id) }).toEqual(before);
});

test('a milestone or project that does not exist is a 404, for the form and for a post', async () => {
  const { id } = await firstUpdateLink('clct');
  for (const path of [
    `/projects/clct/milestones/${id + 100000}/update`,
    `/projects/no-such-project/milestones/${id}/update`,
    `/projects/clct/milestones/not-a-number/update`,
    '/projects/no-such-project/milestones/new',
  ]) {
    const page = await fetch(`${hub.server.url}${path}`, { headers: { Cookie: editor.cookie } });
    expect(page.status, path).toBe(404);
    expect((await post(path, { status: 'planned', progress: '1' })).status, path).toBe(404);
  }
  // A milestone id from another project is not this project's.
  const other = await fetch(`${hub.server.url}/projects/sgep-iii/milestones/${id}/update`, {
    headers: { Cookie: editor.cookie },
  });
  expect(other.status).toBe(404);
});

test('in the browser, a wrong value is flagged at the field; a right one is saved into the history', async () => {
  const { page, watch } = await openWatchedPage(hub.browser.context);
  await page.goto(`${hub.server.url}/projects/clct`);
  await page.locator('.milestone-update-link').first().click();
  // The form page is a new document: until its scripts have run, a click submits the form
  // natively and the server's 400 answers it (flagged at the field too, but this test is about the
  // browser's check, which sends nothing). Under CI load that happened once.
  await page.waitForURL(/\/update$/, { waitUntil: 'networkidle' });
  await page.getByLabel('Status').selectOption('in-progress');
  const progress = page.getByLabel('Progress (%)');
  await progress.fill('150');
  await page.getByLabel('Your name and organisation').fill('Wang Fang, GIZ');
  await page.getByRole('button', { name: 'Save progress update' }).click();
  await expect(progress.getAttribute('aria-invalid')).resolves.toBe('true');
  const describedBy = (await progress.getAttribute('aria-describedby'))!.split(' ')[0]!;
  await expect(page.locator(`[id="${describedBy}"]`).textContent()).resolves.toBe(
    'Progress is a whole number from 0 to 100.',
  );
  expect(page.url()).toContain('/update');

  await progress.fill('40');
  await page.getByLabel('Comment').fill('Baseline survey in two cities done');
  await page.getByRole('button', { name: 'Save progress update' }).click();
  await page.getByRole('status').filter({ hasText: 'Progress update saved.' }).waitFor();
  const id = Number(/updated=(\d+)/.exec(page.url())![1]);
  const row = page.locator(`#milestone-${id}`);
  await expect(row.getAttribute('data-status')).resolves.toBe('in-progress');
  await row.locator('summary').click();
  await expect(row.locator('.milestone-history li').last().textContent()).resolves.toMatch(
    /Wang Fang, GIZ: .*In progress, 40 %.*Baseline survey in two cities done/,
  );
  // The milestone and its log agree.
  const last = inDatabase(
    (db) =>
      db
        .prepare(
          'SELECT to_status, to_progress FROM progress_updates WHERE milestone_id = ? ORDER BY id DESC',
        )
        .get(id) as { to_status: string; to_progress: number },
  );
  expect(last).toEqual({ to_status: 'in-progress', to_progress: 40 });
  expect(milestoneState(id)).toMatchObject({ status: 'in-progress', progress: 40 });
  expect(watch.consoleErrors).toEqual([]);
  await page.close();
});

test('two people updating one milestone: the second sees 409 and the other change, loses nothing', async () => {
  const { href, id } = await firstUpdateLink('sgep-iii');
  const [a, b] = [
    await openWatchedPage(hub.browser.context),
    await openWatchedPage(hub.browser.context),
  ];
  for (const { page } of [a, b]) await page.goto(`${hub.server.url}${href}`);
  const fill = async (page: typeof a.page, progress: string, who: string) => {
    await page.getByLabel('Status').selectOption('in-progress');
    await page.getByLabel('Progress (%)').fill(progress);
    await page.getByLabel('Your name and organisation').fill(who);
  };
  await fill(a.page, '20', 'First person');
  await a.page.getByRole('button', { name: 'Save progress update' }).click();
  await a.page.getByRole('status').filter({ hasText: 'Progress update saved.' }).waitFor();

  await fill(b.page, '70', 'Second person');
  const [response] = await Promise.all([
    b.page.waitForResponse((r) => r.request().method() === 'POST'),
    b.page.getByRole('button', { name: 'Save progress update' }).click(),
  ]);
  expect(response.status()).toBe(409);
  await expect(b.page.getByRole('alert').first().textContent()).resolves.toContain(
    'it is now In progress, 20 %',
  );
  await expect(b.page.getByLabel('Progress (%)').inputValue()).resolves.toBe('70');
  expect(milestoneState(id)).toMatchObject({ progress: 20 });
  // Sending again, now knowing the other change, goes through.
  await b.page.getByRole('button', { name: 'Save progress update' }).click();
  await b.page.getByRole('status').filter({ hasText: 'Progress update saved.' }).waitFor();
  const log = inDatabase(
    (db) =>
      db
        .prepare(
          'SELECT from_progress, to_progress, recorded_by FROM progress_updates WHERE milestone_id = ? ORDER BY id',
        )
        .all(id) as { from_progress: number; to_progress: number; recorded_by: string }[],
  );
  expect(log.slice(-2)).toEqual([
    { from_progress: 0, to_progress: 20, recorded_by: 'First person' },
    { from_progress: 20, to_progress: 70, recorded_by: 'Second person' },
  ]);
  await a.page.close();
  await b.page.close();
});

test('a milestone added in Chinese appears on the project page and in the review as due soon', async () => {
  const { page, watch } = await openWatchedPage(hub.browser.context);
  await page.goto(`${hub.server.url}/zh/projects/clct/milestones/new`);
  expect(await axeViolations(page)).toEqual([]);
  await page.getByLabel('标题（英文）').fill('Cement plant pilot report');
  await page.getByLabel('标题（中文）').fill('水泥厂试点报告');
  await page.getByLabel('类型').selectOption('deliverable');
  await page.getByLabel('计划日期').fill('2027-01');
  await page.getByLabel('负责机构').selectOption('giz');
  await page.getByLabel('您的姓名和机构').fill('知识平台团队');
  await page.getByRole('button', { name: '添加里程碑' }).click();
  await page.getByRole('status').filter({ hasText: '里程碑已添加。' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/zh/projects/clct');
  const id = Number(/added=(\d+)/.exec(page.url())![1]);
  await expect(page.locator(`#milestone-${id} th`).textContent()).resolves.toContain(
    '水泥厂试点报告',
  );
  // Due 2027-01 ends on 31 January 2027: within 90 days of 29 November 2026.
  await page.goto(`${hub.server.url}/milestones`);
  await expect(
    page.locator('[data-group="due-soon"] tbody th').allTextContents(),
  ).resolves.toContainEqual(expect.stringContaining('Cement plant pilot report'));
  expect(watch.consoleErrors).toEqual([]);
  await page.close();
});

test('the forms pass axe-core, also while showing errors', async () => {
  const { href } = await firstUpdateLink('clct');
  const { page } = await openWatchedPage(hub.browser.context);
  for (const path of [href, `/de${href}`, '/projects/clct/milestones/new']) {
    await page.goto(`${hub.server.url}${path}`);
    expect(await axeViolations(page), path).toEqual([]);
    // A value no form accepts: an update's progress of 500 %, a new milestone with no title.
    const progress = page.getByLabel('Progress (%)').or(page.getByLabel('Fortschritt (%)'));
    if ((await progress.count()) > 0) await progress.fill('500');
    await page.locator('.entry-form button[type="submit"]').click();
    await page.locator('.form-field__error').first().waitFor();
    expect(await axeViolations(page), `${path} with errors`).toEqual([]);
  }
  await page.close();
});

interface SeedOrganisation {
  id: string;
  projectIds: string[];
}
const ORGANISATIONS = readSeed<{ organisations: SeedOrganisation[] }>(
  'iki-china-projects.json',
).organisations;
const HISTORY = readSeed<{ successions: { from: string; to: string }[] }>(
  'organisation-history.json',
).successions;

test('printed by ministry, each section lists only that ministry’s projects, without navigation', async () => {
  // A ministry's line: itself and every ministry it succeeded (BMUV ← BMU ← BMUB).
  const line = (slug: string): string[] => [
    slug,
    ...HISTORY.filter((s) => s.to === slug).flatMap((s) => line(s.from)),
  ];
  const projectsOf = (slug: string) =>
    new Set(line(slug).flatMap((s) => ORGANISATIONS.find((o) => o.id === s)?.projectIds ?? []));
  const { page } = await openWatchedPage(hub.browser.context);
  await page.goto(`${hub.server.url}/milestones?by=ministry&type=bilateral`);
  await page.emulateMedia({ media: 'print' });
  // The printout says which filter it shows, without the controls to change it.
  await expect(page.locator('.chips').isVisible()).resolves.toBe(true);
  await expect(page.locator('.chips').textContent()).resolves.toContain('Bilateral');
  await expect(page.locator('.chips__clear').isVisible()).resolves.toBe(false);
  const sections = await page.locator('.review-section').evaluateAll((nodes) =>
    nodes.map((n) => ({
      key: n.getAttribute('data-section')!,
      slugs: [...n.querySelectorAll('tbody td a')].map(
        (a) => a.getAttribute('href')!.split('/')[2]!.split('#')[0]!,
      ),
    })),
  );
  expect(sections.map((s) => s.key)).toContain('bmuv');
  expect(sections.map((s) => s.key)).not.toContain('bmu');
  for (const section of sections) {
    expect(section.slugs.length, section.key).toBeGreaterThan(0);
    const expected = projectsOf(section.key);
    for (const slug of section.slugs)
      expect(expected.has(slug), `${section.key}: ${slug}`).toBe(true);
  }
  for (const chrome of ['.site-header', '.filter-panel', '.review-view']) {
    await expect(page.locator(chrome).first().isVisible(), chrome).resolves.toBe(false);
  }
  await page.emulateMedia({ media: 'screen' });
  expect(await axeViolations(page)).toEqual([]);
  await page.close();
});
