import { type SQL, and, asc, count, eq, inArray } from 'drizzle-orm';

import type { EventValues } from './event-forms';
import { EVENT_TYPES } from '../../../db/vocabulary';
import { type Db, getDb } from '../../core/db.server';
import {
  eventProjects,
  eventSources,
  events,
  milestones,
  projects,
  provinces,
} from '../../../db/schema';
import {
  type Tx,
  type WriteContext,
  createAudited,
  deleteVersioned,
  diffFields,
  saveVersioned,
} from '../../../db/writes.server';
import { sourceOfWrite } from '../../../db/sources.server';
import { eventColumns, projectNameColumns, projectTitleOrder } from '../../../db/columns.server';
import { originSql } from '../../core/filter/project-filter.server';
import { unlinkMilestones } from '../milestones/milestone-writes.server';

// The event form's queries (what it shows and offers) and its writes: create, update and delete,
// each with its audit entry.

/** What the event form edits, as stored (and what a delete's audit entry keeps). */
const eventEditColumns = {
  id: events.id,
  version: events.version,
  ...eventColumns,
  titleTranslatedBy: events.titleTranslatedBy,
  dateText: events.dateText,
  isDateVerified: events.isDateVerified,
  isYearInferred: events.isYearInferred,
  city: events.city,
  provinceCode: events.provinceCode,
  format: events.format,
  description: events.description,
  participants: events.participants,
  organisers: events.organisers,
};

function eventProjectSlugs(db: Db | Tx, eventId: number): string[] {
  return db
    .select({ slug: projects.slug })
    .from(eventProjects)
    .innerJoin(projects, eq(projects.id, eventProjects.projectId))
    .where(eq(eventProjects.eventId, eventId))
    .orderBy(asc(projects.slug))
    .all()
    .map((p) => p.slug);
}

function readEventForEdit(db: Db | Tx, where: SQL) {
  const event = db.select(eventEditColumns).from(events).where(where).get();
  return event ? { ...event, projects: eventProjectSlugs(db, event.id) } : undefined;
}

/** An event as its edit form shows it, with the slugs of its projects. */
export function getEventForEdit(slug: string, db: Db = getDb()) {
  return readEventForEdit(db, eq(events.slug, slug));
}

/** What the event form offers: types, provinces and the projects an event can belong to. */
export function getEventFormOptions(db: Db = getDb()) {
  const used = db
    .selectDistinct({ type: events.type })
    .from(events)
    .all()
    .map((r) => r.type);
  return {
    types: [...EVENT_TYPES, ...used.filter((t) => !(EVENT_TYPES as readonly string[]).includes(t))],
    provinces: db
      .select({ code: provinces.code, nameEn: provinces.nameEn, nameZh: provinces.nameZh })
      .from(provinces)
      .orderBy(asc(provinces.nameEn))
      .all(),
    projects: db
      .select(projectNameColumns)
      .from(projects)
      // Events belong to the IKI portfolio: imported IATI activities are not offered.
      .where(originSql('hub'))
      .orderBy(projectTitleOrder)
      .all(),
  };
}

/** The event's project links become exactly these projects. */
function replaceEventProjects(tx: Tx, eventId: number, slugs: readonly string[]) {
  tx.delete(eventProjects).where(eq(eventProjects.eventId, eventId)).run();
  if (slugs.length === 0) return;
  const ids = tx
    .select({ id: projects.id })
    .from(projects)
    .where(inArray(projects.slug, [...slugs]))
    .all();
  if (ids.length) {
    tx.insert(eventProjects)
      .values(ids.map((p) => ({ eventId, projectId: p.id })))
      .run();
  }
}

/** Links the write's source, if it has one, to the event's source list (once). */
function listEventSource(tx: Tx, eventId: number, sourceId: number | null) {
  if (sourceId === null) return;
  tx.insert(eventSources).values({ eventId, sourceId }).onConflictDoNothing().run();
}

/**
 * Saves the event form if the event is still at `version`; its project links are replaced in the
 * same transaction and recorded with the change. A date the editor writes is no longer one the
 * hub inferred.
 */
export function updateEvent(
  id: number,
  version: number,
  values: EventValues,
  who: WriteContext,
  db: Db = getDb(),
) {
  return saveVersioned(db, who, {
    version,
    read: (tx) => readEventForEdit(tx, eq(events.id, id)),
    next: (current) => {
      const next: Record<string, unknown> = { ...values, projects: [...values.projects].sort() };
      if (current.startDate !== values.startDate || current.endDate !== values.endDate) {
        next.isYearInferred = false;
      }
      return next;
    },
    write: (tx, next, nextVersion) => {
      const { projects: slugs, ...columns } = next as EventValues & { isYearInferred?: boolean };
      tx.update(events)
        .set({ ...columns, version: nextVersion })
        .where(and(eq(events.id, id), eq(events.version, version)))
        .run();
      replaceEventProjects(tx, id, slugs);
      listEventSource(tx, id, sourceOfWrite(tx, who));
    },
    audit: (current) => ({
      entity: 'event',
      entityId: id,
      label: values.title || current.title,
      projectId: null,
    }),
  });
}

/** Adds an event the hub team enters by hand; its source is the one the editor gave. */
export function createEvent(
  slug: string,
  values: EventValues,
  who: WriteContext,
  db: Db = getDb(),
): { id: number; slug: string } {
  const { projects: slugs, ...columns } = values;
  return createAudited(db, who, {
    insert: (tx) => {
      const sourceId = sourceOfWrite(tx, who);
      const row = tx
        .insert(events)
        .values({ slug, ...columns, sourceId })
        .returning({ id: events.id, slug: events.slug })
        .get();
      listEventSource(tx, row.id, sourceId);
      replaceEventProjects(tx, row.id, slugs);
      return row;
    },
    audit: () => ({
      entity: 'event',
      label: values.title,
      projectId: null,
      changes: diffFields(null, {
        slug,
        ...columns,
        projects: slugs.length ? [...slugs].sort() : null,
      }),
    }),
  });
}

/** What deleting an event affects: the projects that list it and the milestones that cite it. */
export function describeEventReferences(id: number, db: Db = getDb()) {
  return {
    projects: db
      .select({ slug: projects.slug, title: projects.title })
      .from(eventProjects)
      .innerJoin(projects, eq(projects.id, eventProjects.projectId))
      .where(eq(eventProjects.eventId, id))
      .orderBy(asc(projects.title))
      .all(),
    milestones: db.select({ n: count() }).from(milestones).where(eq(milestones.eventId, id)).get()!
      .n,
  };
}

/**
 * Deletes an event with its project, place, country and source links, if still at `version`.
 * Milestones that cite it stay and lose the link (each gets a new version and a history entry).
 * The audit log keeps the event's values.
 */
export function deleteEvent(id: number, version: number, who: WriteContext, db: Db = getDb()) {
  return deleteVersioned(db, who, {
    id,
    version,
    read: (tx) => readEventForEdit(tx, eq(events.id, id)),
    remove: (tx, current) => {
      const citing = unlinkMilestones(tx, who, 'eventId', id);
      // The project, place, country and source links go with it (ON DELETE CASCADE).
      tx.delete(events).where(eq(events.id, id)).run();
      // diffFields leaves out id and version.
      const { projects: linked, ...before } = current;
      return {
        entity: 'event',
        label: current.title,
        projectId: null,
        changes: {
          ...diffFields(before, null),
          ...(linked.length ? { projects: { from: linked, to: [] } } : {}),
          ...(citing ? { milestones: { from: citing, to: 0 } } : {}),
        },
      };
    },
  });
}
