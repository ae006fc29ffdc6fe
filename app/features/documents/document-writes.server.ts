import { unlinkSync } from 'node:fs';

import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';

import type { SessionUser } from '../../core/auth/auth';
import { IMPLEMENTER_PROJECT_ROLES } from '../../core/auth/auth';
import { canReadEntry } from '../../core/auth/visibility';
import { type Db, getDb } from '../../core/db.server';
import {
  documentEntries,
  documentEvents,
  documentProjects,
  documentTexts,
  documentTopics,
  documents,
  events,
  knowledgeEntries,
  knowledgeEntryTexts,
  projectOrganisations,
  projects,
  topics,
} from '../../../db/schema';
import type {
  DocumentMediaType,
  DocumentPartKind,
  DocumentTextState,
} from '../../../db/vocabulary';
import {
  type Tx,
  type WriteContext,
  createAudited,
  deleteVersioned,
  diffFields,
  saveVersioned,
} from '../../../db/writes.server';
import type { DocumentValues } from './document-forms';
import type { DocumentPart } from './extract-types';
import { storedPath } from './file-store.server';

// The document writes: create (an upload or a link, with its text and links, in one
// transaction), update (metadata, visibility, links; versioned), delete (the file goes once no
// row names it, after the transaction commits). Each with its audit entry ('document').

/** Each kind of link: its table, the column naming the linked record, and that record's table. */
const LINKS = {
  projects: {
    table: documentProjects,
    fk: documentProjects.projectId,
    id: projects.id,
    slug: projects.slug,
    row: (documentId: number, projectId: number) => ({ documentId, projectId }),
  },
  topics: {
    table: documentTopics,
    fk: documentTopics.topicId,
    id: topics.id,
    slug: topics.slug,
    row: (documentId: number, topicId: number) => ({ documentId, topicId }),
  },
  events: {
    table: documentEvents,
    fk: documentEvents.eventId,
    id: events.id,
    slug: events.slug,
    row: (documentId: number, eventId: number) => ({ documentId, eventId }),
  },
  entries: {
    table: documentEntries,
    fk: documentEntries.entryId,
    id: knowledgeEntries.id,
    slug: knowledgeEntries.slug,
    row: (documentId: number, entryId: number) => ({ documentId, entryId }),
  },
};

type LinkName = keyof typeof LINKS;
const LINK_NAMES = Object.keys(LINKS) as LinkName[];

/** The slugs a document links to, of one kind, sorted. */
function linkedSlugs(db: Db | Tx, documentId: number, name: LinkName): string[] {
  const link = LINKS[name];
  return db
    .select({ slug: link.slug })
    .from(link.table)
    .innerJoin(link.id.table, eq(link.id, link.fk))
    .where(eq(link.table.documentId, documentId))
    .orderBy(asc(link.slug))
    .all()
    .map((r) => r.slug);
}

/** A document's links of one kind become exactly these slugs. */
function replaceLinks(tx: Tx, documentId: number, name: LinkName, slugs: readonly string[]) {
  const link = LINKS[name];
  tx.delete(link.table).where(eq(link.table.documentId, documentId)).run();
  if (slugs.length === 0) return;
  const ids = tx
    .select({ id: link.id })
    .from(link.id.table)
    .where(inArray(link.slug, [...slugs]))
    .all();
  if (ids.length === 0) return;
  tx.insert(link.table)
    .values(ids.map((r) => link.row(documentId, r.id)) as never)
    .run();
}

const editColumns = {
  id: documents.id,
  version: documents.version,
  title: documents.title,
  language: documents.language,
  category: documents.category,
  documentDate: documents.documentDate,
  documentDatePrecision: documents.documentDatePrecision,
  visibility: documents.visibility,
  description: documents.description,
  fileHash: documents.fileHash,
};

function readForEdit(db: Db | Tx, id: number) {
  const row = db.select(editColumns).from(documents).where(eq(documents.id, id)).get();
  if (!row) return undefined;
  const { fileHash: _hash, ...columns } = row;
  return {
    ...columns,
    projects: linkedSlugs(db, id, 'projects'),
    topics: linkedSlugs(db, id, 'topics'),
    events: linkedSlugs(db, id, 'events'),
    entries: linkedSlugs(db, id, 'entries'),
  } satisfies DocumentValues & { id: number; version: number };
}

