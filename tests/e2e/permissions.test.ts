import { beforeAll, expect, test } from 'vitest';

import { openDatabase } from '../../db/client.server';
import { auditLog } from '../../db/schema';
import { createRound } from '../../app/features/reporting/round-writes.server';
import { PERMISSIONS, type Permission } from '../../app/core/auth/permissions';
import {
  ACTION_MODULES,
  authorizeCalls,
  exportsAction,
  routeFiles,
  routeSource,
} from './route-modules';
import { insertReport, insertRound } from '../../app/features/reporting/report-factories.server';
import { getRecordRef } from '../../app/core/records.server';
import { insertDocument, insertKnowledgeEntry } from '../../db/test-factories';
import {
  type HttpSession,
  createAccount,
  httpSession,
  readSeed,
  seededHub,
  addMilestoneWithUpdate,
  addIndicatorWithPeriod,
} from './support';

// The permission table (app/core/auth/permissions.ts) against the code: every route module with an
// action names one permission of the table when it calls authorize(), in its loader too; every
// permission is used; and over HTTP every permission × role × signed-out is allowed or refused
// exactly as the table says.

/** Permissions of actions; the others guard pages (the audit log). */
const ACTIONS = [...new Set(Object.values(ACTION_MODULES))].sort();

test('every route module that exports an action authorizes it by a permission of the table', () => {
  const withAction = routeFiles().filter(exportsAction);
  expect(withAction.length).toBeGreaterThan(10);
  for (const file of withAction) {
    const names = authorizeCalls(file);
    expect.soft(names.length, file).toBeGreaterThan(0);
    // One module, one permission: what its loader offers is what its action allows.
    expect.soft(new Set(names).size, file).toBe(1);
    expect.soft(Object.keys(PERMISSIONS), file).toContain(names[0]);
  }
});

test('each permission is named by exactly one route module, which checks it in its loader too', () => {
  for (const permission of Object.keys(PERMISSIONS) as Permission[]) {
    const users = routeFiles().filter((file) => authorizeCalls(file).includes(permission));
    expect.soft(users.length, permission).toBe(1);
    const file = users[0]!;
    const text = routeSource(file);
    const hasLoader = /export\s+(async\s+)?function\s+loader\b/.test(text);
    // The loader of a form page refuses what its action would (login and logout excepted: open);
    // a page without an action (the audit log) checks once, in its loader.
    const checks = hasLoader && exportsAction(file) && PERMISSIONS[permission] !== 'anyone' ? 2 : 1;
    expect.soft(authorizeCalls(file).length, permission).toBeGreaterThanOrEqual(checks);
  }
});

// ── Over HTTP ───────────────────────────────────────────────────────────────────────────────────

const hub = seededHub('2026-11-29');
const ROLES = ['admin', 'editor', 'implementer', 'viewer'] as const;
type Role = (typeof ROLES)[number] | 'signed-out';
const password = 'permission matrix pw';
const emailOf = (role: string, n = '') => `${role}${n}@matrix.example`;

interface SeedOrganisation {
  id: string;
  projectRoles: { projectId: string; role: string }[];
}
const seed = readSeed<{
  projects: { id: string }[];
  organisations: SeedOrganisation[];
  events: { id: string }[];
}>('iki-china-projects.json');
const gizImplements = new Set(
  seed.organisations
    .find((o) => o.id === 'giz')!
    .projectRoles.filter((r) =>
      ['implementingOrganisation', 'implementingPartner'].includes(r.role),
    )
    .map((r) => r.projectId),
);
const OWN = seed.projects.find((p) => gizImplements.has(p.id))!.id;
const OTHER = seed.projects.find((p) => !gizImplements.has(p.id))!.id;
const EVENT = seed.events[0]!.id;
/** The event of the seed's first session (db/seed/event-sessions.json, numbered in file order). */
const SESSION_EVENT = readSeed<{ sessions: { eventId: string }[] }>('event-sessions.json')
  .sessions[0]!.eventId;
const ORGANISATION = 'bmwk';

const fixture = {
  milestone: {} as Record<string, number>,
  update: {} as Record<string, number>,
  indicator: {} as Record<string, number>,
  period: {} as Record<string, number>,
  document: 0,
};
const ROUND = 'matrix-draft-round';
const sessions = {} as Record<Role, HttpSession>;
const logoutSessions = {} as Record<Role, HttpSession>;

