import { type SQL, and, asc, count, eq, sql } from 'drizzle-orm';

import type { MilestoneFormValues, ProgressUpdateValues } from './milestone-forms';
import { type Db, getDb } from '../../core/db.server';
import { milestones, organisations, progressUpdates, projects, sources } from '../../../db/schema';
import { portfolioSql } from '../../core/filter/project-filter.server';
import { cachedQuery, sqlKey } from '../../../db/query-cache.server';
import {
  type SaveResult,
  type Tx,
  type WriteContext,
  afterWrite,
  createAudited,
  deleteVersioned,
  diffFields,
  recordAudit,
  saveVersioned,
} from '../../../db/writes.server';
import {
  milestoneColumns,
  milestoneDateColumns,
  milestoneNameColumns,
  milestonePlanColumns,
  projectNameColumns,
  sourceColumns,
} from '../../../db/columns.server';

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

// ── Writes ──────────────────────────────────────────────────────────────────────────────────────

/** The fields a milestone's edit form changes, as stored (what the audit log compares). */
const milestoneEditColumns = {
  version: milestones.version,
  projectId: milestones.projectId,
  ...milestoneNameColumns,
  ...milestonePlanColumns,
  responsibleOrganisationId: milestones.responsibleOrganisationId,
  evidenceUrl: milestones.evidenceUrl,
  note: milestones.note,
};

/** A milestone's stored values as its audit entries list them (null when it does not exist). */
export function milestoneAuditValues(tx: Tx | Db, id: number) {
  const row = tx
    .select({
      ...milestoneEditColumns,
      status: milestones.status,
      progress: milestones.progress,
      actualDate: milestones.actualDate,
      actualPrecision: milestones.actualPrecision,
    })
    .from(milestones)
    .where(eq(milestones.id, id))
    .get();
  if (!row) return null;
  const { version: _v, projectId: _p, ...values } = row;
  return values;
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
  /** `by` is the progress log's "reported by" (what the form says); `actor` the signed-in account. */
  recorded: { at: string; by: string; actor: WriteContext['actor'] },
  db: Db = getDb(),
) {
  return createAudited(db, recorded, {
    insert: (tx) => {
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
    },
    audit: (tx, milestone) => ({
      entity: 'milestone',
      label: values.title,
      projectId,
      changes: diffFields(null, milestoneAuditValues(tx, milestone.id)),
    }),
  });
}

export type MilestoneEdit = Omit<
  typeof milestones.$inferInsert,
  'id' | 'projectId' | 'status' | 'progress' | 'version' | 'sourceId' | 'eventId'
>;

/** A milestone as its edit form shows it (undefined when the id does not belong to the project). */
const readMilestoneForEdit = (db: Db | Tx, where: SQL | undefined) =>
  db
    .select({ ...milestoneEditColumns, id: milestones.id, isDerived: milestones.isDerived })
    .from(milestones)
    .where(where)
    .get();

/** A milestone as its edit form shows it, with the responsible organisation's slug. */
export function getMilestoneForEdit(projectId: number, milestoneId: number, db: Db = getDb()) {
  return readMilestoneForEdit(
    db,
    and(eq(milestones.id, milestoneId), eq(milestones.projectId, projectId)),
  );
}

/** Saves a milestone's edit form if it is still at `version` (409 otherwise, nothing written). */
export function updateMilestone(
  milestoneId: number,
  version: number,
  values: MilestoneEdit,
  who: WriteContext,
  db: Db = getDb(),
): SaveResult<NonNullable<ReturnType<typeof getMilestoneForEdit>>> {
  return saveVersioned(db, who, {
    version,
    read: (tx) => readMilestoneForEdit(tx, eq(milestones.id, milestoneId)),
    next: () => ({ ...values }),
    write: (tx, next, nextVersion) =>
      tx
        .update(milestones)
        .set({ ...(next as MilestoneEdit), version: nextVersion })
        .where(and(eq(milestones.id, milestoneId), eq(milestones.version, version)))
        .run(),
    audit: (current) => ({
      entity: 'milestone',
      entityId: milestoneId,
      label: values.title ?? current.title,
      projectId: current.projectId,
    }),
  });
}

const countProgressUpdates = (db: Db | Tx, milestoneId: number) =>
  db
    .select({ n: count() })
    .from(progressUpdates)
    .where(eq(progressUpdates.milestoneId, milestoneId))
    .get()!.n;

/** What deleting a milestone takes with it: its progress log. */
export function describeMilestoneReferences(milestoneId: number, db: Db = getDb()) {
  return { progressUpdates: countProgressUpdates(db, milestoneId) };
}

/** Deletes a milestone and its progress log, if still at `version`; the audit keeps its values. */
export function deleteMilestone(
  milestoneId: number,
  version: number,
  who: WriteContext,
  db: Db = getDb(),
): SaveResult<{ version: number }> {
  return deleteVersioned(db, who, {
    id: milestoneId,
    version,
    read: (tx) =>
      tx
        .select({ version: milestones.version, projectId: milestones.projectId })
        .from(milestones)
        .where(eq(milestones.id, milestoneId))
        .get(),
    remove: (tx, current) => {
      const before = milestoneAuditValues(tx, milestoneId)!;
      const log = countProgressUpdates(tx, milestoneId);
      tx.delete(milestones).where(eq(milestones.id, milestoneId)).run();
      return {
        entity: 'milestone',
        label: before.title,
        projectId: current.projectId,
        changes: { ...diffFields(before, null), progressUpdates: { from: log, to: 0 } },
      };
    },
  });
}

