import { and, asc, desc, eq, inArray } from 'drizzle-orm';

import { type Db, getDb } from '../../core/db.server';
import { milestones, projects, reportingRounds, reports } from '../../../db/schema';
import { milestoneColumns, projectNameColumns } from '../../../db/columns.server';
import { REPORTED_MILESTONE_STATUSES } from '../../../db/vocabulary';
import { roundNameColumns } from './rounds.server';

// A project's report as its page reads it, and the approved reports the public pages show.

/** The shapes of a report's JSON columns, for the components that show them. */
export type { ReportMilestoneUpdate, ReportText } from '../../../db/schema';


const reportColumns = {
  id: reports.id,
  state: reports.state,
  language: reports.language,
  texts: reports.texts,
  milestoneUpdates: reports.milestoneUpdates,
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

/**
 * A project's approved reports, newest first: the only reports anything public shows (the
 * project page, its API). Drafts, submitted and returned reports are never read here.
 */
export function listApprovedReports(projectId: number, db: Db = getDb()) {
  return db
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
    })
    .from(reports)
    .innerJoin(reportingRounds, eq(reportingRounds.id, reports.roundId))
    .where(and(eq(reports.projectId, projectId), eq(reports.state, 'approved')))
    .orderBy(desc(reports.approvedAt), desc(reports.id))
    .all()
    .map((r) => ({ ...r, approvedAt: r.approvedAt! }));
}

export type ApprovedReport = ReturnType<typeof listApprovedReports>[number];
