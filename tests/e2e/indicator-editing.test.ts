import type Database from 'better-sqlite3';
import { beforeAll, expect, test } from 'vitest';

import {
  type HttpSession,
  createAccount,
  httpSession,
  openWatchedPage,
  readDatabase,
  seededHub,
  signIn,
} from './support';

// The hub team enters a project's indicators, their periods (targets and actuals) and the
// standard indicators by hand (#29, decision 0061): every write audited and versioned, a stale
// save refused with both versions, bad input refused next to its field, others refused.

const hub = seededHub('2026-11-29');
const EDITOR = { email: 'editor@indicators.example', password: 'indicator editor pw' };
const IMPLEMENTER = { email: 'giz@indicators.example', password: 'indicator implementer pw' };
const SLUG = 'clct';
let editor: HttpSession;
let implementer: HttpSession;
let anonymous: HttpSession;

beforeAll(async () => {
  await createAccount(hub.database.path, { ...EDITOR, role: 'editor', name: 'Li Na' });
  await createAccount(hub.database.path, {
    ...IMPLEMENTER,
    role: 'implementer',
    organisationSlug: 'giz',
  });
  editor = await httpSession(hub.server.url, EDITOR);
  implementer = await httpSession(hub.server.url, IMPLEMENTER);
  anonymous = await httpSession(hub.server.url);
});

const inDatabase = <T>(query: (db: Database.Database) => T): T =>
  readDatabase(hub.database.path, query);

async function post(session: HttpSession, path: string, fields: Record<string, string>) {
  const response = await fetch(`${hub.server.url}${path}`, {
    method: 'POST',
    headers: { Cookie: session.cookie },
    body: new URLSearchParams({ ...fields, _csrf: session.csrf }),
    redirect: 'manual',
  });
  return {
    status: response.status,
    location: response.headers.get('location') ?? '',
    html: await response.text(),
  };
}

async function get(session: HttpSession, path: string) {
  const response = await fetch(`${hub.server.url}${path}`, {
    headers: { Cookie: session.cookie },
    redirect: 'manual',
  });
  return {
    status: response.status,
    location: response.headers.get('location') ?? '',
    html: await response.text(),
  };
}

const auditEntries = (entity: string) =>
  inDatabase(
    (db) =>
      db
        .prepare('SELECT action, label, user_name AS actor FROM audit_log WHERE entity = ?')
        .all(entity) as { action: string; label: string; actor: string }[],
  );

/** The error message the page shows next to a field (conform's id: <field>-error … ). */
const errorNextTo = (html: string, field: string) =>
  new RegExp(`id="[^"]*${field.replace('.', '\\.')}[^"]*-error"[^>]*>([^<]+)<`).exec(html)?.[1];

