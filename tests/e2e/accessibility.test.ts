import { readFileSync } from 'node:fs';

import type Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { beforeAll, expect, test } from 'vitest';

import routes from '../../app/routes';
import { openDatabase } from '../../db/client.server';
import { documentProjects } from '../../db/schema';
import { insertDocument, insertKnowledgeEntry } from '../../db/test-factories';
import { createMilestone } from '../../app/features/milestones/milestone-writes.server';
import { addProgressUpdate } from '../../app/features/milestones/progress-update-writes.server';
import { getRecordRef } from '../../app/core/records.server';
import { insertReport, insertRound } from '../../app/features/reporting/report-factories.server';
import { changeRoundState, createRound } from '../../app/features/reporting/round-writes.server';
import {
  axeViolations,
  createAccount,
  httpSession,
  openWatchedPage,
  readSeed,
  seededHub,
  signIn,
  waitForMaps,
  readDatabase,
  addIndicatorWithPeriod,
} from './support';

// Accessibility across the whole hub: every page route of app/routes.ts, in English and Chinese,
// signed out or (for the forms) as an admin, passes axe-core with its client widgets drawn; and
// the main flows work with the keyboard alone, with the focus always visible.

const hub = seededHub('2026-11-29');
const ADMIN = { email: 'admin@a11y.example', password: 'accessible admin pw', name: 'A11y Admin' };
const EDITOR = { email: 'editor@a11y.example', password: 'accessible editor pw' };

interface SeedProject {
  id: string;
  title: string;
  placeIds: string[];
  chinaProvinces: string[];
  scope: string;
  countries: string[];
}
const SEED = readSeed<{
  projects: SeedProject[];
  events: { id: string; title: string }[];
  organisations: { id: string; kind: string }[];
}>('iki-china-projects.json');
const TOPICS = readSeed<{
  topics: { slug: string; en: string }[];
  tags: { projectId: string; topic: string }[];
}>('topic-tags.json');

// The project the keyboard walk opens from the map's list, and the milestone whose log it reads.
const mappedProjects = SEED.projects.filter(
  (p) =>
    p.placeIds.length > 0 ||
    p.chinaProvinces.length > 0 ||
    p.scope.startsWith('national') ||
    p.countries.some((c) => !c.startsWith('China')),
);
const PROJECT = mappedProjects.find((p) => p.id === 'clct') ?? mappedProjects[0]!;
// The project whose form is sent with errors and in conflict (it gains history; PROJECT must not).
const EDITED = SEED.projects.find((p) => p.id !== PROJECT.id)!.id;
const EVENT = SEED.events[0]!.id;
/** The event of the seed's first session (db/seed/event-sessions.json, numbered in file order). */
const SESSION_EVENT = readSeed<{ sessions: { eventId: string }[] }>('event-sessions.json')
  .sessions[0]!.eventId;
const ORGANISATION = 'giz';
const MINISTRY = SEED.organisations.find((o) => o.kind === 'german-ministry')!.id;
// One of that project's topics: the walk filters the list by it from the facet.
const TOPIC = TOPICS.tags.find((t) => t.projectId === PROJECT.id)!.topic;
const MILESTONE = {
  title: 'Keyboard walk pilot report',
  createdBy: 'Hub team',
  updates: [
    { status: 'in-progress', progress: 40, recordedBy: 'Wang Fang (GIZ)', comment: 'Draft sent' },
    { status: 'delayed', progress: 60, recordedBy: 'Jonas Weber (GIZ)', comment: 'Review late' },
  ],
} as const;
const fixture = { milestone: 0, update: 0, indicator: 0, period: 0, document: 0 };
const ROUND_TITLE = 'Accessible round 2026';
const ROUND = 'accessible-round-2026';