beforeAll(async () => {
  for (const role of ROLES) {
    await createAccount(hub.database.path, {
      email: emailOf(role),
      password,
      role,
      organisationSlug: role === 'implementer' ? 'giz' : undefined,
    });
    await createAccount(hub.database.path, {
      email: emailOf(role, '-out'),
      password,
      role,
      organisationSlug: role === 'implementer' ? 'giz' : undefined,
    });
  }
  // One hand-entered milestone with one progress update on each of the two projects.
  for (const slug of [OWN, OTHER]) {
    const { milestoneId, updateId } = addMilestoneWithUpdate(
      hub.database.path,
      slug,
      `Matrix ${slug}`,
    );
    fixture.milestone[slug] = milestoneId;
    fixture.update[slug] = updateId;
    const { indicatorId, periodId } = addIndicatorWithPeriod(
      hub.database.path,
      slug,
      `Matrix indicator ${slug}`,
    );
    fixture.indicator[slug] = indicatorId;
    fixture.period[slug] = periodId;
  }
  // An open reporting round asking both projects for their report.
  const db = openDatabase(hub.database.path);
  const round = insertRound(db, { slug: 'matrix-round', title: 'Matrix round' });
  fixture.document = insertDocument(db, { title: 'Matrix document' }).id;
  for (const slug of [OWN, OTHER]) {
    insertReport(db, { roundId: round.id, projectId: getRecordRef('project', slug, db)!.id });
  }
  // A knowledge entry waiting for review (its review and delete pages).
  insertKnowledgeEntry(db, { slug: 'matrix-entry', state: 'in-review', title: 'Matrix entry' });
  // A draft reporting round asking the two projects (its audit entries are labelled "Matrix").
  const ids = db.$client
    .prepare('SELECT id FROM projects WHERE slug IN (?, ?)')
    .all(OWN, OTHER)
    .map((row) => (row as { id: number }).id);
  createRound(
    {
      title: 'Matrix draft round',
      titleZh: null,
      titleDe: null,
      periodStart: '2026-01-01',
      periodEnd: '2026-06-30',
      dueOn: '2026-12-31',
      eventId: null,
    },
    ids,
    { at: '2026-11-29T08:00:00.000Z', actor: { id: null, name: 'Matrix' } },
    db,
  );
  // A published challenge written by the matrix's implementer (who may then mark it solved).
  const implementerId = (
    db.$client.prepare('SELECT id FROM users WHERE email = ?').get(emailOf('implementer')) as {
      id: number;
    }
  ).id;
  insertKnowledgeEntry(db, {
    slug: 'matrix-challenge',
    kind: 'challenge',
    title: 'Matrix challenge',
    authorUserId: implementerId,
  });
  db.$client.close();
  sessions['signed-out'] = await httpSession(hub.server.url);
  logoutSessions['signed-out'] = sessions['signed-out'];
  for (const role of ROLES) {
    sessions[role] = await httpSession(hub.server.url, { email: emailOf(role), password });
    logoutSessions[role] = await httpSession(hub.server.url, {
      email: emailOf(role, '-out'),
      password,
    });
  }
});