test('an editor adds an indicator, a period with target and actual, edits, meets a 409, deletes', async () => {
  // Adding: the new indicator is the project's, audited, and the editor is sent to its section.
  const added = await post(editor, `/projects/${SLUG}/indicators/new`, {
    title: 'People trained in low-carbon planning',
    titleZh: '接受低碳规划培训的人数',
    measure: 'unit',
    unit: 'people',
    direction: 'ascending',
    disaggregation: 'sex',
    baselineValue: '0',
    baselineYear: '2023',
  });
  expect(added.status).toBe(303);
  expect(added.location).toMatch(
    new RegExp(`^/projects/${SLUG}\\?saved=indicator-\\d+#indicators$`),
  );
  const indicatorId = Number(/indicator-(\d+)/.exec(added.location)![1]);
  const stored = inDatabase((db) =>
    db
      .prepare(
        `SELECT i.title, i.title_zh AS titleZh, i.unit, i.measure, i.is_ascending AS up,
                i.disaggregation, i.baseline_value AS baseline, i.baseline_year AS year, i.version,
                p.slug
           FROM indicators i JOIN projects p ON p.id = i.project_id WHERE i.id = ?`,
      )
      .get(indicatorId),
  );
  expect(stored).toEqual({
    title: 'People trained in low-carbon planning',
    titleZh: '接受低碳规划培训的人数',
    unit: 'people',
    measure: 'unit',
    up: 1,
    disaggregation: 'sex',
    baseline: 0,
    year: 2023,
    version: 1,
    slug: SLUG,
  });
  expect(auditEntries('indicator')).toEqual([
    { action: 'create', label: 'People trained in low-carbon planning', actor: 'Li Na' },
  ]);

  // A period with a target and an actual, split by sex; "1,200" is the number 1200.
  const base = `/projects/${SLUG}/indicators/${indicatorId}`;
  const period = await post(editor, `${base}/periods/new`, {
    periodStart: '2025-01',
    periodEnd: '2025-12',
    targetValue: '1,200',
    'targetDimensions.female': '600',
    'targetDimensions.male': '600',
    actualValue: '840.5',
    'actualDimensions.female': '400',
    actualComment: 'Counted from the attendance lists.',
    evidenceUrl: 'https://example.org/attendance',
    reportedBy: 'GIZ Beijing',
  });
  expect(period.status).toBe(303);
  expect(period.location).toBe(`${base}/edit#periods`);
  const periodRow = () =>
    inDatabase(
      (db) =>
        db
          .prepare(
            `SELECT id, period_start AS start, period_start_precision AS startPrecision,
                    target_value AS target, target_dimensions AS targetBy,
                    actual_value AS actual, actual_dimensions AS actualBy, version
               FROM indicator_periods WHERE indicator_id = ?`,
          )
          .get(indicatorId) as {
          id: number;
          start: string;
          startPrecision: string;
          target: number;
          targetBy: string;
          actual: number;
          actualBy: string;
          version: number;
        },
    );
  expect(periodRow()).toMatchObject({
    start: '2025-01',
    startPrecision: 'month',
    target: 1200,
    actual: 840.5,
    version: 1,
  });
  expect(JSON.parse(periodRow().targetBy)).toEqual({ female: 600, male: 600 });
  expect(JSON.parse(periodRow().actualBy)).toEqual({ female: 400 });
  const periodId = periodRow().id;

  // The edit page lists the period with its target and actual and the links to change it.
  const editPage = await get(editor, `${base}/edit`);
  expect(editPage.status).toBe(200);
  expect(editPage.html).toContain('1,200');
  expect(editPage.html).toContain(`${base}/periods/${periodId}/edit`);

  // Two editors open the period at version 1; the first saves, the second is refused with 409
  // and sees both versions; nothing of the first is lost.
  const first = await post(editor, `${base}/periods/${periodId}/edit`, {
    version: '1',
    periodStart: '2025-01',
    periodEnd: '2025-12',
    targetValue: '1200',
    actualValue: '900',
  });
  expect(first.status).toBe(303);
  const stale = await post(editor, `${base}/periods/${periodId}/edit`, {
    version: '1',
    periodStart: '2025-01',
    periodEnd: '2025-12',
    targetValue: '1200',
    actualValue: '950',
  });
  expect(stale.status).toBe(409);
  expect(stale.html).toContain('Someone else saved this record while you were editing.');
  expect(stale.html).toContain('conflict-table');
  expect(stale.html).toMatch(/Actual value<\/th><td>950<\/td><td>900<\/td>/);
  expect(periodRow()).toMatchObject({ actual: 900, version: 2 });

  // The indicator itself: a stale save is refused too.
  const indicatorEdit = (version: string, title: string) =>
    post(editor, `${base}/edit`, {
      version,
      title,
      measure: 'unit',
      unit: 'people',
      direction: 'ascending',
      disaggregation: 'sex',
    });
  expect((await indicatorEdit('1', 'People trained')).status).toBe(303);
  const staleIndicator = await indicatorEdit('1', 'People trained (all)');
  expect(staleIndicator.status).toBe(409);
  expect(staleIndicator.html).toContain('People trained (all)');

  // The project's history names the new entities and fields.
  const history = await get(anonymous, `/projects/${SLUG}/history`);
  expect(history.html).toContain('indicator period');
  expect(history.html).toContain('Actual value');
  const zhHistory = await get(anonymous, `/zh/projects/${SLUG}/history`);
  expect(zhHistory.html).toContain('实际值');

  // Deleting the period, then the indicator: each through the confirmation page, audited.
  const periodDelete = await get(editor, `${base}/periods/${periodId}/delete`);
  expect(periodDelete.status).toBe(200);
  expect(periodDelete.html).toContain('The indicator and its other periods stay.');
  const deletedPeriod = await post(editor, `${base}/periods/${periodId}/delete`, {
    version: '2',
    confirm: 'yes',
  });
  expect(deletedPeriod.status).toBe(303);
  expect(
    inDatabase((db) =>
      db.prepare('SELECT count(*) AS n FROM indicator_periods WHERE id = ?').get(periodId),
    ),
  ).toEqual({ n: 0 });
  const indicatorDelete = await post(editor, `${base}/delete`, { version: '2', confirm: 'yes' });
  expect(indicatorDelete.status).toBe(303);
  expect(indicatorDelete.location).toMatch(new RegExp(`^/projects/${SLUG}\\?deleted=`));
  expect(
    inDatabase((db) =>
      db.prepare('SELECT count(*) AS n FROM indicators WHERE id = ?').get(indicatorId),
    ),
  ).toEqual({ n: 0 });
  expect(auditEntries('indicator').map((e) => e.action)).toEqual(['create', 'update', 'delete']);
  expect(auditEntries('indicator-period').map((e) => e.action)).toEqual([
    'create',
    'update',
    'delete',
  ]);
  // Gone: its pages are 404.
  expect((await get(editor, `${base}/edit`)).status).toBe(404);
});

