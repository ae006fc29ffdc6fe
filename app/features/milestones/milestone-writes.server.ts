import { type SQL, and, count, eq, sql } from 'drizzle-orm';

import type { MilestoneFormValues } from './milestone-forms';
import { type Db, getDb } from '../../core/db.server';
import {
  milestones,
  organisations,
  progressUpdates,
  projectOrganisations,
} from '../../../db/schema';
import {
  type SaveResult,
  type Tx,
  type WriteContext,
  afterWrite,
  deleteVersioned,
  diffFields,
  recordAudit,
  saveVersioned,
} from '../../../db/writes.server';
import {
  milestoneNameColumns,
  milestonePlanColumns,
  organisationOrder,
} from '../../../db/columns.server';

// The milestone forms' queries and writes: adding a milestone (its progress log opens with it),
// editing and deleting one, each with its audit entry; recording progress is
// progress-update-writes.server.ts.

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

/** A new milestone's plan, as the forms give it (the responsible organisation resolved to its id). */
export type NewMilestoneValues = Omit<
  MilestoneFormValues,
  'responsibleOrganisation' | 'recordedBy'
> & {
  responsibleOrganisationId: number | null;
};

/**
 * Adds a milestone someone entered (planned, 0 %) and opens its progress log with that state, in
 * one transaction, so the log and the milestone agree from the first moment.
 */
export function createMilestone(
  projectId: number,
  values: NewMilestoneValues,
  /** `by` is the progress log's "reported by" (what the form says); `actor` the signed-in account. */
  recorded: { at: string; by: string; actor: WriteContext['actor'] },
  db: Db = getDb(),
) {
  const created = db.transaction((tx) => insertMilestone(tx, projectId, values, recorded));
  afterWrite(db);
  return created;
}

/**
 * The core of adding a milestone, inside the caller's transaction (the form's own, or a report's
 * approval): the milestone, the first entry of its progress log and the 'create' audit entry.
 * The caller refreshes the caches (afterWrite) once committed.
 */
export function insertMilestone(
  tx: Tx,
  projectId: number,
  values: NewMilestoneValues,
  recorded: { at: string; by: string; actor: WriteContext['actor'] },
  /** The progress log's first comment. */
  comment = 'Milestone added',
): { id: number } {
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
      comment,
    })
    .run();
  recordAudit(tx, {
    at: recorded.at,
    actor: recorded.actor,
    action: 'create',
    entity: 'milestone',
    entityId: milestone.id,
    label: values.title,
    projectId,
    changes: diffFields(null, milestoneAuditValues(tx, milestone.id)),
  });
  return milestone;
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

/** Organisations to pick as a milestone's responsible one: the project's own first, then all the others. */
export function listOrganisationChoices(projectId: number, db: Db = getDb()) {
  const linked = sql<number>`${organisations.id} IN (
    SELECT ${projectOrganisations.organisationId} FROM ${projectOrganisations}
     WHERE ${projectOrganisations.projectId} = ${projectId})`;
  return db
    .select({
      id: organisations.id,
      slug: organisations.slug,
      name: organisations.name,
      acronym: organisations.acronym,
      nameZh: organisations.nameZh,
      isLinked: sql<boolean>`${linked}`.mapWith(Boolean),
    })
    .from(organisations)
    .orderBy(sql`${linked} DESC`, organisationOrder)
    .all();
}
