import { type SQL, and, asc, eq, sql } from 'drizzle-orm';

import { type Db, getDb } from '../../core/db.server';
import { milestones, organisations, progressUpdates, projects, sources } from '../../../db/schema';
import { portfolioSql } from '../../core/filter/project-filter.server';
import { cachedQuery, sqlKey } from '../../../db/query-cache.server';
import {
  milestoneColumns,
  milestoneDateColumns,
  milestoneNameColumns,
  projectNameColumns,
  sourceColumns,
} from '../../../db/columns.server';

// Milestones and their progress log as the pages and the exports read them; the forms' queries
// and the writes are in milestone-writes.server.ts.

/** What a milestone row shows (the IATI export and the review select it too). */
export { milestoneColumns };

/** A project's milestones by due date (revised, else planned, else actual); undated ones last. */
export function listMilestonesForProject(projectId: number, db: Db = getDb()) {
  const due = sql`coalesce(${milestones.revisedDate}, ${milestones.plannedDate}, ${milestones.actualDate})`;
  return db
    .select({
      ...milestoneColumns,
      evidenceUrl: milestones.evidenceUrl,
      note: milestones.note,
      responsibleName: organisations.name,
      responsibleAcronym: organisations.acronym,
      ...sourceColumns,
    })
    .from(milestones)
    .leftJoin(sources, eq(sources.id, milestones.sourceId))
    .leftJoin(organisations, eq(organisations.id, milestones.responsibleOrganisationId))
    .where(eq(milestones.projectId, projectId))
    .orderBy(sql`${due} IS NULL`, asc(due), asc(milestones.id))
    .all();
}

/** What a line of a milestone's progress log shows: when, who, from which state to which. */
export const progressUpdateColumns = {
  id: progressUpdates.id,
  milestoneId: progressUpdates.milestoneId,
  recordedAt: progressUpdates.recordedAt,
  recordedBy: progressUpdates.recordedBy,
  fromStatus: progressUpdates.fromStatus,
  toStatus: progressUpdates.toStatus,
  fromProgress: progressUpdates.fromProgress,
  toProgress: progressUpdates.toProgress,
  comment: progressUpdates.comment,
};

/** Every progress update of a project's milestones, oldest first. */
export function listProgressUpdatesForProject(projectId: number, db: Db = getDb()) {
  return db
    .select(progressUpdateColumns)
    .from(progressUpdates)
    .innerJoin(milestones, eq(milestones.id, progressUpdates.milestoneId))
    .where(eq(milestones.projectId, projectId))
    .orderBy(asc(progressUpdates.recordedAt), asc(progressUpdates.id))
    .all();
}

/** The project a milestone form belongs to: what the form needs to validate and to link back. */
export function getProjectForMilestoneForm(slug: string, db: Db = getDb()) {
  return db
    .select({ id: projects.id, ...projectNameColumns, startsOn: projects.startsOn })
    .from(projects)
    .where(eq(projects.slug, slug))
    .get();
}

/** One milestone of one project (undefined when the id does not belong to that project). */
export function getMilestone(projectId: number, milestoneId: number, db: Db = getDb()) {
  return db
    .select({ ...milestoneColumns, note: milestones.note })
    .from(milestones)
    .where(and(eq(milestones.id, milestoneId), eq(milestones.projectId, projectId)))
    .get();
}

/**
 * The ids of the filtered projects' milestones in list order (by project title, then due date),
 * remembered per filter until the data changes: sorting 50 000 milestones by their project's
 * title was most of a page of /api/milestones at 10 000 projects (26 ms for the first page,
 * 85-95 ms for the 200th), and every page and count of one filter shares it.
 */
function filteredMilestoneOrder(where: SQL | undefined, db: Db): number[] {
  return cachedQuery(db, `milestone-order:${sqlKey(where)}`, () =>
    db
      .select({ id: milestones.id })
      .from(milestones)
      .innerJoin(projects, eq(projects.id, milestones.projectId))
      .where(portfolioSql(where))
      .orderBy(
        asc(projects.title),
        sql`${milestones.dueOn} IS NULL`,
        asc(milestones.dueOn),
        asc(milestones.id),
      )
      .all()
      .map((r) => r.id),
  );
}

/** How many milestones the filtered projects (without a filter: the IKI portfolio) have. */
export function countFilteredMilestones(where: SQL | undefined, db: Db = getDb()): number {
  return filteredMilestoneOrder(where, db).length;
}

/** Milestones of the filtered projects with their project, by project and due date. */
export function listFilteredMilestones(
  where: SQL | undefined,
  { limit, offset }: { limit: number; offset: number },
  db: Db = getDb(),
) {
  const ids = filteredMilestoneOrder(where, db).slice(offset, offset + limit);
  if (ids.length === 0) return [];
  const rows = db
    .select({
      id: milestones.id,
      projectSlug: projects.slug,
      projectTitle: projects.title,
      projectTitleZh: projects.titleZh,
      projectTitleDe: projects.titleDe,
      ...milestoneNameColumns,
      status: milestones.status,
      progress: milestones.progress,
      ...milestoneDateColumns,
      dueOn: milestones.dueOn,
      isDerived: milestones.isDerived,
      evidenceUrl: milestones.evidenceUrl,
    })
    .from(milestones)
    .innerJoin(projects, eq(projects.id, milestones.projectId))
    // One parameter for any number of ids (SQLite limits bound parameters, not JSON).
    .where(sql`${milestones.id} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`)
    .all();
  const position = new Map(ids.map((id, i) => [id, i]));
  return rows.sort((a, b) => position.get(a.id)! - position.get(b.id)!);
}