test('bad input is refused with 400 and the message next to its field, in the page’s language', async () => {
  const cases: [string, Record<string, string>, string, string][] = [
    [
      'en',
      { title: 'X', measure: 'unit', direction: 'ascending' },
      'unit',
      'A quantity or percentage needs a unit.',
    ],
    [
      'en',
      { title: 'X', measure: 'qualitative', unit: 'people', direction: 'ascending' },
      'unit',
      'Only quantities and percentages have a unit: leave it empty.',
    ],
    [
      'en',
      { title: 'X', measure: 'unit', unit: 'people', direction: 'ascending', baselineValue: 'NaN' },
      'baselineValue',
      'number with a point for decimals',
    ],
    [
      'de',
      { title: 'X', measure: 'unit', unit: 'people', direction: 'ascending', baselineValue: '1,5' },
      'baselineValue',
      'Eine Zahl mit Punkt als Dezimaltrennzeichen',
    ],
    [
      'zh',
      { title: 'X', measure: 'unit', unit: 'ha', direction: 'ascending', standardIndicator: '1' },
      'standardIndicator',
      '该标准指标使用其他单位',
    ],
  ];
  const before = auditEntries('indicator').length;
  for (const [lang, fields, field, message] of cases) {
    const prefix = lang === 'en' ? '' : `/${lang}`;
    const response = await post(editor, `${prefix}/projects/${SLUG}/indicators/new`, fields);
    expect(response.status, JSON.stringify(fields)).toBe(400);
    expect(errorNextTo(response.html, field), JSON.stringify(fields)).toContain(message);
  }
  // SI 1's unit is what the seed says; linking an indicator in that unit is fine.
  const si1 = inDatabase(
    (db) =>
      db.prepare('SELECT id, unit FROM standard_indicators WHERE id = 1').get() as {
        id: number;
        unit: string | null;
      },
  );
  expect(si1.unit).not.toBe('ha');
  expect(auditEntries('indicator').length).toBe(before);

  // A period: the end before the start, a value per group the indicator is not split by.
  const added = await post(editor, `/projects/${SLUG}/indicators/new`, {
    title: 'Emissions avoided',
    measure: 'unit',
    unit: 'tCO2e',
    direction: 'ascending',
  });
  const base = `/projects/${SLUG}/indicators/${/indicator-(\d+)/.exec(added.location)![1]}`;
  const backwards = await post(editor, `${base}/periods/new`, {
    periodStart: '2026',
    periodEnd: '2025',
  });
  expect(backwards.status).toBe(400);
  expect(errorNextTo(backwards.html, 'periodEnd')).toContain(
    'The end cannot lie before the start.',
  );
  const split = await post(editor, `${base}/periods/new`, {
    periodStart: '2025',
    periodEnd: '2025',
    'targetDimensions.female': '10',
  });
  expect(split.status).toBe(400);
  expect(split.html).toContain('The indicator is not split this way.');
  const infinite = await post(editor, `${base}/periods/new`, {
    periodStart: '2025',
    periodEnd: '2025',
    targetValue: 'Infinity',
  });
  expect(infinite.status).toBe(400);
  expect(errorNextTo(infinite.html, 'targetValue')).toContain('number with a point for decimals');
  expect(
    inDatabase((db) => db.prepare('SELECT count(*) AS n FROM indicator_periods').get()),
  ).toEqual({ n: 0 });
});

test('implementers and signed-out visitors may not edit indicators', async () => {
  const added = await post(editor, `/projects/${SLUG}/indicators/new`, {
    title: 'Policies drafted',
    measure: 'qualitative',
    direction: 'ascending',
  });
  expect(added.status).toBe(303);
  const base = `/projects/${SLUG}/indicators/${/indicator-(\d+)/.exec(added.location)![1]}`;
  const paths = [
    `/projects/${SLUG}/indicators/new`,
    `${base}/edit`,
    `${base}/delete`,
    `${base}/periods/new`,
    '/indicators/standard/new',
    '/indicators/standard/1/edit',
  ];
  for (const path of paths) {
    expect((await get(implementer, path)).status, path).toBe(403);
    expect((await post(implementer, path, { title: 'X', version: '1' })).status, path).toBe(403);
    const page = await get(anonymous, path);
    expect(page.status, path).toBe(302);
    expect(page.location, path).toMatch(/^\/login\?next=/);
    expect((await post(anonymous, path, { title: 'X', version: '1' })).status, path).toBe(401);
  }
  // The public list of standard indicators is for everyone, without the edit links.
  const list = await get(anonymous, '/indicators/standard');
  expect(list.status).toBe(200);
  expect(list.html).toContain('SI 1');
  expect(list.html).not.toContain('/indicators/standard/new');
  expect((await get(editor, '/indicators/standard')).html).toContain('/indicators/standard/new');
});