beforeAll(async () => {
  await createAccount(hub.database.path, { ...ADMIN, role: 'admin' });
  await createAccount(hub.database.path, { ...EDITOR, role: 'editor' });
  // A hand-entered milestone with two progress updates, written as the app writes them.
  const db = openDatabase(hub.database.path);
  try {
    const project = getRecordRef('project', PROJECT.id, db)!;
    // A linked document of the project (its documents section, the documents pages).
    fixture.document = insertDocument(db, {
      title: 'Accessible report',
      language: 'zh',
      category: 'B01',
      documentDate: '2026-03',
      documentDatePrecision: 'month',
    }).id;
    db.insert(documentProjects)
      .values({ documentId: fixture.document, projectId: project.id })
      .run();
    fixture.milestone = createMilestone(
      project.id,
      { title: MILESTONE.title, kind: 'deliverable', responsibleOrganisationId: null },
      {
        at: '2026-10-01T09:00:00.000Z',
        by: MILESTONE.createdBy,
        actor: { id: null, name: MILESTONE.createdBy },
      },
      db,
    ).id;
    MILESTONE.updates.forEach((update, i) => {
      const result = addProgressUpdate(
        fixture.milestone,
        { version: i + 1, ...update },
        { at: `2026-11-0${i + 2}T09:00:00.000Z`, actor: { id: null, name: update.recordedBy } },
        db,
      );
      if (!result.ok) throw new Error(`fixture update ${i}: ${result.reason}`);
    });
    // An open reporting round: the project's report to fill in, another project's to review.
    const round = insertRound(db, { slug: 'a11y-round', title: 'Accessible round' });
    insertReport(db, { roundId: round.id, projectId: project.id });
    insertReport(db, {
      roundId: round.id,
      projectId: getRecordRef('project', EDITED, db)!.id,
      state: 'submitted',
      language: 'zh',
      texts: { zh: { achievements: '完成了试点。' }, en: { achievements: 'Finished the pilot.' } },
    });
    // A published challenge about the project, with a pending answer (the moderation queue).
    const challenge = insertKnowledgeEntry(db, {
      slug: 'a11y-challenge',
      kind: 'challenge',
      title: 'How do we keep a pilot going after the project ends?',
      summary: 'Open question from the workshop.',
    });
    db.$client
      .prepare('INSERT INTO knowledge_entry_projects (entry_id, project_id) VALUES (?, ?)')
      .run(challenge.id, project.id);
    db.$client
      .prepare(
        `INSERT INTO knowledge_answers (entry_id, body, language, author_name, created_at)
         VALUES (?, 'Hand it to the city early.', 'en', 'A reader', '2026-11-02T09:00:00.000Z')`,
      )
      .run(challenge.id);
    fixture.update = (
      db.$client
        .prepare('SELECT max(id) AS id FROM progress_updates WHERE milestone_id = ?')
        .get(fixture.milestone) as { id: number }
    ).id;
    // An open reporting round over the portfolio (its board, form and projects pages).
    const who = { at: '2026-11-01T09:00:00.000Z', actor: { id: null, name: 'Hub team' } };
    const portfolioRound = createRound(
      {
        title: ROUND_TITLE,
        titleZh: null,
        titleDe: null,
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
        dueOn: '2026-12-15',
        eventId: null,
      },
      // Not the keyboard walk's project: a project's history lists the reports asked of it.
      (
        db.$client.prepare('SELECT id FROM projects WHERE slug <> ?').all(PROJECT.id) as {
          id: number;
        }[]
      ).map((p) => p.id),
      who,
      db,
    );
    changeRoundState(portfolioRound.id, 1, 'open', who, db);
    // Knowledge entries: a published challenge in Chinese (read in English: marked untranslated),
    // and one waiting for review.
    insertKnowledgeEntry(db, {
      slug: 'a11y-entry',
      kind: 'challenge',
      language: 'zh',
      title: '如何让妇女留在合作社理事会',
      summary: '会议时间与农忙冲突。',
    });
    insertKnowledgeEntry(db, { slug: 'a11y-review', state: 'in-review', title: 'Waiting entry' });
  } finally {
    db.$client.close();
  }
  // An indicator with one period on the project whose forms are sent with errors.
  const { indicatorId, periodId } = addIndicatorWithPeriod(
    hub.database.path,
    EDITED,
    'People trained',
  );
  fixture.indicator = indicatorId;
  fixture.period = periodId;
});

// ── Every page route ───────────────────────────────────────────────────────────────────────────

interface RouteEntry {
  path?: string;
  index?: boolean;
  file: string;
  children?: RouteEntry[];
}

