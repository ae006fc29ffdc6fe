import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, test } from 'vitest';

import routes from '../../app/routes';
import { EXPORT_FILES } from '../../app/features/exports/export-files';
import { ACTION_MODULES } from './route-modules';
import { openDatabase } from '../../db/client.server';
import { reviewIatiFile } from '../../app/features/iati/import.server';
import { insertReport, insertRound } from '../../app/features/reporting/report-factories.server';
import { getRecordRef } from '../../app/core/records.server';
import { insertDocument, insertKnowledgeEntry } from '../../db/test-factories';
import { createRound } from '../../app/features/reporting/round-writes.server';
import {
  BAD_PERCENT,
  type FieldKind,
  Fuzz,
  VALID_IATI,
  invalidForm,
  isUndecodable,
  malformedIatiFiles,
  pathSegment,
  queryString,
} from './fuzz-inputs';
import { bytes, rawRequest } from './raw-http';
import {
  contentHashes,
  createAccount,
  createSeededDatabase,
  httpSession,
  type HttpSession,
  readSeed,
  startServer,
  type TestServer,
  addMilestoneWithUpdate,
  addIndicatorWithPeriod,
} from './support';

// Issue #15: generated malformed inputs against the production server over plain HTTP — query
// strings on every route, malformed route params, invalid form posts to every action, malformed
// IATI files — must never give a 5xx, and a refused input must leave the database as it was.
// The inputs come from one seeded PRNG (tests/e2e/fuzz-inputs.ts), so a failure replays.

const SEED = 15_2026;
const fuzz = new Fuzz(SEED);
const counts: Record<string, number> = {};
const password = 'fuzzing the hub pw';

let database: { path: string; dir: string };
let server: TestServer;
let admin: HttpSession;
let reader: Database.Database;
/** The server's processes at the start: after every input, the same ones must still serve. */
let serverPids: number[];

interface SeedData {
  projects: { id: string }[];
  organisations: { id: string; kind: string }[];
  events: { id: string }[];
}
const seed = readSeed<SeedData>('iki-china-projects.json');
const topicSlugs = readSeed<{ topics: { slug: string }[] }>('topic-tags.json').topics.map(
  (t) => t.slug,
);
const [PROJECT_A, PROJECT_B] = [seed.projects[0]!.id, seed.projects[1]!.id];
const EVENT = seed.events[0]!.id;
/** The event of the seed's first session (event-sessions.json, numbered in file order: id 1). */
const SESSION_EVENT = readSeed<{ sessions: { eventId: string }[] }>('event-sessions.json')
  .sessions[0]!.eventId;
const ORGANISATION = seed.organisations.find((o) => o.kind === 'implementing-organisation')!.id;
const MINISTRY = seed.organisations.find((o) => o.kind === 'german-ministry')!.id;
const FUZZ_ROUND = 'fuzz-round';
const FUZZ_ENTRY = 'fuzz-entry';
/** A draft reporting round over the two projects (its board, edit and projects pages). */
const ROUND = 'fuzz-draft-round';
/** A published challenge with one pending answer (the answer, resolve and moderation forms). */
const CHALLENGE = 'fuzz-challenge';
const fixture = {
  milestone: {} as Record<string, number>,
  update: {} as Record<string, number>,
  indicator: {} as Record<string, number>,
  period: {} as Record<string, number>,
  charts: [] as string[],
  document: 0,
};

beforeAll(async () => {
  database = createSeededDatabase();
  await createAccount(database.path, { email: 'admin@fuzz.example', password, role: 'admin' });
  await createAccount(database.path, { email: 'traveller@fuzz.example', password, role: 'viewer' });
  for (const slug of [PROJECT_A, PROJECT_B]) {
    const { milestoneId, updateId } = addMilestoneWithUpdate(database.path, slug, `Fuzz ${slug}`);
    fixture.milestone[slug] = milestoneId;
    fixture.update[slug] = updateId;
    const { indicatorId, periodId } = addIndicatorWithPeriod(database.path, slug, `Fuzz ${slug}`);
    fixture.indicator[slug] = indicatorId;
    fixture.period[slug] = periodId;
  }
  // An open reporting round asking both projects: their report pages and reviews are fuzzed too.
  const db = openDatabase(database.path);
  const round = insertRound(db, { slug: FUZZ_ROUND, title: 'Fuzz round' });
  // A linked document (the first: route params fill :id with 1).
  fixture.document = insertDocument(db, { title: 'Fuzz document' }).id;
  for (const slug of [PROJECT_A, PROJECT_B]) {
    insertReport(db, { roundId: round.id, projectId: getRecordRef('project', slug, db)!.id });
  }
  // A knowledge entry in review: its page, edit, review, history and delete pages are fuzzed.
  insertKnowledgeEntry(db, { slug: FUZZ_ENTRY, state: 'in-review', title: 'Fuzz entry' });
  // A draft round over the two projects: its board, edit and projects pages.
  createRound(
    {
      title: 'Fuzz draft round',
      titleZh: null,
      titleDe: null,
      periodStart: '2026-01-01',
      periodEnd: '2026-06-30',
      dueOn: '2026-12-31',
      eventId: null,
    },
    db.$client
      .prepare('SELECT id FROM projects WHERE slug IN (?, ?)')
      .all(PROJECT_A, PROJECT_B)
      .map((row) => (row as { id: number }).id),
    { at: '2026-11-29T08:00:00.000Z', actor: { id: null, name: 'Fuzz' } },
    db,
  );
  const challenge = insertKnowledgeEntry(db, { slug: CHALLENGE, kind: 'challenge' });
  db.$client
    .prepare(
      `INSERT INTO knowledge_answers (entry_id, body, language, author_name, created_at)
       VALUES (?, 'Fuzz answer', 'en', 'Fuzz', '2026-11-29T08:00:00.000Z')`,
    )
    .run(challenge.id);
  db.$client.close();
  server = await startServer({ databaseUrl: database.path, hubToday: '2026-11-29' });
  serverPids = server.pids();
  admin = await httpSession(server.url, { email: 'admin@fuzz.example', password });
  reader = new Database(database.path, { readonly: true, fileMustExist: true });
  // The dashboard's CSV links, as a reader follows them.
  const dashboard = await (await fetch(`${server.url}/dashboard`)).text();
  fixture.charts = [
    ...new Set([...dashboard.matchAll(/\/api\/dashboard\/([\w-]+)\.csv/g)].map((m) => m[1]!)),
  ];
});

afterAll(async () => {
  reader?.close();
  await server?.stop();
  if (database) rmSync(database.dir, { recursive: true, force: true });
});

// ── The database's content ─────────────────────────────────────────────────────────────────────

/** Bookkeeping that a read or a sign-in may change: sessions and the attempt limits. */
const BOOKKEEPING = new Set(['sessions', 'attempt_limits']);
/** A refused sign-in is an account event in the audit log (counted): bookkeeping too. */
const WRITES_ONLY = { audit_log: "entity <> 'account'" };

/** Each content table's hash (support.ts), to name the table a refused input changed. */
const tableHashes = () => contentHashes(reader, { except: BOOKKEEPING, where: WRITES_ONLY });

/** One hash over every content table. */
const fingerprint = () => JSON.stringify(tableHashes());

// ── Sending inputs ─────────────────────────────────────────────────────────────────────────────

interface Input {
  category: string;
  /** What was sent, short enough to print. */
  label: string;
  send: () => Promise<Response>;
  /** Whether the status is what this kind of refused input must give (beyond "not 5xx"). */
  expect?: (status: number, response: Response) => boolean;
  expectation?: string;
  /** A refused form keeps the input and shows it again: its page may be as large as the post. */
  maxBytes?: number;
}

const short = (text: string, max = 160) =>
  text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;

/**
 * No malformed input may be answered with more than this: the largest real page is a few hundred
 * KB, and a small request must not make a page of megabytes (every filtered link repeats it).
 */
const MAX_RESPONSE_BYTES = 2_000_000;

interface Outcome {
  input: Input;
  status: number;
  problem: string | null;
}

async function runOne(input: Input): Promise<Outcome> {
  let response: Response;
  try {
    response = await input.send();
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    return { input, status: 0, problem: `request failed: ${String(error)} ${String(cause ?? '')}` };
  }
  // Read the whole body: a stream that breaks off is a server failure too.
  let bytes: number;
  try {
    bytes = (await response.arrayBuffer()).byteLength;
  } catch (error) {
    return { input, status: response.status, problem: `body broke off: ${String(error)}` };
  }
  const { status } = response;
  if (status >= 500) return { input, status, problem: `answered ${status}` };
  if (bytes > (input.maxBytes ?? MAX_RESPONSE_BYTES)) {
    return { input, status, problem: `answered ${(bytes / 1e6).toFixed(1)} MB` };
  }
  if (input.expect && !input.expect(status, response)) {
    return { input, status, problem: `answered ${status}, expected ${input.expectation}` };
  }
  return { input, status, problem: null };
}

/** Runs inputs a few at a time; returns the failures as readable lines. */
async function runAll(inputs: Input[], parallel = 3): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < inputs.length) {
      const input = inputs[next++]!;
      outcomes.push(await runOne(input));
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  for (const { input } of outcomes) counts[input.category] = (counts[input.category] ?? 0) + 1;
  return outcomes;
}

const describe = (o: Outcome) => `${o.input.category}: ${o.input.label} → ${o.problem}`;

/**
 * Runs a batch of inputs that must all be refused and checks the database after it. If the batch
 * changed it, each input is sent again alone (with a fingerprint around it) to name the one(s).
 */