test('the hub team edits a standard indicator; a stale save is a 409; codes are unique', async () => {
  const version = () =>
    inDatabase(
      (db) =>
        db.prepare('SELECT version, code FROM standard_indicators WHERE id = 2').get() as {
          version: number;
          code: string;
        },
    );
  const { version: v, code } = version();
  const taken = await post(editor, '/indicators/standard/2/edit', {
    version: String(v),
    code: 'si 1',
    title: 'Renamed',
  });
  expect(taken.status).toBe(400);
  expect(errorNextTo(taken.html, 'code')).toContain('Another standard indicator has this code.');
  const saved = await post(editor, '/indicators/standard/2/edit', {
    version: String(v),
    code,
    title: 'Renamed standard indicator',
    sourceUrl: 'https://example.org/standard',
  });
  expect(saved.status).toBe(303);
  const stale = await post(editor, '/indicators/standard/2/edit', {
    version: String(v),
    code,
    title: 'Renamed again',
  });
  expect(stale.status).toBe(409);
  expect(version().version).toBe(v + 1);
  expect(auditEntries('standard-indicator').map((e) => e.action)).toEqual(['update']);
  const list = await get(anonymous, '/de/indicators/standard');
  expect(list.html).toContain('Renamed standard indicator');
  expect(list.html).toContain('https://example.org/standard');
});

test('the forms render in Chinese, and an editor adds an indicator in the browser', async () => {
  const { page, watch } = await openWatchedPage(hub.browser.context);
  await signIn(page, hub.server.url, EDITOR.email, EDITOR.password);
  const response = await page.goto(`${hub.server.url}/zh/projects/${SLUG}/indicators/new`);
  expect(response!.status()).toBe(200);
  await expect(page.locator('h1').textContent()).resolves.toBe('添加指标');
  await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-Hans');
  await page.getByLabel('标题（英文）').fill('Buses converted');
  await page.getByLabel('单位', { exact: true }).selectOption('km');
  await Promise.all([
    page.waitForURL((url) => url.pathname === `/zh/projects/${SLUG}`),
    page.getByRole('button', { name: '添加指标' }).click(),
  ]);
  expect(
    inDatabase((db) =>
      db.prepare("SELECT unit, measure FROM indicators WHERE title = 'Buses converted'").get(),
    ),
  ).toEqual({ unit: 'km', measure: 'unit' });
  const list = await page.goto(`${hub.server.url}/zh/indicators/standard`);
  expect(list!.status()).toBe(200);
  await expect(page.locator('h1').textContent()).resolves.toBe('标准指标');
  expect(watch.consoleErrors).toEqual([]);
  await page.close();
});

test('every indicator page renders in zh and de with no missing translation key', async () => {
  const added = await post(editor, `/projects/${SLUG}/indicators/new`, {
    title: 'Women trained',
    measure: 'unit',
    unit: 'people',
    direction: 'ascending',
    disaggregation: 'sex',
  });
  const base = `/projects/${SLUG}/indicators/${/indicator-(\d+)/.exec(added.location)![1]}`;
  const period = await post(editor, `${base}/periods/new`, {
    periodStart: '2024',
    periodEnd: '2024',
    targetValue: '30',
  });
  expect(period.status).toBe(303);
  const periodId = inDatabase(
    (db) =>
      (
        db
          .prepare('SELECT max(id) AS id FROM indicator_periods WHERE period_start = ?')
          .get('2024') as { id: number }
      ).id,
  );
  const paths = [
    `/projects/${SLUG}/indicators/new`,
    `${base}/edit`,
    `${base}/delete`,
    `${base}/periods/new`,
    `${base}/periods/${periodId}/edit`,
    `${base}/periods/${periodId}/delete`,
    '/indicators/standard',
    '/indicators/standard/new',
    '/indicators/standard/1/edit',
    `/projects/${SLUG}/delete`,
    `/projects/${SLUG}/history`,
  ];
  for (const lang of ['zh', 'de']) {
    for (const path of paths) {
      const page = await get(editor, `/${lang}${path}`);
      expect(page.status, `${lang}${path}`).toBe(200);
      expect(page.html, `${lang}${path}`).toContain(`lang="${lang === 'zh' ? 'zh-Hans' : 'de'}"`);
    }
  }
  expect(hub.server.output()).not.toContain('[i18n] missing key');
});
