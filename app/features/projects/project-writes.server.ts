import { and, count, eq, or } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';

import type { ProjectColumns } from './project-forms';
import { type Db, getDb } from '../../core/db.server';
import {
  type Tx,
  type WriteContext,
  createAudited,
  deleteVersioned,
  diffFields,
  saveVersioned,
} from '../../../db/writes.server';
import { sourceOfWrite } from '../../../db/sources.server';
import {
  eventProjects,
  events,
  milestones,
  progressUpdates,
  projectLocations,
  projectOrganisations,
  projectSources,
  projects,
} from '../../../db/schema';
import { projectNameColumns } from '../../../db/columns.server';

// The project form's writes: create, update and delete, each with its audit entry.

/** What the project form edits, as stored (and what a delete's audit entry keeps). */
const projectEditColumns = {
  id: projects.id,
  version: projects.version,
  ...projectNameColumns,
  shortName: projects.shortName,
  summary: projects.summary,
  summaryZh: projects.summaryZh,
  summaryDe: projects.summaryDe,
  type: projects.type,
  statusStated: projects.statusStated,
  statusSource: projects.statusSource,
  startDate: projects.startDate,
  startPrecision: projects.startPrecision,
  startsOn: projects.startsOn,
  endDate: projects.endDate,
  endPrecision: projects.endPrecision,
  endsOn: projects.endsOn,
  durationNotes: projects.durationNotes,
  ikiFundingEur: projects.ikiFundingEur,
  fundingNotes: projects.fundingNotes,
  programme: projects.programme,
  titleSourceId: projects.titleSourceId,
  titleZhSourceId: projects.titleZhSourceId,
  titleDeSourceId: projects.titleDeSourceId,
};

const readProjectForEdit = (db: Db | Tx, id: number) =>
  db.select(projectEditColumns).from(projects).where(eq(projects.id, id)).get();

/** A project as its edit form shows it. */
export function getProjectForEdit(slug: string, db: Db = getDb()) {
  return db.select(projectEditColumns).from(projects).where(eq(projects.slug, slug)).get();
}

const TITLE_SOURCES = [
  ['title', 'titleSourceId'],
  ['titleZh', 'titleZhSourceId'],
  ['titleDe', 'titleDeSourceId'],
] as const;

/** Links the write's source, if it has one, to the project's source list (once). */
function listSource(tx: Tx, projectId: number, sourceId: number | null) {
  if (sourceId === null) return;
  const last = tx
    .select({ n: count() })
    .from(projectSources)
    .where(eq(projectSources.projectId, projectId))
    .get()!.n;
  tx.insert(projectSources)
    .values({ projectId, sourceId, position: last + 1 })
    .onConflictDoNothing()
    .run();
}

/**
 * Saves the project form if the project is still at `version`. A changed title takes the source
 * the editor gave, or none (the history then shows who wrote it): a title never keeps a source
 * that did not say it.
 */
export function updateProject(
  id: number,
  version: number,
  values: ProjectColumns,
  who: WriteContext,
  db: Db = getDb(),
) {
  return saveVersioned(db, who, {
    version,
    read: (tx) => readProjectForEdit(tx, id),
    next: () => values,
    write: (tx, next, nextVersion) => {
      const current = readProjectForEdit(tx, id)!;
      const sourceId = sourceOfWrite(tx, who);
      listSource(tx, id, sourceId);
      const titleSources: Partial<Record<(typeof TITLE_SOURCES)[number][1], number | null>> = {};
      for (const [field, sourceField] of TITLE_SOURCES) {
        if (current[field] !== next[field])
          titleSources[sourceField] = next[field] ? sourceId : null;
      }
      tx.update(projects)
        .set({ ...(next as ProjectColumns), ...titleSources, version: nextVersion })
        .where(and(eq(projects.id, id), eq(projects.version, version)))
        .run();
    },
    audit: (current) => ({
      entity: 'project',
      entityId: id,
      label: values.title || current.title,
      projectId: id,
    }),
  });
}

/** Adds a project the hub team enters by hand; its facts' source is the one the editor gave. */
export function createProject(
  slug: string,
  values: ProjectColumns,
  who: WriteContext,
  db: Db = getDb(),
): { id: number; slug: string } {
  return createAudited(db, who, {
    insert: (tx) => {
      const sourceId = sourceOfWrite(tx, who);
      const row = tx
        .insert(projects)
        .values({
          slug,
          ...values,
          sourceId,
          titleSourceId: sourceId,
          titleZhSourceId: values.titleZh ? sourceId : null,
          titleDeSourceId: values.titleDe ? sourceId : null,
        })
        .returning({ id: projects.id, slug: projects.slug })
        .get();
      listSource(tx, row.id, sourceId);
      return row;
    },
    audit: (_tx, row) => ({
      entity: 'project',
      label: values.title,
      projectId: row.id,
      changes: diffFields(null, { slug, ...values }),
    }),
  });
}

/** What deleting a project takes with it, and what only loses a link to it. */
export function describeProjectReferences(id: number, db: Db | Tx = getDb()) {
  const n = (table: typeof milestones | typeof projectLocations, column: SQLiteColumn) =>
    db.select({ n: count() }).from(table).where(eq(column, id)).get()!.n;
  return {
    milestones: n(milestones, milestones.projectId),
    progressUpdates: db
      .select({ n: count() })
      .from(progressUpdates)
      .innerJoin(milestones, eq(milestones.id, progressUpdates.milestoneId))
      .where(eq(milestones.projectId, id))
      .get()!.n,
    locations: n(projectLocations, projectLocations.projectId),
    organisations: db
      .select({ n: count() })
      .from(projectOrganisations)
      .where(eq(projectOrganisations.projectId, id))
      .get()!.n,
    events: db
      .select({ title: events.title, slug: events.slug })
      .from(eventProjects)
      .innerJoin(events, eq(events.id, eventProjects.eventId))
      .where(eq(eventProjects.projectId, id))
      .all(),
    phases: db
      .select({ slug: projects.slug, title: projects.title })
      .from(projects)
      .where(or(eq(projects.predecessorId, id), eq(projects.successorId, id)))
      .all(),
  };
}

/**
 * Deletes a project with its milestones, progress log, locations and links, if still at
 * `version`. Events stay (they lose the link) and neighbouring phases lose their pointer. The
 * audit log keeps the project's values.
 */
export function deleteProject(id: number, version: number, who: WriteContext, db: Db = getDb()) {
  return deleteVersioned(db, who, {
    id,
    version,
    read: (tx) => readProjectForEdit(tx, id),
    remove: (tx, current) => {
      const affected = describeProjectReferences(id, tx);
      tx.update(projects).set({ predecessorId: null }).where(eq(projects.predecessorId, id)).run();
      tx.update(projects).set({ successorId: null }).where(eq(projects.successorId, id)).run();
      tx.delete(projects).where(eq(projects.id, id)).run();
      const { id: _id, version: _v, ...before } = current;
      return {
        entity: 'project',
        label: current.title,
        projectId: id,
        changes: {
          ...diffFields(before, null),
          milestones: { from: affected.milestones, to: 0 },
          events: { from: affected.events.map((e) => e.slug), to: [] },
        },
      };
    },
  });
}