const APP = new URL('../../app/', import.meta.url);
const LANG_PREFIX = /^(zh|de)(\/|$)/;

/** Every route of app/routes.ts with its full path; a page is a module with a default export. */
function pageRoutes(): { lang: string; pattern: string; file: string }[] {
  const flat = (entries: RouteEntry[], parent = ''): { path: string; file: string }[] =>
    entries.flatMap((e) => {
      const path = [parent, e.path ?? ''].filter(Boolean).join('/');
      return [{ path, file: e.file }, ...flat(e.children ?? [], path)];
    });
  return flat(routes as RouteEntry[])
    .filter(({ file }) => /^export default\b/m.test(readFileSync(new URL(file, APP), 'utf8')))
    .map(({ path, file }) => ({
      lang: LANG_PREFIX.exec(path)?.[1] ?? 'en',
      pattern: path.replace(LANG_PREFIX, ''),
      file,
    }));
}

type Role = 'reader' | 'admin';
interface Sample {
  /** The English URL; the Chinese one is the same under /zh. */
  url: string;
  as?: Role;
  status?: number;
  /** What a user does on the page before it is checked (e.g. sends a form with a bad value). */
  act?: (page: Page) => Promise<void>;
  /** What shows that the page is in the state it is sampled for. */
  shows?: string;
}

/**
 * A URL for every page route (by its path without the language), each in the state a user meets
 * that the other browser tests do not already check: filters and facets applied, a province
 * selected, the review grouped, a timeline zoom, charts drawn, forms refused with 400 and 409.
 */
