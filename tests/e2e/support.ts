// The browser tests share the server and Chromium harness with the measuring scripts.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';

import { AxeBuilder } from '@axe-core/playwright';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';

import { openDatabase } from '../../db/client.server';
import { createUser } from '../../app/core/auth/users.server';
import { createMilestone } from '../../app/features/milestones/milestone-writes.server';
import { addProgressUpdate } from '../../app/features/milestones/progress-update-writes.server';
import {
  createIndicator,
  createIndicatorPeriod,
} from '../../app/features/indicators/indicator-writes.server';
import { getRecordRef } from '../../app/core/records.server';
import { afterAll, beforeAll } from 'vitest';

import {
  type TestBrowser,
  type TestServer,
  createSeededDatabase,
  launchBrowser,
  startServer,
} from '../../scripts/harness';

export * from '../../scripts/harness';

/** Reads a hub's SQLite file directly, read-only, as an auditor would (never through the app's code). */
export function readDatabase<T>(path: string, query: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true });
  try {
    return query(db);
  } finally {
    db.close();
  }
}

/** A seed file, parsed: tests compute expected values from these, never from the code. */
export function readSeed<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../db/seed/${name}`, import.meta.url), 'utf8')) as T;
}

export interface SeededHub {
  database: { path: string; dir: string };
  server: TestServer;
  browser: TestBrowser;
}

/**
 * One test file's hub: the real portfolio in a fresh file, the production server, Chromium.
 * `prepare` changes the file before the server starts (as an importer or an editor would have).
 */
export function seededHub(
  hubToday = '2026-11-29',
  prepare?: (db: Database.Database) => void,
): SeededHub {
  const hub = {} as SeededHub;
  beforeAll(async () => {
    hub.database = createSeededDatabase();
    if (prepare) {
      const db = new Database(hub.database.path);
      try {
        prepare(db);
      } finally {
        db.close();
      }
    }
    hub.server = await startServer({ databaseUrl: hub.database.path, hubToday });
    hub.browser = await launchBrowser();
  });
  afterAll(async () => {
    await hub.browser?.close();
    await hub.server?.stop();
    if (hub.database) rmSync(hub.database.dir, { recursive: true, force: true });
  });
  return hub;
}

/** axe-core's violations on the page as "rule: targets" lines (empty when accessible). */
export async function axeViolations(page: Page): Promise<string[]> {
  // Legacy mode runs axe.run() inside the page. The default runs each frame apart and merges the
  // results in a new blank page per call, which only matters for cross-origin frames: the hub
  // has none. Every rule still runs; `resultTypes` only stops axe from listing every node that
  // passed. Together they make a check about four times faster.
  const { violations } = await new AxeBuilder({ page })
    .setLegacyMode()
    .options({ resultTypes: ['violations'] })
    .analyze();
  return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Every project title the list shows for its filter, following "Next" through all pages. */
export async function allListedTitles(page: Page): Promise<string[]> {
  const titles: string[] = [];
  for (let current = 1; current < 50; current++) {
    titles.push(...(await page.locator('tbody th a').allTextContents()));
    const next = page.getByRole('link', { name: 'Next →' });
    if ((await next.count()) === 0) break;
    await next.click();
    await page
      .locator('.pagination [aria-current="page"]', { hasText: String(current + 1) })
      .waitFor();
  }
  return titles;
}

/** An account in a test hub's database (created straight in the file, as `user:create` does). */
export async function createAccount(
  databasePath: string,
  account: {
    email: string;
    password: string;
    role: 'admin' | 'editor' | 'implementer' | 'viewer';
    name?: string;
    organisationSlug?: string;
  },
): Promise<void> {
  const db = openDatabase(databasePath);
  try {
    await createUser(
      { name: account.email.split('@')[0]!, ...account },
      { at: new Date().toISOString(), actor: { id: null, name: 'user:create (command line)' } },
      db,
    );
  } finally {
    db.$client.close();
  }
}

/** Signs a browser context in through the sign-in form. */
export async function signIn(page: Page, baseUrl: string, email: string, password: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.endsWith('/login')),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
}

/** A cookie jar for plain HTTP requests: the CSRF cookie and token, and a session if signed in. */
export interface HttpSession {
  cookie: string;
  csrf: string;
}

function readCookies(response: Response, jar: Map<string, string>) {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const [name, value] = pair!.split('=') as [string, string];
    if (value) jar.set(name, value);
    else jar.delete(name);
  }
}

/** The signed-out CSRF cookie: `__Host-hub_csrf` where cookies are Secure (production). */
export const CSRF_COOKIE_NAMES = ['__Host-hub_csrf', 'hub_csrf'];

/** The CSRF token a page's forms carry (signed in, it is bound to the session). */
export async function pageCsrfToken(url: string, cookie: string): Promise<string> {
  const html = await (await fetch(url, { headers: { Cookie: cookie } })).text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error(`No CSRF field on ${url}`);
  return token;
}

/** Gets a CSRF token (and, with credentials, a session) the way a browser would. */
export async function httpSession(
  baseUrl: string,
  credentials?: { email: string; password: string },
): Promise<HttpSession> {
  const jar = new Map<string, string>();
  const page = await fetch(`${baseUrl}/login`);
  readCookies(page, jar);
  let csrf = CSRF_COOKIE_NAMES.map((name) => jar.get(name)).find(Boolean)!;
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  if (credentials) {
    const response = await fetch(`${baseUrl}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Cookie: cookie() },
      body: new URLSearchParams({ ...credentials, _csrf: csrf }),
    });
    if (response.status !== 303) throw new Error(`Sign-in failed: ${response.status}`);
    readCookies(response, jar);
    // Signed in, forms carry the session's own token, as its pages show it.
    csrf = await pageCsrfToken(`${baseUrl}/account`, cookie());
  }
  return { cookie: cookie(), csrf };
}

