import { type SQL, and, asc, count, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';

import type { EventValues } from './event-forms';
import { EVENT_TYPES } from '../../../db/vocabulary';
import { type Db, getDb } from '../../core/db.server';
import {
  eventPlaces,
  eventProjects,
  eventSources,
  events,
  milestones,
  organisations,
  places,
  projectOrganisations,
  projects,
  provinces,
  sources,
} from '../../../db/schema';
import {
  type Tx,
  type WriteContext,
  createAudited,
  deleteVersioned,
  diffFields,
  saveVersioned,
} from '../../../db/writes.server';
import { cachedQuery } from '../../../db/query-cache.server';
import { sourceOfWrite } from '../../../db/sources.server';
import { eventColumns, projectNameColumns, projectTitleOrder } from '../../../db/columns.server';
import { originSql } from '../../core/filter/project-filter.server';
import { unlinkMilestones } from '../milestones/milestone-writes.server';

/** What a line in a list of events shows: the date with its certainty, type and place. */
const eventListColumns = {
  id: events.id,
  slug: events.slug,
  title: events.title,
  type: events.type,
  startDate: events.startDate,
  startPrecision: events.startPrecision,
  endDate: events.endDate,
  endPrecision: events.endPrecision,
  dateText: events.dateText,
  isDateVerified: events.isDateVerified,
  isYearInferred: events.isYearInferred,
  dateNote: events.dateNote,
  city: events.city,
  provinceNameEn: provinces.nameEn,
  provinceNameZh: provinces.nameZh,
};

const eventWithSourceColumns = {
  ...eventListColumns,
  sourceUrl: sources.url,
  sourceTitle: sources.title,
};

export type EventSummary = ReturnType<typeof listLatestEvents>[number];

/** The most recent dated events; events without a published date cannot be placed in time. */
export function listLatestEvents(limit: number, db: Db = getDb()) {
  return db
    .select(eventWithSourceColumns)
    .from(events)
    .leftJoin(provinces, eq(provinces.code, events.provinceCode))
    .leftJoin(sources, eq(sources.id, events.sourceId))
    .where(isNotNull(events.startDate))
    .orderBy(desc(events.startDate), asc(events.title))
    .limit(limit)
    .all();
}

export function countEvents(db: Db = getDb()): number {
  return db.select({ n: count() }).from(events).get()?.n ?? 0;
}

/** A project's events in date order; undated ones last. */
export function listEventsForProject(projectId: number, db: Db = getDb()) {
  return db
    .select(eventWithSourceColumns)
    .from(eventProjects)
    .innerJoin(events, eq(events.id, eventProjects.eventId))
    .leftJoin(provinces, eq(provinces.code, events.provinceCode))
    .leftJoin(sources, eq(sources.id, events.sourceId))
    .where(eq(eventProjects.projectId, projectId))
    .orderBy(sql`${events.startDate} IS NULL`, asc(events.startDate), asc(events.title))
    .all();
}

/** One row per (event, place with coordinates): the map's events layer. */
export function listEventMarkers(db: Db = getDb()) {
  return db
    .select({
      eventId: events.id,
      slug: events.slug,
      title: events.title,
      type: events.type,
      startDate: events.startDate,
      startPrecision: events.startPrecision,
      endDate: events.endDate,
      endPrecision: events.endPrecision,
      isDateVerified: events.isDateVerified,
      isYearInferred: events.isYearInferred,
      placeNameEn: places.nameEn,
      placeNameZh: places.nameZh,
      lat: sql<number>`${places.lat}`,
      lon: sql<number>`${places.lon}`,
      sourceUrl: sources.url,
    })
    .from(eventPlaces)
    .innerJoin(events, eq(events.id, eventPlaces.eventId))
    .innerJoin(places, eq(places.id, eventPlaces.placeId))
    .leftJoin(sources, eq(sources.id, events.sourceId))
    .where(and(isNotNull(places.lat), isNotNull(places.lon)))
    .orderBy(asc(events.id), asc(places.id))
    .all();
}

export interface EventFilter {
  type?: string;
  year?: number;
  project?: string;
  org?: string;
}

function eventFilterSql(filter: EventFilter): SQL | undefined {
  return and(
    filter.type ? eq(events.type, filter.type) : undefined,
    filter.year ? sql`substr(${events.startDate}, 1, 4) = ${String(filter.year)}` : undefined,
    filter.project
      ? sql`${events.id} IN (SELECT ${eventProjects.eventId} FROM ${eventProjects}
          JOIN ${projects} ON ${projects.id} = ${eventProjects.projectId}
         WHERE ${projects.slug} = ${filter.project})`
      : undefined,
    filter.org
      ? sql`${events.id} IN (SELECT ${eventProjects.eventId} FROM ${eventProjects}
          JOIN ${projectOrganisations} ON ${projectOrganisations.projectId} = ${eventProjects.projectId}
          JOIN ${organisations} ON ${organisations.id} = ${projectOrganisations.organisationId}
         WHERE ${organisations.slug} = ${filter.org})`
      : undefined,
  );
}

/** Events for a filter, latest first; undated ones last. */
export function listEvents(filter: EventFilter, db: Db = getDb()) {
  const key = `events:${filter.type ?? ''}:${filter.year ?? ''}:${filter.project ?? ''}:${filter.org ?? ''}`;
  return cachedQuery(db, key, () => eventList(filter, db));
}

function eventList(filter: EventFilter, db: Db) {
  return db
    .select({
      ...eventListColumns,
      projectSlugs: sql<string>`coalesce((
        SELECT group_concat(p.slug, ' ') FROM ${eventProjects} ep
          JOIN ${projects} p ON p.id = ep.project_id WHERE ep.event_id = ${events.id}), '')`.mapWith(
        (v: string) => (v ? v.split(' ') : []),
      ),
    })
    .from(events)
    .leftJoin(provinces, eq(provinces.code, events.provinceCode))
    .where(eventFilterSql(filter))
    .orderBy(sql`${events.startDate} IS NULL`, desc(events.startDate), asc(events.title))
    .all();
}

/** Events of the given projects (an organisation's or a topic's), latest first. */
export function listEventsOfProjects(projectIds: number[], db: Db = getDb()) {
  if (projectIds.length === 0) return [];
  return db
    .selectDistinct(eventListColumns)
    .from(eventProjects)
    .innerJoin(events, eq(events.id, eventProjects.eventId))
    .leftJoin(provinces, eq(provinces.code, events.provinceCode))
    .where(inArray(eventProjects.projectId, projectIds))
    .orderBy(sql`${events.startDate} IS NULL`, desc(events.startDate), asc(events.title))
    .all();
}

/** What the events filter offers: types, years, and the projects and organisations with events. */
export function getEventFilterOptions(db: Db = getDb()) {
  return cachedQuery(db, 'event-filter-options', () => eventFilterOptions(db));
}

function eventFilterOptions(db: Db) {
  return {
    types: db
      .selectDistinct({ type: events.type })
      .from(events)
      .orderBy(asc(events.type))
      .all()
      .map((r) => r.type),
    years: db
      .selectDistinct({ year: sql<string>`substr(${events.startDate}, 1, 4)` })
      .from(events)
      .where(isNotNull(events.startDate))
      .orderBy(desc(sql`1`))
      .all()
      .map((r) => Number(r.year)),
    projects: db
      .selectDistinct({
        slug: projects.slug,
        title: projects.title,
        titleZh: projects.titleZh,
        titleDe: projects.titleDe,
      })
      .from(eventProjects)
      .innerJoin(projects, eq(projects.id, eventProjects.projectId))
      .orderBy(asc(projects.title))
      .all(),
    organisations: db
      .selectDistinct({
        slug: organisations.slug,
        name: organisations.name,
        acronym: organisations.acronym,
        nameZh: organisations.nameZh,
        nameDe: organisations.nameDe,
      })
      .from(eventProjects)
      .innerJoin(projectOrganisations, eq(projectOrganisations.projectId, eventProjects.projectId))
      .innerJoin(organisations, eq(organisations.id, projectOrganisations.organisationId))
      .orderBy(asc(sql`coalesce(${organisations.acronym}, ${organisations.name})`))
      .all(),
  };
}

export function getEvent(slug: string, db: Db = getDb()) {
  const event = db
    .select({
      ...eventListColumns,
      format: events.format,
      organisers: events.organisers,
      participants: events.participants,
      description: events.description,
      provinceCode: events.provinceCode,
      unverified: events.unverified,
      sourceUrl: sources.url,
      sourceTitle: sources.title,
    })
    .from(events)
    .leftJoin(provinces, eq(provinces.code, events.provinceCode))
    .leftJoin(sources, eq(sources.id, events.sourceId))
    .where(eq(events.slug, slug))
    .get();
  if (!event) return undefined;
  return {
    ...event,
    projects: db
      .select({
        slug: projects.slug,
        title: projects.title,
        titleZh: projects.titleZh,
        titleDe: projects.titleDe,
        type: projects.type,
      })
      .from(eventProjects)
      .innerJoin(projects, eq(projects.id, eventProjects.projectId))
      .where(eq(eventProjects.eventId, event.id))
      .orderBy(asc(projects.title))
      .all(),
    places: db
      .select({
        name: places.nameEn,
        nameZh: places.nameZh,
        lat: places.lat,
        lon: places.lon,
        provinceCode: places.provinceCode,
      })
      .from(eventPlaces)
      .innerJoin(places, eq(places.id, eventPlaces.placeId))
      .where(eq(eventPlaces.eventId, event.id))
      .all(),
  };
}

// ── Writes ──────────────────────────────────────────────────────────────────────────────────────

/** What the event form edits, as stored (and what a delete's audit entry keeps). */
const eventEditColumns = {
  id: events.id,
  version: events.version,
  ...eventColumns,
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
