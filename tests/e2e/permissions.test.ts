import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { beforeAll, expect, test } from 'vitest';

import { openDatabase } from '../../db/client.server';
import {
  addProgressUpdate,
  createMilestone,
} from '../../app/features/milestones/milestones.server';
import { getRecordRef } from '../../app/features/records/records.server';
import { auditLog } from '../../db/schema';
import { ACTION_ACCESS, type ActionRoute, PAGE_ACCESS } from '../../app/core/auth/permissions';
import { type HttpSession, createAccount, httpSession, readSeed, seededHub } from './support';

// The permission table (app/core/auth/permissions.ts) against the code: every route module with an
// action must be in it and call authorize() with its own key, and over HTTP every route × role ×
// signed-out is allowed or refused exactly as the table says.

const APP = fileURLToPath(new URL('../../app/', import.meta.url));

function routeModules(dir = join(APP, 'routes')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? routeModules(join(dir, entry.name))
      : /\.tsx?$/.test(entry.name) && !/\.(test|server)\.tsx?$/.test(entry.name)
        ? [join(dir, entry.name)]
        : [],
  );
}

const source = (file: string) => readFileSync(file, 'utf8');
const key = (file: string) => relative(APP, file).split('\\').join('/');
const exportsAction = (file: string) =>
  /export\s+(async\s+)?function\s+action\b|export\s+const\s+action\b/.test(source(file));

test('every route module that exports an action is in the permission table, and no other', () => {
  const withAction = routeModules().filter(exportsAction).map(key).sort();
  expect(withAction.length).toBeGreaterThan(10);
  expect(Object.keys(ACTION_ACCESS).sort()).toEqual(withAction);
});

test('each such module authorizes its action (and its loader) with its own key', () => {
  for (const route of Object.keys(ACTION_ACCESS)) {
    const text = source(join(APP, route));
    const calls = text.match(new RegExp(`authorize\\(context, request, '${route}'`, 'g')) ?? [];
    const hasLoader = /export\s+(async\s+)?function\s+loader\b/.test(text);
    // The loader of a form page refuses what its action would (login and logout excepted: open).
    expect
      .soft(calls.length, route)
      .toBeGreaterThanOrEqual(
        hasLoader && ACTION_ACCESS[route as ActionRoute] !== 'anyone' ? 2 : 1,
      );
  }
  for (const route of Object.keys(PAGE_ACCESS)) {
    expect(source(join(APP, route))).toContain(`authorize(context, request, '${route}'`);
  }
});

// ── Over HTTP ───────────────────────────────────────────────────────────────────────────────────

const hub = seededHub('2026-11-29');
const ROLES = ['admin', 'editor', 'implementer', 'viewer'] as const;
type Role = (typeof ROLES)[number] | 'signed-out';
const password = 'permission matrix pw';
/** The fixture's writes, made straight in the file (no account, like the command line). */
const SETUP = { id: null, name: 'Setup' };
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
const ORGANISATION = 'bmwk';

