import { rmSync } from 'node:fs';

import { afterAll, beforeAll, expect, test } from 'vitest';

import { createDemoDatabase } from '../../scripts/load-tools';
import { type TestServer, readDatabase, startServer } from './support';

// The exports of a large selection over HTTP from the production server (npm run build first),
// on a demo portfolio of 2 500 projects: such a file is built in the exports' worker thread
// (app/features/exports/export-jobs.server.ts, decision 0080), so pages and the API answer while
// it builds; the file, its headers and its refusals are what the answering thread would give.

const PROJECTS = 2_500;
let database: { path: string; dir: string };
let server: TestServer;

beforeAll(async () => {
  database = createDemoDatabase(PROJECTS, 'export-worker');
  // The response cache off: every request below is built, none answered from a kept copy.
  server = await startServer({
    databaseUrl: database.path,
    hubToday: '2026-12-01',
    env: { HUB_RESPONSE_CACHE_MB: '0' },
  });
}, 180_000);

afterAll(async () => {
  await server?.stop();
  if (database) rmSync(database.dir, { recursive: true, force: true });
});

const url = (path: string) => `${server.url}${path}`;

/** The projects IATI can publish: those with a start or an end date. */
const datedProjects = () =>
  readDatabase(
    database.path,
    (db) =>
      db
        .prepare(
          `SELECT count(*) FROM projects WHERE origin = 'hub' AND (start_date IS NOT NULL OR end_date IS NOT NULL)`,
        )
        .pluck()
        .get() as number,
  );

test('while the whole portfolio’s IATI file builds, a page and the API answer before it is in', async () => {
  // Both rendered once, so that neither pays a first render below.
  for (const path of ['/', '/api/projects']) await (await fetch(url(path))).arrayBuffer();
  const finished: string[] = [];
  const started = performance.now();
  const file = fetch(url('/export/iati.xml')).then(async (response) => {
    const xml = await response.text();
    finished.push('iati.xml');
    return { response, xml, ms: performance.now() - started };
  });
  // Asked once the export's request is in (its loader hands the build over at once).
  await new Promise((resolve) => setTimeout(resolve, 300));
  const latencies: Record<string, number> = {};
  for (const path of ['/', '/api/projects', '/projects?page=2']) {
    const asked = performance.now();
    const response = await fetch(url(path));
    expect(response.status, path).toBe(200);
    await response.arrayBuffer();
    latencies[path] = performance.now() - asked;
    finished.push(path);
  }
  const built = await file;
  expect(finished).toEqual(['/', '/api/projects', '/projects?page=2', 'iati.xml']);
  expect(built.response.status).toBe(200);
  expect(built.response.headers.get('content-type')).toBe('application/xml; charset=utf-8');
  expect(built.response.headers.get('content-disposition')).toBe(
    'attachment; filename="iki-china-iati-activities.xml"',
  );
  expect(built.xml.match(/<iati-activity[\s>]/g)).toHaveLength(datedProjects());
  expect(built.xml.trimEnd().endsWith('</iati-activities>')).toBe(true);
  console.log(
    `iati.xml of ${PROJECTS} projects: ${Math.round(built.ms)} ms, ${Math.round(built.xml.length / 1024)} KB; ` +
      `meanwhile ${Object.entries(latencies)
        .map(([path, ms]) => `${path} ${ms.toFixed(0)} ms`)
        .join(', ')}`,
  );
}, 180_000);

test('a file built in the worker holds the whole selection, in the language asked for', async () => {
  const response = await fetch(url('/export/projects.csv?lang=zh'));
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
  const text = await response.text();
  const lines = text.trimEnd().split(/\r?\n/);
  expect(lines[0]!.replace(/^\uFEFF/, '').startsWith('slug,iki_project_number,title,')).toBe(true);
  expect(lines).toHaveLength(PROJECTS + 1);
  // Labels in Chinese, and the links to the Chinese pages.
  expect(text).toContain('/zh/projects/');
});

test('two identical requests at once are both answered with the same file', async () => {
  const [a, b] = await Promise.all(
    [1, 2].map(async () => {
      const response = await fetch(url('/export/milestones.csv'));
      expect(response.status).toBe(200);
      return response.text();
    }),
  );
  expect(a).toBe(b);
  expect(a!.trimEnd().split(/\r?\n/).length).toBeGreaterThan(PROJECTS);
});

test('a wrong parameter of a large file is refused as from a small one: 400 in JSON, naming it', async () => {
  // `precision` is read by the calendar's builder, so this 400 comes back from the worker.
  const calendar = await fetch(url('/export/milestones.ics?precision=weekly'));
  expect(calendar.status).toBe(400);
  expect(await calendar.json()).toMatchObject({ parameter: 'precision' });
  // The shared filter is read on the answering thread, before any build.
  const filter = await fetch(url('/export/iati.xml?status=sleeping'));
  expect(filter.status).toBe(400);
  expect(await filter.json()).toMatchObject({ parameter: 'status' });
  const head = await fetch(url('/export/projects.geojson'), { method: 'HEAD' });
  expect(head.status).toBe(200);
  expect(head.headers.get('content-type')).toBe('application/geo+json; charset=utf-8');
});