function samples(): Record<string, Sample[]> {
  const project = `/projects/${PROJECT.id}`;
  const milestone = `${project}/milestones/${fixture.milestone}`;
  const update = `${milestone}/updates/${fixture.update}`;
  const indicator = `/projects/${EDITED}/indicators/${fixture.indicator}`;
  const admin = (url: string, more: Partial<Sample> = {}): Sample => ({
    url,
    as: 'admin',
    ...more,
  });
  return {
    '': [{ url: '/' }],
    projects: [
      {
        url: `/projects?topic=${TOPIC}&type=bilateral&from=soon&sort=funding&dir=desc`,
        shows: '.chips, .facet__option.is-on, .filter-panel .notice',
      },
    ],
    'projects/new': [admin('/projects/new')],
    // Signed in, the page adds its edit links and the milestone's progress log.
    'projects/:slug': [admin(project)],
    'projects/:slug/edit': [
      admin(`/projects/${EDITED}/edit`),
      admin(`/projects/${EDITED}/edit`, { status: 400, act: sendWithBadDate }),
      admin(`/projects/${EDITED}/edit`, { status: 409, act: sendAfterAnotherEdit }),
    ],
    'projects/:slug/links': [admin(`${project}/links`)],
    'reporting/:round/:project': [
      admin(`/reporting/a11y-round/${PROJECT.id}`),
      admin(`/reporting/a11y-round/${PROJECT.id}`, { status: 400, act: sendAchievedWithoutDate }),
    ],
    'reporting/:round/:project/review': [admin(`/reporting/a11y-round/${EDITED}/review`)],
    'projects/:slug/history': [{ url: `${project}/history` }],
    'projects/:slug/delete': [admin(`${project}/delete`)],
    'projects/:slug/milestones/new': [admin(`${project}/milestones/new`)],
    'projects/:slug/milestones/:milestoneId/update': [admin(`${milestone}/update`)],
    'projects/:slug/milestones/:milestoneId/edit': [admin(`${milestone}/edit`)],
    'projects/:slug/milestones/:milestoneId/delete': [admin(`${milestone}/delete`)],
    'projects/:slug/milestones/:milestoneId/updates/:updateId/edit': [admin(`${update}/edit`)],
    'projects/:slug/milestones/:milestoneId/updates/:updateId/delete': [admin(`${update}/delete`)],
    'projects/:slug/indicators/new': [admin(`/projects/${EDITED}/indicators/new`)],
    'projects/:slug/indicators/:indicatorId/edit': [admin(`${indicator}/edit`)],
    'projects/:slug/indicators/:indicatorId/delete': [admin(`${indicator}/delete`)],
    'projects/:slug/indicators/:indicatorId/periods/new': [
      admin(`${indicator}/periods/new`),
      admin(`${indicator}/periods/new`, { status: 400, act: sendWithBadNumber }),
    ],
    'projects/:slug/indicators/:indicatorId/periods/:periodId/edit': [
      admin(`${indicator}/periods/${fixture.period}/edit`),
    ],
    'projects/:slug/indicators/:indicatorId/periods/:periodId/delete': [
      admin(`${indicator}/periods/${fixture.period}/delete`),
    ],
    'indicators/standard': [{ url: '/indicators/standard' }, admin('/indicators/standard')],
    'indicators/standard/new': [admin('/indicators/standard/new')],
    'indicators/standard/:id/edit': [admin('/indicators/standard/1/edit')],
    map: [
      {
        url: '/map?sel=CN-JS&shade=funding&layers=projects,events',
        shows: '.map-selected li a, .leaflet-marker-pane :is(.map-marker--event,.map-cluster)',
      },
    ],
    search: [{ url: '/search?q=transport' }],
    milestones: [
      {
        url: '/milestones?group=not-reported&sort=project&dir=desc',
        shows: '[data-group="not-reported"]',
      },
      { url: '/milestones?by=topic&type=bilateral', shows: '.review-section[data-section]' },
    ],
    timeline: [
      {
        url: '/timeline?zoom=year&at=2024&group=province',
        shows: '.timeline-window a, .timeline__group[data-group^="CN-"]',
      },
    ],
    dashboard: [{ url: `/dashboard?topic=${TOPIC}`, shows: '.chips' }],
    organisations: [{ url: '/organisations' }],
    'organisations/network': [{ url: '/organisations/network' }],
    'organisations/new': [admin('/organisations/new')],
    'organisations/:slug': [{ url: `/organisations/${ORGANISATION}` }],
    'organisations/:slug/edit': [admin(`/organisations/${ORGANISATION}/edit`)],
    'organisations/:slug/history': [{ url: `/organisations/${ORGANISATION}/history` }],
    'organisations/:slug/delete': [admin(`/organisations/${ORGANISATION}/delete`)],
    'organisations/:slug/brief': [{ url: `/organisations/${MINISTRY}/brief` }],
    events: [{ url: '/events?type=workshop&year=2024' }],
    'events/new': [admin('/events/new')],
    'events/:slug': [{ url: `/events/${EVENT}` }],
    'events/:slug/edit': [admin(`/events/${EVENT}/edit`)],
    'events/:slug/history': [{ url: `/events/${EVENT}/history` }],
    'events/:slug/delete': [admin(`/events/${EVENT}/delete`)],
    documents: [{ url: '/documents?category=B01' }, admin('/documents')],
    'documents/new': [admin('/documents/new')],
    'documents/:id': [{ url: `/documents/${fixture.document}` }],
    'documents/:id/edit': [admin(`/documents/${fixture.document}/edit`)],
    'documents/:id/delete': [admin(`/documents/${fixture.document}/delete`)],
    knowledge: [{ url: '/knowledge?kind=challenge', shows: '.knowledge-list li' }],
    'knowledge/answers': [admin('/knowledge/answers')],
    'knowledge/:slug/answers': [admin('/knowledge/a11y-challenge/answers')],
    'knowledge/:slug/resolve': [admin('/knowledge/a11y-challenge/resolve')],
    'events/:slug/sessions/new': [admin(`/events/${SESSION_EVENT}/sessions/new`)],
    'events/:slug/sessions/:sessionId/edit': [admin(`/events/${SESSION_EVENT}/sessions/1/edit`)],
    'events/:slug/sessions/:sessionId/delete': [
      admin(`/events/${SESSION_EVENT}/sessions/1/delete`),
    ],
    topics: [{ url: '/topics' }],
    'topics/:slug': [
      { url: `/topics/${TOPIC}` },
      // A topic's space with its open-space session, signed in (the documents, the invitation).
      admin('/topics/gender'),
    ],
    login: [{ url: '/login', status: 400, act: signInWrongly }],
    account: [admin('/account')],
    'admin/audit': [admin('/admin/audit?entity=milestone')],
    'admin/outbox': [admin('/admin/outbox')],
    // A link that is not one of the hub's: the page says what to do (the valid one: mail.test.ts).
    'reporting/unsubscribe': [{ url: '/reporting/unsubscribe?token=1.abc', status: 400 }],
    import: [admin('/import')],
    // The changes page for a filter, and refusing a malformed date next to its field.
    changes: [
      { url: `/changes?topic=${TOPIC}&since=2026-01-01` },
      { url: '/changes?since=1.1.2026', status: 400, shows: '#since-error' },
    ],
    reporting: [admin('/reporting')],
    'reporting/new': [admin('/reporting/new')],
    'reporting/:round': [
      admin(`/reporting/${ROUND}`),
      admin(`/reporting/${ROUND}?state=finished`, { status: 400 }),
    ],
    'reporting/:round/edit': [admin(`/reporting/${ROUND}/edit`)],
    // The workshop pack's print view: a round's, a period's in English beside Chinese, and a
    // language it does not speak refused next to its field.
    'reporting/:round/report': [admin(`/reporting/${ROUND}/report`)],
    report: [
      { url: '/report?lang=en%2Bzh&start=2024-01-01&end=2026-12-31' },
      { url: '/report?lang=fr', status: 400, shows: '#pack-lang-error' },
    ],
    'reporting/:round/projects': [admin(`/reporting/${ROUND}/projects`)],
    'knowledge/new': [admin('/knowledge/new'), admin('/knowledge/new?kind=challenge')],
    'knowledge/drafts': [admin('/knowledge/drafts')],
    'knowledge/:slug': [{ url: '/knowledge/a11y-entry' }, admin('/knowledge/a11y-review')],
    'knowledge/:slug/edit': [admin('/knowledge/a11y-entry/edit')],
    'knowledge/:slug/review': [admin('/knowledge/a11y-review/review')],
    'knowledge/:slug/history': [{ url: '/knowledge/a11y-entry/history' }],
    'knowledge/:slug/delete': [admin('/knowledge/a11y-entry/delete')],
    // A page that does not exist, and a record that does not.
    '*': [
      { url: '/no-such-page', status: 404 },
      { url: '/events/no-such-event', status: 404 },
    ],
  };
}