async function runRefused(inputs: Input[], parallel = 3): Promise<string[]> {
  const before = fingerprint();
  const tablesBefore = tableHashes();
  const outcomes = await runAll(inputs, parallel);
  const failures = outcomes.filter((o) => o.problem).map(describe);
  if (fingerprint() !== before) {
    const tablesAfter = tableHashes();
    const changed = Object.keys(tablesAfter).filter((t) => tablesAfter[t] !== tablesBefore[t]);
    let named = 0;
    for (const input of inputs) {
      const alone = fingerprint();
      const outcome = await runOne(input);
      if (fingerprint() !== alone) {
        named += 1;
        failures.push(
          `${input.category}: ${input.label} → ${outcome.status}, but the database changed`,
        );
      }
    }
    if (named === 0) {
      failures.push(
        `a batch of ${inputs.length} refused ${inputs[0]?.category} inputs changed ${changed.join(', ')} (not reproduced alone)`,
      );
    }
  }
  return failures;
}

const get =
  (path: string, session?: HttpSession, headers: Record<string, string> = {}) =>
  () =>
    fetch(`${server.url}${path}`, {
      redirect: 'manual',
      headers: session ? { Cookie: session.cookie, ...headers } : headers,
    });

function post(
  path: string,
  body: BodyInit | null,
  options: { session?: HttpSession; headers?: Record<string, string>; method?: string } = {},
) {
  const session = options.session ?? admin;
  return () =>
    fetch(`${server.url}${path}`, {
      method: options.method ?? 'POST',
      redirect: 'manual',
      headers: { Cookie: session.cookie, ...options.headers },
      body,
    });
}

// ── Routes, from app/routes.ts ─────────────────────────────────────────────────────────────────

interface RouteEntry {
  path: string;
  file: string;
}

function flatten(
  entries: readonly { path?: string; file: string; children?: unknown[] }[],
  base = '',
) {
  const out: RouteEntry[] = [];
  for (const entry of entries) {
    const path = [base, entry.path ?? ''].filter(Boolean).join('/');
    out.push({ path: `/${path}`.replace(/\/+$/, '') || '/', file: entry.file });
    if (entry.children) out.push(...flatten(entry.children as typeof entries, path));
  }
  return out;
}

const ROUTES = flatten(routes);
const langOf = (path: string) => (/^\/(zh|de)(\/|$)/.exec(path)?.[1] ?? 'en') as 'en' | 'zh' | 'de';
const unprefixed = (path: string) => path.replace(/^\/(zh|de)(?=\/|$)/, '') || '/';
/** Resource routes (.ts modules) answer files and JSON; pages (.tsx) also answer `.data`. */
const isResource = (route: RouteEntry) => route.file.endsWith('.ts');

const FILTER = [
  'q',
  'topic',
  'fundingArea',
  'type',
  'status',
  'province',
  'country',
  'org',
  'ministry',
  'from',
  'to',
  'fundingMin',
  'fundingMax',
  'origin',
];

/** The parameters each URL reads (README: the shared filter and each view's own). */
function parameterNames(path: string): string[] {
  const p = unprefixed(path);
  const own: Record<string, string[]> = {
    '/': [...FILTER],
    '/projects': [...FILTER, 'page', 'sort', 'dir'],
    '/map': [...FILTER, 'lat', 'lon', 'z', 'layers', 'shade', 'sel'],
    '/timeline': [...FILTER, 'group', 'zoom', 'at', 'page'],
    '/milestones': [...FILTER, 'sort', 'dir', 'group', 'page', 'by'],
    '/dashboard': [...FILTER, 'ministries'],
    '/events': ['type', 'year', 'project', 'org', 'page'],
    '/admin/audit': ['entity', 'action', 'user', 'from', 'to', 'page'],
    '/search': ['q'],
    '/projects/:slug': ['saved', 'deleted', 'added', 'updated'],
    '/organisations/:slug': ['saved', 'deleted'],
    '/import': ['created', 'updated', 'unchanged', 'discarded'],
    '/language': ['to', 'next'],
    '/api/map': [...FILTER, 'lang', 'layers'],
    '/api/dashboard/:file': [...FILTER, 'lang', 'ministries'],
    '/api/projects': [...FILTER, 'page', 'pageSize'],
    '/api/milestones': [...FILTER, 'page', 'pageSize'],
    '/api/indicators': [...FILTER, 'page', 'pageSize', 'standard', 'unit'],
    '/api/events': ['type', 'year', 'project', 'org', 'page', 'pageSize'],
    '/export/:file': [...FILTER, 'lang', 'project', 'standard', 'unit'],
    '/feeds/changes.atom': [...FILTER, 'since'],
    '/feeds/:scope/:file': ['since'],
    '/changes': [...FILTER, 'since'],
    '/knowledge': [...FILTER, 'kind', 'language', 'entryTopic', 'project', 'organisation', 'page'],
  };
  return own[p] ?? [...FILTER, 'page', 'saved', 'deleted'];
}

/** The route's URL with real values in its params. */
function realPath(path: string, slug = PROJECT_A): string {
  const kind = /^\/(?:zh\/|de\/)?(\w+)/.exec(path)?.[1];
  return path
    .replace(':scope/:file', `projects/${slug}.atom`)
    .replace(
      ':slug',
      kind === 'projects'
        ? slug
        : kind === 'events'
          ? path.includes(':sessionId') || path.includes('/sessions/')
            ? SESSION_EVENT
            : EVENT
          : kind === 'knowledge'
            ? /\/(answers|resolve)$/.test(path)
              ? CHALLENGE
              : FUZZ_ENTRY
            : kind === 'topics'
              ? topicSlugs[0]!
              : kind === 'organisations'
                ? path.endsWith('/brief')
                  ? MINISTRY
                  : ORGANISATION
                : slug,
    )
    .replace(':round', FUZZ_ROUND)
    .replace(':project', slug)
    .replace(':milestoneId', String(fixture.milestone[slug]))
    .replace(':updateId', String(fixture.update[slug]))
    .replace(':indicatorId', String(fixture.indicator[slug]))
    .replace(':periodId', String(fixture.period[slug]))
    .replace(':sessionId', '1')
    .replace(/:id(?=\/|$)/, '1')
    .replace(':round', ROUND)
    .replace(
      ':file',
      path.startsWith('/api/dashboard') ? `${fixture.charts[0]}.csv` : 'projects.csv',
    );
}

/** Pages only editors and admins may open (their loaders authorize). */
const needsAdmin = (route: RouteEntry) =>
  route.file in ACTION_MODULES || route.file === 'features/records/audit.tsx';

const dataPath = (path: string) => (path.endsWith('/') ? `${path}_.data` : `${path}.data`);

// ── 1. Query strings ───────────────────────────────────────────────────────────────────────────

test('malformed query strings on every route never give a 5xx or change the database', async () => {
  const pages = ROUTES.filter((r) => r.path !== '/*' && !r.path.endsWith('/logout'));
  expect(pages.length).toBeGreaterThan(100);
  expect(fixture.charts.length).toBeGreaterThan(5);
  const inputs: Input[] = [];
  for (const route of pages) {
    const lang = langOf(route.path);
    const names = parameterNames(route.path);
    // English gets the most; the other languages run the same loaders with their own texts.
    const many = names.length > 4 ? 5 : 3;
    // Every export file and every dashboard CSV gets its share.
    const paths = route.path.startsWith('/export/')
      ? EXPORT_FILES.map((file) => `/export/${file}`)
      : route.path.startsWith('/api/dashboard/')
        ? fixture.charts.map((chart) => `/api/dashboard/${chart}.csv`)
        : [realPath(route.path)];
    const n = Math.max(lang === 'en' ? many : Math.ceil(many / 3), paths.length + 2);
    for (let i = 0; i < n; i++) {
      const path = paths[i % paths.length]!;
      const asAdmin = needsAdmin(route) || fuzz.chance(0.3);
      const asData = !isResource(route) && fuzz.chance(0.5);
      const url = `${asData ? dataPath(path) : path}${queryString(fuzz, names)}`;
      inputs.push({
        category: 'query strings',
        label: `GET ${short(url)}${asAdmin ? ' (admin)' : ''}`,
        send: get(url, asAdmin ? admin : undefined),
      });
    }
  }
  // Hundreds of values for one filter parameter (real ones and unknown ones), up to the header
  // limit: each known value becomes a bound SQL parameter.
  const many: [string, string, string][] = [
    ['/projects', 'org', ORGANISATION],
    ['/api/projects', 'province', 'CN-BJ'],
    ['/map', 'topic', topicSlugs[0]!],
    ['/zh/dashboard', 'type', 'bilateral'],
    ['/export/projects.csv', 'country', 'CN'],
    ['/timeline', 'ministry', MINISTRY],
    ['/milestones', 'status', 'ongoing'],
    ['/api/milestones', 'fundingArea', 'mitigation'],
    ['/api/dashboard/' + fixture.charts[0] + '.csv', 'q', 'climate'],
    ['/events', 'org', ORGANISATION],
    ['/de/events', 'project', PROJECT_A],
    ['/api/events', 'type', 'workshop'],
    ['/admin/audit', 'entity', 'project'],
  ];
  for (const [path, name, value] of many) {
    const parts: string[] = [];
    for (let i = 0; parts.join('&').length < 14_000; i++) {
      parts.push(`${name}=${fuzz.chance(0.5) ? value : `${value}${i}`}`);
    }
    const url = `${path}?${parts.join('&')}`;
    inputs.push({
      category: 'query strings',
      label: `GET ${short(url)} (${parts.length} values)`,
      send: get(url, path.startsWith('/admin') ? admin : undefined),
    });
  }
  // The oversized: over Node's header limit, answered 431 before the app.
  for (const path of ['/projects', '/api/projects', '/map', '/search']) {
    const url = `${path}?q=${'x'.repeat(fuzz.int(20_000, 100_000))}`;
    inputs.push({
      category: 'query strings',
      label: `GET ${short(url)}`,
      send: get(url),
      expect: (s) => s === 431,
      expectation: '431',
    });
  }
  expect(await runRefused(inputs)).toEqual([]);
});

