import { and, eq } from 'drizzle-orm';

import type { ProgressUpdateValues } from './milestone-forms';
import { type Db, getDb } from '../../core/db.server';
import { milestones, progressUpdates } from '../../../db/schema';
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
import { progressUpdateColumns } from './milestones.server';
import { milestoneAuditValues } from './milestone-writes.server';

// A milestone's progress log: recording an update (the milestone's new state with it), and
// correcting or removing an entry, each with its audit entry.

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
  const result = db.transaction((tx) =>
    recordProgressUpdate(tx, milestoneId, values, recorded, values.version),
  );
  if (result.ok) afterWrite(db);
  return result;
}

/** A milestone's new state as a progress update records it (a report's update adds evidence). */
export type ProgressStateValues = Omit<ProgressUpdateValues, 'version'> & {
  /** A link to the evidence, put onto the milestone with its new state. */
  evidenceUrl?: string | null;
};

/**
 * The core of a progress update, inside the caller's transaction (a form's own, or a report's
 * approval, which writes all its updates in one): the milestone's new state, its log entry and
 * the audit entry. With `expectedVersion`, only if the milestone is still at that version.
 * The caller refreshes the caches (afterWrite) once committed.
 */
export function recordProgressUpdate(
  tx: Tx,
  milestoneId: number,
  values: ProgressStateValues,
  recorded: { at: string; actor: WriteContext['actor'] },
  expectedVersion?: number,
): ProgressUpdateResult {
  const current = tx
    .select({
      version: milestones.version,
      status: milestones.status,
      progress: milestones.progress,
      revisedDate: milestones.revisedDate,
      revisedPrecision: milestones.revisedPrecision,
      actualDate: milestones.actualDate,
      actualPrecision: milestones.actualPrecision,
      evidenceUrl: milestones.evidenceUrl,
      title: milestones.title,
      projectId: milestones.projectId,
    })
    .from(milestones)
    .where(eq(milestones.id, milestoneId))
    .get();
  if (!current) return { ok: false, reason: 'not-found' };
  if (expectedVersion !== undefined && current.version !== expectedVersion) {
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
      // An update without evidence keeps the link recorded before.
      evidenceUrl: values.evidenceUrl ?? current.evidenceUrl,
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
