import type Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { beforeAll, expect, test } from 'vitest';

import { openDatabase } from '../../db/client.server';
import { insertIndicator, insertIndicatorPeriod } from '../../db/test-factories';
import { getRecordRef } from '../../app/core/records.server';
import { listProjectIndicators } from '../../app/features/indicators/indicators.server';
import { insertReport, insertRound } from '../../app/features/reporting/report-factories.server';
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

// A report's indicator actuals end to end: the implementer gives each indicator's actual for the
// round's period (by sex for a split one, a comment for a qualitative one) and submits; nothing of
// it is public; the hub team sees the values on the review and approves; only then are they the
// indicators' actuals (the round's period, audited) and shown with the report on the project page
// and in its API. The indicators, round and report are made straight in the tables (editing
// indicators and opening rounds are other parts').

const hub = seededHub('2026-11-29');
const password = 'a long reporting password';
const IMPLEMENTER = { email: 'li@giz.example', name: 'Li Wei' };
const EDITOR = { email: 'eva@hub.example', name: 'Eva Editor' };
const ROUND = { slug: 'interface-2026', title: 'Interface Workshop 2026' };

const seed = readSeed<{
  organisations: { id: string; projectRoles: { projectId: string; role: string }[] }[];
}>('iki-china-projects.json');
const PROJECT = seed.organisations
  .find((o) => o.id === 'giz')!
  .projectRoles.find((r) =>
    ['implementingOrganisation', 'implementingPartner'].includes(r.role),
  )!.projectId;

/** Words only this test writes: they must appear nowhere public before approval. */
const COMMENT = 'Quokka-courses-4417';
const QUALITATIVE = 'Wombat-guideline-adopted-2291';
let trainedId = 0;
let policyId = 0;
let projectId = 0;

beforeAll(async () => {
  await createAccount(hub.database.path, {
    ...IMPLEMENTER,
    password,
    role: 'implementer',
    organisationSlug: 'giz',
  });
  await createAccount(hub.database.path, { ...EDITOR, password, role: 'editor' });
  const db = openDatabase(hub.database.path);
  projectId = getRecordRef('project', PROJECT, db)!.id;
  const round = insertRound(db, { ...ROUND, periodStart: '2026-01-01', periodEnd: '2026-10-31' });
  const trained = insertIndicator(db, projectId, {
    title: 'People trained in carbon accounting',
    titleZh: '接受碳核算培训的人数',
    unit: 'people',
    disaggregation: 'sex',
    baselineValue: 0,
  });
  // The round's period already has a target (an editor's): approval keeps it and sets the actual.
  insertIndicatorPeriod(db, trained.id, {
    periodStart: round.periodStart,
    periodEnd: round.periodEnd,
    targetValue: 200,
  });
  const policy = insertIndicator(db, projectId, {
    title: 'Provincial guideline adopted',
    unit: null,
    measure: 'qualitative',
  });
  trainedId = trained.id;
  policyId = policy.id;
  insertReport(db, { roundId: round.id, projectId });
  db.$client.close();
});

const reportPath = `/reporting/${ROUND.slug}/${PROJECT}`;
const inDatabase = <T>(query: (db: Database.Database) => T): T =>
  readDatabase(hub.database.path, query);

/** The project's indicators as the public reads compute them (latest approved actual). */
function latestActuals() {
  const db = openDatabase(hub.database.path);
  try {
    return listProjectIndicators(projectId, db).map((v) => [
      v.indicator.id,
      v.latest?.period.actualValue ?? null,
    ]);
  } finally {
    db.$client.close();
  }
}

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

