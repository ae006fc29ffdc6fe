import { and, asc, desc, eq, inArray } from 'drizzle-orm';

import { type Db, getDb } from '../../core/db.server';
import {
  type ReportIndicatorUpdate,
  indicators,
  milestones,
  projects,
  reportingRounds,
  reports,
} from '../../../db/schema';
import { milestoneColumns, projectNameColumns } from '../../../db/columns.server';
import { REPORTED_MILESTONE_STATUSES } from '../../../db/vocabulary';
import { roundNameColumns } from './rounds.server';
import { listProjectIndicators } from '../indicators/indicators.server';

// A project's report as its page reads it, and the approved reports the public pages show.

/** The shapes of a report's JSON columns, for the components that show them. */
export type { ReportIndicatorUpdate, ReportMilestoneUpdate, ReportText } from '../../../db/schema';

const reportColumns = {
  id: reports.id,
  state: reports.state,
  language: reports.language,
  texts: reports.texts,
  milestoneUpdates: reports.milestoneUpdates,
  indicatorUpdates: reports.indicatorUpdates,
  reviewComments: reports.reviewComments,
  updatedAt: reports.updatedAt,
  submittedAt: reports.submittedAt,
  approvedAt: reports.approvedAt,
  version: reports.version,
};

/**
 * One project's report in one round, with the round and the project; undefined when the round or
 * the report does not exist, or the round is still a draft (nobody has been asked yet).
 */
export function getReportPage(roundSlug: string, projectSlug: string, db: Db = getDb()) {
  const row = db
    .select({
      round: roundNameColumns,
      project: { id: projects.id, ...projectNameColumns, startsOn: projects.startsOn },
      report: reportColumns,
    })
    .from(reports)
    .innerJoin(reportingRounds, eq(reportingRounds.id, reports.roundId))
    .innerJoin(projects, eq(projects.id, reports.projectId))
    .where(and(eq(reportingRounds.slug, roundSlug), eq(projects.slug, projectSlug)))
    .get();
  return row && row.round.state !== 'draft' ? row : undefined;
}

export type ReportPage = NonNullable<ReturnType<typeof getReportPage>>;

/** The project's milestones a report updates: open or not reported yet (not achieved or cancelled). */
export function listMilestonesToReport(projectId: number, db: Db = getDb()) {
  return db
    .select({ ...milestoneColumns, evidenceUrl: milestones.evidenceUrl })
    .from(milestones)
    .where(
      and(
        eq(milestones.projectId, projectId),
        inArray(milestones.status, [...REPORTED_MILESTONE_STATUSES]),
      ),
    )
    .orderBy(asc(milestones.id))
    .all();
}

/** The titles of milestones (a report's updates name them; some may have been closed since). */
export function listMilestoneNames(projectId: number, db: Db = getDb()) {
  return db
    .select({ id: milestones.id, title: milestones.title, titleZh: milestones.titleZh })
    .from(milestones)
    .where(eq(milestones.projectId, projectId))
    .all();
}

/** An indicator as a report names it: its title, unit and how it is measured. */
const indicatorNameColumns = {
  id: indicators.id,
  title: indicators.title,
  titleZh: indicators.titleZh,
  titleDe: indicators.titleDe,
  unit: indicators.unit,
  measure: indicators.measure,
  disaggregation: indicators.disaggregation,
};

/** The names of a project's indicators (a report's actuals name them). */
export function listIndicatorNames(projectId: number, db: Db = getDb()) {
  return db
    .select(indicatorNameColumns)
    .from(indicators)
    .where(eq(indicators.projectId, projectId))
    .orderBy(asc(indicators.position), asc(indicators.id))
    .all();
}

export type IndicatorName = ReturnType<typeof listIndicatorNames>[number];

/**
 * The project's indicators as the report form asks for them: unit, measure, split, baseline, the
 * target of the round's own period (same start and end: where approval writes the actual) and the
 * last actual on record (public: approved reports and editors' entries).
 */
export function listIndicatorsToReport(
  projectId: number,
  period: { periodStart: string; periodEnd: string },
  db: Db = getDb(),
) {
  return listProjectIndicators(projectId, db).map(({ indicator: i, periods, latest }) => {
    const own = periods.find(
      (p) => p.period.periodStart === period.periodStart && p.period.periodEnd === period.periodEnd,
    )?.period;
    const last = latest?.period;
    return {
      id: i.id,
      title: i.title,
      titleZh: i.titleZh,
      titleDe: i.titleDe,
      unit: i.unit,
      measure: i.measure,
      disaggregation: i.disaggregation,
      isAscending: i.isAscending,
      baselineValue: i.baselineValue,
      baselineYear: i.baselineYear,
      baselineDate: i.baselineDate,
      version: i.version,
      target: own && own.targetValue !== null ? own.targetValue : null,
      last: last
        ? {
            value: last.actualValue!,
            periodStart: last.periodStart,
            periodStartPrecision: last.periodStartPrecision,
            periodEnd: last.periodEnd,
            periodEndPrecision: last.periodEndPrecision,
          }
        : null,
    };
  });
}

export type IndicatorToReport = ReturnType<typeof listIndicatorsToReport>[number];

/** A report's actuals with their indicators' names; those of deleted indicators are left out. */
function namedUpdates(updates: ReportIndicatorUpdate[], names: IndicatorName[]) {
  return updates.flatMap((update) => {
    const indicator = names.find((n) => n.id === update.indicatorId);
    return indicator ? [{ ...update, indicator }] : [];
  });
}

/**
 * A project's approved reports, newest first: the only reports anything public shows (the
 * project page, its API). Drafts, submitted and returned reports are never read here.
 */
export function listApprovedReports(projectId: number, db: Db = getDb()) {
  const rows = db
    .select({
      round: {
        slug: reportingRounds.slug,
        title: reportingRounds.title,
        titleZh: reportingRounds.titleZh,
        titleDe: reportingRounds.titleDe,
        periodStart: reportingRounds.periodStart,
        periodEnd: reportingRounds.periodEnd,
      },
      approvedAt: reports.approvedAt,
      language: reports.language,
      texts: reports.texts,
      indicatorUpdates: reports.indicatorUpdates,
    })
    .from(reports)
    .innerJoin(reportingRounds, eq(reportingRounds.id, reports.roundId))
    .where(and(eq(reports.projectId, projectId), eq(reports.state, 'approved')))
    .orderBy(desc(reports.approvedAt), desc(reports.id))
    .all();
  const names = rows.some((r) => r.indicatorUpdates.length)
    ? listIndicatorNames(projectId, db)
    : [];
  return rows.map((r) => ({
    ...r,
    approvedAt: r.approvedAt!,
    indicatorUpdates: namedUpdates(r.indicatorUpdates, names),
  }));
}

export type ApprovedReport = ReturnType<typeof listApprovedReports>[number];