// ── 2. Route params ────────────────────────────────────────────────────────────────────────────

/**
 * A malformed record name or id is a 404. Two answers come before the app: a segment that is not
 * valid percent-encoding is Express's 400, and a segment that decodes to ".." makes the static
 * file server redirect to the same path with a slash.
 */
function notFound(segment: string) {
  return (status: number, response: Response) => {
    if (status === 404) return true;
    if (isUndecodable(segment)) return status === 400;
    const location = response.headers.get('location') ?? '';
    return (
      status === 301 &&
      location.endsWith('/') &&
      /(^|\/)\.\.?(\/|$)/.test(decodeURIComponent(segment))
    );
  };
}

test('malformed slugs and ids in every parametrised route are a 404, never a 5xx or a write', async () => {
  const parametrised = ROUTES.filter((r) => r.path.includes(':'));
  expect(parametrised.length).toBeGreaterThan(40);
  const inputs: Input[] = [];
  for (const route of parametrised) {
    const params = route.path.match(/:\w+/g)!;
    const lang = langOf(route.path);
    const perParam = lang === 'en' ? 2 : 1;
    for (const param of params) {
      for (let i = 0; i < perParam; i++) {
        const segment = pathSegment(fuzz);
        const real = realPath(route.path).split('/');
        const full = route.path
          .split('/')
          .map((part, index) => (part === param ? segment : real[index]))
          .join('/');
        const asData = !isResource(route) && fuzz.chance(0.3);
        const url = asData ? dataPath(full) : full;
        inputs.push({
          category: 'route params',
          label: `GET ${short(url)}`,
          send: get(url, admin),
          expect: notFound(segment),
          expectation: '404',
        });
        // The same URL posted to (a form's action): refused the same way, nothing written.
        if (route.file in ACTION_MODULES && lang === 'en') {
          inputs.push({
            category: 'route params',
            label: `POST ${short(full)}`,
            send: post(full, new URLSearchParams({ _csrf: admin.csrf, title: 'x', version: '1' })),
            expect: notFound(segment),
            expectation: '404',
          });
        }
      }
    }
  }
  // Real ids under the wrong project: a milestone, update, indicator or period of B is not found
  // under A.
  for (const route of parametrised.filter((r) => /:milestoneId|:indicatorId/.test(r.path))) {
    const url = route.path
      .replace(':slug', PROJECT_A)
      .replace(':milestoneId', String(fixture.milestone[PROJECT_B]))
      .replace(':updateId', String(fixture.update[PROJECT_B]))
      .replace(':indicatorId', String(fixture.indicator[PROJECT_B]))
      .replace(':periodId', String(fixture.period[PROJECT_B]));
    inputs.push({
      category: 'route params',
      label: `GET ${url} (ids of ${PROJECT_B})`,
      send: get(url, admin),
      expect: (s) => s === 404,
      expectation: '404',
    });
    if (route.file in ACTION_MODULES) {
      inputs.push({
        category: 'route params',
        label: `POST ${url} (ids of ${PROJECT_B})`,
        send: post(url, new URLSearchParams({ _csrf: admin.csrf, version: '1', confirm: 'yes' })),
        expect: (s) => s === 404,
        expectation: '404',
      });
    }
  }
  // Unknown dashboard charts and export files.
  for (let i = 0; i < 12; i++) {
    const name = pathSegment(fuzz);
    for (const url of [`/api/dashboard/${name}.csv`, `/api/dashboard/${name}`, `/export/${name}`]) {
      inputs.push({
        category: 'route params',
        label: `GET ${short(url)}`,
        send: get(url),
        expect: notFound(name),
        expectation: '404',
      });
    }
  }
  // Paths no route has: the catch-all's 404.
  for (let i = 0; i < 20; i++) {
    const segment = pathSegment(fuzz);
    const url = `/${fuzz.pick(['', 'zh/', 'de/', 'fr/', 'api/', 'export/', 'projects/clct/'])}${segment}/${fuzz.pick(['', 'x', 'edit', 'milestones'])}`;
    inputs.push({
      category: 'route params',
      label: `GET ${short(url)}`,
      send: get(url),
      expect: notFound(segment),
      expectation: '404',
    });
  }
  expect(await runRefused(inputs)).toEqual([]);
});

// ── 3. Form posts ──────────────────────────────────────────────────────────────────────────────

const required = (max: number): FieldKind => ({ kind: 'required', max });
const text = (max: number): FieldKind => ({ kind: 'text', max });
const DATE: FieldKind = { kind: 'date' };
const CHOICE: FieldKind = { kind: 'choice' };
const URL_FIELD: FieldKind = { kind: 'url' };
const VERSION: FieldKind = { kind: 'version' };

const PROJECT_FIELDS: Record<string, FieldKind> = {
  title: required(300),
  titleZh: text(300),
  titleDe: text(300),
  shortName: text(80),
  summary: text(4000),
  summaryZh: text(4000),
  summaryDe: text(4000),
  type: CHOICE,
  statusStated: CHOICE,
  statusSource: text(300),
  startDate: DATE,
  endDate: DATE,
  durationNotes: text(1000),
  ikiFundingEur: { kind: 'number', min: 0, max: 1e10 },
  fundingNotes: text(1000),
  programme: required(80),
  changeSource: URL_FIELD,
};
const MILESTONE_FIELDS: Record<string, FieldKind> = {
  title: required(200),
  titleZh: text(200),
  kind: CHOICE,
  plannedDate: DATE,
  responsibleOrganisation: CHOICE,
  evidenceUrl: URL_FIELD,
  note: text(1000),
};
const EVENT_FIELDS: Record<string, FieldKind> = {
  title: required(300),
  type: CHOICE,
  startDate: DATE,
  endDate: DATE,
  dateText: text(300),
  isDateVerified: { kind: 'checkbox' },
  city: text(120),
  provinceCode: CHOICE,
  format: text(80),
  description: text(4000),
  participants: text(2000),
  projects: CHOICE,
  organisers: text(4000),
  changeSource: URL_FIELD,
};
const SESSION_FIELDS: Record<string, FieldKind> = {
  title: required(300),
  titleZh: text(300),
  titleDe: text(300),
  topic: CHOICE,
  organisations: CHOICE,
  projects: CHOICE,
  outcomes: text(8000),
  source: URL_FIELD,
  changeSource: URL_FIELD,
};
const ORGANISATION_FIELDS: Record<string, FieldKind> = {
  name: required(300),
  acronym: text(40),
  nameZh: text(300),
  nameDe: text(300),
  kind: CHOICE,
  countryCode: CHOICE,
  isInternational: { kind: 'checkbox' },
  successor: CHOICE,
  successionYear: { kind: 'number', min: 1949, max: 2100, integer: true },
  changeSource: URL_FIELD,
};
const INDICATOR_NUMBER: FieldKind = { kind: 'number', min: -1e15, max: 1e15 };
const POSITION: FieldKind = { kind: 'number', min: 0, max: 9999, integer: true };
const INDICATOR_FIELDS: Record<string, FieldKind> = {
  title: required(300),
  titleZh: text(300),
  titleDe: text(300),
  description: text(4000),
  measure: CHOICE,
  unit: CHOICE,
  direction: CHOICE,
  standardIndicator: CHOICE,
  disaggregation: CHOICE,
  resultType: CHOICE,
  resultTitle: text(300),
  baselineValue: INDICATOR_NUMBER,
  baselineYear: { kind: 'number', min: 1900, max: 2200, integer: true },
  baselineDate: DATE,
  baselineComment: text(2000),
  position: POSITION,
};
const PERIOD_FIELDS: Record<string, FieldKind> = {
  periodStart: DATE,
  periodEnd: DATE,
  targetValue: INDICATOR_NUMBER,
  targetComment: text(2000),
  'targetDimensions.female': INDICATOR_NUMBER,
  actualValue: INDICATOR_NUMBER,
  actualComment: text(2000),
  'actualDimensions.male': INDICATOR_NUMBER,
  evidenceUrl: URL_FIELD,
  reportedBy: text(200),
  changeSource: URL_FIELD,
};
const STANDARD_FIELDS: Record<string, FieldKind> = {
  code: required(40),
  title: required(300),
  titleZh: text(300),
  titleDe: text(300),
  definition: text(4000),
  unit: CHOICE,
  isAdditive: { kind: 'checkbox' },
  sourceUrl: URL_FIELD,
  position: POSITION,
  changeSource: URL_FIELD,
};
const ROUND_FIELDS: Record<string, FieldKind> = {
  title: required(200),
  titleZh: text(200),
  titleDe: text(200),
  periodStart: DATE,
  periodEnd: DATE,
  dueOn: DATE,
  event: CHOICE,
};
const DOCUMENT_FIELDS: Record<string, FieldKind> = {
  title: required(300),
  language: CHOICE,
  category: CHOICE,
  documentDate: DATE,
  visibility: CHOICE,
  description: text(4000),
  projects: CHOICE,
  topics: CHOICE,
  events: CHOICE,
  entries: CHOICE,
};
/** A knowledge entry's form (decision 0067): flat fields per language, links as id lists. */
const ENTRY_FIELDS: Record<string, FieldKind> = {
  kind: CHOICE,
  language: CHOICE,
  titleEn: required(200),
  summaryEn: text(1000),
  contextEn: text(10_000),
  titleZh: text(200),
  lessonsZh: text(10_000),
  topics: CHOICE,
  session: CHOICE,
};
const entryValid = { kind: 'lesson', language: 'en', titleEn: 'Fuzz entry' };