async function postReport(session: HttpSession, fields: Record<string, string>) {
  const response = await fetch(`${hub.server.url}${reportPath}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Cookie: session.cookie },
    body: new URLSearchParams({ ...fields, _csrf: session.csrf }),
  });
  return { status: response.status, html: await response.text() };
}

test('a wrong actual answers 400 with the message by its field (en, zh), nothing saved', async () => {
  const session = await httpSession(hub.server.url, { email: IMPLEMENTER.email, password });
  const base = {
    intent: 'save-draft',
    version: '1',
    language: 'en',
    'indicators[0].indicatorId': String(trainedId),
    'indicators[1].indicatorId': String(policyId),
  };
  const notNumber = await postReport(session, { ...base, 'indicators[0].value': 'about 120' });
  expect(notNumber.status).toBe(400);
  expect(notNumber.html).toContain('Enter a number, e.g. 1250 or 12.5.');
  const notSum = await postReport(session, {
    ...base,
    'indicators[0].value': '100',
    'indicators[0].dimensions.female': '70',
    'indicators[0].dimensions.male': '50',
    'indicators[0].dimensions.other': '0',
  });
  expect(notSum.status).toBe(400);
  expect(notSum.html).toContain('The total must equal the sum of the values by sex');
  const qualitative = await postReport(session, { ...base, 'indicators[1].value': '3' });
  expect(qualitative.status).toBe(400);
  expect(qualitative.html).toContain('This indicator takes a comment, not a number.');
  const unknown = await postReport(session, {
    ...base,
    'indicators[0].indicatorId': '999999',
    'indicators[0].value': '5',
  });
  expect(unknown.status).toBe(400);
  const zh = await fetch(`${hub.server.url}/zh${reportPath}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Cookie: session.cookie },
    body: new URLSearchParams({
      ...base,
      'indicators[0].value': 'x',
      _csrf: session.csrf,
    }),
  });
  expect(zh.status).toBe(400);
  expect(await zh.text()).toContain('请输入数字，例如 1250 或 12.5。');
  expect(
    inDatabase((db) => db.prepare('SELECT version, indicator_updates FROM reports').get()),
  ).toEqual({ version: 1, indicator_updates: '[]' });
});

test('the implementer gives the actuals in the form and submits; they stay in the report', async () => {
  const page = await signedInPage(IMPLEMENTER.email);
  await page.goto(`${hub.server.url}${reportPath}`);
  expect(await axeViolations(page)).toEqual([]);
  const original = page.locator('#texts-en');
  await original.getByLabel('Achievements in the period').fill('Four courses held.');
  await original.getByLabel('Challenges').fill('Travel restrictions.');
  await original.getByLabel('Next steps').fill('Two more courses.');
  const trained = page.locator(`#indicator-${trainedId}`);
  await expect(trained.textContent()).resolves.toContain('Target for this period: 200 people');
  await expect(trained.textContent()).resolves.toContain('Baseline: 0 people');
  await expect(trained.textContent()).resolves.toContain('No actual reported yet.');
  // The total left empty: it is the sum of the values by sex.
  await trained.getByLabel('women').fill('70');
  await trained.getByLabel('men', { exact: true }).fill('50');
  await trained.getByLabel('Comment').fill(COMMENT);
  await trained.getByLabel('Evidence (a link)').fill('https://example.org/courses.pdf');
  const policy = page.locator(`#indicator-${policyId}`);
  await expect(policy.getByLabel('Actual this period').count()).resolves.toBe(0);
  await policy.getByLabel('Comment').fill(QUALITATIVE);
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await page.getByRole('status').filter({ hasText: 'Submitted.' }).waitFor();
  await page.close();

  const stored = inDatabase(
    (db) =>
      db.prepare('SELECT state, indicator_updates FROM reports').get() as {
        state: string;
        indicator_updates: string;
      },
  );
  expect(stored.state).toBe('submitted');
  expect(JSON.parse(stored.indicator_updates)).toEqual([
    {
      indicatorId: trainedId,
      indicatorVersion: 1,
      actualValue: 120,
      actualDimensions: { female: 70, male: 50 },
      comment: COMMENT,
      evidenceUrl: 'https://example.org/courses.pdf',
    },
    {
      indicatorId: policyId,
      indicatorVersion: 1,
      actualValue: null,
      actualDimensions: null,
      comment: QUALITATIVE,
      evidenceUrl: null,
    },
  ]);
  expect(
    inDatabase((db) =>
      db
        .prepare('SELECT actual_value FROM indicator_periods WHERE indicator_id = ?')
        .all(trainedId),
    ),
  ).toEqual([{ actual_value: null }]);
});