/** Submits the page's entry form as a browser without JavaScript would: no client-side checks. */
async function submitNatively(page: Page, expected: number) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page
      .locator('form.entry-form, main form[method="post"]')
      .first()
      .evaluate((form) => {
        HTMLFormElement.prototype.submit.call(form);
      }),
  ]);
  expect(response.status()).toBe(expected);
  await page.waitForLoadState('load');
}

/** A period whose target is written the German way (a decimal comma): refused next to it. */
async function sendWithBadNumber(page: Page) {
  await page.locator('input[name="periodStart"]').fill('2026');
  await page.locator('input[name="periodEnd"]').fill('2026');
  await page.locator('input[name="targetValue"]').fill('1,5');
  await submitNatively(page, 400);
  await page.locator('.form-field__error').first().waitFor();
}

async function sendWithBadDate(page: Page) {
  await page.locator('input[name="startDate"]').fill('2024-13');
  await submitNatively(page, 400);
  await page.locator('.form-field__error').first().waitFor();
}

/** Another editor saves the project between opening the form and sending it: 409. */
async function sendAfterAnotherEdit(page: Page) {
  const session = await httpSession(hub.server.url, EDITOR);
  const row = inDatabase(
    (db) =>
      db
        .prepare('SELECT title, type, programme, version FROM projects WHERE slug = ?')
        .get(EDITED) as { title: string; type: string; programme: string; version: number },
  );
  const response = await fetch(`${hub.server.url}/projects/${EDITED}/edit`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Cookie: session.cookie },
    body: new URLSearchParams({
      _csrf: session.csrf,
      title: `${row.title} (v${row.version + 1})`,
      type: row.type,
      programme: row.programme,
      version: String(row.version),
    }),
  });
  expect(response.status).toBe(303);
  await submitNatively(page, 409);
  await page.locator('.conflict-table').waitFor();
}

