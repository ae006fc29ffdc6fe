import { rmSync } from 'node:fs';

import { afterAll, beforeAll, expect, test } from 'vitest';

import { EXPORT_FILES } from '../../app/features/exports/export-files';
import { type TestServer, createSeededDatabase, readSeed, startServer } from './support';

// Every API parameter, every API: a malformed value (not a number, not a year, not a known code,
// not a slug) is a 400 naming the parameter and saying what it must be; a well-formed value that
// matches nothing is an empty answer, never an error about the data.

const SEED = readSeed<{ events: { type: string; startDate: string | null }[] }>(
  'iki-china-projects.json',
);

let server: TestServer;
let database: { path: string; dir: string };
beforeAll(async () => {
  database = createSeededDatabase();
  server = await startServer({ databaseUrl: database.path, hubToday: '2026-11-29' });
});
afterAll(async () => {
  await server?.stop();
  if (database) rmSync(database.dir, { recursive: true, force: true });
});

/** Every endpoint that reads the shared project filter. */
const FILTERED = [
  '/api/projects',
  '/api/milestones',
  '/api/indicators',
  '/api/map',
  '/api/dashboard/byTopic.csv',
  '/api/dashboard/byMinistry.csv',
  ...EXPORT_FILES.map((file) => `/export/${file}`),
];

/** [parameter, malformed value, words the message must contain]. */
const FILTER_CASES: [string, string, string][] = [
  ['from', 'abc', 'a year from 1900 to 2200'],
  ['from', '20.5', 'a year from 1900 to 2200'],
  ['to', '0x7E8', 'a year from 1900 to 2200'],
  ['to', '99999', 'a year from 1900 to 2200'],
  ['fundingMin', 'lots', 'an amount in euros'],
  ['fundingMax', '-5', 'an amount in euros'],
  ['type', 'circle', 'one of bilateral, regional, global, unknown'],
  ['status', 'done', 'one of planned, ongoing, completed, unknown'],
  ['origin', 'elsewhere', 'one of hub, iati'],
  ['province', 'Beijing', 'a Chinese province code such as CN-BJ'],
  ['country', 'Germany', 'a two-letter country code'],
  ['topic', 'Clean Energy!', 'a slug'],
  ['fundingArea', 'a--b', 'a slug'],
  ['org', 'GIZ GmbH', 'a slug'],
  ['ministry', 'bmuv/', 'a slug'],
  ['overdue', 'yes', '1 (only projects with an overdue milestone)'],
  ['q', ' '.repeat(3) + 'x'.repeat(201), 'a search text of 1 to 200 characters'],
];

interface ApiErrorBody {
  error: string;
  parameter?: string;
  expected?: string;
}

async function getError(path: string): Promise<{ status: number; body: ApiErrorBody }> {
  const response = await fetch(`${server.url}${path}`);
  expect(response.headers.get('content-type'), path).toContain('application/json');
  return { status: response.status, body: (await response.json()) as ApiErrorBody };
}

test('every filtered API and export answers a malformed filter value with what it must be', async () => {
  let checked = 0;
  for (const endpoint of FILTERED) {
    for (const [name, value, expected] of FILTER_CASES) {
      const path = `${endpoint}?${new URLSearchParams({ [name]: value })}`;
      const { status, body } = await getError(path);
      expect(status, path).toBe(400);
      expect(body.parameter, path).toBe(name);
      expect(body.expected, path).toContain(expected);
      expect(body.error, path).toMatch(new RegExp(`^${name} must be `));
      expect(body.error, path).toContain(expected);
      expect(body.error, path).not.toMatch(/has no|for this value|not a valid value/);
      checked += 1;
    }
  }
  expect(checked).toBe(FILTERED.length * FILTER_CASES.length);
});

test('each API’s own parameters: paging, lang, ministries, event type, year, project and org', async () => {
  const cases: [string, string, string][] = [
    ['/api/projects?page=0', 'page', 'a whole number from 1'],
    ['/api/projects?page=two', 'page', 'a whole number from 1'],
    ['/api/milestones?pageSize=1000', 'pageSize', 'a whole number from 1 to 100'],
    ['/api/events?page=-1', 'page', 'a whole number from 1'],
    ['/api/events?year=abc', 'year', 'a year from 1900 to 2200'],
    ['/api/events?year=24', 'year', 'a year from 1900 to 2200'],
    ['/api/events?type=party', 'type', 'one of workshop, conference'],
    ['/api/events?project=Not%20A%20Slug', 'project', 'a slug'],
    ['/api/events?org=GIZ!', 'org', 'a slug'],
    ['/api/map?lang=fr', 'lang', 'one of en, zh, de'],
    ['/api/dashboard/byTopic.csv?lang=english', 'lang', 'one of en, zh, de'],
    ['/api/dashboard/byMinistry.csv?ministries=all', 'ministries', 'one of folded, stated'],
    ['/export/events.ics?lang=cn', 'lang', 'one of en, zh, de'],
    ['/export/milestones.ics?project=CLCT%20II', 'project', 'a slug'],
  ];
  for (const [path, name, expected] of cases) {
    const { status, body } = await getError(path);
    expect(status, path).toBe(400);
    expect(body.parameter, path).toBe(name);
    expect(body.error, path).toMatch(new RegExp(`^${name} must be .*${expected}`));
    expect(body.error, path).not.toMatch(/has no|for this value/);
  }
});

test('a well-formed value that matches nothing is an empty answer, not an error', async () => {
  const years = new Set(SEED.events.map((e) => e.startDate?.slice(0, 4)));
  const emptyYear = [1901, 1950, 2199].find((y) => !years.has(String(y)))!;
  for (const path of [
    `/api/events?year=${emptyYear}`,
    '/api/events?project=no-such-project',
    '/api/events?org=no-such-organisation',
    '/api/projects?topic=no-such-topic',
    '/api/milestones?org=no-such-organisation&from=1901&to=1902',
  ]) {
    const response = await fetch(`${server.url}${path}`);
    expect(response.status, path).toBe(200);
    expect(((await response.json()) as { total: number }).total, path).toBe(0);
  }
  // A year some event has still finds it.
  const year = [...years].find(Boolean)!;
  const found = (await (await fetch(`${server.url}/api/events?year=${year}`)).json()) as {
    total: number;
  };
  expect(found.total).toBe(SEED.events.filter((e) => e.startDate?.startsWith(year)).length);
});

test('what does not exist is a 404 that names it and what does', async () => {
  const missing = await getError('/export/milestones.ics?project=no-such-project');
  expect(missing.status).toBe(404);
  expect(missing.body).toMatchObject({
    parameter: 'project',
    error: 'no project “no-such-project”',
  });
  const file = await getError('/export/projects.xlsx');
  expect(file.status).toBe(404);
  expect(file.body.error).toContain(EXPORT_FILES.join(', '));
  const chart = await getError('/api/dashboard/byColour.csv');
  expect(chart.status).toBe(404);
  expect(chart.body.error).toMatch(/^no chart “byColour”; the charts are .*byTopic\.csv/);
});
