import { type SQL, and, asc, eq, inArray } from 'drizzle-orm';

import { type Db, getDb } from '../../core/db.server';
import {
  eventSessionOrganisations,
  eventSessionProjects,
  eventSessions,
  events,
  knowledgeEntries,
  organisations,
  projects,
  sources,
  topics,
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
import { organisationNameColumns, projectTitleOrder } from '../../../db/columns.server';
import type { SessionFormOptions, SessionValues } from './session-forms';

// The session form's queries (what it shows and offers) and its writes: create, update and
// delete, each versioned and with its audit entry, in one synchronous transaction.

/** The event a session form belongs to, by its slug. */
export function getEventForSessionForm(slug: string, db: Db = getDb()) {
  return db
    .select({
      id: events.id,
      slug: events.slug,
      title: events.title,
      titleZh: events.titleZh,
      titleDe: events.titleDe,
    })
    .from(events)
    .where(eq(events.slug, slug))
    .get();
}

function slugsOf(db: Db | Tx, sessionId: number) {
  return {
    organisations: db
      .select({ slug: organisations.slug })
      .from(eventSessionOrganisations)
      .innerJoin(organisations, eq(organisations.id, eventSessionOrganisations.organisationId))
      .where(eq(eventSessionOrganisations.sessionId, sessionId))
      .orderBy(asc(organisations.slug))
      .all()
      .map((o) => o.slug),
    projects: db
      .select({ slug: projects.slug })
      .from(eventSessionProjects)
      .innerJoin(projects, eq(projects.id, eventSessionProjects.projectId))
      .where(eq(eventSessionProjects.sessionId, sessionId))
      .orderBy(asc(projects.slug))
      .all()
      .map((p) => p.slug),
  };
}

function readSession(db: Db | Tx, where: SQL) {
  const row = db
    .select({
      id: eventSessions.id,
      eventId: eventSessions.eventId,
      version: eventSessions.version,
      title: eventSessions.title,
      titleZh: eventSessions.titleZh,
      titleDe: eventSessions.titleDe,
      titleTranslatedBy: eventSessions.titleTranslatedBy,
      topic: topics.slug,
      outcomes: eventSessions.outcomes,
      source: sources.url,
    })
    .from(eventSessions)
    .leftJoin(topics, eq(topics.id, eventSessions.topicId))
    .leftJoin(sources, eq(sources.id, eventSessions.sourceId))
    .where(where)
    .get();
  return row ? { ...row, ...slugsOf(db, row.id) } : undefined;
}

/** A session of an event as its edit form shows it; undefined if the event holds no such session. */
export function getSessionForEdit(eventId: number, sessionId: number, db: Db = getDb()) {
  return readSession(db, and(eq(eventSessions.id, sessionId), eq(eventSessions.eventId, eventId))!);
}

/** What the form offers: the topics, the organisations and the IKI projects. */
export function getSessionFormOptions(db: Db = getDb()): SessionFormOptions {
  return {
    topics: db
      .select({
        slug: topics.slug,
        name: topics.name,
        nameZh: topics.nameZh,
        nameDe: topics.nameDe,
      })
      .from(topics)
      .orderBy(asc(topics.name))
      .all(),
    organisations: db
      .select(organisationNameColumns)
      .from(organisations)
      .orderBy(asc(organisations.name))
      .all(),
    projects: db
      .select({
        slug: projects.slug,
        title: projects.title,
        titleZh: projects.titleZh,
        titleDe: projects.titleDe,
      })
      .from(projects)
      // Sessions are held at the IKI portfolio's events: imported IATI activities are not offered.
      .where(eq(projects.origin, 'hub'))
      .orderBy(projectTitleOrder)
      .all(),
  };
}

/** The session's links become exactly these organisations and projects. */
function replaceParticipants(tx: Tx, sessionId: number, values: SessionValues) {
  tx.delete(eventSessionOrganisations)
    .where(eq(eventSessionOrganisations.sessionId, sessionId))
    .run();
  tx.delete(eventSessionProjects).where(eq(eventSessionProjects.sessionId, sessionId)).run();
  if (values.organisations.length) {
    const ids = tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(inArray(organisations.slug, values.organisations))
      .all();
    if (ids.length) {
      tx.insert(eventSessionOrganisations)
        .values(ids.map((o) => ({ sessionId, organisationId: o.id })))
        .run();
    }
  }
  if (values.projects.length) {
    const ids = tx
      .select({ id: projects.id })
      .from(projects)
      .where(inArray(projects.slug, values.projects))
      .all();
    if (ids.length) {
      tx.insert(eventSessionProjects)
        .values(ids.map((p) => ({ sessionId, projectId: p.id })))
        .run();
    }
  }
}

/** The stored columns of a session's values (its topic and source by id). */
function sessionColumns(tx: Tx, values: SessionValues, who: WriteContext) {
  const topicId = values.topic
    ? (tx.select({ id: topics.id }).from(topics).where(eq(topics.slug, values.topic)).get()?.id ??
      null)
    : null;
  return {
    title: values.title,
    titleZh: values.titleZh,
    titleDe: values.titleDe,
    titleTranslatedBy: values.titleTranslatedBy,
    topicId,
    outcomes: values.outcomes,
    sourceId: sourceOfWrite(tx, { ...who, sourceUrl: values.source }),
  };
}

/** Adds a session to an event, after the event's other sessions. */
export function createSession(
  eventId: number,
  values: SessionValues,
  who: WriteContext,
  db: Db = getDb(),
) {
  return createAudited(db, who, {
    insert: (tx) => {
      const last = tx
        .select({ position: eventSessions.position })
        .from(eventSessions)
        .where(eq(eventSessions.eventId, eventId))
        .orderBy(asc(eventSessions.position))
        .all()
        .at(-1);
      const row = tx
        .insert(eventSessions)
        .values({
          eventId,
          ...sessionColumns(tx, values, who),
          position: (last?.position ?? 0) + 1,
        })
        .returning({ id: eventSessions.id })
        .get();
      replaceParticipants(tx, row.id, values);
      return row;
    },
    audit: () => ({
      entity: 'event-session',
      label: values.title,
      projectId: null,
      changes: diffFields(null, {
        ...values,
        organisations: values.organisations.length ? values.organisations : null,
        projects: values.projects.length ? values.projects : null,
      }),
    }),
  });
}

/** Saves the session form if the session is still at `version`; 409 material otherwise. */
export function updateSession(
  id: number,
  version: number,
  values: SessionValues,
  who: WriteContext,
  db: Db = getDb(),
) {
  return saveVersioned(db, who, {
    version,
    read: (tx) => readSession(tx, eq(eventSessions.id, id)),
    next: () => ({ ...values }),
    write: (tx, _next, nextVersion) => {
      tx.update(eventSessions)
        .set({ ...sessionColumns(tx, values, who), version: nextVersion })
        .where(and(eq(eventSessions.id, id), eq(eventSessions.version, version)))
        .run();
      replaceParticipants(tx, id, values);
    },
    audit: (current) => ({
      entity: 'event-session',
      entityId: id,
      label: values.title || current.title,
      projectId: null,
    }),
  });
}

/** What deleting a session affects: the entries written from it (they stay, unlinked). */
export function countSessionEntries(id: number, db: Db = getDb()): number {
  return db
    .select({ id: knowledgeEntries.id })
    .from(knowledgeEntries)
    .where(eq(knowledgeEntries.sessionId, id))
    .all().length;
}

/**
 * Deletes a session with its participants if still at `version`. Entries written from it stay
 * and lose the link (ON DELETE SET NULL). The audit log keeps the session's values.
 */
export function deleteSession(
  id: number,
  version: number,
  who: Pick<WriteContext, 'at' | 'actor'>,
  db: Db = getDb(),
) {
  return deleteVersioned(db, who, {
    id,
    version,
    read: (tx) => readSession(tx, eq(eventSessions.id, id)),
    remove: (tx, current) => {
      tx.delete(eventSessions).where(eq(eventSessions.id, id)).run();
      const { eventId: _event, ...before } = current;
      return {
        entity: 'event-session',
        label: current.title,
        projectId: null,
        changes: diffFields(
          {
            ...before,
            organisations: before.organisations.length ? before.organisations : null,
            projects: before.projects.length ? before.projects : null,
          },
          null,
        ),
      };
    },
  });
}
