import { and, eq, ne } from 'drizzle-orm';
import { expect, test } from 'vitest';

import type { Db } from '../client.server';
import { generateDemoPortfolio } from '../demo';
import { indicatorPeriods, reports } from '../schema';
import { createTestDb, insertIndicator } from '../test-factories';
import { addDemoIndicatorActuals } from './synthetic-reports';

// The open demo round's reports give actuals for their projects' indicators, which it reads from
// the database: none when the projects have no indicators; an approved report's are its periods.

/** A demo portfolio whose projects have no indicators (and so its reports no actuals). */
function demoDb(): Db {
  const db = createTestDb();
  db.$client.exec('DELETE FROM countries');
  generateDemoPortfolio(db, { projects: 200 });
  db.$client.exec(
    "DELETE FROM indicator_periods; DELETE FROM indicators; UPDATE reports SET indicator_updates = '[]'",
  );
  return db;
}

const begunReports = (db: Db) =>
  db
    .select()
    .from(reports)
    .where(and(eq(reports.roundId, 2), ne(reports.state, 'not-started')))
    .all();

test('without indicators the demo reports carry no indicator actuals and no period is written', () => {
  const db = demoDb();
  expect(
    db
      .select()
      .from(reports)
      .all()
      .every((r) => r.indicatorUpdates.length === 0),
  ).toBe(true);
  expect(db.transaction((tx) => addDemoIndicatorActuals(tx, 2026))).toBe(0);
  expect(db.select().from(indicatorPeriods).all()).toEqual([]);
});

test('the begun reports give actuals for their projects’ indicators; approved ones are the round’s periods', () => {
  const db = demoDb();
  const begun = begunReports(db);
  const indicatorOf = new Map<number, { trained: number; policy: number }>();
  for (const r of begun) {
    indicatorOf.set(r.id, {
      trained: insertIndicator(db, r.projectId, { disaggregation: 'sex', baselineValue: 10 }).id,
      policy: insertIndicator(db, r.projectId, { unit: null, measure: 'qualitative' }).id,
    });
  }
  expect(db.transaction((tx) => addDemoIndicatorActuals(tx, 2026))).toBe(begun.length);
  const after = begunReports(db);
  const updates = after.flatMap((r) => r.indicatorUpdates);
  expect(updates.length).toBeGreaterThan(begun.length);
  for (const r of after) {
    const own = indicatorOf.get(r.id)!;
    for (const u of r.indicatorUpdates) {
      expect([own.trained, own.policy]).toContain(u.indicatorId);
      if (u.indicatorId === own.policy) {
        expect(u.actualValue).toBeNull();
        expect(u.comment).toBeTruthy();
      } else {
        expect(u.actualValue).toBeGreaterThan(10);
        const parts = Object.values(u.actualDimensions!);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(u.actualValue);
      }
    }
  }
  const periods = db.select().from(indicatorPeriods).all();
  const approved = after.filter((r) => r.state === 'approved');
  expect(approved.length).toBeGreaterThan(0);
  expect(periods.length).toBe(approved.flatMap((r) => r.indicatorUpdates).length);
  for (const p of periods) {
    const report = approved.find((r) => r.id === p.reportId)!;
    const u = report.indicatorUpdates.find((x) => x.indicatorId === p.indicatorId)!;
    expect(p).toMatchObject({
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      actualValue: u.actualValue,
      reportedBy: 'Progress report Demo reporting round 2026',
    });
  }
  // Drafts, submitted and returned reports' actuals are not the indicators'.
  const unapproved = new Set(after.filter((r) => r.state !== 'approved').map((r) => r.id));
  expect(periods.some((p) => unapproved.has(p.reportId!))).toBe(false);
});

test('the demo portfolio as generated: approved reports’ actuals are their indicators’ periods', () => {
  const db = createTestDb();
  db.$client.exec('DELETE FROM countries');
  generateDemoPortfolio(db, { projects: 200 });
  const approved = begunReports(db).filter((r) => r.state === 'approved');
  const updates = approved.flatMap((r) => r.indicatorUpdates.map((u) => ({ r, u })));
  expect(updates.length).toBeGreaterThan(0);
  for (const { r, u } of updates) {
    const period = db
      .select()
      .from(indicatorPeriods)
      .where(
        and(eq(indicatorPeriods.indicatorId, u.indicatorId), eq(indicatorPeriods.reportId, r.id)),
      )
      .get();
    expect(period).toMatchObject({ periodStart: '2026-01-01', periodEnd: '2026-12-31' });
    if (u.actualValue !== null) expect(period!.actualValue).toBe(u.actualValue);
  }
});