const withoutCheckboxes = (fields: Record<string, FieldKind>) =>
  Object.keys(fields).filter((f) => fields[f]!.kind !== 'checkbox');

interface FormSpec {
  path: string;
  fields: Record<string, FieldKind>;
  valid: Record<string, string>;
  breakers?: string[];
  /** The refusals this form may answer with (default: 400, the errors next to the fields). */
  statuses?: number[];
  /** Hidden fields every post of this form carries (e.g. the links page's intent). */
  fixed?: Record<string, string>;
  multipart?: boolean;
}

const version = (table: string, where: string, value: string | number) =>
  String(
    reader.prepare(`SELECT version FROM ${table} WHERE ${where} = ?`).pluck().get(value) as number,
  );

/** Every action route's forms, with their fields' rules and a valid value for each. */
function formSpecs(): Record<string, FormSpec[]> {
  const eventType = reader.prepare('SELECT type FROM events LIMIT 1').pluck().get() as string;
  const milestone = (slug: string) => `/projects/${slug}/milestones/${fixture.milestone[slug]}`;
  const update = (slug: string) => `${milestone(slug)}/updates/${fixture.update[slug]}`;
  const projectValid = {
    title: 'Fuzz project',
    type: 'bilateral',
    programme: 'IKI',
    startDate: '2024',
    endDate: '2026-03',
  };
  const milestoneValid = { title: 'Fuzz milestone', kind: 'deliverable', plannedDate: '2027' };
  const indicator = (slug: string) => `/projects/${slug}/indicators/${fixture.indicator[slug]}`;
  const period = (slug: string) => `${indicator(slug)}/periods/${fixture.period[slug]}`;
  const indicatorValid = {
    title: 'Fuzz indicator',
    measure: 'unit',
    unit: 'people',
    direction: 'ascending',
    disaggregation: 'sex',
  };
  const periodValid = { periodStart: '2026', periodEnd: '2026', targetValue: '1,200.5' };
  const standardValid = { code: 'FUZZ 1', title: 'Fuzz standard', unit: 'people' };
  const eventValid = { title: 'Fuzz event', type: eventType, startDate: '2025-05-05' };
  const organisationValid = { name: 'Fuzz organisation', kind: 'partner', countryCode: 'CN' };
  const roundValid = {
    title: 'Fuzz round',
    periodStart: '2026-01-01',
    periodEnd: '2026-06-30',
    dueOn: '2026-12-31',
  };
  const links = (
    intent: string,
    fields: Record<string, FieldKind>,
    valid: Record<string, string>,
  ) => ({
    path: `/projects/${PROJECT_A}/links`,
    fields,
    valid,
    fixed: { intent },
    // Removing a link the project does not have is a 404 (the record named is not there).
    statuses: intent.startsWith('remove-') ? [400, 404] : [400],
  });
  return {
    'features/accounts/login.tsx': [], // its own test below: it needs fresh addresses
    'features/accounts/logout.ts': [], // a valid token signs out whatever else is sent: see below
    'features/accounts/account.tsx': [], // argon2 per post: a few, below
    // Any token it did not sign is a 400: tests/e2e/mail.test.ts.
    'features/reporting/unsubscribe.tsx': [],
    'features/projects/new.tsx': [
      {
        path: '/projects/new',
        fields: { ...PROJECT_FIELDS, slug: { kind: 'slug' } },
        valid: { ...projectValid, slug: 'fuzz-project' },
      },
    ],
    'features/projects/edit.tsx': [
      {
        path: `/projects/${PROJECT_A}/edit`,
        fields: { ...PROJECT_FIELDS, version: VERSION },
        valid: { ...projectValid, version: version('projects', 'slug', PROJECT_A) },
      },
    ],
    'features/projects/links.tsx': [
      links(
        'add-organisation',
        { organisation: CHOICE, role: CHOICE, nameAsWritten: text(300), asStatedBy: text(300) },
        { organisation: 'giz', role: 'implementingPartner' },
      ),
      links(
        'remove-organisation',
        { organisation: required(200), role: CHOICE },
        {
          organisation: 'giz',
          role: 'implementingOrganisation',
        },
      ),
      links('add-topic', { topic: CHOICE, reason: text(500) }, { topic: topicSlugs.at(-1)! }),
      links('remove-topic', { topic: required(200) }, { topic: topicSlugs[0]! }),
      {
        ...links(
          'add-location',
          { kind: CHOICE, place: CHOICE, province: CHOICE, country: CHOICE },
          { kind: 'province', place: 'beijing', province: 'CN-BJ', country: 'CN' },
        ),
        // A location kind with its own select missing or wrong: the kind decides which counts.
        breakers: ['kind'],
      },
      links(
        'remove-location',
        { location: { kind: 'number', min: 1, max: 1e6, integer: true } },
        {},
      ),
      {
        path: `/projects/${PROJECT_A}/links`,
        fields: { intent: CHOICE, organisation: CHOICE, topic: CHOICE, location: CHOICE },
        valid: { organisation: 'giz', topic: topicSlugs[0]!, location: '1' },
        breakers: ['intent'],
      },
    ],
    'features/milestones/milestone-new.tsx': [
      {
        path: `/projects/${PROJECT_A}/milestones/new`,
        fields: { ...MILESTONE_FIELDS, recordedBy: required(120) },
        valid: { ...milestoneValid, recordedBy: 'Fuzz' },
      },
    ],
    'features/milestones/milestone-update.tsx': [
      {
        path: `${milestone(PROJECT_A)}/update`,
        fields: {
          version: VERSION,
          status: CHOICE,
          progress: { kind: 'number', min: 0, max: 100, integer: true },
          actualDate: DATE,
          revisedDate: DATE,
          comment: text(2000),
          recordedBy: required(120),
        },
        valid: {
          version: version('milestones', 'id', fixture.milestone[PROJECT_A]!),
          status: 'in-progress',
          progress: '40',
          recordedBy: 'Fuzz',
        },
      },
    ],
    'features/milestones/milestone-edit.tsx': [
      {
        path: `${milestone(PROJECT_A)}/edit`,
        fields: {
          ...MILESTONE_FIELDS,
          version: VERSION,
          revisedDate: DATE,
          changeSource: URL_FIELD,
        },
        valid: {
          ...milestoneValid,
          version: version('milestones', 'id', fixture.milestone[PROJECT_A]!),
        },
      },
    ],
    'features/milestones/progress-update-edit.tsx': [
      {
        path: `${update(PROJECT_A)}/edit`,
        fields: { version: VERSION, comment: text(2000), recordedBy: required(120) },
        valid: {
          version: version('progress_updates', 'id', fixture.update[PROJECT_A]!),
          comment: 'Fuzz',
          recordedBy: 'Fuzz',
        },
      },
    ],
    'features/indicators/indicator-new.tsx': [
      {
        path: `/projects/${PROJECT_A}/indicators/new`,
        fields: INDICATOR_FIELDS,
        valid: indicatorValid,
      },
    ],
    'features/indicators/indicator-edit.tsx': [
      {
        path: `${indicator(PROJECT_A)}/edit`,
        fields: { ...INDICATOR_FIELDS, version: VERSION, changeSource: URL_FIELD },
        valid: {
          ...indicatorValid,
          version: version('indicators', 'id', fixture.indicator[PROJECT_A]!),
        },
      },
    ],
    'features/indicators/period-form.tsx': [
      {
        path: `${indicator(PROJECT_A)}/periods/new`,
        fields: PERIOD_FIELDS,
        valid: periodValid,
      },
      {
        path: `${period(PROJECT_A)}/edit`,
        fields: { ...PERIOD_FIELDS, version: VERSION },
        valid: {
          ...periodValid,
          version: version('indicator_periods', 'id', fixture.period[PROJECT_A]!),
        },
      },
    ],
    'features/indicators/standard-form.tsx': [
      {
        path: '/indicators/standard/new',
        fields: STANDARD_FIELDS,
        valid: standardValid,
        breakers: withoutCheckboxes(STANDARD_FIELDS),
      },
      {
        path: '/indicators/standard/1/edit',
        fields: { ...STANDARD_FIELDS, version: VERSION },
        valid: { ...standardValid, version: version('standard_indicators', 'id', 1) },
        breakers: [...withoutCheckboxes(STANDARD_FIELDS), 'version'],
      },
    ],
    'features/events/new.tsx': [
      {
        path: '/events/new',
        fields: { ...EVENT_FIELDS, slug: { kind: 'slug' } },
        valid: { ...eventValid, slug: 'fuzz-event' },
        breakers: [...withoutCheckboxes(EVENT_FIELDS), 'slug'],
      },
    ],
    'features/events/edit.tsx': [
      {
        path: `/events/${EVENT}/edit`,
        fields: { ...EVENT_FIELDS, version: VERSION },
        valid: { ...eventValid, version: version('events', 'slug', EVENT) },
        breakers: [...withoutCheckboxes(EVENT_FIELDS), 'version'],
      },
    ],
    'features/organisations/new.tsx': [
      {
        path: '/organisations/new',
        fields: { ...ORGANISATION_FIELDS, slug: { kind: 'slug' } },
        valid: { ...organisationValid, slug: 'fuzz-organisation' },
        breakers: [...withoutCheckboxes(ORGANISATION_FIELDS), 'slug'],
      },
    ],
    'features/organisations/edit.tsx': [
      {
        path: `/organisations/${ORGANISATION}/edit`,
        fields: { ...ORGANISATION_FIELDS, version: VERSION },
        valid: {
          ...organisationValid,
          version: version('organisations', 'slug', ORGANISATION),
        },
        breakers: [...withoutCheckboxes(ORGANISATION_FIELDS), 'version'],
      },
    ],
    'features/knowledge/answers-page.tsx': [
      {
        path: `/knowledge/${CHALLENGE}/answers`,
        fields: {
          body: required(2000),
          language: CHOICE,
          organisation: { kind: 'number', min: 1, max: 1e9, integer: true },
        },
        valid: { body: 'Fuzz answer', language: 'en' },
      },
    ],
    'features/knowledge/answers-resolve.tsx': [
      {
        path: `/knowledge/${CHALLENGE}/resolve`,
        fields: { version: VERSION },
        valid: { version: version('knowledge_entries', 'slug', CHALLENGE) },
        fixed: { intent: 'mark-solved' },
      },
    ],
    'features/knowledge/answers-queue.tsx': [
      {
        path: '/knowledge/answers',
        fields: { answerId: { kind: 'number', min: 1, max: 1e9, integer: true }, version: VERSION },
        valid: {
          answerId: String(
            reader.prepare('SELECT min(id) FROM knowledge_answers').pluck().get() as number,
          ),
          version: '1',
        },
        fixed: { intent: 'publish-answer' },
        // An answer id that is a number but no answer's: 404.
        statuses: [400, 404],
      },
    ],
    'features/records/delete.tsx': [
      ...[
        [`/projects/${PROJECT_B}/delete`, version('projects', 'slug', PROJECT_B)],
        [
          `${milestone(PROJECT_B)}/delete`,
          version('milestones', 'id', fixture.milestone[PROJECT_B]!),
        ],
        [
          `${update(PROJECT_B)}/delete`,
          version('progress_updates', 'id', fixture.update[PROJECT_B]!),
        ],
        [`/events/${EVENT}/delete`, version('events', 'slug', EVENT)],
        [`/organisations/${ORGANISATION}/delete`, version('organisations', 'slug', ORGANISATION)],
        [
          `${indicator(PROJECT_B)}/delete`,
          version('indicators', 'id', fixture.indicator[PROJECT_B]!),
        ],
        [
          `${period(PROJECT_B)}/delete`,
          version('indicator_periods', 'id', fixture.period[PROJECT_B]!),
        ],
      ].map(([path, v]) => ({
        path: path!,
        fields: { version: VERSION, confirm: { kind: 'confirm' } as FieldKind },
        valid: { version: v! },
        // Never confirmed: the page asks to tick the box.
        breakers: ['confirm'],
      })),
    ],
    'features/reporting/report-page.tsx': [
      {
        path: `/reporting/${FUZZ_ROUND}/${PROJECT_A}`,
        fields: {
          intent: CHOICE,
          version: VERSION,
          language: CHOICE,
          'texts.en.achievements': text(5000),
          'newMilestones[0].title': required(200),
          'newMilestones[0].kind': CHOICE,
          'newMilestones[0].plannedDate': DATE,
        },
        valid: {
          intent: 'save-draft',
          version: version('reports', 'id', 1),
          language: 'en',
          'newMilestones[0].title': 'Fuzz milestone',
          'newMilestones[0].kind': 'deliverable',
        },
      },
    ],
    'features/reporting/report-review.tsx': [
      {
        path: `/reporting/${FUZZ_ROUND}/${PROJECT_A}/review`,
        fields: { intent: CHOICE, version: VERSION, 'comments.general': text(2000) },
        valid: {
          intent: 'return',
          version: version('reports', 'id', 1),
          'comments.general': 'Fuzz',
        },
      },
    ],
    'features/reporting/round-new.tsx': [
      { path: '/reporting/new', fields: ROUND_FIELDS, valid: roundValid },
    ],
    'features/reporting/round-edit.tsx': [
      {
        path: `/reporting/${ROUND}/edit`,
        fields: { ...ROUND_FIELDS, version: VERSION },
        valid: { ...roundValid, version: version('reporting_rounds', 'slug', ROUND) },
      },
      {
        path: `/reporting/${ROUND}/edit`,
        fields: { version: VERSION, to: CHOICE },
        valid: { version: version('reporting_rounds', 'slug', ROUND), to: 'open' },
        fixed: { intent: 'state' },
      },
    ],
    'features/reporting/round-projects.tsx': [
      {
        path: `/reporting/${ROUND}/projects`,
        fields: { intent: CHOICE },
        valid: { intent: 'set' },
      },
    ],
    'features/documents/new.tsx': [
      {
        path: '/documents/new',
        fields: { ...DOCUMENT_FIELDS, url: URL_FIELD },
        valid: { title: 'Fuzz upload', url: 'https://example.org/fuzz.pdf' },
        multipart: true,
      },
    ],
    'features/documents/edit.tsx': [
      {
        path: `/documents/${fixture.document}/edit`,
        fields: { ...DOCUMENT_FIELDS, version: VERSION, changeSource: URL_FIELD },
        valid: { title: 'Fuzz document', version: version('documents', 'id', fixture.document) },
      },
    ],
    'features/knowledge/entry-form-page.tsx': [
      { path: '/knowledge/new', fields: ENTRY_FIELDS, valid: entryValid },
      {
        path: `/knowledge/${FUZZ_ENTRY}/edit`,
        fields: { ...ENTRY_FIELDS, version: VERSION },
        valid: { ...entryValid, version: version('knowledge_entries', 'slug', FUZZ_ENTRY) },
        fixed: { intent: 'save' },
        statuses: [400, 409],
      },
    ],
    'features/knowledge/entry-review.tsx': [
      {
        path: `/knowledge/${FUZZ_ENTRY}/review`,
        fields: { intent: CHOICE, version: VERSION, reviewComment: text(4000) },
        valid: {
          intent: 'return',
          version: version('knowledge_entries', 'slug', FUZZ_ENTRY),
          reviewComment: 'Fuzz',
        },
        statuses: [400, 409],
      },
    ],
    'features/iati/import-page.tsx': [
      {
        path: '/import',
        fields: { regions: CHOICE, countries: CHOICE },
        valid: {},
        fixed: { intent: 'check' },
        multipart: true,
      },
      {
        path: '/import',
        fields: { importId: required(40) },
        valid: {},
        fixed: { intent: 'apply' },
      },
      {
        path: '/import',
        fields: { importId: required(40) },
        valid: {},
        fixed: { intent: 'discard' },
      },
    ],
    // Last: a new form's draws come after every other form's, so theirs stay as they were.
    'features/sessions/session-page.tsx': [
      {
        path: `/events/${SESSION_EVENT}/sessions/new`,
        fields: SESSION_FIELDS,
        valid: { title: 'Fuzz session', topic: 'gender' },
      },
      {
        path: `/events/${SESSION_EVENT}/sessions/1/edit`,
        fields: { ...SESSION_FIELDS, version: VERSION },
        valid: { title: 'Fuzz session', version: version('event_sessions', 'id', 1) },
      },
    ],
  };
}

