import { eq, sql } from 'drizzle-orm';

import type { IatiProblem } from './read-types';
import { discardImport } from './import-stage.server';
import {
  type ImportOptions,
  type PlanAction,
  collector,
  ownRefOf,
  plannedActivities,
} from './import-plan.server';
import type { Wanted } from './import-wanted.server';
import type { Current } from './import-diff.server';
import type { ProjectValues } from './import-values';
import { projectByIdentifier } from './import-target.server';
import { PART_WRITERS } from './import-parts.server';
import type { WriteContext } from '../../../db/writes.server';
import type { Db } from '../../core/db.server';
import type { ProjectType } from '../../../db/vocabulary';
import { projects } from '../../../db/schema';
import {
  type Changes,
  type Tx,
  afterWrite,
  diffFields,
  recordAudit,
} from '../../../db/writes.server';

// The last step of an import: everything in one synchronous transaction, read back from the
// staging table page by page.

export interface ApplyResult {
  counts: Record<PlanAction, number>;
  problems: IatiProblem[];
}

/**
 * Applies a staged import in one synchronous transaction, all or nothing: creates and updates the
 * projects with their organisations, places, countries, funding areas, topics and milestones,
 * writes one audit entry per project created or updated, then removes the staging rows.
 */
export function applyImport(
  db: Db,
  importId: string,
  who: WriteContext,
  options: ImportOptions = {},
): ApplyResult {
  const ownRef = ownRefOf(options);
  const problems: IatiProblem[] = [];
  const report = collector(problems);
  const counts = { create: 0, update: 0, unchanged: 0 };
  db.transaction((tx) => {
    const relations: PhaseLinks[] = [];
    for (const planned of plannedActivities(tx, importId, ownRef, report)) {
      const { wanted: w, current, fields, entry } = planned;
      counts[entry.action] += 1;
      if (entry.action === 'unchanged') continue;
      const projectId = writeProject(tx, w, current, fields, who);
      if (fields.includes('predecessor') || fields.includes('successor')) {
        relations.push({ projectId, related: w.related });
      }
    }
    linkPhases(tx, relations, ownRef);
    discardImport(tx, importId);
  });
  if (counts.create + counts.update > 0) afterWrite(db);
  return { counts, problems };
}

interface PhaseLinks {
  projectId: number;
  related: Wanted['related'];
}

/** Phases point at each other, so they are linked once every project of the file exists. */
function linkPhases(tx: Tx, relations: PhaseLinks[], ownRef: string): void {
  for (const { projectId, related } of relations) {
    const set: { predecessorId?: number | null; successorId?: number | null } = {};
    for (const r of related) {
      const other = projectByIdentifier(tx, r.identifier, ownRef);
      if (other === undefined) continue;
      set[r.relation === 'predecessor' ? 'predecessorId' : 'successorId'] = other;
    }
    if (Object.keys(set).length)
      tx.update(projects).set(set).where(eq(projects.id, projectId)).run();
  }
}

/** Creates or updates one project and the parts the plan found changed; audited as one entry. */
function writeProject(
  tx: Tx,
  w: Wanted,
  current: Current | null,
  fields: string[],
  who: WriteContext,
): number {
  const isNew = current === null;
  const label =
    w.values.title ?? (current?.values.title as string | undefined) ?? w.activity.identifier;
  const { projectId, changes } = isNew
    ? insertProject(tx, w, label)
    : updateProject(tx, w, current, fields);

  const part = { tx, projectId, wanted: w, current, isHub: w.target.origin === 'hub', who };
  for (const [field, write] of PART_WRITERS) {
    if (fields.includes(field)) changes[field] = write(part);
  }
  for (const relation of ['predecessor', 'successor'] as const) {
    if (!fields.includes(relation)) continue;
    changes[relation] = {
      from: current?.related[relation] ?? null,
      to: w.related.find((r) => r.relation === relation)?.identifier ?? null,
    };
  }

  recordAudit(tx, {
    at: who.at,
    actor: who.actor,
    action: isNew ? 'create' : 'update',
    entity: 'project',
    entityId: projectId,
    label,
    projectId,
    changes,
  });
  return projectId;
}

function insertProject(tx: Tx, w: Wanted, label: string) {
  const values = { programme: 'IKI', type: 'unknown' as ProjectType, title: label, ...w.values };
  const projectId = tx
    .insert(projects)
    .values({ slug: w.target.slug, ...values })
    .returning({ id: projects.id })
    .get().id;
  return { projectId, changes: diffFields(null, { slug: w.target.slug, ...values }) };
}

/** Sets only the changed fields the file gives (a hub project keeps what the file leaves out). */
function updateProject(tx: Tx, w: Wanted, current: Current, fields: string[]) {
  const projectId = (w.target as { id: number }).id;
  const set = Object.fromEntries(
    fields.filter((f) => f in w.values).map((f) => [f, w.values[f as keyof ProjectValues]]),
  );
  const changes: Changes = diffFields(
    Object.fromEntries(Object.keys(set).map((k) => [k, current.values[k]])),
    set,
  );
  tx.update(projects)
    .set({ ...set, version: sql`${projects.version} + 1` })
    .where(eq(projects.id, projectId))
    .run();
  return { projectId, changes };
}
