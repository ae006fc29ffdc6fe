import { expect, test } from 'vitest';

import { PRINT_MAX_PROJECTS } from '../../app/features/pack/pack-types';
import { readDatabase, seededHub } from './support';

// A print view over more projects than one page shows (decision 0076) says how many it holds and
// offers the deck and the Word document instead of rendering every section on the request thread;
// a narrower filter over the same portfolio gives the whole page.

const SYNTHETIC = PRINT_MAX_PROJECTS;
const hub = seededHub('2026-11-29', (db) => {
  // Synthetic projects for this size test only, in this test's own copy of the database.
  const insert = db.prepare(
    `INSERT INTO projects (slug, title, type, origin) VALUES (?, ?, 'global', 'hub')`,
  );
  for (let i = 1; i <= SYNTHETIC; i++) {
    insert.run(`synthetic-size-${i}`, `Synthetic project ${i} (size test)`);
  }
});

const get = async (path: string) => {
  const response = await fetch(`${hub.server.url}${path}`);
  return { status: response.status, html: await response.text() };
};

test('a pack over more projects than one page holds says so and links its files', async () => {
  const total = readDatabase(
    hub.database.path,
    (db) =>
      db.prepare(`SELECT count(*) FROM projects WHERE origin = 'hub'`).pluck().get() as number,
  );
  expect(total).toBeGreaterThan(PRINT_MAX_PROJECTS);
  for (const [path, words] of [
    ['/report?start=2015-01-01&end=2026-12-31', `holds ${total} projects`],
    ['/zh/report?start=2015-01-01&end=2026-12-31', `包含 ${total} 个项目`],
    ['/de/report?start=2015-01-01&end=2026-12-31', `umfassen ${total} Projekte`],
  ] as const) {
    const { status, html } = await get(path);
    expect(status, path).toBe(200);
    expect(html, path).toContain(words);
    // No project section was rendered, and the files of the same pack are offered.
    expect(html, path).not.toContain('Synthetic project 1 (size test)');
    expect(html, path).toContain('/report.pptx?start=2015-01-01&amp;end=2026-12-31&amp;lang=');
    expect(html, path).toContain('/report.docx?start=2015-01-01&amp;end=2026-12-31&amp;lang=');
  }
});

test('a filter that keeps the pack within one page gives every project its section', async () => {
  const titles = readDatabase(
    hub.database.path,
    (db) =>
      db
        .prepare(`SELECT title FROM projects WHERE origin = 'hub' AND type = 'bilateral'`)
        .pluck()
        .all() as string[],
  );
  expect(titles.length).toBeGreaterThan(0);
  const { status, html } = await get('/report?start=2015-01-01&end=2026-12-31&type=bilateral');
  expect(status).toBe(200);
  const sections = html.match(/<section[^>]*class="[^"]*pack-project\b[^"]*"/g) ?? [];
  expect(sections).toHaveLength(titles.length);
  expect(html).not.toContain('size test');
});
