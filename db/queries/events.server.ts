import { and, asc, count, desc, eq, isNotNull, sql } from 'drizzle-orm';

import { type Db, getDb } from '../client.server';
import { eventPlaces, eventProjects, events, places, provinces, sources } from '../schema';

const eventColumns = {
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
  sourceUrl: sources.url,
  sourceTitle: sources.title,
};

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
