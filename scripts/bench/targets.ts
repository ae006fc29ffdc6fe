import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { openDatabase } from '../../db/client.server';
import { createUser } from '../../app/core/auth/users.server';
import { EXPORT_FILES } from '../../app/features/exports/export-files';
import type { TestServer } from '../harness';
import { type LoadDatabase, ROOT } from '../load-tools';

// What the bench asks the server for: pages, APIs, exports, and one page signed in and
// conditional.

export interface Target {
  name: string;
  path: string;
  kind: 'static' | 'page' | 'api' | 'variant' | 'export';
  headers?: Record<string, string>;
  /** A signed-in page whose loader is timed with single requests and held to the p95 goal. */
  timed?: boolean;
  /** A whole-file download (like the exports): timed, but not held to a page's loader goal. */
  wholeFile?: boolean;
  /** A page whose point is its Chart.js or Leaflet view: held to the map's JavaScript budget. */
  chartPage?: boolean;
}

/** The root route's module: every page loads it, and it is small, so serving it is the ceiling. */
function staticAsset(): string {
  const file = readdirSync(join(ROOT, 'build/client/assets')).find((f) => /^root-.*\.js$/.test(f));
  if (!file) throw new Error('No build/client/assets/root-*.js: run `npm run build`.');
  return `/assets/${file}`;
}

/**
 * Whether app/routes.ts has a route at this path (the knowledge and document pages of issue #30
 * are built in parts: a bench run on a tree without them skips their targets).
 */
function hasRoute(path: string): boolean {
  return readFileSync(join(ROOT, 'app/routes.ts'), 'utf8').includes(`route('${path}'`);
}

/** The pages of knowledge exchange (issue #30) the tree has, with a record of each from the data. */
function knowledgeTargets(database: LoadDatabase): Target[] {
  const pages: [string, string, boolean][] = [
    ['knowledge list', '/knowledge', hasRoute('knowledge')],
    [
      'knowledge entry',
      `/knowledge/${database.entrySlug}`,
      !!database.entrySlug && hasRoute('knowledge/:slug'),
    ],
    ['document list', '/documents', hasRoute('documents')],
    [
      'document page',
      `/documents/${database.documentId}`,
      database.documentId !== null && hasRoute('documents/:id'),
    ],
    ['topic page', `/topics/${database.topicSlug}`, !!database.topicSlug],
    // Search whose best hits are in documents' text, in English and in Chinese.
    ['search in document text', '/search?q=geothermal+heat+supply', true],
    ['search in document text (Chinese)', `/search?q=${encodeURIComponent('屋顶光伏')}`, true],
  ];
  return pages
    .filter(([, , isThere]) => isThere)
    .map(([name, path]) => ({ name, path, kind: 'page' as const }));
}

export function targets(database: LoadDatabase): Target[] {
  return [
    { name: 'static file (the ceiling)', path: staticAsset(), kind: 'static' },
    { name: 'home', path: '/', kind: 'page' },
    { name: 'project list', path: '/projects', kind: 'page' },
    {
      name: 'project page',
      path: `/projects/${database.projectSlug}`,
      kind: 'page',
      // A synthetic project has indicator values: its page draws their charts (decision 0062).
      chartPage: database.projectHasCharts,
    },
    // The project with the most indicator periods (demo portfolios: the real one has no values).
    ...(database.indicatorProjectSlug
      ? [
          {
            name: 'project page with indicators',
            path: `/projects/${database.indicatorProjectSlug}`,
            kind: 'page' as const,
            // Its indicators' Chart.js charts make it a chart page (decision 0062).
            chartPage: true,
          },
        ]
      : []),
    { name: 'map', path: '/map', kind: 'page', chartPage: true },
    { name: 'map data', path: '/api/map', kind: 'api' },
    { name: 'timeline', path: '/timeline', kind: 'page' },
    { name: 'dashboard', path: '/dashboard', kind: 'page', chartPage: true },
    { name: 'milestone review', path: '/milestones', kind: 'page' },
    { name: 'search', path: '/search?q=energy', kind: 'page' },
    { name: 'JSON API', path: '/api/projects', kind: 'api' },
    { name: 'events', path: '/events', kind: 'page' },
    { name: 'organisations', path: '/organisations', kind: 'page' },
    { name: 'organisation network', path: '/organisations/network', kind: 'page' },
    { name: 'topics', path: '/topics', kind: 'page' },
    { name: 'milestones API', path: '/api/milestones', kind: 'api' },
    { name: 'indicators API', path: '/api/indicators', kind: 'api' },
    {
      name: 'indicators API, one standard indicator',
      path: '/api/indicators?standard=SI+1',
      kind: 'api',
    },
    { name: 'events API', path: '/api/events', kind: 'api' },
    { name: 'organisations API', path: '/api/organisations', kind: 'api' },
    { name: 'feed of changes', path: '/feeds/changes.atom', kind: 'api' },
    { name: 'feed of changes, filtered', path: '/feeds/changes.atom?type=bilateral', kind: 'api' },
    { name: 'project feed', path: `/feeds/projects/${database.projectSlug}.atom`, kind: 'api' },
    { name: 'changes page', path: '/changes?since=2026-01-01', kind: 'page' },
    ...knowledgeTargets(database),
    // The workshop pack's print view over the whole portfolio (issue #31); past 300 projects it
    // is the page that offers the files instead.
    ...(hasRoute('report')
      ? [
          {
            name: 'workshop pack, print view',
            path: '/report?start=2015-01-01&end=2026-12-31',
            kind: 'page' as const,
          },
        ]
      : []),
  ];
}