/** The URLs each action route is tried at, and which project (if any) decides the implementer. */
function samples(route: Permission): { path: string; project?: string }[] {
  const milestone = (slug: string) => `/projects/${slug}/milestones/${fixture.milestone[slug]}`;
  const update = (slug: string) => `${milestone(slug)}/updates/${fixture.update[slug]}`;
  const indicator = (slug: string) => `/projects/${slug}/indicators/${fixture.indicator[slug]}`;
  const period = (slug: string) => `${indicator(slug)}/periods/${fixture.period[slug]}`;
  const both = (make: (slug: string) => string) => [
    { path: make(OWN), project: OWN },
    { path: make(OTHER), project: OTHER },
  ];
  const table: Partial<Record<Permission, { path: string; project?: string }[]>> = {
    'account.sign-in': [{ path: '/login' }],
    'account.sign-out': [{ path: '/logout' }],
    'account.manage': [{ path: '/account' }],
    'milestone.create': both((s) => `/projects/${s}/milestones/new`),
    'milestone.report-progress': both((s) => `${milestone(s)}/update`),
    'milestone.update': both((s) => `${milestone(s)}/edit`),
    'progress-update.update': both((s) => `${update(s)}/edit`),
    'project.create': [{ path: '/projects/new' }],
    'project.update': both((s) => `/projects/${s}/edit`),
    'project.update-links': both((s) => `/projects/${s}/links`),
    'event.create': [{ path: '/events/new' }],
    'event.update': [{ path: `/events/${EVENT}/edit` }],
    'organisation.create': [{ path: '/organisations/new' }],
    'organisation.update': [{ path: `/organisations/${ORGANISATION}/edit` }],
    'indicator.create': both((s) => `/projects/${s}/indicators/new`),
    'indicator.update': both((s) => `${indicator(s)}/edit`),
    'indicator-period.update': [
      ...both((s) => `${indicator(s)}/periods/new`),
      ...both((s) => `${period(s)}/edit`),
    ],
    'event-session.manage': [
      { path: `/events/${SESSION_EVENT}/sessions/new` },
      { path: `/events/${SESSION_EVENT}/sessions/1/edit` },
    ],
    'standard-indicator.manage': [
      { path: '/indicators/standard/new' },
      { path: '/indicators/standard/1/edit' },
    ],
    'record.delete': [
      ...both((s) => `/projects/${s}/delete`),
      ...both((s) => `${indicator(s)}/delete`),
      ...both((s) => `${period(s)}/delete`),
      ...both((s) => `${milestone(s)}/delete`),
      ...both((s) => `${update(s)}/delete`),
      { path: `/events/${EVENT}/delete` },
      { path: `/events/${SESSION_EVENT}/sessions/1/delete` },
      { path: `/organisations/${ORGANISATION}/delete` },
      { path: `/documents/${fixture.document}/delete` },
      { path: '/knowledge/matrix-entry/delete' },
    ],
    'document.create': [{ path: '/documents/new' }],
    'document.update': [{ path: `/documents/${fixture.document}/edit` }],
    'knowledge.write': [{ path: '/knowledge/new' }, { path: '/knowledge/new?kind=lesson' }],
    'knowledge.review': [{ path: '/knowledge/matrix-entry/review' }],
    'iati.import': [{ path: '/import' }],
    'report.write': both((s) => `/reporting/matrix-round/${s}`),
    'report.review': both((s) => `/reporting/matrix-round/${s}/review`),
    'round.create': [{ path: '/reporting/new' }],
    'round.update': [{ path: `/reporting/${ROUND}/edit` }],
    'round.projects': [{ path: `/reporting/${ROUND}/projects` }],
    'knowledge.answer': [{ path: '/knowledge/matrix-challenge/answers' }],
    'knowledge.moderate': [{ path: '/knowledge/answers' }],
    'knowledge.resolve': [{ path: '/knowledge/matrix-challenge/resolve' }],
    // Without a token: refused for its content (400), whoever asks.
    'reminders.unsubscribe': [{ path: '/reporting/unsubscribe' }],
  };
  return table[route] ?? [];
}

/** The rule, written out for the test: who may, per access level (app/core/auth/permissions.ts). */
function expectedAllowed(route: Permission, role: Role, project?: string): boolean {
  switch (PERMISSIONS[route]) {
    case 'anyone':
      return true;
    case 'signed-in':
      return role !== 'signed-out';
    case 'milestone-editors':
      return (
        role === 'admin' ||
        role === 'editor' ||
        (role === 'implementer' && project !== undefined && gizImplements.has(project))
      );
    case 'contributors':
      return role === 'admin' || role === 'editor' || role === 'implementer';
    case 'editors':
      return role === 'admin' || role === 'editor';
    case 'admins':
      return role === 'admin';
  }
}

