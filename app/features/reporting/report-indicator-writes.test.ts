import { eq } from 'drizzle-orm';
import { expect, test } from 'vitest';

import type { Db } from '../../core/db.server';
import { auditLog, indicatorPeriods, indicators, reports } from '../../../db/schema';
import {
  createTestDb,
  insertIndicator,
  insertIndicatorPeriod,
  insertProject,
} from '../../../db/test-factories';
import { listProjectIndicators } from '../indicators/indicators.server';
import { insertReport, insertRound } from './report-factories.server';
import { listApprovedReports } from './report-queries.server';
import {
  type ReportContent,
  approveReport,
  reportEvidenceName,
  saveReport,
} from './report-writes.server';

// A report's indicator actuals: kept in the report until approval, then written into each
// indicator's period for the round (created or updated) with an audit entry, in the approval's
// one transaction; an indicator deleted meanwhile is skipped and named.

const db: Db = createTestDb();
const author = {
  at: '2026-11-20T10:00:00.000Z',
  actor: { id: null, name: 'Li Author' },
  as: 'author' as const,
};
const editor = {
  at: '2026-11-25T09:00:00.000Z',
  actor: { id: null, name: 'Eva Editor' },
  as: 'hub-team' as const,
};

/** A project with three indicators (one split by sex, one qualitative), a report in an open round. */
function fixture() {
  const project = insertProject(db);
  const trained = insertIndicator(db, project.id, {
    title: 'People trained',
    disaggregation: 'sex',
    baselineValue: 0,
  });
  const emissions = insertIndicator(db, project.id, {
    title: 'Emissions avoided',
    unit: 'tCO2e',
    isAscending: true,
  });
  const policy = insertIndicator(db, project.id, {
    title: 'Policy advice taken up',
    unit: null,
    measure: 'qualitative',
  });
  const round = insertRound(db, {
    title: 'Interface Workshop 2026',
    periodStart: '2026-01-01',
    periodEnd: '2026-10-31',
  });
  const report = insertReport(db, { roundId: round.id, projectId: project.id });
  const content: ReportContent = {
    language: 'en',
    texts: { en: { achievements: 'Trained people', challenges: 'None', nextSteps: 'More' } },
    milestoneUpdates: [],
    indicatorUpdates: [
      {
        indicatorId: trained.id,
        indicatorVersion: 1,
        actualValue: 120,
        actualDimensions: { female: 70, male: 50 },
        comment: 'Four courses',
        evidenceUrl: 'https://example.org/courses.pdf',
      },
      { indicatorId: emissions.id, indicatorVersion: 1, actualValue: 5400.5 },
      {
        indicatorId: policy.id,
        indicatorVersion: 1,
        actualValue: null,
        comment: 'The province adopted the guideline.',
      },
    ],
  };
  return { project, trained, emissions, policy, round, report, content };
}

const periodsOf = (indicatorId: number) =>
  db.select().from(indicatorPeriods).where(eq(indicatorPeriods.indicatorId, indicatorId)).all();
const periodAudit = (projectId: number) =>
  db
    .select()
    .from(auditLog)
    .all()
    .filter((e) => e.entity === 'indicator-period' && e.projectId === projectId);

/** Saves, submits and approves the report; returns the approval's outcome. */
function submitAndApprove(reportId: number, content: ReportContent) {
  expect(saveReport(reportId, 1, 'submit', content, author, db).ok).toBe(true);
  return approveReport(reportId, 2, editor, db);
}

test('a submitted report’s actuals stay in the report: the project’s indicators show none until approval', () => {
  const { project, report, content, trained } = fixture();
  expect(saveReport(report.id, 1, 'submit', content, author, db).ok).toBe(true);
  const stored = db.select().from(reports).where(eq(reports.id, report.id)).get()!;
  expect(stored.indicatorUpdates).toEqual(content.indicatorUpdates);
  expect(periodsOf(trained.id)).toEqual([]);
  expect(listProjectIndicators(project.id, db).every((v) => v.latest === null)).toBe(true);
  expect(listApprovedReports(project.id, db)).toEqual([]);

  expect(approveReport(report.id, 2, editor, db)).toEqual({
    ok: true,
    state: 'approved',
    version: 3,
  });
  const views = listProjectIndicators(project.id, db);
  const latest = views.find((v) => v.indicator.id === trained.id)!.latest!;
  expect(latest.period.actualValue).toBe(120);
  expect(latest.period.actualDimensions).toEqual({ female: 70, male: 50 });
  expect(latest.progress).toMatchObject({ ok: false, reason: 'no-target' });
  const [approved] = listApprovedReports(project.id, db);
  expect(approved!.indicatorUpdates.map((u) => [u.indicator.title, u.actualValue])).toEqual([
    ['People trained', 120],
    ['Emissions avoided', 5400.5],
    ['Policy advice taken up', null],
  ]);
});