function formBody(fields: [string, string][], multipart: boolean, file?: Uint8Array<ArrayBuffer>) {
  if (!multipart && !file) return new URLSearchParams(fields);
  const form = new FormData();
  for (const [name, value] of fields) form.append(name, value);
  if (file) form.append('file', new Blob([file], { type: 'text/xml' }), 'fuzz.xml');
  return form;
}

/** Where the 3 MB bodies go (each costs a full read and parse). */
const OVERSIZED = ['/projects/new', '/import', '/login'];

/**
 * The transport cases whose token never checks out (missing, wrong, or in a body the check cannot
 * read): 403 everywhere, so even /logout must refuse them.
 */
const TOKEN_REFUSED = [
  'no token',
  'a wrong token',
  'the token twice, one wrong',
  'another origin',
  'JSON',
  'text/plain',
  'no content type',
  'XML',
  'truncated multipart',
  'multipart without a boundary',
  'multipart with a bad part header',
];

/** Methods pages do not answer: 405 with Allow, before the body or the token is looked at. */
const METHOD_REFUSED = ['PUT', 'DELETE', 'PATCH'];

const isRefusal = (status: number) => status >= 400 && status < 500;
const oneOf =
  (...statuses: number[]) =>
  (status: number) =>
    statuses.includes(status);

test('invalid form posts to every action route are refused (4xx) and write nothing', async () => {
  const specs = formSpecs();
  expect(Object.keys(specs).sort()).toEqual(Object.keys(ACTION_MODULES).sort());
  const inputs: Input[] = [];
  const perForm = 9;
  for (const [route, forms] of Object.entries(specs)) {
    for (const spec of forms) {
      for (let i = 0; i < perForm; i++) {
        const { fields, breaker } = invalidForm(fuzz, spec.fields, spec.valid, spec.breakers);
        // The import's regions are checked only beside a file, which then must be non-empty.
        const file =
          route === 'features/iati/import-page.tsx' && spec.fixed?.intent === 'check'
            ? new TextEncoder().encode(VALID_IATI)
            : undefined;
        const all: [string, string][] = [
          ['_csrf', admin.csrf],
          ...Object.entries(spec.fixed ?? {}),
          ...fields,
        ];
        const multipart = spec.multipart || fuzz.chance(0.15);
        const asData = fuzz.chance(0.5);
        const path = asData ? dataPath(spec.path) : spec.path;
        const shown = fields.map(([k, v]) => `${k}=${JSON.stringify(short(v, 40))}`).join('&');
        const statuses = spec.statuses ?? [400];
        inputs.push({
          category: 'form posts',
          label: `POST ${path} [${breaker} invalid] ${short(shown, 400)}`,
          send: post(path, formBody(all, multipart, file)),
          expect: oneOf(...statuses),
          expectation: statuses.join(' or '),
        });
      }
    }
  }
  expect(await runRefused(inputs)).toEqual([]);
});

