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
  generateDemoPortfolio(db, { projects: 45 });
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
  ]) {
    const html = await (await fetch(`${server.url}${path}`)).text();
    expect(html, path).toContain('Synthetic demo data');
  }
  const list = await (await fetch(`${server.url}/projects?page=3`)).text();
  expect(list).toContain('Showing 41–45 of 45 projects');
});