/**
 * Each table's content as "rows:sha256" (rows sorted), so two states of a database can be
 * compared and a difference named by table. `upTo` keeps only rows with id ≤ that, per table;
 * `where` only the rows matching an SQL condition, per table.
 */
export function contentHashes(
  db: Database.Database,
  {
    except = [],
    upTo = {},
    where = {},
  }: {
    except?: Iterable<string>;
    upTo?: Record<string, number>;
    where?: Record<string, string>;
  } = {},
): Record<string, string> {
  const skip = new Set(except);
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    tables
      .filter((t) => !skip.has(t))
      .map((t) => {
        const conditions = [
          ...(t in upTo ? [`id <= ${upTo[t]}`] : []),
          ...(t in where ? [`(${where[t]})`] : []),
        ];
        const rows = db
          .prepare(
            `SELECT * FROM "${t}"${conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''}`,
          )
          .all()
          .map((r) => JSON.stringify(r))
          .sort();
        return [t, `${rows.length}:${createHash('sha256').update(rows.join('\n')).digest('hex')}`];
      }),
  );
}

/**
 * Saves a project's title through its edit form over HTTP, as a browser would post it (the
 * form's required fields as stored, the new title); answers the response.
 */
export function saveProjectTitle(
  baseUrl: string,
  databasePath: string,
  session: HttpSession,
  slug: string,
  title: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  const row = readDatabase(
    databasePath,
    (db) =>
      db.prepare('SELECT type, programme, version FROM projects WHERE slug = ?').get(slug) as {
        type: string;
        programme: string;
        version: number;
      },
  );
  return fetch(`${baseUrl}/projects/${slug}/edit`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Cookie: session.cookie, ...headers },
    body: new URLSearchParams({
      _csrf: session.csrf,
      title,
      type: row.type,
      programme: row.programme,
      version: String(row.version),
    }),
  });
}

/**
 * A hand-entered milestone on a project, with one progress update ("in progress", 10 %), written
 * straight into the file by "Setup" (no account, like the command line). Returns both ids.
 */
export function addMilestoneWithUpdate(
  path: string,
  projectSlug: string,
  title: string,
): { milestoneId: number; updateId: number } {
  const db = openDatabase(path);
  try {
    const setup = { id: null, name: 'Setup' };
    const project = getRecordRef('project', projectSlug, db)!;
    const { id } = createMilestone(
      project.id,
      { title, kind: 'deliverable', responsibleOrganisationId: null },
      { at: '2026-11-01T00:00:00.000Z', by: 'Setup', actor: setup },
      db,
    );
    addProgressUpdate(
      id,
      { version: 1, status: 'in-progress', progress: 10, recordedBy: 'Setup' },
      { at: '2026-11-02T00:00:00.000Z', actor: setup },
      db,
    );
    const update = db.$client
      .prepare('SELECT id FROM progress_updates WHERE milestone_id = ? ORDER BY id DESC')
      .get(id) as { id: number };
    return { milestoneId: id, updateId: update.id };
  } finally {
    db.$client.close();
  }
}

/**
 * One hand-entered indicator (people, higher is better) with one period (2025, target 100) on a
 * project, written as the hub team would; its audit entries are labelled by `title`.
 */
export function addIndicatorWithPeriod(
  path: string,
  projectSlug: string,
  title: string,
): { indicatorId: number; periodId: number } {
  const db = openDatabase(path);
  try {
    const who = { at: '2026-11-01T00:00:00.000Z', actor: { id: null, name: 'Setup' } };
    const project = getRecordRef('project', projectSlug, db)!;
    const { id } = createIndicator(
      project.id,
      {
        title,
        titleZh: null,
        titleDe: null,
        description: null,
        unit: 'people',
        measure: 'unit',
        isAscending: true,
        standardIndicatorId: null,
        disaggregation: 'sex',
        resultType: null,
        resultTitle: null,
        baselineValue: null,
        baselineYear: null,
        baselineDate: null,
        baselineComment: null,
        position: 0,
      },
      who,
      db,
    );
    const period = createIndicatorPeriod(
      id,
      {
        periodStart: '2025',
        periodStartPrecision: 'year',
        periodEnd: '2025',
        periodEndPrecision: 'year',
        targetValue: 100,
        targetComment: null,
        targetDimensions: null,
        actualValue: null,
        actualComment: null,
        actualDimensions: null,
        evidenceUrl: null,
        reportedBy: null,
      },
      who,
      db,
    );
    return { indicatorId: id, periodId: period.id };
  } finally {
    db.$client.close();
  }
}
