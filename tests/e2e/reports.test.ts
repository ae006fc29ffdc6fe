import type Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { beforeAll, expect, test } from 'vitest';

import { openDatabase } from '../../db/client.server';
import { getRecordRef } from '../../app/core/records.server';
import { EXPORT_FILES } from '../../app/features/exports/export-files';
import { insertReport, insertRound } from '../../app/features/reporting/report-factories.server';
import {
  type HttpSession,
  addMilestoneWithUpdate,
  axeViolations,
  createAccount,
  httpSession,
  openWatchedPage,
  readDatabase,
  readSeed,
  seededHub,
  signIn,
} from './support';

// A project's progress report end to end: its implementer writes and submits it, the hub team
// returns it with a comment, the implementer resubmits, the hub team approves — and only then does
// anything of it become public. The round and its report rows are made straight in the tables
// (creating rounds is the rounds part's).

const hub = seededHub('2026-11-29');
const password = 'a long reporting password';
const IMPLEMENTER = { email: 'li@giz.example', name: 'Li Wei' };
const SECOND_IMPLEMENTER = { email: 'anna@giz.example', name: 'Anna Schmidt' };
const EDITOR = { email: 'eva@hub.example', name: 'Eva Editor' };
const ROUND = { slug: 'interface-2026', title: 'Interface Workshop 2026' };

const seed = readSeed<{
  projects: { id: string }[];
  organisations: { id: string; projectRoles: { projectId: string; role: string }[] }[];
}>('iki-china-projects.json');
const gizProjects = seed.organisations
  .find((o) => o.id === 'giz')!
  .projectRoles.filter((r) => ['implementingOrganisation', 'implementingPartner'].includes(r.role))
  .map((r) => r.projectId);
const [PROJECT, SECOND_PROJECT] = [...new Set(gizProjects)] as [string, string];

/** Text only this test writes: it must appear nowhere public before approval. */
const SECRET = 'Zebracrossing-achievement-7781';
let milestoneId = 0;

beforeAll(async () => {
  await createAccount(hub.database.path, {
    ...IMPLEMENTER,
    password,
    role: 'implementer',
    organisationSlug: 'giz',
  });
  await createAccount(hub.database.path, {
    ...SECOND_IMPLEMENTER,
    password,
    role: 'implementer',
    organisationSlug: 'giz',
  });
  await createAccount(hub.database.path, { ...EDITOR, password, role: 'editor' });
  milestoneId = addMilestoneWithUpdate(hub.database.path, PROJECT, 'Pilot study').milestoneId;
  const db = openDatabase(hub.database.path);
  const round = insertRound(db, { ...ROUND, titleZh: '2026 年交流研讨会' });
  for (const slug of [PROJECT, SECOND_PROJECT]) {
    insertReport(db, { roundId: round.id, projectId: getRecordRef('project', slug, db)!.id });
  }
  db.$client.close();
});

const reportPath = (slug = PROJECT) => `/reporting/${ROUND.slug}/${slug}`;
const inDatabase = <T>(query: (db: Database.Database) => T): T =>
  readDatabase(hub.database.path, query);

/** The browser, signed in as this account only. */
async function signedInPage(email: string): Promise<Page> {
  await hub.browser.context.clearCookies();
  const { page } = await openWatchedPage(hub.browser.context);
  await signIn(page, hub.server.url, email, password);
  return page;
}

async function publicText(path: string): Promise<string> {
  const response = await fetch(`${hub.server.url}${path}`);
  return `${response.status} ${await response.text()}`;
}

test('an implementer fills in the report and submits it; the form has no accessibility violations', async () => {
  const page = await signedInPage(IMPLEMENTER.email);
  await page.goto(`${hub.server.url}${reportPath()}`);
  expect(await axeViolations(page)).toEqual([]);
  const original = page.locator('#texts-en');
  await original.getByLabel('Achievements in the period').fill(SECRET);
  await original.getByLabel('Challenges').fill('Data access took long.');
  await original.getByLabel('Next steps').fill('Publish the pilot study.');
  const milestone = page.locator(`#milestone-${milestoneId}`);
  await milestone.getByLabel('Status').selectOption('achieved');
  await milestone.getByLabel('Progress (%)').fill('100');
  await milestone.getByLabel('Actual date').fill('2026-11');
  await milestone.getByLabel('Comment').fill('Pilot finished');
  await milestone.getByLabel('Evidence link').fill('https://example.org/pilot.pdf');
  const added = page.locator('fieldset', { hasText: 'New milestone 1' });
  await added.getByLabel('Title (English)').fill('Follow-up workshop');
  await added.getByLabel('Kind').selectOption('deliverable');
  await added.getByLabel('Planned date').fill('2027-03');
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await page.getByRole('status').filter({ hasText: 'Submitted.' }).waitFor();
  await expect(page.locator('[data-report-state]').textContent()).resolves.toBe('Submitted');
  const stored = inDatabase(
    (db) =>
      db.prepare('SELECT state, texts, milestone_updates FROM reports WHERE id = 1').get() as {
        state: string;
        texts: string;
        milestone_updates: string;
      },
  );
  expect(stored.state).toBe('submitted');
  expect(JSON.parse(stored.texts)).toMatchObject({ en: { achievements: SECRET } });
  expect(JSON.parse(stored.milestone_updates)).toHaveLength(2);
  // Not in the milestone until approval.
  expect(
    inDatabase((db) => db.prepare('SELECT status FROM milestones WHERE id = ?').get(milestoneId)),
  ).toEqual({ status: 'in-progress' });
  await page.close();
});