/** A document as its edit form shows it, with the slugs it links to. */
export function getDocumentForEdit(id: number, db: Db = getDb()) {
  return readForEdit(db, id);
}

/**
 * What the document forms offer to link: every project (the user's own first, for implementers),
 * topic and event, and the knowledge entries the user may read.
 */
export function getDocumentFormOptions(user: SessionUser, db: Db = getDb()) {
  const own = new Set(
    user.organisationId === null
      ? []
      : db
          .select({ id: projectOrganisations.projectId })
          .from(projectOrganisations)
          .where(
            and(
              eq(projectOrganisations.organisationId, user.organisationId),
              inArray(projectOrganisations.role, [...IMPLEMENTER_PROJECT_ROLES]),
            ),
          )
          .all()
          .map((r) => r.id),
  );
  const allProjects = db
    .select({
      id: projects.id,
      slug: projects.slug,
      title: projects.title,
      titleZh: projects.titleZh,
      titleDe: projects.titleDe,
    })
    .from(projects)
    // The IKI portfolio; imported IATI activities (thousands, in a demo) only when a document
    // names one already (an edit must not drop a link it cannot show).
    .where(
      or(
        eq(projects.origin, 'hub'),
        sql`EXISTS (SELECT 1 FROM ${documentProjects} WHERE ${documentProjects.projectId} = ${projects.id})`,
      ),
    )
    .orderBy(sql`${projects.title} COLLATE NOCASE`)
    .all();
  const entries = db
    .select({
      slug: knowledgeEntries.slug,
      state: knowledgeEntries.state,
      authorUserId: knowledgeEntries.authorUserId,
      title: sql<string | null>`(SELECT ${knowledgeEntryTexts.title} FROM ${knowledgeEntryTexts}
        WHERE ${knowledgeEntryTexts.entryId} = ${knowledgeEntries.id}
        ORDER BY (${knowledgeEntryTexts.language} = ${knowledgeEntries.language}) DESC LIMIT 1)`,
    })
    .from(knowledgeEntries)
    .orderBy(asc(knowledgeEntries.slug))
    .all()
    .filter((e) => canReadEntry(user, e));
  return {
    projects: [
      ...allProjects.filter((p) => own.has(p.id)).map((p) => ({ ...p, isOwn: true })),
      ...allProjects.filter((p) => !own.has(p.id)).map((p) => ({ ...p, isOwn: false })),
    ].map(({ id: _id, ...p }) => p),
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
      .select({
        slug: events.slug,
        title: events.title,
        titleZh: events.titleZh,
        titleDe: events.titleDe,
        startDate: events.startDate,
      })
      .from(events)
      .orderBy(sql`${events.startDate} DESC`, asc(events.title))
      .all(),
    entries: entries.map((e) => ({ slug: e.slug, title: e.title ?? e.slug })),
  };
}

export type DocumentFormOptions = ReturnType<typeof getDocumentFormOptions>;

/** A stored file, as the upload kept it. */
export interface StoredFile {
  hash: string;
  size: number;
  mediaType: DocumentMediaType;
  fileName: string;
}

/** What became of a file's text (an upload) — a link has none. */
export interface DocumentText {
  state: DocumentTextState;
  partKind?: DocumentPartKind;
  parts?: DocumentPart[];
}

/**
 * Adds a document — an uploaded file already kept in the store, or a link — with its text and its
 * links, and the audit entry, in one transaction.
 */