test('a submitted report’s actuals are on no public page or API, nor in the indicators’ reads', async () => {
  for (const path of [
    `/projects/${PROJECT}`,
    `/zh/projects/${PROJECT}`,
    `/de/projects/${PROJECT}`,
    `/api/projects/${PROJECT}`,
  ]) {
    const text = await publicText(path);
    expect.soft(text.startsWith('200'), path).toBe(true);
    expect.soft(text.includes(COMMENT), path).toBe(false);
    expect.soft(text.includes(QUALITATIVE), path).toBe(false);
  }
  expect(latestActuals()).toEqual([
    [trainedId, null],
    [policyId, null],
  ]);
});

test('the hub team sees the values on the review and approves; the actuals become the indicators’ and public', async () => {
  const page = await signedInPage(EDITOR.email);
  await page.goto(`${hub.server.url}${reportPath}/review`);
  expect(await axeViolations(page)).toEqual([]);
  const row = page.locator(`tr[data-indicator="${trainedId}"]`);
  await expect(row.textContent()).resolves.toContain('120 people');
  await expect(row.textContent()).resolves.toContain('120 people (women 70, men 50)');
  await expect(page.getByLabel('Comment on the indicators').count()).resolves.toBe(1);
  await page.getByRole('button', { name: 'Approve' }).click();
  await page.getByRole('status').filter({ hasText: 'Approved' }).waitFor();
  await page.close();

  const periods = inDatabase((db) =>
    db
      .prepare(
        `SELECT indicator_id, period_start, period_end, target_value, actual_value,
                actual_dimensions, actual_comment, reported_by, report_id, version
           FROM indicator_periods ORDER BY indicator_id`,
      )
      .all(),
  );
  expect(periods).toEqual([
    {
      indicator_id: trainedId,
      period_start: '2026-01-01',
      period_end: '2026-10-31',
      target_value: 200,
      actual_value: 120,
      actual_dimensions: '{"female":70,"male":50}',
      actual_comment: COMMENT,
      reported_by: 'Progress report Interface Workshop 2026',
      report_id: 1,
      version: 2,
    },
    {
      indicator_id: policyId,
      period_start: '2026-01-01',
      period_end: '2026-10-31',
      target_value: null,
      actual_value: null,
      actual_dimensions: null,
      actual_comment: QUALITATIVE,
      reported_by: 'Progress report Interface Workshop 2026',
      report_id: 1,
      version: 1,
    },
  ]);
  const audit = inDatabase((db) =>
    db
      .prepare(
        "SELECT action, user_name FROM audit_log WHERE entity = 'indicator-period' ORDER BY id",
      )
      .all(),
  );
  expect(audit).toEqual([
    { action: 'update', user_name: 'Eva Editor' },
    { action: 'create', user_name: 'Eva Editor' },
  ]);
  expect(latestActuals()).toEqual([
    [trainedId, 120],
    [policyId, null],
  ]);

  const projectPage = await publicText(`/projects/${PROJECT}`);
  expect(projectPage).toContain('Indicator values approved with this report');
  expect(projectPage).toContain(COMMENT);
  expect(projectPage).toContain(QUALITATIVE);
  expect(await publicText(`/zh/projects/${PROJECT}`)).toContain('接受碳核算培训的人数');
  const api = JSON.parse((await publicText(`/api/projects/${PROJECT}`)).slice(4)) as {
    progressReports: { indicatorValues: unknown[] }[];
  };
  expect(api.progressReports[0]!.indicatorValues).toEqual([
    {
      indicatorId: trainedId,
      title: 'People trained in carbon accounting',
      unit: 'people',
      actualValue: 120,
      actualDimensions: { female: 70, male: 50 },
      comment: COMMENT,
      evidenceUrl: 'https://example.org/courses.pdf',
    },
    {
      indicatorId: policyId,
      title: 'Provincial guideline adopted',
      unit: null,
      actualValue: null,
      actualDimensions: null,
      comment: QUALITATIVE,
      evidenceUrl: null,
    },
  ]);
});