/** The unfiltered exports: the largest answers the hub gives, timed one request at a time. */
export const EXPORTS: Target[] = EXPORT_FILES.map((file) => ({
  name: file,
  path: `/export/${file}`,
  kind: 'export',
}));

export const BENCH_ACCOUNT = { email: 'bench@hub.example', password: 'benchmarking the hub' };
/** The hub team's view of a report (the form with its milestones) needs an editor. */
const BENCH_EDITOR = { email: 'bench-editor@hub.example', password: 'benchmarking the hub' };

/** A viewer account, written before the server starts (a later write empties its caches). */
export async function createBenchAccount(database: LoadDatabase) {
  const db = openDatabase(database.path);
  const who = { at: new Date().toISOString(), actor: { id: null, name: 'bench (command line)' } };
  try {
    await createUser({ name: 'Bench', ...BENCH_ACCOUNT, role: 'viewer' }, who, db);
    await createUser({ name: 'Bench editor', ...BENCH_EDITOR, role: 'editor' }, who, db);
  } finally {
    db.$client.close();
  }
}

/** A report of the demo round that is being written (the form with its milestones), if any. */
function demoReportPath(database: LoadDatabase): string | null {
  const db = openDatabase(database.path);
  try {
    const row = db.$client
      .prepare(
        `SELECT p.slug FROM reports r JOIN reporting_rounds rr ON rr.id = r.round_id
           JOIN projects p ON p.id = r.project_id
          WHERE rr.slug = ? AND r.state = 'draft'
          ORDER BY (SELECT count(*) FROM milestones m WHERE m.project_id = p.id) DESC, r.id
          LIMIT 1`,
      )
      .get(DEMO_ROUND) as { slug: string } | undefined;
    return row ? `/reporting/${DEMO_ROUND}/${row.slug}` : null;
  } finally {
    db.$client.close();
  }
}

/** Signs one bench account in and returns its session cookie. */
export async function signIn(server: TestServer, { email, password }: typeof BENCH_ACCOUNT) {
  const login = await fetch(`${server.url}/login`);
  const [, csrfName, csrf] = /((?:__Host-)?hub_csrf)=([^;]+)/.exec(
    login.headers.getSetCookie().join('\n'),
  ) as unknown as [string, string, string];
  const answer = await fetch(`${server.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Cookie: `${csrfName}=${csrf}` },
    body: new URLSearchParams({ email, password, _csrf: csrf }),
  });
  const session = /hub_session=([^;]+)/.exec(answer.headers.getSetCookie().join('\n'))?.[1];
  if (!session) throw new Error(`Signing in for the bench failed: ${answer.status}`);
  return { Cookie: `hub_session=${session}` };
}

/**
 * The signed-in and conditional variants of one page: what buffering and 304s cost or save; and,
 * on a demo portfolio with its open reporting round (db/seed/synthetic-reports.ts, up to 2 000 of
 * its projects), the round board, its CSV and a report's form, signed in (the real portfolio has
 * no round).
 */
export async function variants(server: TestServer, database: LoadDatabase): Promise<Target[]> {
  const cookie = await signIn(server, BENCH_ACCOUNT);
  const etag = (await fetch(`${server.url}/projects`)).headers.get('etag') ?? '';
  const board = `/reporting/${DEMO_ROUND}`;
  const hasBoard = (await fetch(`${server.url}${board}`, { headers: cookie })).status === 200;
  const report = hasBoard ? demoReportPath(database) : null;
  const editor = report ? await signIn(server, BENCH_EDITOR) : {};
  const reporting: Target[] = [
    ...(hasBoard
      ? [
          { name: 'round board, signed in', path: board, headers: cookie },
          {
            name: 'round board CSV, signed in (the whole board: an export)',
            path: `${board}/board.csv`,
            headers: cookie,
            wholeFile: true,
          },
        ]
      : []),
    ...(report ? [{ name: 'report form, signed in (editor)', path: report, headers: editor }] : []),
  ].map((t) => ({ ...t, kind: 'variant' as const, timed: true }));
  return [
    {
      name: 'project list, signed in (streamed, nonce)',
      path: '/projects',
      kind: 'variant',
      headers: cookie,
    },
    {
      name: 'project list, If-None-Match (304)',
      path: '/projects',
      kind: 'variant',
      headers: { 'If-None-Match': etag },
    },
    ...reporting,
  ];
}

/** The open round of the demo portfolio. */
export const DEMO_ROUND = 'demo-round-2026';
