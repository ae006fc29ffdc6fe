import { and, asc, desc, eq, inArray, ne, or } from 'drizzle-orm';

import { type Db, getDb } from '../../core/db.server';
import type { SessionUser } from '../../core/auth/auth';
import { documentVisibilitiesFor } from '../../core/auth/visibility';
import {
  documentEntries,
  documents,
  eventSessions,
  events,
  knowledgeEntries,
  knowledgeEntryEvents,
  knowledgeEntryOrganisations,
  knowledgeEntryProjects,
  knowledgeEntryTexts,
  knowledgeEntryTopics,
  organisations,
  projects,
  topics,
} from '../../../db/schema';
import { readEntry } from './knowledge-writes.server';
import { isHubTeam } from './knowledge-rules';

// What the entry's pages read: one entry with the names of what it links to, the choices its form
// offers, and the drafts queue. Other features' tables are read here with explicit columns (the
// knowledge feature imports no other feature).

/** The entry with its texts, links (by name and slug), session and readable documents. */
export function getEntryPage(slug: string, user: SessionUser | null, db: Db = getDb()) {
  const id = db
    .select({ id: knowledgeEntries.id })
    .from(knowledgeEntries)
    .where(eq(knowledgeEntries.slug, slug))
    .get()?.id;
  if (id === undefined) return undefined;
  const entry = readEntry(db, id)!;
  const dates = db
    .select({ createdAt: knowledgeEntries.createdAt, updatedAt: knowledgeEntries.updatedAt })
    .from(knowledgeEntries)
    .where(eq(knowledgeEntries.id, id))
    .get()!;
  const topicRows = db
    .select({ slug: topics.slug, name: topics.name, nameZh: topics.nameZh, nameDe: topics.nameDe })
    .from(knowledgeEntryTopics)
    .innerJoin(topics, eq(topics.id, knowledgeEntryTopics.topicId))
    .where(eq(knowledgeEntryTopics.entryId, id))
    .orderBy(asc(topics.name))
    .all();
  const projectRows = db
    .select({
      slug: projects.slug,
      title: projects.title,
      titleZh: projects.titleZh,
      titleDe: projects.titleDe,
    })
    .from(knowledgeEntryProjects)
    .innerJoin(projects, eq(projects.id, knowledgeEntryProjects.projectId))
    .where(eq(knowledgeEntryProjects.entryId, id))
    .orderBy(asc(projects.title))
    .all();
  const organisationRows = db
    .select({
      slug: organisations.slug,
      name: organisations.name,
      nameZh: organisations.nameZh,
      acronym: organisations.acronym,
    })
    .from(knowledgeEntryOrganisations)
    .innerJoin(organisations, eq(organisations.id, knowledgeEntryOrganisations.organisationId))
    .where(eq(knowledgeEntryOrganisations.entryId, id))
    .orderBy(asc(organisations.name))
    .all();
  const eventRows = db
    .select({
      slug: events.slug,
      title: events.title,
      titleZh: events.titleZh,
      titleDe: events.titleDe,
    })
    .from(knowledgeEntryEvents)
    .innerJoin(events, eq(events.id, knowledgeEntryEvents.eventId))
    .where(eq(knowledgeEntryEvents.entryId, id))
    .orderBy(desc(events.startDate))
    .all();
  const session =
    entry.sessionId === null
      ? null
      : (db
          .select({
            id: eventSessions.id,
            title: eventSessions.title,
            titleZh: eventSessions.titleZh,
            titleDe: eventSessions.titleDe,
            eventSlug: events.slug,
            eventTitle: events.title,
            eventTitleZh: events.titleZh,
            eventTitleDe: events.titleDe,
          })
          .from(eventSessions)
          .innerJoin(events, eq(events.id, eventSessions.eventId))
          .where(eq(eventSessions.id, entry.sessionId))
          .get() ?? null);
  const documentRows = db
    .select({
      id: documents.id,
      title: documents.title,
      language: documents.language,
      documentDate: documents.documentDate,
      documentDatePrecision: documents.documentDatePrecision,
    })
    .from(documentEntries)
    .innerJoin(documents, eq(documents.id, documentEntries.documentId))
    .where(
      and(
        eq(documentEntries.entryId, id),
        inArray(documents.visibility, documentVisibilitiesFor(user)),
      ),
    )
    .orderBy(asc(documents.title))
    .all();
  return {
    entry: { ...entry, ...dates },
    topics: topicRows,
    projects: projectRows,
    organisations: organisationRows,
    events: eventRows,
    session,
    documents: documentRows,
  };
}

export type EntryPage = NonNullable<ReturnType<typeof getEntryPage>>;

/** What the entry's form offers to link: every topic, project, organisation, event and session. */
export function listEntryChoices(db: Db = getDb()) {
  return {
    topics: db
      .select({ id: topics.id, name: topics.name, nameZh: topics.nameZh, nameDe: topics.nameDe })
      .from(topics)
      .orderBy(asc(topics.name))
      .all(),
    projects: db
      .select({
        id: projects.id,
        title: projects.title,
        titleZh: projects.titleZh,
        titleDe: projects.titleDe,
      })
      .from(projects)
      // Imported IATI activities of other publishers are not the programme's projects.
      .where(ne(projects.origin, 'iati'))
      .orderBy(asc(projects.title))
      .all(),
    organisations: db
      .select({ id: organisations.id, name: organisations.name, acronym: organisations.acronym })
      .from(organisations)
      .orderBy(asc(organisations.name))
      .all(),
    events: db
      .select({
        id: events.id,
        title: events.title,
        titleZh: events.titleZh,
        titleDe: events.titleDe,
        startDate: events.startDate,
      })
      .from(events)
      .orderBy(desc(events.startDate), asc(events.title))
      .all(),
    sessions: db
      .select({
        id: eventSessions.id,
        title: eventSessions.title,
        titleZh: eventSessions.titleZh,
        titleDe: eventSessions.titleDe,
        eventTitle: events.title,
      })
      .from(eventSessions)
      .innerJoin(events, eq(events.id, eventSessions.eventId))
      .orderBy(desc(events.startDate), asc(eventSessions.position))
      .all(),
  };
}

export type EntryChoices = ReturnType<typeof listEntryChoices>;

/**
 * The drafts queue: the account's own unpublished entries; for the hub team every entry in review
 * too. Newest change first.
 */
export function listDrafts(user: SessionUser, db: Db = getDb()) {
  const own = and(
    eq(knowledgeEntries.authorUserId, user.id),
    ne(knowledgeEntries.state, 'published'),
  );
  const where = isHubTeam(user) ? or(own, eq(knowledgeEntries.state, 'in-review')) : own;
  return db
    .select({
      slug: knowledgeEntries.slug,
      kind: knowledgeEntries.kind,
      state: knowledgeEntries.state,
      language: knowledgeEntries.language,
      authorName: knowledgeEntries.authorName,
      authorUserId: knowledgeEntries.authorUserId,
      updatedAt: knowledgeEntries.updatedAt,
      title: knowledgeEntryTexts.title,
    })
    .from(knowledgeEntries)
    .innerJoin(
      knowledgeEntryTexts,
      and(
        eq(knowledgeEntryTexts.entryId, knowledgeEntries.id),
        eq(knowledgeEntryTexts.language, knowledgeEntries.language),
      ),
    )
    .where(where)
    .orderBy(desc(knowledgeEntries.updatedAt), desc(knowledgeEntries.id))
    .limit(500)
    .all();
}
