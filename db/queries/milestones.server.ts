import { type SQL, and, asc, count, eq, sql } from 'drizzle-orm';

import type { MilestoneFormValues, ProgressUpdateValues } from '../../app/lib/milestone-forms';
import { type Db, getDb } from '../client.server';
import { milestones, organisations, progressUpdates, projects, sources } from '../schema';
import { invalidateQueryCache } from './query-cache.server';

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
  version: milestones.version,
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

/** The project a milestone form belongs to: what the form needs to validate and to link back. */
export function getProjectForMilestoneForm(slug: string, db: Db = getDb()) {
  return db
    .select({
      id: projects.id,
      slug: projects.slug,
      title: projects.title,
      titleZh: projects.titleZh,
      titleDe: projects.titleDe,
      startsOn: projects.startsOn,
    })
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
 * Adds a milestone someone entered (planned, 0 %) and opens its progress log with that state, in
 * one transaction, so the log and the milestone agree from the first moment.
 */
export function createMilestone(
  projectId: number,
  values: Omit<MilestoneFormValues, 'responsibleOrganisation' | 'recordedBy'> & {
    responsibleOrganisationId: number | null;
  },
  recorded: { at: string; by: string },
  db: Db = getDb(),
) {
  const created = db.transaction((tx) => {
    const milestone = tx
      .insert(milestones)
      .values({
        projectId,
        title: values.title,
        titleZh: values.titleZh ?? null,
        kind: values.kind,
        plannedDate: values.plannedDate?.value ?? null,
        plannedPrecision: values.plannedDate?.precision ?? null,
        status: 'planned',
        progress: 0,
        responsibleOrganisationId: values.responsibleOrganisationId,
        evidenceUrl: values.evidenceUrl ?? null,
        note: values.note ?? null,
        isDerived: false,
      })
      .returning({ id: milestones.id })
      .get();
    tx.insert(progressUpdates)
      .values({
        milestoneId: milestone.id,
        recordedAt: recorded.at,
        recordedBy: recorded.by,
        fromStatus: null,
        toStatus: 'planned',
        fromProgress: null,
        toProgress: 0,
        comment: 'Milestone added',
      })
      .run();
    return milestone;
  });
  invalidateQueryCache(db);
  return created;
}

export type ProgressUpdateResult =
  | { ok: true }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'stale'; current: { version: number; status: string; progress: number } };

/**
 * Records a progress update: the milestone's new state and its log entry in one synchronous
 * transaction, and only if the milestone is still at the version the form was opened on, so a
 * second person's update is never silently overwritten. Achieved counts as 100 %.
 */
export function addProgressUpdate(
  milestoneId: number,
  values: ProgressUpdateValues,
  recorded: { at: string },
  db: Db = getDb(),
): ProgressUpdateResult {
  const result = db.transaction((tx): ProgressUpdateResult => {
    const current = tx
      .select({
        version: milestones.version,
        status: milestones.status,
        progress: milestones.progress,
        revisedDate: milestones.revisedDate,
        revisedPrecision: milestones.revisedPrecision,
      })
      .from(milestones)
      .where(eq(milestones.id, milestoneId))
      .get();
    if (!current) return { ok: false, reason: 'not-found' };
    if (current.version !== values.version) {
      return { ok: false, reason: 'stale', current };
    }
    const progress = values.status === 'achieved' ? 100 : values.progress;
    tx.update(milestones)
      .set({
        status: values.status,
        progress,
        actualDate: values.actualDate?.value ?? null,
        actualPrecision: values.actualDate?.precision ?? null,
        // An update without a revised date keeps the one recorded before.
        revisedDate: values.revisedDate?.value ?? current.revisedDate,
        revisedPrecision: values.revisedDate?.precision ?? current.revisedPrecision,
        version: current.version + 1,
      })
      .where(and(eq(milestones.id, milestoneId), eq(milestones.version, current.version)))
      .run();
    tx.insert(progressUpdates)
      .values({
        milestoneId,
        recordedAt: recorded.at,
        recordedBy: values.recordedBy,
        fromStatus: current.status,
        toStatus: values.status,
        fromProgress: current.progress,
        toProgress: progress,
        comment: values.comment ?? null,
      })
      .run();
    return { ok: true };
  });
  if (result.ok) invalidateQueryCache(db);
  return result;
}

/** How many milestones the filtered projects have. */
export function countFilteredMilestones(where: SQL | undefined, db: Db = getDb()): number {
  return db
    .select({ n: count() })
    .from(milestones)
    .innerJoin(projects, eq(projects.id, milestones.projectId))
    .where(where)
    .get()!.n;
}

/** Milestones of the filtered projects with their project, by project and due date. */
export function listFilteredMilestones(
  where: SQL | undefined,
  { limit, offset }: { limit: number; offset: number },
  db: Db = getDb(),
) {
  return db
    .select({
      id: milestones.id,
      projectSlug: projects.slug,
      projectTitle: projects.title,
      title: milestones.title,
      titleZh: milestones.titleZh,
      kind: milestones.kind,
      status: milestones.status,
      progress: milestones.progress,
      plannedDate: milestones.plannedDate,
      plannedPrecision: milestones.plannedPrecision,
      revisedDate: milestones.revisedDate,
      revisedPrecision: milestones.revisedPrecision,
      actualDate: milestones.actualDate,
      actualPrecision: milestones.actualPrecision,
      dueOn: milestones.dueOn,
      isDerived: milestones.isDerived,
      evidenceUrl: milestones.evidenceUrl,
    })
    .from(milestones)
    .innerJoin(projects, eq(projects.id, milestones.projectId))
    .where(where)
    .orderBy(
      asc(projects.title),
      sql`${milestones.dueOn} IS NULL`,
      asc(milestones.dueOn),
      asc(milestones.id),
    )
    .limit(limit)
    .offset(offset)
    .all();
}