test('posts without a token, with the wrong type, truncated or oversized are refused', async () => {
  const specs = formSpecs();
  const paths = [
    ...new Set([
      ...Object.values(specs).flatMap((forms) => forms.map((f) => f.path)),
      '/login',
      '/logout',
      '/account',
    ]),
  ];
  const boundary = '----fuzz-boundary';
  const inputs: Input[] = [];
  for (const path of paths) {
    const form = `_csrf=${admin.csrf}&title=x&version=1`;
    const cases: [string, () => Promise<Response>][] = [
      ['no token', post(path, new URLSearchParams({ title: 'x', version: '1' }))],
      ['a wrong token', post(path, new URLSearchParams({ _csrf: 'x'.repeat(43), title: 'x' }))],
      [
        'the token twice, one wrong',
        post(path, `_csrf=${'y'.repeat(43)}&_csrf=${admin.csrf}`, {
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        }),
      ],
      [
        'another origin',
        post(path, form, {
          headers: {
            Origin: 'http://evil.example',
            'Content-Type': 'application/x-www-form-urlencoded',
          },
        }),
      ],
      [
        'JSON',
        post(path, JSON.stringify({ _csrf: admin.csrf, title: 'x' }), {
          headers: { 'Content-Type': 'application/json' },
        }),
      ],
      ['text/plain', post(path, form, { headers: { 'Content-Type': 'text/plain' } })],
      ['no content type', post(path, new Blob([form]))],
      ['XML', post(path, VALID_IATI, { headers: { 'Content-Type': 'application/xml' } })],
      [
        'truncated multipart',
        post(
          path,
          `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${admin.csrf}\r\n--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nunfinish`,
          { headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` } },
        ),
      ],
      [
        'multipart without a boundary',
        post(path, `--x\r\n\r\n${form}`, { headers: { 'Content-Type': 'multipart/form-data' } }),
      ],
      [
        'multipart with a bad part header',
        post(
          path,
          `--${boundary}\r\nContent-Disposition: form-data; name=_csrf\r\n${'X'.repeat(9000)}\r\n\r\n${admin.csrf}\r\n--${boundary}--\r\n`,
          { headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` } },
        ),
      ],
      [
        'an oversized body (3 MB)',
        post(path, `${form}&note=${'z'.repeat(3 * 1024 * 1024)}&title=${'t'.repeat(70_000)}`, {
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        }),
      ],
      [
        'binary garbage with the token',
        post(
          path,
          `_csrf=${admin.csrf}&${String.fromCharCode(...Array.from({ length: 2000 }, () => fuzz.int(0, 255)))}`,
          {
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          },
        ),
      ],
      [
        'malformed percent-encoding with the token',
        post(path, `_csrf=${admin.csrf}&title=${BAD_PERCENT.join('')}&version=%E0%A4%A`, {
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        }),
      ],
      [
        'PUT',
        post(path, form, {
          method: 'PUT',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        }),
      ],
      ['DELETE', post(path, null, { method: 'DELETE' })],
      [
        'PATCH',
        post(path, form, {
          method: 'PATCH',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        }),
      ],
    ];
    // Each path gets a sample of the cases (all of them over the whole run).
    for (const [what, send] of cases) {
      // Signing out with a valid token is not a refusal: /logout gets only the bad tokens.
      if (path === '/logout' && !TOKEN_REFUSED.includes(what) && !METHOD_REFUSED.includes(what)) {
        continue;
      }
      if (what.startsWith('an oversized') ? !OVERSIZED.includes(path) : fuzz.chance(0.45)) continue;
      // A method pages do not answer is 405; a body over HUB_MAX_BODY_KB is 413 before it is
      // parsed; a token that does not check out is 403 (React Router itself answers 400 to
      // another origin); one that does reaches the action, which refuses the content (or the
      // sign-in).
      const statuses = METHOD_REFUSED.includes(what)
        ? [405]
        : what.startsWith('an oversized')
          ? [413]
          : TOKEN_REFUSED.includes(what)
            ? what === 'another origin'
              ? [400, 403]
              : [403]
            : path === '/login'
              ? [400, 429]
              : [400];
      inputs.push({
        category: 'form posts',
        label: `${what} → ${path}`,
        send,
        expect: oneOf(...statuses),
        expectation: statuses.join(' or '),
        maxBytes: what.startsWith('an oversized') ? 4 * MAX_RESPONSE_BYTES : undefined,
      });
    }
  }
  // Pages without an action: a post is refused, not run.
  for (const route of ROUTES.filter((r) => !(r.file in ACTION_MODULES) && r.path !== '/*')) {
    if (langOf(route.path) !== 'en' && fuzz.chance(0.85)) continue;
    const path = realPath(route.path);
    inputs.push({
      category: 'form posts',
      label: `POST ${path} (no action)`,
      send: post(path, new URLSearchParams({ _csrf: admin.csrf, title: fuzz.value() })),
      expect: oneOf(405),
      expectation: '405',
    });
  }
  expect(await runRefused(inputs)).toEqual([]);
  // The admin's session survived all of it (nothing above signed out).
  const account = await fetch(`${server.url}/account`, {
    headers: { Cookie: admin.cookie },
    redirect: 'manual',
  });
  expect(account.status).toBe(200);
});

test('malformed sign-ins and password changes are refused without a write', async () => {
  const inputs: Input[] = [];
  for (let i = 0; i < 16; i++) {
    const email = fuzz.chance(0.5)
      ? fuzz.value({ long: fuzz.chance(0.2) })
      : `nobody-${i}@fuzz.example`;
    const body = new URLSearchParams([
      ['_csrf', admin.csrf],
      ['email', email],
      ['password', fuzz.value({ long: fuzz.chance(0.2) })],
      ...(fuzz.chance(0.3)
        ? [
            ['next', fuzz.pick(['//evil.example', 'javascript:alert(1)', fuzz.value()])] as [
              string,
              string,
            ],
          ]
        : []),
    ]);
    inputs.push({
      category: 'form posts',
      label: `POST /login email=${JSON.stringify(short(email, 40))}`,
      // X-Forwarded-For is ignored (HUB_TRUST_PROXY=0): all come from one address, whose limit
      // (20 wrong passwords) these 16 stay below; a 429 would be a refusal too.
      send: post('/login', body, {
        headers: {
          'X-Forwarded-For': fuzz.pick([
            `10.15.${i}.1`,
            encodeURIComponent(fuzz.value()),
            '::1, 10.0.0.1, garbage',
          ]),
        },
      }),
      expect: isRefusal,
      expectation: '4xx',
    });
  }
  for (let i = 0; i < 8; i++) {
    const current = fuzz.value({ long: fuzz.chance(0.2) });
    expect(current).not.toBe(password);
    inputs.push({
      category: 'form posts',
      label: `POST /account currentPassword=${JSON.stringify(short(current, 40))}`,
      send: post(
        '/account',
        new URLSearchParams([
          ['_csrf', admin.csrf],
          ['currentPassword', current],
          ['newPassword', fuzz.value({ long: true })],
        ]),
      ),
      // Five wrong current passwords, then the account waits (429).
      expect: (s) => s === 400 || s === 429,
      expectation: '400 or 429',
    });
  }
  expect(await runRefused(inputs, 2)).toEqual([]);
});

// ── 4. Import files ────────────────────────────────────────────────────────────────────────────

function upload(bytes: Uint8Array<ArrayBuffer>, intent = 'check', path = '/import') {
  const form = new FormData();
  form.append('_csrf', admin.csrf);
  form.append('intent', intent);
  form.append('file', new Blob([bytes], { type: 'text/xml' }), 'fuzz.xml');
  return post(path, form);
}

test('the valid control file is staged by a dry run (and discarded again)', async () => {
  const before = fingerprint();
  const response = await upload(new TextEncoder().encode(VALID_IATI))();
  const page = await response.text();
  expect(response.status).toBe(200);
  const importId = /name="importId" value="([^"]+)"/.exec(page)?.[1];
  expect(importId).toMatch(/^\d{13}-[0-9a-f]{16}$/);
  expect(reader.prepare('SELECT count(*) FROM iati_staging').pluck().get()).toBe(1);
  // The fingerprint sees a staged row: the same check would see a refused file's leftovers.
  expect(fingerprint()).not.toBe(before);
  const discard = await post(
    '/import',
    new URLSearchParams({ _csrf: admin.csrf, intent: 'discard', importId: importId! }),
  )();
  expect(discard.status).toBe(303);
  expect(fingerprint()).toBe(before);
});

test('malformed IATI files are refused by the upload (dry run and apply) and write nothing', async () => {
  const files = malformedIatiFiles(fuzz, 45);
  const inputs: Input[] = [];
  for (const file of files) {
    const lang = fuzz.pick(['', '/zh', '/de']);
    inputs.push({
      category: 'import files',
      label: `dry run of ${file.name}${lang}`,
      send: upload(file.bytes, 'check', `${lang}/import`),
      expect: (s) => s === 400,
      expectation: '400 (refused)',
    });
    // "Apply" straight away, without a staged import: the file is not a staged import.
    inputs.push({
      category: 'import files',
      label: `apply of ${file.name}`,
      send: upload(file.bytes, 'apply'),
      expect: (s) => s === 400,
      expectation: '400',
    });
  }
  for (let i = 0; i < 16; i++) {
    const importId = fuzz.pick([
      () => fuzz.value(),
      () => `${Date.now()}-${'0'.repeat(16)}`,
      () => `0000000000000-${'f'.repeat(16)}`,
      () => `${Date.now()}-${'g'.repeat(16)}`,
      () => "1' OR 1=1 --",
      () => '%',
    ])();
    const intent = fuzz.pick(['apply', 'discard']);
    inputs.push({
      category: 'import files',
      label: `${intent} importId=${JSON.stringify(short(importId, 60))}`,
      send: post('/import', new URLSearchParams({ _csrf: admin.csrf, intent, importId })),
      // Five wrong current passwords, then the account waits (429).
      expect: (s) => s === 400 || s === 429,
      expectation: '400 or 429',
    });
  }
  expect(await runRefused(inputs, 2)).toEqual([]);
});