const fixture = { milestone: {} as Record<string, number>, update: {} as Record<string, number> };
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
  const db = openDatabase(hub.database.path);
  for (const slug of [OWN, OTHER]) {
    const project = getRecordRef('project', slug, db)!;
    const { id } = createMilestone(
      project.id,
      { title: `Matrix ${slug}`, kind: 'deliverable', responsibleOrganisationId: null },
      { at: '2026-11-01T00:00:00.000Z', by: 'Setup', actor: SETUP },
      db,
    );
    addProgressUpdate(
      id,
      { version: 1, status: 'in-progress', progress: 10, recordedBy: 'Setup' },
      { at: '2026-11-02T00:00:00.000Z', actor: SETUP },
      db,
    );
    fixture.milestone[slug] = id;
    fixture.update[slug] = id;
  }
  const updates = db.$client
    .prepare('SELECT id, milestone_id AS m FROM progress_updates WHERE to_status = ?')
    .all('in-progress') as { id: number; m: number }[];
  for (const slug of [OWN, OTHER]) {
    fixture.update[slug] = updates.find((u) => u.m === fixture.milestone[slug])!.id;
  }
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
function samples(route: ActionRoute): { path: string; project?: string }[] {
  const milestone = (slug: string) => `/projects/${slug}/milestones/${fixture.milestone[slug]}`;
  const update = (slug: string) => `${milestone(slug)}/updates/${fixture.update[slug]}`;
  const both = (make: (slug: string) => string) => [
    { path: make(OWN), project: OWN },
    { path: make(OTHER), project: OTHER },
  ];
  const table: Record<ActionRoute, { path: string; project?: string }[]> = {
    'features/accounts/login.tsx': [{ path: '/login' }],
    'features/accounts/logout.ts': [{ path: '/logout' }],
    'features/accounts/account.tsx': [{ path: '/account' }],
    'features/milestones/milestone-new.tsx': both((s) => `/projects/${s}/milestones/new`),
    'features/milestones/milestone-update.tsx': both((s) => `${milestone(s)}/update`),
    'features/milestones/milestone-edit.tsx': both((s) => `${milestone(s)}/edit`),
    'features/milestones/progress-update-edit.tsx': both((s) => `${update(s)}/edit`),
    'features/projects/new.tsx': [{ path: '/projects/new' }],
    'features/projects/edit.tsx': both((s) => `/projects/${s}/edit`),
    'features/projects/links.tsx': both((s) => `/projects/${s}/links`),
    'features/events/new.tsx': [{ path: '/events/new' }],
    'features/events/edit.tsx': [{ path: `/events/${EVENT}/edit` }],
    'features/organisations/new.tsx': [{ path: '/organisations/new' }],
    'features/organisations/edit.tsx': [{ path: `/organisations/${ORGANISATION}/edit` }],
    'features/records/delete.tsx': [
      ...both((s) => `/projects/${s}/delete`),
      ...both((s) => `${milestone(s)}/delete`),
      ...both((s) => `${update(s)}/delete`),
      { path: `/events/${EVENT}/delete` },
      { path: `/organisations/${ORGANISATION}/delete` },
    ],
    'features/iati/import-page.tsx': [{ path: '/import' }],
  };
  return table[route];
}

/** The rule, written out for the test: who may, per access level (app/core/auth/permissions.ts). */
function expectedAllowed(route: ActionRoute, role: Role, project?: string): boolean {
  switch (ACTION_ACCESS[route]) {
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
    case 'editors':
      return role === 'admin' || role === 'editor';
  }
}

let loginAttempt = 0;
async function tryPost(route: ActionRoute, path: string, role: Role) {
  const session = route === 'features/accounts/logout.ts' ? logoutSessions[role] : sessions[role];
  // An empty form: an allowed request is refused for its content (400), never written.
  const fields: Record<string, string> = { _csrf: session.csrf };
  const headers: Record<string, string> = { Cookie: session.cookie };
  if (route === 'features/accounts/login.tsx') {
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
  for (const route of Object.keys(ACTION_ACCESS) as ActionRoute[]) {
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
  for (const route of Object.keys(ACTION_ACCESS) as ActionRoute[]) {
    if (ACTION_ACCESS[route] === 'anyone' || route === 'features/accounts/logout.ts') continue;
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

test('the audit log is for admins only', async () => {
  expect((await tryGet('/admin/audit', 'admin')).status).toBe(200);
  expect((await tryGet('/zh/admin/audit', 'admin')).status).toBe(200);
  for (const role of ['editor', 'implementer', 'viewer'] as const) {
    expect((await tryGet('/admin/audit', role)).status).toBe(403);
  }
  expect((await tryGet('/admin/audit', 'signed-out')).location).toMatch(/^\/login\?next=/);
  expect((await tryGet('/admin/audit?entity=nonsense', 'admin')).status).toBe(400);
});