/** A report's milestone set to achieved without its date: refused next to the date. */
async function sendAchievedWithoutDate(page: Page) {
  await page.locator('select[name="updates[0].status"]').selectOption('achieved');
  await page.locator('input[name="updates[0].progress"]').fill('100');
  await submitNatively(page, 400);
  await page.locator('.form-field__error').first().waitFor();
}

async function signInWrongly(page: Page) {
  await page.locator('input[name="email"]').fill('nobody@a11y.example');
  await page.locator('input[name="password"]').fill('not the password');
  await submitNatively(page, 400);
}

const inDatabase = <T>(query: (db: Database.Database) => T): T =>
  readDatabase(hub.database.path, query);

/**
 * Waits for hydration (on pages that carry the app's scripts; server-only pages have none, see
 * app/core/page-handle.ts) and for the page's browser-only widgets (maps, charts, place picker).
 */
async function settle(page: Page) {
  if ((await page.locator('script[type="module"]').count()) > 0) {
    await page.waitForFunction(() =>
      Object.keys(document.querySelector('main') ?? {}).some((k) => k.startsWith('__reactFiber$')),
    );
  }
  await waitForMaps(page);
  // Dashboard charts: every placeholder replaced by its canvas (an empty chart has neither).
  if ((await page.locator('[data-chart]').count()) > 0) {
    await page.locator('[data-chart] canvas[data-chart-ready]').first().waitFor();
    await expect
      .poll(() => page.locator('.dashboard-chart__frame--loading').count(), { timeout: 20_000 })
      .toBe(0);
  }
  if ((await page.locator('.place-picker-frame').count()) > 0) {
    await page.locator('.place-picker.leaflet-container .leaflet-control-zoom').waitFor();
  }
}

function duplicateIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const seen = new Map<string, number>();
    for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  });
}

test('every page route in app/routes.ts has a sample URL here, in English and Chinese', () => {
  const pages = pageRoutes();
  const english = [...new Set(pages.filter((p) => p.lang === 'en').map((p) => p.pattern))];
  // Resource routes (API, exports, /language, /logout) have no component and are not pages.
  expect(english).not.toContain('api/map');
  expect(english).not.toContain('logout');
  expect(english.length).toBeGreaterThan(35);
  expect(Object.keys(samples()).sort()).toEqual(english.sort());
  // Each English page has its Chinese route (the catch-all 404 serves every language).
  for (const pattern of english.filter((p) => p !== '*')) {
    expect(
      pages.some((p) => p.lang === 'zh' && p.pattern === pattern),
      pattern,
    ).toBe(true);
  }
});

test('every page in English and Chinese passes axe-core, signed out and as an admin', async () => {
  const { page, watch } = await openWatchedPage(hub.browser.context);
  const table = samples();
  const found: string[] = [];
  let checked = 0;
  for (const role of ['reader', 'admin'] as const) {
    if (role === 'admin') await signIn(page, hub.server.url, ADMIN.email, ADMIN.password);
    for (const [pattern, list] of Object.entries(table)) {
      for (const sample of list.filter((s) => (s.as ?? 'reader') === role)) {
        for (const lang of ['en', 'zh']) {
          const url = lang === 'en' ? sample.url : `/zh${sample.url === '/' ? '/' : sample.url}`;
          const where = `${role} ${url}${sample.act ? ` (${sample.act.name})` : ''} [${pattern}]`;
          const response = await page.goto(`${hub.server.url}${url}`);
          await settle(page);
          if (sample.act) await sample.act(page);
          else if (response?.status() !== (sample.status ?? 200))
            found.push(`${where}: HTTP ${response?.status()}`);
          await expect(page.locator('html').getAttribute('lang')).resolves.toBe(
            lang === 'en' ? 'en' : 'zh-Hans',
          );
          await expect(page.locator('main h1').count(), where).resolves.toBe(1);
          for (const shown of sample.shows?.split(', ') ?? []) {
            if ((await page.locator(shown).count()) === 0) found.push(`${where}: no ${shown}`);
          }
          if (sample.act) await settle(page);
          for (const v of await axeViolations(page)) found.push(`${where}: ${v}`);
          // axe 4 no longer reports duplicate ids that nothing refers to; a label or a skip link
          // may still pick the wrong one.
          for (const id of await duplicateIds(page)) found.push(`${where}: duplicate id ${id}`);
          checked += 1;
        }
      }
    }
  }
  await hub.browser.context.clearCookies();
  expect(found).toEqual([]);
  expect(checked).toBe(2 * Object.values(table).flat().length);
  // The browser logs each 400, 404 and 409 document the error states above were meant to get.
  const expectedStatus = /^Failed to load resource: the server responded with a status of 40[049] /;
  expect(watch.consoleErrors.filter((e) => !expectedStatus.test(e))).toEqual([]);
  expect(watch.outsideRequests).toEqual([]);
  await page.close();
}, 600_000);

