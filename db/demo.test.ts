import { count, eq } from 'drizzle-orm';
import { expect, test } from 'vitest';

import type { Db } from './client.server';
import { generateDemoPortfolio } from './demo';
import { getDatasetInfo } from './meta.server';
import {
  documentTexts,
  documents,
  knowledgeEntries,
  knowledgeEntryTexts,
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

test('demo projects have one to three indicators of every kind, some actuals not reported', () => {
  const db = emptyDb();
  const counts = generateDemoPortfolio(db, { projects: 200, seed: 5 });
  const q = <T>(sql: string) => db.$client.prepare(sql).all() as T[];
  const perProject = q<{ n: number }>(
    'SELECT count(i.id) AS n FROM projects p LEFT JOIN indicators i ON i.project_id = p.id GROUP BY p.id',
  ).map((r) => r.n);
  expect(perProject).toHaveLength(200);
  expect(Math.min(...perProject)).toBeGreaterThanOrEqual(1);
  expect(Math.max(...perProject)).toBeLessThanOrEqual(3);
  expect(counts.indicators).toBe(perProject.reduce((a, b) => a + b, 0));
  // Linked ones carry their standard indicator's unit; every code SI 1–SI 5 is used.
  const linked = q<{ code: string; unit: string; standardUnit: string }>(
    `SELECT s.code, i.unit, s.unit AS standardUnit FROM indicators i
     JOIN standard_indicators s ON s.id = i.standard_indicator_id`,
  );
  expect(new Set(linked.map((r) => r.code))).toEqual(
    new Set(['SI 1', 'SI 2', 'SI 3', 'SI 4', 'SI 5']),
  );
  for (const r of linked) expect(r.unit).toBe(r.standardUnit);
  const [kinds] = q<Record<string, number>>(
    `SELECT sum(standard_indicator_id IS NULL) AS unlinked,
            sum(measure = 'qualitative') AS qualitative,
            sum(is_ascending = 0) AS descending,
            sum(disaggregation = 'sex') AS bySex
     FROM indicators`,
  );
  for (const n of Object.values(kinds!)) expect(n).toBeGreaterThan(0);
  const [periods] = q<Record<string, number>>(
    `SELECT count(*) AS total,
            sum(target_value IS NOT NULL) AS targets,
            sum(actual_value IS NOT NULL) AS actuals,
            sum(actual_value IS NULL AND target_value IS NOT NULL) AS notReported
     FROM indicator_periods`,
  );
  expect(periods!.total).toBe(counts.indicatorPeriods);
  for (const n of Object.values(periods!)) expect(n).toBeGreaterThan(0);
  // "Not reported" is a missing actual, never a 0 standing in for one.
  expect(
    q<{ n: number }>(
      "SELECT count(*) AS n FROM indicator_periods p JOIN indicators i ON i.id = p.indicator_id WHERE i.measure = 'qualitative' AND p.actual_value IS NOT NULL",
    )[0]!.n,
  ).toBe(0);
  // Every indicator says it is synthetic.
  expect(
    q<{ n: number }>(
      "SELECT count(*) AS n FROM indicators WHERE description NOT LIKE 'Synthetic%'",
    )[0]!.n,
  ).toBe(0);
});

test('the demo adds documents with extracted text and published entries when asked, none by default', () => {
  const none = emptyDb();
  generateDemoPortfolio(none, { projects: 20 });
  expect(none.select({ n: count() }).from(documents).get()!.n).toBe(0);
  expect(none.select({ n: count() }).from(knowledgeEntries).get()!.n).toBe(0);

  const db = emptyDb();
  generateDemoPortfolio(db, { projects: 20, documents: 30, entries: 8 });
  const docs = db.select().from(documents).all();
  expect(docs).toHaveLength(30);
  expect(docs.every((d) => d.textState === 'extracted' && d.textPartKind === 'page')).toBe(true);
  // Each says it is synthetic, in its own language.
  expect(docs.every((d) => /^(Synthetic document|合成文件) \d+/.test(d.title))).toBe(true);
  expect(new Set(docs.map((d) => d.visibility))).toEqual(
    new Set(['public', 'signed-in', 'hub-team']),
  );
  const texts = db.select().from(documentTexts).all();
  const partsOf = (id: number) => texts.filter((p) => p.documentId === id).map((p) => p.part);
  expect(partsOf(1)[0]).toBe(1);
  expect(partsOf(1)).toEqual(partsOf(1).map((_, i) => i + 1));
  expect(texts.some((p) => /\p{Script=Han}/u.test(p.text))).toBe(true);
  expect(texts.some((p) => /[a-z]{4,}/.test(p.text))).toBe(true);
  const entries = db.select().from(knowledgeEntries).all();
  expect(entries).toHaveLength(8);
  expect(entries.every((e) => e.state === 'published')).toBe(true);
  expect(db.select({ n: count() }).from(knowledgeEntryTexts).get()!.n).toBe(16);
});
