import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';

import { type Db, getDb } from '../../core/db.server';
import {
  documentTopics,
  documents,
  eventSessionOrganisations,
  eventSessions,
  knowledgeEntries,
  knowledgeEntryOrganisations,
  knowledgeEntryTopics,
  organisations,
  projectOrganisations,
  projectTopics,
  projects,
} from '../../../db/schema';
import { organisationNameColumns } from '../../../db/columns.server';
import { cachedQuery } from '../../../db/query-cache.server';
import type { DocumentVisibility, ProjectRole } from '../../../db/vocabulary';
import { entryTitles } from '../sessions/sessions.server';

// A topic's space (issue #30): its published entries, its open challenges, the documents on it
// the reader may see, and the organisations of the people involved. Knowledge entries and
// documents are read with queries of our own, explicit columns; who may see a document is the one
// rule of app/core/auth/visibility.ts, passed in by the loader as the reader's visibilities.

/** How many entries and documents a topic page shows before its "all" link. */
export const TOPIC_SPACE_LIMIT = 10;

/** The roles that make an organisation one of a project's people: implementers and partners. */
const PEOPLE_ROLES: ProjectRole[] = [
  'implementing-organisation',
  'implementing-partner',
  'political-partner',
];

const onTopic = (topicId: number) =>
  inArray(
    knowledgeEntries.id,
    sql`(SELECT ${knowledgeEntryTopics.entryId} FROM ${knowledgeEntryTopics} WHERE ${knowledgeEntryTopics.topicId} = ${topicId})`,
  );

const entryColumns = {
  id: knowledgeEntries.id,
  slug: knowledgeEntries.slug,
  kind: knowledgeEntries.kind,
  publishedAt: knowledgeEntries.publishedAt,
};

function withTitles<Row extends { id: number }>(db: Db, rows: Row[]) {
  const titles = entryTitles(
    db,
    rows.map((r) => r.id),
  );
  return rows.map(({ id, ...r }) => ({ ...r, titles: titles.get(id) ?? [] }));
}

/**
 * The published entries on a topic, newest first (challenges included: they are entries too), at
 * most `limit`, with how many there are in all.
 */
export function listTopicEntries(topicId: number, limit = TOPIC_SPACE_LIMIT, db: Db = getDb()) {
  const where = and(eq(knowledgeEntries.state, 'published'), onTopic(topicId));
  const rows = db
    .select(entryColumns)
    .from(knowledgeEntries)
    .where(where)
    .orderBy(desc(knowledgeEntries.publishedAt), desc(knowledgeEntries.id))
    .limit(limit)
    .all();
  const total = db
    .select({ n: sql<number>`count(*)` })
    .from(knowledgeEntries)
    .where(where)
    .get()!.n;
  return { entries: withTitles(db, rows), total };
}

/** The topic's open challenges: published, not resolved, newest first. */
export function listTopicChallenges(topicId: number, db: Db = getDb()) {
  const rows = db
    .select(entryColumns)
    .from(knowledgeEntries)
    .where(
      and(
        eq(knowledgeEntries.state, 'published'),
        eq(knowledgeEntries.kind, 'challenge'),
        eq(knowledgeEntries.isResolved, false),
        onTopic(topicId),
      ),
    )
    .orderBy(desc(knowledgeEntries.publishedAt), desc(knowledgeEntries.id))
    .all();
  return withTitles(db, rows);
}

/** The documents on a topic that a reader with these visibilities may see, newest first. */
export function listTopicDocuments(
  topicId: number,
  visibilities: DocumentVisibility[],
  limit = TOPIC_SPACE_LIMIT,
  db: Db = getDb(),
) {
  const where = and(
    eq(documentTopics.topicId, topicId),
    inArray(documents.visibility, visibilities),
  );
  const rows = db
    .select({
      id: documents.id,
      title: documents.title,
      language: documents.language,
      category: documents.category,
      documentDate: documents.documentDate,
      documentDatePrecision: documents.documentDatePrecision,
      visibility: documents.visibility,
    })
    .from(documentTopics)
    .innerJoin(documents, eq(documents.id, documentTopics.documentId))
    .where(where)
    .orderBy(
      sql`${documents.documentDate} IS NULL`,
      desc(documents.documentDate),
      desc(documents.createdAt),
      desc(documents.id),
    )
    .limit(limit)
    .all();
  const total = db
    .select({ n: sql<number>`count(*)` })
    .from(documentTopics)
    .innerJoin(documents, eq(documents.id, documentTopics.documentId))
    .where(where)
    .get()!.n;
  return { documents: rows, total };
}