// ── Keyboard only ──────────────────────────────────────────────────────────────────────────────

interface Focused {
  matches: boolean;
  description: string;
  /** A focus ring a sighted keyboard user can see: an outline or a box shadow. */
  ringVisible: boolean;
  /** The focused element lies (at least partly) inside the viewport. */
  onScreen: boolean;
  text: string;
  href: string | null;
}

/** What has the focus, and whether a sighted keyboard user can see it. */
function focused(page: Page, selector = ':focus'): Promise<Focused> {
  return page.evaluate((selector) => {
    const el = document.activeElement ?? document.body;
    const style = getComputedStyle(el);
    // Visible: inside the viewport and inside every ancestor that clips (a map, a scrolled table).
    const box = el.getBoundingClientRect();
    let [top, left, bottom, right] = [box.top, box.left, box.bottom, box.right];
    [top, left] = [Math.max(top, 0), Math.max(left, 0)];
    [bottom, right] = [Math.min(bottom, window.innerHeight), Math.min(right, window.innerWidth)];
    for (let a = el.parentElement; a; a = a.parentElement) {
      const clip = getComputedStyle(a);
      if (clip.overflowX === 'visible' && clip.overflowY === 'visible') continue;
      const r = a.getBoundingClientRect();
      [top, left] = [Math.max(top, r.top), Math.max(left, r.left)];
      [bottom, right] = [Math.min(bottom, r.bottom), Math.min(right, r.right)];
    }
    const classes = typeof el.className === 'string' && el.className ? el.className : '';
    return {
      matches: el.matches(selector),
      description: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${classes ? `.${classes.split(' ').join('.')}` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`,
      ringVisible:
        (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) ||
        style.boxShadow !== 'none',
      onScreen: bottom > top && right > left,
      text: (el.textContent ?? '').trim(),
      href: el.getAttribute('href'),
    };
  }, selector);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every stop the walk made where the focus could not be seen. */
const unseen: string[] = [];

/** Presses Tab (or Shift+Tab) until the focus is on `selector`; checks every stop on the way. */
async function tabTo(page: Page, selector: string, { back = false, max = 400 } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    let now = await focused(page, selector);
    // A map pans to a focused marker (Leaflet's autoPanOnFocus): give the animation a moment.
    for (let wait = 0; !now.onScreen && wait < 20; wait++) {
      await page.waitForTimeout(100);
      now = await focused(page, selector);
    }
    if (!now.ringVisible || !now.onScreen)
      unseen.push(
        `${new URL(page.url()).pathname}: ${now.description}${now.ringVisible ? '' : ', no focus ring'}${now.onScreen ? '' : ', off screen'}`,
      );
    if (now.matches) return now;
  }
  throw new Error(`${selector} not reached with ${max} presses of ${back ? 'Shift+Tab' : 'Tab'}`);
}

/** After Enter on a link to another page: the new page has arrived and the focus is on it. */
async function arrived(page: Page, pathname: string) {
  await page.waitForURL((url) => url.pathname === pathname);
  await page.locator('main h1').waitFor();
  // A new page starts the keyboard at its main content, not where the old page's link was.
  await expect.poll(() => focused(page, 'main#main').then((f) => f.matches)).toBe(true);
}

test('keyboard only: from the map’s list to a project, its milestone’s log and history, then the list filtered by a topic', async () => {
  await hub.browser.context.clearCookies();
  const { page, watch } = await openWatchedPage(hub.browser.context);
  await page.goto(`${hub.server.url}/map`);
  await settle(page);

  // (a) The first Tab reaches the skip link, visibly; Enter moves to the main content.
  const skip = await tabTo(page, 'a.skip-link[href="#main"]', { max: 1 });
  expect(skip.ringVisible && skip.onScreen).toBe(true);
  await page.keyboard.press('Enter');
  await expect.poll(() => focused(page, 'main#main').then((f) => f.matches)).toBe(true);
  // Past the controls, the map and the side panel, to the server-rendered list of mapped projects.
  const link = await tabTo(page, `section:has(#on-map-title) li a[href="/projects/${PROJECT.id}"]`);
  expect(link.text).toBe(PROJECT.title);
  await page.keyboard.press('Enter');
  await arrived(page, `/projects/${PROJECT.id}`);
  await expect(page.locator('main h1').textContent()).resolves.toContain(PROJECT.title);

  // (c) The milestone's progress log opens with Space and reads as it was recorded.
  const row = `#milestone-${fixture.milestone}`;
  const summary = await tabTo(page, `${row} details.milestone-history > summary`);
  expect(summary.text).toContain(String(1 + MILESTONE.updates.length));
  await page.keyboard.press('Space');
  const log = page.locator(`${row} details.milestone-history[open] li`);
  await expect(log.allInnerTexts()).resolves.toEqual([
    expect.stringContaining(`${MILESTONE.createdBy}:`),
    ...MILESTONE.updates.map((u) =>
      expect.stringMatching(
        new RegExp(`${escapeRegExp(u.recordedBy)}:.*${u.progress} %.*${escapeRegExp(u.comment)}`),
      ),
    ),
  ]);
  await expect(log.first().isVisible()).resolves.toBe(true);
  // Back up to the project's History link; its page lists the milestone's changes, newest first.
  await tabTo(page, `.record-actions a[href="/projects/${PROJECT.id}/history"]`, { back: true });
  await page.keyboard.press('Enter');
  await arrived(page, `/projects/${PROJECT.id}/history`);
  const entries = page.locator('.record-history > li');
  const texts = await entries.allInnerTexts();
  expect(texts).toHaveLength(1 + MILESTONE.updates.length);
  for (const text of texts) expect(text).toContain(MILESTONE.title);
  const authors = [MILESTONE.createdBy, ...MILESTONE.updates.map((u) => u.recordedBy)].reverse();
  authors.forEach((name, i) => expect(texts[i]).toContain(name));
  expect(texts[0]).toContain(MILESTONE.updates.at(-1)!.comment);

  // (b) Back to the navigation, to the project list, and its topic facet.
  await tabTo(page, '.nav-list a[href="/projects"]', { back: true });
  await page.keyboard.press('Enter');
  await arrived(page, '/projects');
  const topic = TOPICS.topics.find((t) => t.slug === TOPIC)!;
  const option = '.facet[data-facet="topic"] a.facet__option';
  const off = await tabTo(page, `${option}[href="/projects?topic=${TOPIC}"]`);
  expect(off.text).toContain(topic.en);
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.searchParams.getAll('topic').join() === TOPIC);
  await page.locator(`${option}[aria-current="true"]`).waitFor();
  // The same view with a filter: the focus stays on the option just chosen, now ticked.
  const on = await focused(page, `${option}[aria-current="true"]`);
  expect(on).toMatchObject({ matches: true, ringVisible: true, onScreen: true });
  expect(on.text).toContain(topic.en);
  const tagged = new Set(TOPICS.tags.filter((t) => t.topic === TOPIC).map((t) => t.projectId));
  const expected = SEED.projects.filter((p) => tagged.has(p.id)).map((p) => p.title);
  expect(expected.length).toBeGreaterThan(0);
  await expect(page.locator('tbody th a').allTextContents()).resolves.toEqual(
    expect.arrayContaining(expected),
  );
  await expect(page.locator('tbody th a').count()).resolves.toBe(expected.length);

  expect(unseen).toEqual([]);
  expect(watch.consoleErrors).toEqual([]);
  expect(watch.outsideRequests).toEqual([]);
  await page.close();
});
