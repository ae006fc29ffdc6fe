import { count, eq } from 'drizzle-orm';
import { expect, test } from 'vitest';

import type { Db } from './client.server';
import { generateDemoPortfolio } from './demo';
import { getDatasetInfo } from './meta.server';
import {
  milestones,
  progressUpdates,
  projectCountries,
  projects,
  reportingRounds,
  reports,
} from './schema';
import { seedPortfolio } from './seed/load';
import { createTestDb } from './test-factories';

function emptyDb(): Db {
  const db = createTestDb();
  db.$client.exec('DELETE FROM countries');
  return db;
}

test('the demo portfolio has the size asked for and is marked synthetic', () => {
  const db = emptyDb();
  generateDemoPortfolio(db, { projects: 300 });
  expect(db.select({ n: count() }).from(projects).get()!.n).toBe(300);
  expect(getDatasetInfo(db)).toMatchObject({ isSynthetic: true });
  const regional = db
    .select({ id: projects.id })
    .from(projects)
    .where(eq(projects.type, 'regional'))
    .all();
  expect(regional.length).toBeGreaterThan(0);
  const countriesOfFirst = db
    .select({ n: count() })
    .from(projectCountries)
    .where(eq(projectCountries.projectId, regional[0]!.id))
    .get()!.n;
  expect(countriesOfFirst).toBeGreaterThan(1);
});

test('the same seed gives the same portfolio, another seed a different one', () => {
  const dump = (seed: number) => {
    const db = emptyDb();
    generateDemoPortfolio(db, { projects: 50, seed });
    return JSON.stringify(db.select().from(projects).all());
  };
  expect(dump(7)).toBe(dump(7));
  expect(dump(7)).not.toBe(dump(8));
});

test('the same options give the same rows in every table the generator fills', () => {
  const dump = () => {
    const db = emptyDb();
    const counts = generateDemoPortfolio(db, { projects: 120, seed: 11 });
    const tables = db.$client
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all() as { name: string }[];
    const rows = Object.fromEntries(
      tables.map(({ name }) => [
        name,
        db.$client.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all(),
      ]),
    );
    return { counts, rows };
  };
  const first = dump();
  expect(first.rows.milestones).toHaveLength(first.counts.milestones);
  expect(first.rows.events).toHaveLength(first.counts.events);
  expect(first.rows.progress_updates!.length).toBeGreaterThan(0);
  expect(dump()).toEqual(first);
});

test('demo data never goes into a database that holds the real portfolio', () => {
  const db = emptyDb();
  seedPortfolio(db);
  expect(() => generateDemoPortfolio(db, { projects: 10 })).toThrow(/already holds projects/);
  expect(getDatasetInfo(db).isSynthetic).toBe(false);
});

test('demo projects get about five milestones each, and each log ends where its milestone stands', () => {
  const db = emptyDb();
  generateDemoPortfolio(db, { projects: 40 });
  const rows = db.select().from(milestones).all();
  expect(rows).toHaveLength(200);
  const updates = db.select().from(progressUpdates).orderBy(progressUpdates.id).all();
  expect(updates.length).toBeGreaterThan(0);
  for (const m of rows) {
    const log = updates.filter((u) => u.milestoneId === m.id);
    if (log.length === 0) continue;
    const last = log.at(-1)!;
    expect([last.toStatus, last.toProgress], `milestone ${m.id}`).toEqual([m.status, m.progress]);
  }
});

test('the demo portfolio has an open reporting round over its projects, with reports in every state', () => {
  const db = emptyDb();
  generateDemoPortfolio(db, { projects: 300 });
  const open = db.select().from(reportingRounds).where(eq(reportingRounds.state, 'open')).all();
  expect(open).toHaveLength(1);
  const states = db
    .select({ state: reports.state, n: count() })
    .from(reports)
    .where(eq(reports.roundId, open[0]!.id))
    .groupBy(reports.state)
    .all();
  expect(states.map((s) => s.state).sort()).toEqual(
    ['approved', 'draft', 'not-started', 'returned', 'submitted'].sort(),
  );
  expect(states.reduce((n, s) => n + s.n, 0)).toBe(300);
});
