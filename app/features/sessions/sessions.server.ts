import { and, asc, desc, eq, inArray } from 'drizzle-orm';

import { type Db, getDb } from '../../core/db.server';
import {
  eventSessionOrganisations,
  eventSessionProjects,
  eventSessions,
  events,
  knowledgeEntries,
  knowledgeEntryTexts,
  organisations,
  projects,
  sources,
  topics,
} from '../../../db/schema';
import { organisationNameColumns, projectNameColumns } from '../../../db/columns.server';
import type { HubLanguage, KnowledgeKind } from '../../../db/vocabulary';

// Reading sessions: an event's, with who took part, their outcomes, source and the published
// entries written from them; a topic's, with their event. Knowledge entries are read here with
// a query of our own (the knowledge feature is not imported: features stay apart).

/** An entry's title in each language it has: the author's original (translatedBy null) or not. */
export interface EntryTitle {
  language: HubLanguage;
  title: string;
  translatedBy: string | null;
}

export interface SessionEntry {
  slug: string;
  kind: KnowledgeKind;
  titles: EntryTitle[];
}

/** The published entries written from these sessions, newest first, by session. */
function publishedEntriesOf(db: Db, sessionIds: number[]): Map<number, SessionEntry[]> {
  const bySession = new Map<number, SessionEntry[]>();
  if (sessionIds.length === 0) return bySession;
  const entries = db
    .select({
      id: knowledgeEntries.id,
      sessionId: knowledgeEntries.sessionId,
      slug: knowledgeEntries.slug,
      kind: knowledgeEntries.kind,
    })
    .from(knowledgeEntries)
    .where(
      and(inArray(knowledgeEntries.sessionId, sessionIds), eq(knowledgeEntries.state, 'published')),
    )
    .orderBy(desc(knowledgeEntries.publishedAt), asc(knowledgeEntries.id))
    .all();
  const titles = entryTitles(
    db,
    entries.map((e) => e.id),
  );
  for (const e of entries) {
    const list = bySession.get(e.sessionId!) ?? [];
    list.push({ slug: e.slug, kind: e.kind, titles: titles.get(e.id) ?? [] });
    bySession.set(e.sessionId!, list);
  }
  return bySession;
}

/** The titles of entries in every language they are written in, by entry id. */
export function entryTitles(db: Db, entryIds: number[]): Map<number, EntryTitle[]> {
  const byEntry = new Map<number, EntryTitle[]>();
  if (entryIds.length === 0) return byEntry;
  const rows = db
    .select({
      entryId: knowledgeEntryTexts.entryId,
      language: knowledgeEntryTexts.language,
      title: knowledgeEntryTexts.title,
      translatedBy: knowledgeEntryTexts.translatedBy,
    })
    .from(knowledgeEntryTexts)
    .where(inArray(knowledgeEntryTexts.entryId, entryIds))
    .all();
  for (const { entryId, ...title } of rows) {
    byEntry.set(entryId, [...(byEntry.get(entryId) ?? []), title]);
  }
  return byEntry;
}

const sessionColumns = {
  id: eventSessions.id,
  title: eventSessions.title,
  titleZh: eventSessions.titleZh,
  titleDe: eventSessions.titleDe,
  outcomes: eventSessions.outcomes,
  topicSlug: topics.slug,
  topicName: topics.name,
  topicNameZh: topics.nameZh,
  topicNameDe: topics.nameDe,
  sourceUrl: sources.url,
  sourceTitle: sources.title,
};

/** The organisations and projects that took part in these sessions, by session. */
function participantsOf(db: Db, sessionIds: number[]) {
  const orgs = sessionIds.length
    ? db
        .select({ sessionId: eventSessionOrganisations.sessionId, ...organisationNameColumns })
        .from(eventSessionOrganisations)
        .innerJoin(organisations, eq(organisations.id, eventSessionOrganisations.organisationId))
        .where(inArray(eventSessionOrganisations.sessionId, sessionIds))
        .orderBy(asc(organisations.name))
        .all()
    : [];
  const projs = sessionIds.length
    ? db
        .select({ sessionId: eventSessionProjects.sessionId, ...projectNameColumns })
        .from(eventSessionProjects)
        .innerJoin(projects, eq(projects.id, eventSessionProjects.projectId))
        .where(inArray(eventSessionProjects.sessionId, sessionIds))
        .orderBy(asc(projects.title))
        .all()
    : [];
  return (id: number) => ({
    organisations: orgs.filter((o) => o.sessionId === id).map(({ sessionId: _s, ...o }) => o),
    projects: projs.filter((p) => p.sessionId === id).map(({ sessionId: _s, ...p }) => p),
  });
}

/** An event's sessions in their order, each with who took part, its source and its entries. */
export function listEventSessions(eventId: number, db: Db = getDb()) {
  const rows = db
    .select({ ...sessionColumns, version: eventSessions.version })
    .from(eventSessions)
    .leftJoin(topics, eq(topics.id, eventSessions.topicId))
    .leftJoin(sources, eq(sources.id, eventSessions.sourceId))
    .where(eq(eventSessions.eventId, eventId))
    .orderBy(asc(eventSessions.position), asc(eventSessions.id))
    .all();
  const ids = rows.map((r) => r.id);
  const participants = participantsOf(db, ids);
  const entries = publishedEntriesOf(db, ids);
  return rows.map((r) => ({ ...r, ...participants(r.id), entries: entries.get(r.id) ?? [] }));
}

/** A topic's sessions, newest event first, each with its event and date. */
export function listTopicSessions(topicId: number, db: Db = getDb()) {
  const rows = db
    .select({
      ...sessionColumns,
      eventSlug: events.slug,
      eventTitle: events.title,
      eventTitleZh: events.titleZh,
      eventTitleDe: events.titleDe,
      startDate: events.startDate,
      startPrecision: events.startPrecision,
      endDate: events.endDate,
      endPrecision: events.endPrecision,
    })
    .from(eventSessions)
    .innerJoin(events, eq(events.id, eventSessions.eventId))
    .leftJoin(topics, eq(topics.id, eventSessions.topicId))
    .leftJoin(sources, eq(sources.id, eventSessions.sourceId))
    .where(eq(eventSessions.topicId, topicId))
    .orderBy(desc(events.startDate), asc(eventSessions.position))
    .all();
  const ids = rows.map((r) => r.id);
  const participants = participantsOf(db, ids);
  const entries = publishedEntriesOf(db, ids);
  return rows.map((r) => ({ ...r, ...participants(r.id), entries: entries.get(r.id) ?? [] }));
}

export type EventSessionRow = ReturnType<typeof listEventSessions>[number];
export type TopicSessionRow = ReturnType<typeof listTopicSessions>[number];
