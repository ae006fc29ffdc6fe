import { type SQL, and, asc, count, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';

import { type Db, getDb } from '../../core/db.server';
import {
  eventPlaces,
  eventProjects,
  events,
  organisations,
  places,
  projectOrganisations,
  projectTopics,
  projects,
  provinces,
  sources,
  topics,
} from '../../../db/schema';
import { cachedQuery } from '../../../db/query-cache.server';
import {
  eventColumns,
  organisationNameColumns,
  organisationShortName,
  projectNameColumns,
  sourceColumns,
  topicNameColumns,
} from '../../../db/columns.server';

// Events as the pages, the map and the exports read them; the event form's queries and writes
// are in event-writes.server.ts.

/** What a line in a list of events shows: the date with its certainty, type and place. */
const eventListColumns = {
  id: events.id,
  ...eventColumns,
  dateText: events.dateText,
  isDateVerified: events.isDateVerified,
  isYearInferred: events.isYearInferred,
  dateNote: events.dateNote,
  city: events.city,
  provinceNameEn: provinces.nameEn,
  provinceNameZh: provinces.nameZh,
  /** Its places' names, as on the event's page (eventPlaceText in event-place.ts). */
  placeNames:
    sql<string>`(SELECT json_group_array(json_object('name', p.name_en, 'nameZh', p.name_zh))
    FROM (SELECT pl.name_en, pl.name_zh FROM ${eventPlaces} ep JOIN ${places} pl ON pl.id = ep.place_id
          WHERE ep.event_id = ${events.id} ORDER BY pl.id) p)`.mapWith(
      (v: string) => JSON.parse(v) as { name: string; nameZh: string | null }[],
    ),
};

/** A list line with its source. */
const eventWithSourceColumns = { ...eventListColumns, ...sourceColumns };

/** Undated events last; the others by date (`direction`), then by title. */
const byDate = (direction: typeof asc) => [
  sql`${events.startDate} IS NULL`,
  direction(events.startDate),
  asc(events.title),
];

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
    .orderBy(...byDate(asc))
    .all();
}

/** One row per (event, place with coordinates): the map's events layer. */
export function listEventMarkers(db: Db = getDb()) {
  return db
    .select({
      eventId: events.id,
      ...eventColumns,
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
  /** A topic's slug: the events of the hub's projects on it, as the topic's page lists them. */
  topic?: string;
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
    filter.topic
      ? sql`${events.id} IN (SELECT ${eventProjects.eventId} FROM ${eventProjects}
          JOIN ${projects} ON ${projects.id} = ${eventProjects.projectId} AND ${projects.origin} = 'hub'
          JOIN ${projectTopics} ON ${projectTopics.projectId} = ${eventProjects.projectId}
          JOIN ${topics} ON ${topics.id} = ${projectTopics.topicId}
         WHERE ${topics.slug} = ${filter.topic})`
      : undefined,
  );
}

/** Events for a filter, latest first; undated ones last. */
export function listEvents(filter: EventFilter, db: Db = getDb()) {
  const key = `events:${filter.type ?? ''}:${filter.year ?? ''}:${filter.project ?? ''}:${filter.org ?? ''}:${filter.topic ?? ''}`;
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
    .orderBy(...byDate(desc))
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
    .orderBy(...byDate(desc))
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
      .selectDistinct(projectNameColumns)
      .from(eventProjects)
      .innerJoin(projects, eq(projects.id, eventProjects.projectId))
      .orderBy(asc(projects.title))
      .all(),
    organisations: db
      .selectDistinct(organisationNameColumns)
      .from(eventProjects)
      .innerJoin(projectOrganisations, eq(projectOrganisations.projectId, eventProjects.projectId))
      .innerJoin(organisations, eq(organisations.id, projectOrganisations.organisationId))
      .orderBy(asc(organisationShortName))
      .all(),
    topics: db
      .selectDistinct(topicNameColumns)
      .from(eventProjects)
      .innerJoin(projectTopics, eq(projectTopics.projectId, eventProjects.projectId))
      .innerJoin(topics, eq(topics.id, projectTopics.topicId))
      .orderBy(asc(topics.name))
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
      ...sourceColumns,
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
      .select({ ...projectNameColumns, type: projects.type })
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
