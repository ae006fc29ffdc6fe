import { type SQL, and, asc, count, desc, eq, exists, inArray, isNull, sql } from 'drizzle-orm';

import type { DocumentVisibility, KnowledgeState } from '../../../db/vocabulary';
import { type Db, getDb } from '../../core/db.server';
import {
  documentEntries,
  documentEvents,
  documentProjects,
  documentTopics,
  documents,
  events,
  knowledgeEntries,
  knowledgeEntryTexts,
  projects,
  topics,
} from '../../../db/schema';
import { type DocumentKind, MEDIA_TYPES_OF_KIND } from './document-kinds';

// What the documents pages read: the list with its filters, one document with its links, a
// document's file, and the documents of a project or an event. Every query takes the
// visibilities the reader may see (documentVisibilitiesFor), so no page shows what another hides.

export interface DocumentFilter {
  project?: string;
  topic?: string;
  event?: string;
  category?: string;
  language?: string;
  kind?: DocumentKind;
}

/** What a list shows of a document. */
export const documentListColumns = {
  id: documents.id,
  title: documents.title,
  language: documents.language,
  category: documents.category,
  documentDate: documents.documentDate,
  documentDatePrecision: documents.documentDatePrecision,
  origin: documents.origin,
  mediaType: documents.mediaType,
  fileSize: documents.fileSize,
  visibility: documents.visibility,
  createdAt: documents.createdAt,
};

export type DocumentListRow = {
  [K in keyof typeof documentListColumns]: (typeof documentListColumns)[K]['_']['data'] | null;
} & {
  id: number;
  title: string;
  origin: string;
  visibility: DocumentVisibility;
  createdAt: string;
};

function linkedTo(
  table: typeof documentProjects | typeof documentTopics | typeof documentEvents,
  column: SQL,
  db: Db,
) {
  return exists(
    db
      .select({ one: sql`1` })
      .from(table)
      .where(and(eq(table.documentId, documents.id), column)),
  );
}

function filterWhere(filter: DocumentFilter, visibilities: DocumentVisibility[], db: Db) {
  const conditions: SQL[] = [inArray(documents.visibility, visibilities)];
  if (filter.project) {
    conditions.push(
      linkedTo(
        documentProjects,
        sql`${documentProjects.projectId} = (SELECT ${projects.id} FROM ${projects} WHERE ${projects.slug} = ${filter.project})`,
        db,
      ),
    );
  }
  if (filter.topic) {
    conditions.push(
      linkedTo(
        documentTopics,
        sql`${documentTopics.topicId} = (SELECT ${topics.id} FROM ${topics} WHERE ${topics.slug} = ${filter.topic})`,
        db,
      ),
    );
  }
  if (filter.event) {
    conditions.push(
      linkedTo(
        documentEvents,
        sql`${documentEvents.eventId} = (SELECT ${events.id} FROM ${events} WHERE ${events.slug} = ${filter.event})`,
        db,
      ),
    );
  }
  if (filter.category) conditions.push(eq(documents.category, filter.category));
  if (filter.language === 'none') conditions.push(isNull(documents.language));
  else if (filter.language) conditions.push(eq(documents.language, filter.language));
  if (filter.kind === 'link') conditions.push(sql`${documents.origin} <> 'upload'`);
  else if (filter.kind) {
    conditions.push(
      and(
        eq(documents.origin, 'upload'),
        inArray(documents.mediaType, MEDIA_TYPES_OF_KIND[filter.kind]),
      )!,
    );
  }
  return and(...conditions);
}

/** A page of the documents a reader may see under a filter, newest first, with the total. */
export function listDocuments(
  filter: DocumentFilter,
  visibilities: DocumentVisibility[],
  page: { offset: number; limit: number },
  db: Db = getDb(),
): { rows: DocumentListRow[]; total: number } {
  const where = filterWhere(filter, visibilities, db);
  const total = db.select({ n: count() }).from(documents).where(where).get()!.n;
  const rows = db
    .select(documentListColumns)
    .from(documents)
    .where(where)
    .orderBy(desc(documents.createdAt), desc(documents.id))
    .limit(page.limit)
    .offset(page.offset)
    .all() as DocumentListRow[];
  return { rows, total };
}

/** What the list's filters offer: the projects, topics and events documents are linked to. */
export function getDocumentFilterOptions(db: Db = getDb()) {
  return {
    projects: db
      .selectDistinct({
        slug: projects.slug,
        title: projects.title,
        titleZh: projects.titleZh,
        titleDe: projects.titleDe,
      })
      .from(documentProjects)
      .innerJoin(projects, eq(projects.id, documentProjects.projectId))
      .orderBy(sql`${projects.title} COLLATE NOCASE`)
      .all(),
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
    events: db
      .selectDistinct({
        slug: events.slug,
        title: events.title,
        titleZh: events.titleZh,
        titleDe: events.titleDe,
      })
      .from(documentEvents)
      .innerJoin(events, eq(events.id, documentEvents.eventId))
      .orderBy(asc(events.title))
      .all(),
  };
}