test('a submitted report appears in no public page, API, export or search', async () => {
  const paths = [
    `/projects/${PROJECT}`,
    `/zh/projects/${PROJECT}`,
    `/de/projects/${PROJECT}`,
    `/api/projects/${PROJECT}`,
    ...EXPORT_FILES.map((file) => `/export/${file}`),
    ...EXPORT_FILES.map((file) => `/export/${file}?project=${PROJECT}`),
    ...EXPORT_FILES.map((file) => `/export/${file}?q=${SECRET}`),
  ];
  for (const path of paths) {
    const text = await publicText(path);
    expect.soft(text.startsWith('200'), path).toBe(true);
    expect.soft(text.includes(SECRET), path).toBe(false);
    expect.soft(text.includes('Follow-up workshop'), path).toBe(false);
  }
  // The search page repeats the query in its box: the report's words find no more than words
  // nobody wrote.
  for (const lang of ['', '/zh']) {
    const found = await publicText(`${lang}/search?q=${SECRET}`);
    const control = await publicText(`${lang}/search?q=Unwritten-words-0000`);
    expect(found.split(SECRET).length).toBe(control.split('Unwritten-words-0000').length);
  }
  expect(await publicText(`/projects/${PROJECT}`)).toContain(
    'Last progress report: none approved yet',
  );
  // Signed out, the report itself sends to sign-in; an implementer of another organisation's
  // project is refused.
  const response = await fetch(`${hub.server.url}${reportPath()}`, { redirect: 'manual' });
  expect(response.status).toBe(302);
});

test('the hub team returns it with a comment; the implementer sees it, edits and resubmits; the hub team approves', async () => {
  let page = await signedInPage(EDITOR.email);
  await page.goto(`${hub.server.url}${reportPath()}/review`);
  expect(await axeViolations(page)).toEqual([]);
  await page.getByLabel('Comment on the challenges').fill('Please name the data gaps.');
  await page.getByRole('button', { name: 'Return to the authors' }).click();
  await page.getByRole('status').filter({ hasText: 'Returned to the authors' }).waitFor();
  await page.close();

  page = await signedInPage(IMPLEMENTER.email);
  await page.goto(`${hub.server.url}${reportPath()}`);
  await expect(page.locator('.report-comment').textContent()).resolves.toContain(
    'Please name the data gaps.',
  );
  const challenges = page.locator('#texts-en').getByLabel('Challenges');
  await expect(challenges.inputValue()).resolves.toBe('Data access took long.');
  await challenges.fill('Data access took long: the provincial statistics arrive a year late.');
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await page.getByRole('status').filter({ hasText: 'Submitted.' }).waitFor();
  await page.close();

  page = await signedInPage(EDITOR.email);
  await page.goto(`${hub.server.url}${reportPath()}/review`);
  await page.getByRole('button', { name: 'Approve' }).click();
  await page.getByRole('status').filter({ hasText: 'Approved' }).waitFor();
  await page.close();

  const milestone = inDatabase((db) =>
    db
      .prepare('SELECT status, progress, evidence_url FROM milestones WHERE id = ?')
      .get(milestoneId),
  );
  expect(milestone).toEqual({
    status: 'achieved',
    progress: 100,
    evidence_url: 'https://example.org/pilot.pdf',
  });
  const log = inDatabase(
    (db) =>
      db
        .prepare(
          'SELECT to_status, recorded_by, comment FROM progress_updates WHERE milestone_id = ? ORDER BY id DESC',
        )
        .get(milestoneId) as { to_status: string; recorded_by: string; comment: string },
  );
  expect(log).toEqual({
    to_status: 'achieved',
    recorded_by: 'Progress report Interface Workshop 2026',
    comment: 'Pilot finished',
  });
  const audit = inDatabase(
    (db) =>
      db
        .prepare("SELECT action, user_name FROM audit_log WHERE entity = 'report' ORDER BY id")
        .all() as { action: string; user_name: string }[],
  );
  expect(audit.map((e) => `${e.action} ${e.user_name}`)).toEqual([
    'state-change Li Wei',
    'state-change Eva Editor',
    'state-change Li Wei',
    'state-change Eva Editor',
  ]);

  // Now public: the milestone's new state, the log naming the report, the report's sections.
  const projectPage = await publicText(`/projects/${PROJECT}`);
  expect(projectPage).toContain('Progress report Interface Workshop 2026');
  expect(projectPage).toContain('Last progress report: 29 November 2026');
  expect(projectPage).toContain(SECRET);
  expect(projectPage).toContain('Follow-up workshop');
  const api = JSON.parse((await publicText(`/api/projects/${PROJECT}`)).slice(4)) as {
    progressReports: { round: string; sections: { en: { achievements: string } } }[];
  };
  expect(api.progressReports).toHaveLength(1);
  expect(api.progressReports[0]).toMatchObject({
    round: ROUND.slug,
    sections: { en: { achievements: SECRET } },
  });
  expect(await publicText(`/zh/projects/${PROJECT}`)).toContain('最近一次进展报告：2026年11月29日');
});