export function createDocument(
  input: {
    values: DocumentValues;
    source: { file: StoredFile; text: DocumentText } | { url: string };
  },
  who: WriteContext,
  db: Db = getDb(),
): { id: number } {
  const { projects: p, topics: t, events: e, entries: n, ...columns } = input.values;
  const links = { projects: p, topics: t, events: e, entries: n };
  const source = input.source;
  const fileColumns =
    'file' in source
      ? {
          origin: 'upload' as const,
          fileHash: source.file.hash,
          fileSize: source.file.size,
          mediaType: source.file.mediaType,
          fileName: source.file.fileName,
          textState: source.text.state,
          textPartKind: source.text.partKind ?? null,
        }
      : { origin: 'link' as const, url: source.url, textState: 'none' as const };
  return createAudited(db, who, {
    insert: (tx) => {
      const row = tx
        .insert(documents)
        .values({
          ...columns,
          ...fileColumns,
          createdAt: who.at,
          createdByUserId: who.actor.id,
          createdByName: who.actor.name,
        })
        .returning({ id: documents.id })
        .get();
      if ('file' in source && source.text.parts?.length) {
        tx.insert(documentTexts)
          .values(source.text.parts.map((part) => ({ documentId: row.id, ...part })))
          .run();
      }
      for (const name of LINK_NAMES) replaceLinks(tx, row.id, name, links[name]);
      return row;
    },
    audit: () => ({
      entity: 'document',
      label: columns.title,
      projectId: null,
      changes: diffFields(null, {
        ...columns,
        ...fileColumns,
        ...Object.fromEntries(
          LINK_NAMES.map((name) => [name, links[name].length ? links[name] : null]),
        ),
      }),
    }),
  });
}

/** Saves the edit form if the document is still at `version`; its links are replaced with it. */
export function updateDocument(
  id: number,
  version: number,
  values: DocumentValues,
  who: WriteContext,
  db: Db = getDb(),
) {
  return saveVersioned(db, who, {
    version,
    read: (tx) => readForEdit(tx, id),
    next: () => ({ ...values }),
    write: (tx, next, nextVersion) => {
      const {
        projects: p,
        topics: t,
        events: e,
        entries: n,
        ...columns
      } = next as unknown as DocumentValues;
      tx.update(documents)
        .set({ ...columns, version: nextVersion })
        .where(and(eq(documents.id, id), eq(documents.version, version)))
        .run();
      const links = { projects: p, topics: t, events: e, entries: n };
      for (const name of LINK_NAMES) replaceLinks(tx, id, name, links[name]);
    },
    audit: (current) => ({
      entity: 'document',
      entityId: id,
      label: values.title || current.title,
      projectId: null,
    }),
  });
}

/**
 * Deletes a document (its text and links go with it) if still at `version`. Once the transaction
 * has committed, its file is removed when no other document names the same content.
 */
export function deleteDocument(
  id: number,
  version: number,
  who: Pick<WriteContext, 'at' | 'actor'>,
  db: Db = getDb(),
  root?: string,
) {
  let hash: string | null = null;
  const result = deleteVersioned(db, who, {
    id,
    version,
    read: (tx) => {
      const row = readForEdit(tx, id);
      if (!row) return undefined;
      hash = tx.select({ h: documents.fileHash }).from(documents).where(eq(documents.id, id)).get()!
        .h;
      return row;
    },
    remove: (tx, current) => {
      tx.delete(documents).where(eq(documents.id, id)).run();
      const { projects: p, topics: t, events: e, entries: n, ...before } = current;
      const links = { projects: p, topics: t, events: e, entries: n };
      return {
        entity: 'document',
        label: current.title,
        projectId: null,
        changes: {
          ...diffFields({ ...before, fileHash: hash }, null),
          ...Object.fromEntries(
            LINK_NAMES.filter((name) => links[name].length).map((name) => [
              name,
              { from: links[name], to: [] },
            ]),
          ),
        },
      };
    },
  });
  if (result.ok && hash !== null) removeIfUnused(hash, db, root);
  return result;
}

/** Removes a stored file no document names any more (after the write that let it go). */
export function removeIfUnused(hash: string, db: Db = getDb(), root?: string): boolean {
  const used = db
    .select({ id: documents.id })
    .from(documents)
    .where(eq(documents.fileHash, hash))
    .limit(1)
    .get();
  if (used) return false;
  try {
    unlinkSync(storedPath(hash, root));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
