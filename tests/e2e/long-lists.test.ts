import { rmSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, expect, test } from 'vitest';

import { openDatabase } from '../../db/client.server';
import { generateDemoPortfolio } from '../../db/demo';
import { migrateDatabase } from '../../db/migrate';
import { type TestServer, makeTempDir, readDatabase, startServer } from './support';

// Lists that grow with the portfolio stay a page long (decision 0082): a topic's page lists its
// first projects and latest events and links to all of them; the events filter stops offering a
// list of thousands of projects. A synthetic portfolio large enough to cross both limits.

let dir: string;
let path: string;
let server: TestServer;

beforeAll(async () => {
  dir = makeTempDir('long-lists');
  path = join(dir, 'demo.sqlite');
  const db = openDatabase(path);
  migrateDatabase(db);
  generateDemoPortfolio(db, { projects: 1200 });
  db.$client.close();
  server = await startServer({ databaseUrl: path });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

// React's separators between text parts (`<!-- -->`) left out, to read the page's text.
const text = async (p: string) =>
  (await (await fetch(`${server.url}${p}`)).text()).replaceAll('<!-- -->', '');
const eventSlugs = (html: string, section = html) =>
  [...section.matchAll(/<li data-slug="([^"]+)"/g)].map((m) => m[1]!);
const sectionOf = (html: string, id: string) =>
  new RegExp(`<section aria-labelledby="${id}">[\\s\\S]*?</section>`).exec(html)![0];

test('a topic with more than 100 projects lists the first 100 and its latest 50 events, and links to all of them', async () => {
  const { topic, projects, events } = readDatabase(path, (db) => {
    const row = db
      .prepare(
        `SELECT t.slug, count(*) AS n FROM project_topics pt JOIN topics t ON t.id = pt.topic_id
           JOIN projects p ON p.id = pt.project_id AND p.origin = 'hub'
          GROUP BY t.id ORDER BY n DESC LIMIT 1`,
      )
      .get() as { slug: string; n: number };
    const eventCount = db
      .prepare(
        `SELECT count(DISTINCT ep.event_id) FROM event_projects ep
           JOIN projects p ON p.id = ep.project_id AND p.origin = 'hub'
           JOIN project_topics pt ON pt.project_id = p.id
           JOIN topics t ON t.id = pt.topic_id WHERE t.slug = ?`,
      )
      .pluck()
      .get(row.slug) as number;
    return { topic: row.slug, projects: row.n, events: eventCount };
  });
  expect(projects).toBeGreaterThan(100);
  expect(events).toBeGreaterThan(50);

  const html = await text(`/topics/${topic}`);
  const listed = [...sectionOf(html, 'topic-projects').matchAll(/data-project="([^"]+)"/g)];
  expect(listed).toHaveLength(100);
  expect(html).toContain(`Projects (${projects.toLocaleString('en')})</h2>`);
  expect(html).toContain(`All ${projects} projects on this topic in the project list`);
  // The project list the link leads to counts the same projects.
  expect(html).toContain(`href="/projects?topic=${topic}"`);
  expect(await text(`/projects?topic=${topic}`)).toContain(
    `of ${projects.toLocaleString('en')} projects`,
  );

  const shown = eventSlugs(sectionOf(html, 'topic-events'));
  expect(shown).toHaveLength(50);
  expect(html).toContain(`All ${events} events of these projects in the list of events`);
  // The list of events under the topic's filter counts them all and begins with the same 50.
  const list = await text(`/events?topic=${topic}`);
  expect(list).toContain(`<strong>${events.toLocaleString('en')} events</strong>`);
  expect(eventSlugs(list)).toEqual(shown);
});

test('past 300 projects with events the events filter lists no projects, and ?project= still filters and is kept', async () => {
  const { withEvents, slug, count } = readDatabase(path, (db) => {
    const row = db
      .prepare(
        `SELECT p.slug, count(*) AS n FROM event_projects ep JOIN projects p ON p.id = ep.project_id
          GROUP BY p.id ORDER BY n DESC, p.slug LIMIT 1`,
      )
      .get() as { slug: string; n: number };
    const projects = db
      .prepare('SELECT count(DISTINCT project_id) FROM event_projects')
      .pluck()
      .get() as number;
    return { withEvents: projects, slug: row.slug, count: row.n };
  });
  expect(withEvents).toBeGreaterThan(300);

  const all = await text('/events');
  expect(all).not.toContain('name="project"');
  expect(all).toContain('The events of one project are listed on its page.');

  const one = await text(`/events?project=${slug}`);
  expect(one).toContain(`<input type="hidden" name="project" value="${slug}"/>`);
  expect(one).toContain(`<strong>${count} event${count === 1 ? '' : 's'}</strong>`);
  expect(eventSlugs(one)).toHaveLength(Math.min(count, 50));
  expect(await text(`/events?project=no-such-project`)).toContain('were ignored: project');
});