let loginAttempt = 0;
async function tryPost(route: Permission, path: string, role: Role) {
  const session = route === 'account.sign-out' ? logoutSessions[role] : sessions[role];
  // An empty form: an allowed request is refused for its content (400), never written.
  const fields: Record<string, string> = { _csrf: session.csrf };
  const headers: Record<string, string> = { Cookie: session.cookie };
  if (route === 'account.sign-in') {
    loginAttempt += 1;
    fields.email = `nobody-${loginAttempt}@matrix.example`;
  }
  const response = await fetch(`${hub.server.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers,
    body: new URLSearchParams(fields),
  });
  await response.arrayBuffer();
  return response.status;
}

async function tryGet(path: string, role: Role) {
  const response = await fetch(`${hub.server.url}${path}`, {
    redirect: 'manual',
    headers: { Cookie: sessions[role].cookie },
  });
  await response.arrayBuffer();
  return { status: response.status, location: response.headers.get('location') ?? '' };
}

test('every action route × role × signed-out is allowed or refused as the table says', async () => {
  const outcomes: string[] = [];
  let tried = 0;
  for (const route of ACTIONS) {
    expect.soft(samples(route).length, `sample URLs for ${route}`).toBeGreaterThan(0);
    for (const { path, project } of samples(route)) {
      for (const role of [...ROLES, 'signed-out'] as Role[]) {
        const status = await tryPost(route, path, role);
        tried += 1;
        const allowed = expectedAllowed(route, role, project);
        const refusedAs = role === 'signed-out' ? 401 : 403;
        const ok = allowed
          ? status !== 401 && status !== 403 && status < 500
          : status === refusedAs;
        if (!ok)
          outcomes.push(
            `${role} POST ${path} (${route}): ${status}, expected ${allowed ? 'allowed' : refusedAs}`,
          );
      }
    }
  }
  expect(outcomes).toEqual([]);
  expect(tried).toBeGreaterThan(100);
  // Nothing above was a valid write: the audit log holds the fixture's writes and account events
  // (accounts created, sign-ins, the sign-outs) only.
  const db = openDatabase(hub.database.path);
  expect(
    db
      .select()
      .from(auditLog)
      .all()
      .filter((e) => !e.label.startsWith('Matrix') && e.entity !== 'account'),
  ).toEqual([]);
  db.$client.close();
});

test('the form pages refuse what their actions refuse; signed-out visitors are sent to sign in', async () => {
  const outcomes: string[] = [];
  for (const route of ACTIONS) {
    if (PERMISSIONS[route] === 'anyone' || route === 'account.sign-out') continue;
    for (const { path, project } of samples(route)) {
      for (const role of [...ROLES, 'signed-out'] as Role[]) {
        const { status, location } = await tryGet(path, role);
        const allowed = expectedAllowed(route, role, project);
        const ok = allowed
          ? status === 200
          : role === 'signed-out'
            ? status === 302 && location.startsWith('/login?next=')
            : status === 403;
        if (!ok) outcomes.push(`${role} GET ${path}: ${status} ${location}`);
      }
    }
  }
  expect(outcomes).toEqual([]);
});

test('the mail outbox is for admins only', async () => {
  expect((await tryGet('/admin/outbox', 'admin')).status).toBe(200);
  expect((await tryGet('/de/admin/outbox', 'admin')).status).toBe(200);
  for (const role of ['editor', 'implementer', 'viewer'] as const) {
    expect((await tryGet('/admin/outbox', role)).status).toBe(403);
  }
  expect((await tryGet('/admin/outbox', 'signed-out')).location).toMatch(/^\/login\?next=/);
});

test('the audit log is for admins only', async () => {
  expect((await tryGet('/admin/audit', 'admin')).status).toBe(200);
  expect((await tryGet('/zh/admin/audit', 'admin')).status).toBe(200);
  for (const role of ['editor', 'implementer', 'viewer'] as const) {
    expect((await tryGet('/admin/audit', role)).status).toBe(403);
  }
  expect((await tryGet('/admin/audit', 'signed-out')).location).toMatch(/^\/login\?next=/);
  expect((await tryGet('/admin/audit?entity=nonsense', 'admin')).status).toBe(400);
});

test('the reporting rounds are read by every account; a draft round by the hub team only', async () => {
  for (const path of ['/reporting', `/reporting/${ROUND}`, `/reporting/${ROUND}/board.csv`]) {
    expect((await tryGet(path, 'signed-out')).location, path).toMatch(/^\/login\?next=/);
    for (const role of ['admin', 'editor'] as const) {
      expect((await tryGet(path, role)).status, `${role} ${path}`).toBe(200);
    }
  }
  for (const role of ['implementer', 'viewer'] as const) {
    expect((await tryGet('/reporting', role)).status).toBe(200);
    expect((await tryGet('/zh/reporting', role)).status).toBe(200);
    // The round is a draft: not theirs to see yet.
    expect((await tryGet(`/reporting/${ROUND}`, role)).status).toBe(404);
    expect((await tryGet(`/reporting/${ROUND}/board.csv`, role)).status).toBe(404);
  }
});