/**
 * The milestones `where` selects lose the pointer `field` (to `from`, a record being deleted):
 * each gets a new version and an update entry in the audit log. Returns how many they were.
 */
export function unlinkMilestones(
  tx: Tx,
  who: WriteContext,
  field: 'eventId' | 'responsibleOrganisationId',
  from: number,
): number {
  const linked = tx
    .select({
      id: milestones.id,
      projectId: milestones.projectId,
      title: milestones.title,
      version: milestones.version,
    })
    .from(milestones)
    .where(eq(milestones[field], from))
    .all();
  for (const m of linked) {
    tx.update(milestones)
      .set({ [field]: null, version: m.version + 1 })
      .where(eq(milestones.id, m.id))
      .run();
    recordAudit(tx, {
      at: who.at,
      actor: who.actor,
      action: 'update',
      entity: 'milestone',
      entityId: m.id,
      label: m.title,
      projectId: m.projectId,
      changes: { [field]: { from, to: null } },
    });
  }
  return linked.length;
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
  /** The account that records it (the audit's actor; `values.recordedBy` is for the log only). */
  recorded: { at: string; actor: WriteContext['actor'] },
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
        actualDate: milestones.actualDate,
        actualPrecision: milestones.actualPrecision,
        title: milestones.title,
        projectId: milestones.projectId,
      })
      .from(milestones)
      .where(eq(milestones.id, milestoneId))
      .get();
    if (!current) return { ok: false, reason: 'not-found' };
    if (current.version !== values.version) {
      const { version, status, progress } = current;
      return { ok: false, reason: 'stale', current: { version, status, progress } };
    }
    const progress = values.status === 'achieved' ? 100 : values.progress;
    // Before and after are read the same way, so the entry lists only the fields that changed.
    const before = { ...milestoneAuditValues(tx, milestoneId), comment: null };
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
    const update = tx
      .insert(progressUpdates)
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
      .returning({ id: progressUpdates.id })
      .get();
    recordAudit(tx, {
      at: recorded.at,
      actor: recorded.actor,
      action: 'create',
      entity: 'progress-update',
      entityId: update.id,
      label: current.title,
      projectId: current.projectId,
      changes: diffFields(before, {
        ...milestoneAuditValues(tx, milestoneId),
        comment: values.comment ?? null,
      }),
    });
    return { ok: true };
  });
  if (result.ok) afterWrite(db);
  return result;
}

/** A progress update's log line with its version (what its edit form and a delete compare). */
const progressUpdateEditColumns = { ...progressUpdateColumns, version: progressUpdates.version };

/** One progress update of one milestone of one project. */
export function getProgressUpdate(
  projectId: number,
  milestoneId: number,
  updateId: number,
  db: Db = getDb(),
) {
  return db
    .select({ ...progressUpdateEditColumns, milestoneTitle: milestones.title })
    .from(progressUpdates)
    .innerJoin(milestones, eq(milestones.id, progressUpdates.milestoneId))
    .where(
      and(
        eq(progressUpdates.id, updateId),
        eq(progressUpdates.milestoneId, milestoneId),
        eq(milestones.projectId, projectId),
      ),
    )
    .get();
}

/** Who corrects or removes a progress update, and the milestone's project and name it is under. */
type ProgressUpdateWriter = WriteContext & { projectId: number; label: string };

/**
 * Corrects what a progress update says (its comment and who reported it). The states it records
 * are history and stay; a wrong state is put right by a new update.
 */
export function updateProgressUpdate(
  updateId: number,
  version: number,
  values: { comment: string | null; recordedBy: string },
  who: ProgressUpdateWriter,
  db: Db = getDb(),
) {
  return saveVersioned(db, who, {
    version,
    read: (tx) =>
      tx
        .select({
          version: progressUpdates.version,
          comment: progressUpdates.comment,
          recordedBy: progressUpdates.recordedBy,
        })
        .from(progressUpdates)
        .where(eq(progressUpdates.id, updateId))
        .get(),
    next: () => ({ ...values }),
    write: (tx, next, nextVersion) =>
      tx
        .update(progressUpdates)
        .set({ ...(next as typeof values), version: nextVersion })
        .where(and(eq(progressUpdates.id, updateId), eq(progressUpdates.version, version)))
        .run(),
    audit: () => ({
      entity: 'progress-update',
      entityId: updateId,
      label: who.label,
      projectId: who.projectId,
    }),
  });
}

/**
 * Removes a progress update entered in error. The milestone keeps its current state (a later
 * update may build on it); the audit log keeps the entry's values.
 */
export function deleteProgressUpdate(
  updateId: number,
  version: number,
  who: ProgressUpdateWriter,
  db: Db = getDb(),
): SaveResult<{ version: number }> {
  return deleteVersioned(db, who, {
    id: updateId,
    version,
    read: (tx) =>
      tx
        .select(progressUpdateEditColumns)
        .from(progressUpdates)
        .where(eq(progressUpdates.id, updateId))
        .get(),
    remove: (tx, current) => {
      tx.delete(progressUpdates).where(eq(progressUpdates.id, updateId)).run();
      const { id: _id, milestoneId: _m, version: _v, ...before } = current;
      return {
        entity: 'progress-update',
        label: who.label,
        projectId: who.projectId,
        changes: diffFields(before, null),
      };
    },
  });
}