/** One document with everything its page shows, or undefined. */
export function getDocument(id: number, db: Db = getDb()) {
  const document = db
    .select({
      ...documentListColumns,
      url: documents.url,
      fileName: documents.fileName,
      fileHash: documents.fileHash,
      textState: documents.textState,
      textError: documents.textError,
      textPartKind: documents.textPartKind,
      description: documents.description,
      createdByName: documents.createdByName,
      version: documents.version,
      parts: sql<number>`(SELECT count(*) FROM document_texts t WHERE t.document_id = ${documents.id})`,
    })
    .from(documents)
    .where(eq(documents.id, id))
    .get();
  if (!document) return undefined;
  return { ...document, ...getDocumentLinks(id, db) };
}

/** The projects, topics, events and knowledge entries a document is linked to. */
export function getDocumentLinks(id: number, db: Db = getDb()) {
  return {
    projects: db
      .select({
        slug: projects.slug,
        title: projects.title,
        titleZh: projects.titleZh,
        titleDe: projects.titleDe,
      })
      .from(documentProjects)
      .innerJoin(projects, eq(projects.id, documentProjects.projectId))
      .where(eq(documentProjects.documentId, id))
      .orderBy(sql`${projects.title} COLLATE NOCASE`)
      .all(),
    topics: db
      .select({
        slug: topics.slug,
        name: topics.name,
        nameZh: topics.nameZh,
        nameDe: topics.nameDe,
      })
      .from(documentTopics)
      .innerJoin(topics, eq(topics.id, documentTopics.topicId))
      .where(eq(documentTopics.documentId, id))
      .orderBy(asc(topics.name))
      .all(),
    events: db
      .select({
        slug: events.slug,
        title: events.title,
        titleZh: events.titleZh,
        titleDe: events.titleDe,
      })
      .from(documentEvents)
      .innerJoin(events, eq(events.id, documentEvents.eventId))
      .where(eq(documentEvents.documentId, id))
      .orderBy(asc(events.title))
      .all(),
    entries: listLinkedEntries(id, db),
  };
}

/** A knowledge entry's title in its author's language (the original). */
const entryTitle = sql<string>`(SELECT ${knowledgeEntryTexts.title} FROM ${knowledgeEntryTexts}
  WHERE ${knowledgeEntryTexts.entryId} = ${knowledgeEntries.id}
  ORDER BY (${knowledgeEntryTexts.language} = ${knowledgeEntries.language}) DESC LIMIT 1)`;

/** The knowledge entries linked to a document, with what decides who may read each. */
function listLinkedEntries(id: number, db: Db) {
  return db
    .select({
      slug: knowledgeEntries.slug,
      state: knowledgeEntries.state,
      authorUserId: knowledgeEntries.authorUserId,
      language: knowledgeEntries.language,
      title: entryTitle,
    })
    .from(documentEntries)
    .innerJoin(knowledgeEntries, eq(knowledgeEntries.id, documentEntries.entryId))
    .where(eq(documentEntries.documentId, id))
    .orderBy(asc(knowledgeEntries.slug))
    .all() as {
    slug: string;
    state: KnowledgeState;
    authorUserId: number | null;
    language: string;
    title: string | null;
  }[];
}

/** What serving a document's file needs. */
export function getDocumentFile(id: number, db: Db = getDb()) {
  return db
    .select({
      title: documents.title,
      origin: documents.origin,
      visibility: documents.visibility,
      fileHash: documents.fileHash,
      fileSize: documents.fileSize,
      fileName: documents.fileName,
      mediaType: documents.mediaType,
    })
    .from(documents)
    .where(eq(documents.id, id))
    .get();
}

/** The documents of a project or an event (by slug) a reader may see, newest first. */
export function listDocumentsOf(
  of: { project: string } | { event: string },
  visibilities: DocumentVisibility[],
  db: Db = getDb(),
): DocumentListRow[] {
  return db
    .select(documentListColumns)
    .from(documents)
    .where(filterWhere(of, visibilities, db))
    .orderBy(desc(documents.createdAt), desc(documents.id))
    .limit(100)
    .all() as DocumentListRow[];
}

/** Whether any document row still names this stored file. */
export function isHashUsed(hash: string, db: Db = getDb()): boolean {
  return db.select({ n: count() }).from(documents).where(eq(documents.fileHash, hash)).get()!.n > 0;
}

/** Every stored file the rows name, with the size they say (for the file check). */
export function listDocumentHashes(db: Db = getDb()) {
  return db
    .selectDistinct({ hash: documents.fileHash, size: documents.fileSize })
    .from(documents)
    .where(sql`${documents.fileHash} IS NOT NULL`)
    .all() as { hash: string; size: number | null }[];
}
