import { rmSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, expect, test } from 'vitest';

import { openDatabase } from '../../db/client.server';
import { generateDemoPortfolio } from '../../db/demo';
import { migrateDatabase } from '../../db/migrate';
import { type TestServer, makeTempDir, startServer } from './support';

let dir: string;
let server: TestServer;

beforeAll(async () => {
  dir = makeTempDir('demo');
  const path = join(dir, 'demo.sqlite');
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