test('the importer module refuses the same files without leaving anything staged', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'iki-hub-fuzz-'));
  const db = openDatabase(database.path);
  const failures: string[] = [];
  try {
    const before = fingerprint();
    for (const [n, file] of malformedIatiFiles(fuzz, 22).entries()) {
      const path = join(dir, `file-${n}.xml`);
      writeFileSync(path, file.bytes);
      counts['import files'] = (counts['import files'] ?? 0) + 1;
      try {
        const { staged } = await reviewIatiFile(path, {}, db);
        if (!staged.isRefused) failures.push(`importer: ${file.name} was not refused`);
      } catch (error) {
        failures.push(`importer: ${file.name} threw ${String(error)}`);
      }
      if (fingerprint() !== before) failures.push(`importer: ${file.name} changed the database`);
    }
  } finally {
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  }
  expect(failures).toEqual([]);
});

// ── 5. Headers ─────────────────────────────────────────────────────────────────────────────────

test('malformed cookies and headers never give a 5xx', async () => {
  const inputs: Input[] = [];
  const paths = [
    '/',
    '/projects',
    '/zh/map',
    '/api/projects',
    '/login',
    '/account',
    '/export/projects.csv',
  ];
  for (let i = 0; i < 28; i++) {
    const path = fuzz.pick(paths);
    const value = fuzz.pick([
      () => `hub_session=${fuzz.pick(BAD_PERCENT)}`,
      () => `__Host-hub_csrf=${fuzz.pick(BAD_PERCENT)}; hub_lang=${fuzz.pick(BAD_PERCENT)}`,
      () => `hub_lang=${encodeURIComponent(fuzz.value())}`,
      () => `hub_session=${'a'.repeat(fuzz.int(100, 4000))}`,
      () => `=; ;;; hub_session; =x`,
      () => `${admin.cookie}; hub_session=${fuzz.pick(BAD_PERCENT)}`,
    ])();
    inputs.push({
      category: 'headers',
      label: `GET ${path} Cookie: ${short(value, 80)}`,
      send: get(path, undefined, { Cookie: value }),
    });
  }
  for (let i = 0; i < 12; i++) {
    const headers = fuzz.pick([
      () => ({
        'Accept-Language': fuzz.pick([
          '*;q=x',
          'zh-Hans-CN-x-'.repeat(200),
          ';;;,,,',
          'de;q=1e309, zh;q=NaN',
        ]),
      }),
      () => ({ 'If-None-Match': fuzz.pick(['*', '"', 'W/', '"a", , "b"', 'x'.repeat(5000)]) }),
      () => ({ 'X-Forwarded-For': fuzz.pick(['', '::::', '999.999.999.999', "' OR 1=1"]) }),
      () => ({ Range: 'bytes=99999999-' }),
    ])();
    inputs.push({
      category: 'headers',
      label: `GET / ${JSON.stringify(headers).slice(0, 100)}`,
      send: get(fuzz.pick(paths), undefined, headers),
    });
  }
  expect(await runRefused(inputs)).toEqual([]);
});

// ── Methods and bodies, on the wire ────────────────────────────────────────────────────────────

/**
 * Method tokens: RFC 9110's and RFC 5789's, WebDAV's and the other registered ones Node's parser
 * knows (http.METHODS), and unregistered or malformed ones.
 */
const REGISTERED_METHODS = http.METHODS.filter((m) => !['GET', 'HEAD', 'POST'].includes(m));
const GARBAGE_METHODS = ['FOO', 'get', 'Post', 'X-CUSTOM', 'BREW', 'PRI', 'G3T', 'A'.repeat(300)];
const METHOD_PATHS = [
  '/',
  '/projects',
  '/zh/map',
  `/de/projects/${PROJECT_A}`,
  `/projects/${PROJECT_A}/edit`,
  '/login',
  '/logout',
  '/import',
  '/account',
  '/api/projects',
  `/api/projects/${PROJECT_A}`,
  '/export/projects.csv',
  '/language?to=zh&next=/',
  '/locator-basemap.svg',
  '/favicon.svg',
  '/no-such-page',
];
const isReadPath = (path: string) =>
  /^\/(api|export)\/|^\/language\b|^\/locator-basemap/.test(path);

test('every method token (RFC 9110, WebDAV, registered, garbage) on every kind of path is a 4xx or 204, never a 5xx', async () => {
  const failures: string[] = [];
  const before = fingerprint();
  let tried = 0;
  for (const path of METHOD_PATHS) {
    for (const method of [...REGISTERED_METHODS, ...GARBAGE_METHODS]) {
      // Every pair signed out; a sample signed in (a session changes nothing about methods).
      const sessions: (HttpSession | null)[] = [null];
      if (fuzz.chance(0.25)) sessions.push(admin);
      for (const session of sessions) {
        const answer = await rawRequest(server.url, {
          method,
          path,
          headers: {
            ...(session ? { Cookie: session.cookie } : {}),
            'Content-Type': 'application/x-www-form-urlencoded',
            'Content-Length': String(`_csrf=${admin.csrf}`.length),
          },
          body: [Buffer.from(`_csrf=${admin.csrf}`)],
        });
        tried += 1;
        const label = `${method.slice(0, 20)} ${path}${session ? ' (signed in)' : ''}`;
        const known = REGISTERED_METHODS.includes(method);
        // Node's parser answers what it does not know as a method with 400 (or, for CONNECT,
        // which asks for a tunnel, closes the connection): the hub never sees those.
        if (method === 'CONNECT') {
          if (answer.status >= 500) failures.push(`${label} → ${answer.status}`);
        } else if (!known) {
          if (answer.status !== 400) failures.push(`${label} → ${answer.status}, expected 400`);
        } else if (method === 'OPTIONS' && path.startsWith('/api/')) {
          if (answer.status !== 204 || answer.headers.allow !== 'GET, HEAD, OPTIONS') {
            failures.push(`${label} → ${answer.status} Allow: ${answer.headers.allow}`);
          }
        } else {
          const allow = isReadPath(path) ? 'GET, HEAD' : 'GET, HEAD, POST';
          if (answer.status !== 405 || answer.headers.allow !== allow) {
            failures.push(
              `${label} → ${answer.status} Allow: ${answer.headers.allow}, expected 405 with ${allow}`,
            );
          }
        }
      }
    }
  }
  counts['methods'] = tried;
  expect(failures).toEqual([]);
  expect(fingerprint()).toBe(before);
});

/** A body over HUB_MAX_BODY_KB (1 MB by default): a valid token first, so only its size is wrong. */
const overLimit = () => bytes(2 * 1024 * 1024, 64 * 1024, 0x7a);

test('bodies over the limit, declared or chunked, signed in or out, are refused with 413 before they are read', async () => {
  const failures: string[] = [];
  const before = fingerprint();
  const paths = [
    '/login',
    '/logout',
    '/account',
    '/projects/new',
    '/zh/import',
    `/projects/${PROJECT_A}/edit`,
  ];
  let tried = 0;
  for (const path of paths) {
    for (const session of [null, admin]) {
      for (const chunked of [false, true]) {
        const prefix = Buffer.from(`_csrf=${(session ?? admin).csrf}&note=`);
        const size = prefix.length + 2 * 1024 * 1024;
        const answer = await rawRequest(server.url, {
          method: 'POST',
          path,
          chunked,
          headers: {
            ...(session ? { Cookie: session.cookie } : {}),
            'Content-Type': 'application/x-www-form-urlencoded',
            ...(chunked ? {} : { 'Content-Length': String(size) }),
          },
          body: [prefix, ...overLimit()],
        });
        tried += 1;
        if (answer.status !== 413) {
          failures.push(
            `POST ${path} ${chunked ? 'chunked' : 'declared'}${session ? ' signed in' : ''} → ${answer.status}`,
          );
        }
      }
    }
  }
  // Under the limit, chunked, the form reaches its action as any other: a wrong password is 400.
  const chunkedLogin = await rawRequest(server.url, {
    method: 'POST',
    path: '/login',
    chunked: true,
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Cookie: (await httpSession(server.url)).cookie,
    },
    body: [],
  });
  expect(chunkedLogin.status).toBe(403);
  const signedOut = await httpSession(server.url);
  const underLimit = await rawRequest(server.url, {
    method: 'POST',
    path: '/login',
    chunked: true,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: signedOut.cookie },
    body: [
      Buffer.from(`_csrf=${signedOut.csrf}&email=nobody%40fuzz.example`),
      Buffer.from(`&password=${'p'.repeat(20)}`),
    ],
  });
  expect(underLimit.status).toBe(400);
  counts['request bodies'] = (counts['request bodies'] ?? 0) + tried + 2;
  expect(failures).toEqual([]);
  expect(fingerprint()).toBe(before);
});

/** The resident memory of the server's workers (the primary answers nothing), in bytes. */
function workersRss(): number {
  return server
    .pids()
    .slice(1)
    .reduce((sum, pid) => {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      return sum + Number(/^VmRSS:\s+(\d+) kB/m.exec(status)![1]) * 1024;
    }, 0);
}

const MB = 1024 * 1024;

