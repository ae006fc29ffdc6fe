import { type SQL, and, asc, count, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';

import { type Db, getDb } from '../client.server';
import {
  eventPlaces,
  eventProjects,
  events,
  organisations,
  places,
  projectOrganisations,
  projects,
  provinces,
  sources,
} from '../schema';

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

const eventColumns = { ...eventListColumns, sourceUrl: sources.url, sourceTitle: sources.title };

export type EventSummary = ReturnType<typeof listLatestEvents>[number];

/** The most recent dated events; events without a published date cannot be placed in time. */
export function listLatestEvents(limit: number, db: Db = getDb()) {
  return db
    .select(eventColumns)
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
    .select(eventColumns)
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