/**
 * The organisations of the people involved in a topic: implementers and partners of its IKI
 * projects, and the organisations its published entries and its sessions name; with how many of
 * each, most involved first.
 */
export function listTopicOrganisations(topicId: number, db: Db = getDb()) {
  // Kept until the data changes: at 10 000 projects its four queries took 28 ms (decision 0082).
  return cachedQuery(db, `topic-organisations:${topicId}`, () => topicOrganisations(topicId, db));
}

function topicOrganisations(topicId: number, db: Db) {
  const counts = new Map<number, { projects: number; entries: number; sessions: number }>();
  const add = (rows: { id: number; n: number }[], key: 'projects' | 'entries' | 'sessions') => {
    for (const { id, n } of rows) {
      const c = counts.get(id) ?? { projects: 0, entries: 0, sessions: 0 };
      c[key] = n;
      counts.set(id, c);
    }
  };
  add(
    db
      .select({
        id: projectOrganisations.organisationId,
        n: sql<number>`count(DISTINCT ${projectOrganisations.projectId})`,
      })
      .from(projectTopics)
      .innerJoin(projects, eq(projects.id, projectTopics.projectId))
      .innerJoin(projectOrganisations, eq(projectOrganisations.projectId, projectTopics.projectId))
      .where(
        and(
          eq(projectTopics.topicId, topicId),
          eq(projects.origin, 'hub'),
          inArray(projectOrganisations.role, PEOPLE_ROLES),
        ),
      )
      .groupBy(projectOrganisations.organisationId)
      .all(),
    'projects',
  );
  add(
    db
      .select({
        id: knowledgeEntryOrganisations.organisationId,
        n: sql<number>`count(DISTINCT ${knowledgeEntries.id})`,
      })
      .from(knowledgeEntries)
      .innerJoin(
        knowledgeEntryOrganisations,
        eq(knowledgeEntryOrganisations.entryId, knowledgeEntries.id),
      )
      .where(and(eq(knowledgeEntries.state, 'published'), onTopic(topicId)))
      .groupBy(knowledgeEntryOrganisations.organisationId)
      .all(),
    'entries',
  );
  add(
    db
      .select({
        id: eventSessionOrganisations.organisationId,
        n: sql<number>`count(DISTINCT ${eventSessions.id})`,
      })
      .from(eventSessions)
      .innerJoin(
        eventSessionOrganisations,
        eq(eventSessionOrganisations.sessionId, eventSessions.id),
      )
      .where(eq(eventSessions.topicId, topicId))
      .groupBy(eventSessionOrganisations.organisationId)
      .all(),
    'sessions',
  );
  if (counts.size === 0) return [];
  const names = db
    .select({ id: organisations.id, ...organisationNameColumns })
    .from(organisations)
    .where(inArray(organisations.id, [...counts.keys()]))
    .orderBy(asc(organisations.name))
    .all();
  const total = (id: number) => {
    const c = counts.get(id)!;
    return c.projects + c.entries + c.sessions;
  };
  return names
    .map(({ id, ...o }) => ({ ...o, ...counts.get(id)!, total: total(id) }))
    .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
}

/** Every topic's number of published entries and of sessions, by topic id. */
export function countTopicSpaces(db: Db = getDb()) {
  const entries = db
    .select({ topicId: knowledgeEntryTopics.topicId, n: sql<number>`count(*)` })
    .from(knowledgeEntryTopics)
    .innerJoin(knowledgeEntries, eq(knowledgeEntries.id, knowledgeEntryTopics.entryId))
    .where(eq(knowledgeEntries.state, 'published'))
    .groupBy(knowledgeEntryTopics.topicId)
    .all();
  const sessions = db
    .select({ topicId: eventSessions.topicId, n: sql<number>`count(*)` })
    .from(eventSessions)
    .groupBy(eventSessions.topicId)
    .all();
  return {
    entries: new Map(entries.map((r) => [r.topicId, r.n])),
    sessions: new Map(sessions.map((r) => [r.topicId!, r.n])),
  };
}