test('an anonymous 100 MB POST, declared or chunked, to a form or the upload, grows the server by less than 20 MB', async () => {
  const round = async () => {
    const growth: string[] = [];
    let peak = 0;
    for (const path of ['/login', '/projects/new', '/import']) {
      for (const chunked of [false, true]) {
        const multipart = path === '/import';
        const answer = await rawRequest(server.url, {
          method: 'POST',
          path,
          chunked,
          headers: {
            'Content-Type': multipart
              ? 'multipart/form-data; boundary=----fuzz'
              : 'application/x-www-form-urlencoded',
            ...(chunked ? {} : { 'Content-Length': String(100 * MB) }),
          },
          body: bytes(100 * MB, 256 * 1024),
          timeout: 60_000,
        });
        peak = Math.max(peak, workersRss());
        growth.push(`${path} ${chunked ? 'chunked' : 'declared'} → ${answer.status}`);
        // Too large for a form (413); the upload page does not read a body from no one (401).
        expect(answer.status, growth.at(-1)).toBe(multipart ? 401 : 413);
      }
    }
    return { peak, growth };
  };
  // The first two rounds pay once for what answering these requests costs at all (the routes'
  // code, a first render, the heap's young generation grown to its working size under a fast
  // stream of chunks): 35–45 MB on a fresh server, whatever the bodies' size, then flat. The
  // third is measured: a server that kept anything of what it reads would grow by up to 600 MB.
  const first = workersRss();
  const warm = await round();
  await round();
  const baseline = workersRss();
  const { peak, growth } = await round();
  counts['request bodies'] = (counts['request bodies'] ?? 0) + 18;
  console.log(
    `100 MB anonymous posts: workers' RSS ${(first / MB).toFixed(0)} MB at first, at most ${(warm.peak / MB).toFixed(0)} MB in the first round; ${(baseline / MB).toFixed(0)} MB before the third, at most ${(peak / MB).toFixed(0)} MB in it (${growth.join('; ')})`,
  );
  expect(warm.peak - first).toBeLessThan(40 * MB);
  expect(peak - baseline).toBeLessThan(20 * MB);
});

test('a signed-in upload is streamed to disk: 60 MB that is not IATI is refused by the reader, 101 MB by the limit, and neither grows the server by 20 MB', async () => {
  let baseline = workersRss();
  let peak = baseline;
  const boundary = '----fuzz-upload';
  const upload = async (size: number, chunked: boolean) => {
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${admin.csrf}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="intent"\r\n\r\ncheck\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.xml"\r\nContent-Type: text/xml\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const answer = await rawRequest(server.url, {
      method: 'POST',
      path: '/import',
      chunked,
      headers: {
        Cookie: admin.cookie,
        'Content-Type': `multipart/form-data; boundary=${boundary}`,
        ...(chunked ? {} : { 'Content-Length': String(head.length + size + tail.length) }),
      },
      body: (function* () {
        yield head;
        yield* bytes(size, 256 * 1024, 0x20);
        yield tail;
      })(),
      timeout: 120_000,
    });
    peak = Math.max(peak, workersRss());
    return answer;
  };
  // Whitespace, then no root element: the reader refuses it once it has read it all. A small
  // one first: the import's thread and the code it loads are there before the large one comes,
  // as they are after any upload (what they cost is a constant, not what an upload's size adds).
  expect((await upload(1024, true)).status).toBe(400);
  baseline = workersRss();
  peak = baseline;
  const notIati = await upload(60 * MB, true);
  expect(notIati.status).toBe(400);
  expect((await upload(101 * MB, false)).status).toBe(413);
  expect((await upload(101 * MB, true)).status).toBe(413);
  counts['request bodies'] = (counts['request bodies'] ?? 0) + 3;
  console.log(
    `signed-in uploads: workers' RSS ${(baseline / MB).toFixed(0)} MB before, at most ${(peak / MB).toFixed(0)} MB during`,
  );
  expect(peak - baseline).toBeLessThan(20 * MB);
  // Nothing was staged by any of them.
  expect(reader.prepare('SELECT count(*) FROM iati_staging').pluck().get()).toBe(0);
});

// ── 6. Redirect targets ────────────────────────────────────────────────────────────────────────

/** Starts of `next` values that tried to leave the hub (app/core/http/safe-redirect.ts refuses them). */
const HOSTILE_NEXT_STARTS = [
  '//',
  '///',
  '/.//',
  '/..//',
  '/a/..//',
  '/./\\',
  '/\\',
  '\\\\',
  '/%2F',
  '/%2f%2f',
  '/%252F%252F',
  '/.%2F%2F',
  '/%5C',
  '/%255C',
  '/\t/',
  '/%09/',
  '/\n/',
  '/\r\n/',
  '/\u0000/',
  '/\u3000/',
  '/\u2028/',
  '/\u00a0/',
  '/zh//',
  '/de/..//',
  'javascript:',
  'https://',
  'https:',
  'data:text/html,',
  '',
];

test('hostile `next` targets on the sign-in and language pages never give a 5xx or leave the hub', async () => {
  const onHub = (response: Response) => {
    try {
      return new URL(response.headers.get('location') ?? '/', server.url).origin === server.url;
    } catch {
      return false;
    }
  };
  const inputs: Input[] = [];
  for (const start of HOSTILE_NEXT_STARTS) {
    const next = `${start}${fuzz.pick(['evil.example', 'evil.example/path?x=1', fuzz.value()])}`;
    const q = encodeURIComponent(next);
    const label = JSON.stringify(short(next, 60));
    inputs.push({
      category: 'redirect targets',
      label: `GET /language next=${label}`,
      send: get(`/language?to=${fuzz.pick(['en', 'zh', 'de', fuzz.value()])}&next=${q}`),
      expect: (status, response) => status === 302 && onHub(response),
      expectation: '302 to a page of the hub',
    });
    inputs.push({
      category: 'redirect targets',
      label: `GET /login next=${label}`,
      send: get(`${fuzz.pick(['', '/zh', '/de'])}/login?next=${q}`),
      expect: (status) => status === 200,
      expectation: '200',
    });
    // Signed in with the target sent in the form: the browser is sent to a page of the hub.
    inputs.push({
      category: 'redirect targets',
      label: `POST /login next=${label}`,
      send: async () => {
        const session = await httpSession(server.url);
        return fetch(`${server.url}/login`, {
          method: 'POST',
          redirect: 'manual',
          headers: { Cookie: session.cookie },
          body: new URLSearchParams({
            _csrf: session.csrf,
            email: 'traveller@fuzz.example',
            password,
            next,
          }),
        });
      },
      expect: (status, response) => status === 303 && onHub(response),
      expectation: '303 to a page of the hub',
    });
  }
  const failures = (await runAll(inputs, 2)).filter((o) => o.problem).map(describe);
  expect(failures).toEqual([]);
});

// ── Totals and the server's log ────────────────────────────────────────────────────────────────

/**
 * What the server may print for these inputs: its request log, its start-up line, and the
 * framework's own refusals, each with its stack — Express's 400 for a path that is not valid
 * percent-encoding, React Router's 400 for a post from another origin and its 405 for a post to a
 * page without an action. One warning comes from the framework too: compression hands each
 * 'drain' listener of @react-router/node's streaming to its Gzip stream and never removes it, so a
 * large signed-in page read slowly (three clients at once here) passes Node's limit of ten; it is
 * about streaming, not about any input. Anything else (an error of ours, a missing translation,
 * another warning) fails.
 */
const EXPECTED_LOG = [
  // The request log (any method Node's parser knows reaches it; the worker ends the line).
  /^[A-Z-]+ \S* \d{3} .* w\d+$/,
  // The lines the primary prints at start (scripts/server/announce.mjs).
  /^IKI China portfolio hub is running\.$/,
  /^ {2}(?:Address {3}http:\/\/|Database {2}\/|Data {6}\d|Workers {3}\d|Mail {6}(?:written|sent)|Stop {6}Ctrl-C)/,
  /^URIError: Failed to decode param '\/.*'$/,
  /^Error: The `request.url` origin does not match `origin` header from a forwarded action request\. Aborting the action\.$/,
  /^\(node:\d+\) MaxListenersExceededWarning: Possible EventEmitter memory leak detected\. \d+ drain listeners added to \[Gzip\]\. /,
  /^\(Use `node --trace-warnings \.\.\.` to show where the warning was created\)$/,
  /^Error: You made a (?:POST|PUT|PATCH|DELETE) request to ".*" but did not provide an `action` for route ".*", so there is no way to handle the request\.$/,
];

/** The server's output as entries: a line and the stack lines under it. */
function logEntries(output: string): string[][] {
  const entries: string[][] = [];
  for (const line of output.split('\n')) {
    if (line.trim() === '') continue;
    if (/^ {4}at /.test(line) && entries.length) entries.at(-1)!.push(line);
    else entries.push([line]);
  }
  return entries;
}

test('the server logged no error for any of the inputs, and at least 500 were tried', () => {
  const unexpected = logEntries(server.output())
    .filter(([first]) => !EXPECTED_LOG.some((pattern) => pattern.test(first!)))
    .map((entry) => entry.slice(0, 4).join('\n'));
  expect(unexpected).toEqual([]);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(
    `fuzz inputs tried (seed ${SEED}): ${Object.entries(counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}; total ${total}`,
  );
  expect(total).toBeGreaterThanOrEqual(500);
});

test('after every input, the same server processes still serve', async () => {
  // No worker was replaced (a crash would have been): the primary and its workers are the ones
  // that started, and they answer.
  expect(server.pids()).toEqual(serverPids);
  expect((await fetch(`${server.url}/`)).status).toBe(200);
  const account = await fetch(`${server.url}/account`, { headers: { Cookie: admin.cookie } });
  expect(account.status).toBe(200);
});
