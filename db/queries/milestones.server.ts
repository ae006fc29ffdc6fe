import { asc, eq, sql } from 'drizzle-orm';

import { type Db, getDb } from '../client.server';
import { milestones, organisations, progressUpdates, sources } from '../schema';

/** What a milestone row shows: dates with precision, status and progress. */
export const milestoneColumns = {
  id: milestones.id,
  title: milestones.title,
  titleZh: milestones.titleZh,
  kind: milestones.kind,
  plannedDate: milestones.plannedDate,
  plannedPrecision: milestones.plannedPrecision,
  revisedDate: milestones.revisedDate,
  revisedPrecision: milestones.revisedPrecision,
  actualDate: milestones.actualDate,
  actualPrecision: milestones.actualPrecision,
  status: milestones.status,
  progress: milestones.progress,
  isDerived: milestones.isDerived,
};

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
      sourceUrl: sources.url,
      sourceTitle: sources.title,
    })
    .from(milestones)
    .leftJoin(sources, eq(sources.id, milestones.sourceId))
    .leftJoin(organisations, eq(organisations.id, milestones.responsibleOrganisationId))
    .where(eq(milestones.projectId, projectId))
    .orderBy(sql`${due} IS NULL`, asc(due), asc(milestones.id))
    .all();
}

/** Every progress update of a project's milestones, oldest first. */
export function listProgressUpdatesForProject(projectId: number, db: Db = getDb()) {
  return db
    .select({
      id: progressUpdates.id,
      milestoneId: progressUpdates.milestoneId,
      recordedAt: progressUpdates.recordedAt,
      recordedBy: progressUpdates.recordedBy,
      fromStatus: progressUpdates.fromStatus,
      toStatus: progressUpdates.toStatus,
      fromProgress: progressUpdates.fromProgress,
      toProgress: progressUpdates.toProgress,
      comment: progressUpdates.comment,
    })
    .from(progressUpdates)
    .innerJoin(milestones, eq(milestones.id, progressUpdates.milestoneId))
    .where(eq(milestones.projectId, projectId))
    .orderBy(asc(progressUpdates.recordedAt), asc(progressUpdates.id))
    .all();
}