test('approval creates the round’s period for each indicator, names the report, and audits each as a create', () => {
  const { project, report, content, trained, emissions, policy, round } = fixture();
  expect(submitAndApprove(report.id, content).ok).toBe(true);
  const [period] = periodsOf(trained.id);
  expect(period).toMatchObject({
    periodStart: round.periodStart,
    periodStartPrecision: 'day',
    periodEnd: round.periodEnd,
    periodEndPrecision: 'day',
    actualValue: 120,
    actualDimensions: { female: 70, male: 50 },
    actualComment: 'Four courses',
    evidenceUrl: 'https://example.org/courses.pdf',
    reportedBy: reportEvidenceName('Interface Workshop 2026'),
    reportId: report.id,
    targetValue: null,
    version: 1,
  });
  expect(periodsOf(emissions.id)[0]!.actualValue).toBe(5400.5);
  // A qualitative indicator's report is its comment; its value stays empty.
  expect(periodsOf(policy.id)[0]).toMatchObject({
    actualValue: null,
    actualComment: 'The province adopted the guideline.',
  });
  const entries = periodAudit(project.id);
  expect(entries.map((e) => [e.action, e.entityId, e.userName])).toEqual([
    ['create', period!.id, 'Eva Editor'],
    ['create', periodsOf(emissions.id)[0]!.id, 'Eva Editor'],
    ['create', periodsOf(policy.id)[0]!.id, 'Eva Editor'],
  ]);
  expect(entries[0]!.label).toBe('People trained · 2026-01-01 – 2026-10-31');
  expect(entries[0]!.changes).toMatchObject({ actualValue: { from: null, to: 120 } });
});

test('approval sets the actual of an existing period, keeping its target, with the version moved on', () => {
  const { project, report, content, trained, round } = fixture();
  const existing = insertIndicatorPeriod(db, trained.id, {
    periodStart: round.periodStart,
    periodEnd: round.periodEnd,
    targetValue: 200,
    actualValue: 80,
    reportedBy: 'An editor',
  });
  expect(submitAndApprove(report.id, content).ok).toBe(true);
  const [period] = periodsOf(trained.id);
  expect(period).toMatchObject({
    id: existing.id,
    targetValue: 200,
    actualValue: 120,
    reportId: report.id,
    version: 2,
  });
  const entry = periodAudit(project.id).find((e) => e.entityId === existing.id)!;
  expect(entry.action).toBe('update');
  expect(entry.changes).toMatchObject({
    actualValue: { from: 80, to: 120 },
    reportedBy: { from: 'An editor', to: reportEvidenceName('Interface Workshop 2026') },
  });
  const view = listProjectIndicators(project.id, db).find((v) => v.indicator.id === trained.id)!;
  expect(view.latest!.progress).toMatchObject({ ok: true, share: 0.6 });
});

test('a report with no value for an indicator leaves an editor’s value in place', () => {
  const { report, content, emissions, round } = fixture();
  insertIndicatorPeriod(db, emissions.id, {
    periodStart: round.periodStart,
    periodEnd: round.periodEnd,
    actualValue: 900,
  });
  const commentOnly: ReportContent = {
    ...content,
    indicatorUpdates: [{ indicatorId: emissions.id, actualValue: null, comment: 'Measuring' }],
  };
  expect(submitAndApprove(report.id, commentOnly).ok).toBe(true);
  expect(periodsOf(emissions.id)[0]).toMatchObject({
    actualValue: 900,
    actualComment: 'Measuring',
  });
});

test('an indicator deleted since the author wrote is skipped and named in the approval’s entry', () => {
  const { project, report, content, trained, emissions } = fixture();
  expect(saveReport(report.id, 1, 'submit', content, author, db).ok).toBe(true);
  db.delete(indicators).where(eq(indicators.id, trained.id)).run();
  expect(approveReport(report.id, 2, editor, db)).toMatchObject({ ok: true, state: 'approved' });
  expect(periodsOf(trained.id)).toEqual([]);
  expect(periodsOf(emissions.id)).toHaveLength(1);
  const approval = db
    .select()
    .from(auditLog)
    .all()
    .find(
      (e) =>
        e.entity === 'report' &&
        e.entityId === report.id &&
        e.action === 'state-change' &&
        e.at === editor.at,
    )!;
  expect(approval.changes).toMatchObject({ skippedIndicators: { from: null, to: [trained.id] } });
  expect(periodAudit(project.id)).toHaveLength(2);
  // The public block names only indicators that still exist.
  expect(
    listApprovedReports(project.id, db)[0]!.indicatorUpdates.map((u) => u.indicatorId),
  ).toEqual([emissions.id, content.indicatorUpdates[2]!.indicatorId]);
});

test('another project’s indicator in a report is never written', () => {
  const { report, content } = fixture();
  const other = insertProject(db);
  const foreign = insertIndicator(db, other.id);
  const sneaky: ReportContent = {
    ...content,
    indicatorUpdates: [{ indicatorId: foreign.id, actualValue: 5 }],
  };
  expect(submitAndApprove(report.id, sneaky).ok).toBe(true);
  expect(periodsOf(foreign.id)).toEqual([]);
});

test('a stale approval writes no indicator period', () => {
  const { report, content, trained } = fixture();
  expect(saveReport(report.id, 1, 'submit', content, author, db).ok).toBe(true);
  const before = JSON.stringify([
    db.select().from(indicatorPeriods).all(),
    db.select().from(auditLog).all(),
  ]);
  expect(approveReport(report.id, 1, editor, db)).toMatchObject({ ok: false, reason: 'stale' });
  expect(periodsOf(trained.id)).toEqual([]);
  expect(
    JSON.stringify([db.select().from(indicatorPeriods).all(), db.select().from(auditLog).all()]),
  ).toBe(before);
});

test('a failure in the middle of an approval leaves no indicator period behind', () => {
  const { report, content, trained } = fixture();
  // A milestone update for a milestone that does not exist refuses the whole approval.
  const broken: ReportContent = {
    ...content,
    milestoneUpdates: [{ milestoneId: 999_999, status: 'in-progress', progress: 10 }],
  };
  expect(submitAndApprove(report.id, broken)).toMatchObject({
    ok: false,
    reason: 'not-applicable',
  });
  expect(periodsOf(trained.id)).toEqual([]);
  expect(db.select().from(reports).where(eq(reports.id, report.id)).get()!.state).toBe('submitted');
});
