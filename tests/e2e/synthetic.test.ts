import { rmSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, expect, test } from 'vitest';

import { openDatabase } from '../../db/client.server';
import { generateDemoPortfolio } from '../../db/demo';
import { migrateDatabase } from '../../db/migrate';
import { type TestServer, makeTempDir, startServer } from './support';

let dir: string;
let path: string;
let server: TestServer;

beforeAll(async () => {
  dir = makeTempDir('demo');
  path = join(dir, 'demo.sqlite');
  const db = openDatabase(path);
  migrateDatabase(db);
  generateDemoPortfolio(db, { projects: 150 });
  db.$client.close();
  server = await startServer({ databaseUrl: path });
});

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('every page of a synthetic database says "synthetic demo data"', async () => {
  for (const path of [
    '/',
    '/projects',
    '/projects?page=3',
    '/projects/demo-7',
    '/projects/no-such',
    '/timeline',
    '/milestones',
  ]) {
    const html = await (await fetch(`${server.url}${path}`)).text();
    expect(html, path).toContain('Synthetic demo data');
  }
  const list = await (await fetch(`${server.url}/projects?page=3`)).text();
  expect(list).toContain('Showing 41–60 of 150 projects');
});

test('the timeline’s pages together show each project exactly once, as a bar or as undated', async () => {
  const seen: string[] = [];
  let undated = 0;
  for (let page = 1; page < 20; page++) {
    const html = await (await fetch(`${server.url}/timeline?page=${page}`)).text();
    seen.push(
      ...[...html.matchAll(/class="timeline__row[^"]*" id="[^"]+" data-slug="([^"]+)"/g)].map(
        (m) => m[1]!,
      ),
    );
    const list = /<section aria-labelledby="timeline-undated"[\s\S]*?<\/section>/.exec(html)![0];
    const slugs = [...list.matchAll(/href="\/projects\/([^"]+)"/g)].map((m) => m[1]!);
    seen.push(...slugs);
    undated += slugs.length;
    if (!html.includes('rel="next"')) break;
  }
  expect(seen).toHaveLength(150);
  expect(new Set(seen).size).toBe(150);
  expect(undated).toBeGreaterThan(0);
});

test('the events list is paged: following "next" shows every event of the database once, 50 a page', async () => {
  const db = openDatabase(path);
  const stored = db.$client.prepare('SELECT slug FROM events').pluck().all() as string[];
  db.$client.close();
  expect(stored.length).toBeGreaterThan(50);
  const seen: string[] = [];
  let next: string | null = '/events';
  let pages = 0;
  while (next) {
    const html = await (await fetch(`${server.url}${next}`)).text();
    pages += 1;
    expect(html).toContain(`${stored.length} events`);
    const slugs = [...html.matchAll(/<li data-slug="([^"]+)"/g)].map((m) => m[1]!);
    expect(slugs.length).toBeLessThanOrEqual(50);
    seen.push(...slugs);
    next =
      /<a [^>]*href="([^"]+)"[^>]*rel="next"|<a [^>]*rel="next"[^>]*href="([^"]+)"/
        .exec(html)
        ?.slice(1)
        .find(Boolean)
        ?.replaceAll('&amp;', '&') ?? null;
    expect(pages).toBeLessThan(10);
  }
  expect(pages).toBe(Math.ceil(stored.length / 50));
  expect(seen).toHaveLength(stored.length);
  expect(new Set(seen)).toEqual(new Set(stored));
  // A page past the end shows the last one, a page that is not a number the first; both say so.
  const beyond = await (await fetch(`${server.url}/events?page=99`)).text();
  expect(beyond).toContain('were ignored: page');
  expect([...beyond.matchAll(/<li data-slug="([^"]+)"/g)].map((m) => m[1])).toEqual(
    seen.slice((pages - 1) * 50),
  );
  const notANumber = await (await fetch(`${server.url}/events?page=two`)).text();
  expect(notANumber).toContain('were ignored: page');
  expect([...notANumber.matchAll(/<li data-slug="([^"]+)"/g)].map((m) => m[1])).toEqual(
    seen.slice(0, 50),
  );
});