async function postReport(session: HttpSession, fields: Record<string, string>) {
  const response = await fetch(`${hub.server.url}${reportPath(SECOND_PROJECT)}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Cookie: session.cookie },
    body: new URLSearchParams({ ...fields, _csrf: session.csrf }),
  });
  return { status: response.status, html: await response.text() };
}

test('two authors saving from one version: the second gets 409 with both versions, nothing of it written', async () => {
  const first = await httpSession(hub.server.url, { email: IMPLEMENTER.email, password });
  const second = await httpSession(hub.server.url, { email: SECOND_IMPLEMENTER.email, password });
  const form = (achievements: string) => ({
    intent: 'save-draft',
    version: '1',
    language: 'de',
    'texts.de.achievements': achievements,
  });
  expect((await postReport(first, form('Erste Fassung der Erfolge'))).status).toBe(303);
  const refused = await postReport(second, form('Zweite Fassung der Erfolge'));
  expect(refused.status).toBe(409);
  expect(refused.html).toContain('Someone else saved this report');
  expect(refused.html).toContain('Erste Fassung der Erfolge');
  expect(refused.html).toContain('Zweite Fassung der Erfolge');
  const stored = inDatabase(
    (db) =>
      db.prepare('SELECT version, texts FROM reports WHERE id = 2').get() as {
        version: number;
        texts: string;
      },
  );
  expect(stored.version).toBe(2);
  expect(JSON.parse(stored.texts)).toEqual({ de: { achievements: 'Erste Fassung der Erfolge' } });
});

test('a refused report answers 400 with the message by its field, in Chinese too, and the form passes axe in Chinese', async () => {
  const session = await httpSession(hub.server.url, { email: IMPLEMENTER.email, password });
  const refused = await postReport(session, {
    intent: 'submit',
    version: '2',
    language: 'de',
    'texts.de.achievements': 'Erste Fassung der Erfolge',
  });
  expect(refused.status).toBe(400);
  expect(refused.html).toContain('Needed to submit (in the language you write in).');

  const page = await signedInPage(IMPLEMENTER.email);
  await page.goto(`${hub.server.url}/zh${reportPath(SECOND_PROJECT)}`);
  await expect(page.locator('h1').textContent()).resolves.toContain('项目进展报告');
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: '提交审核' }).click();
  await expect(
    page
      .locator('#texts-de')
      .getByText('提交前必须填写（使用您的原文语言）。')
      .first()
      .textContent(),
  ).resolves.toBeTruthy();
  await page.close();
});

test('a report of a round that does not exist, or of a project it does not ask, is 404', async () => {
  const session = await httpSession(hub.server.url, { email: EDITOR.email, password });
  for (const path of [
    `/reporting/no-such-round/${PROJECT}`,
    `/reporting/${ROUND.slug}/no-such-project`,
    `/reporting/${ROUND.slug}/${seed.projects.find((p) => !gizProjects.includes(p.id))!.id}`,
    `/reporting/${ROUND.slug}/${PROJECT}/review/extra`,
  ]) {
    const response = await fetch(`${hub.server.url}${path}`, {
      headers: { Cookie: session.cookie },
    });
    await response.arrayBuffer();
    expect(response.status, path).toBe(404);
  }
});
