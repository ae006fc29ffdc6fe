import { asc, eq, inArray, sql } from 'drizzle-orm';

import type { IatiActivity } from './read-types';
import { publicBaseUrl } from '../../core/mail/transport.server';
import { documentProjects, documents } from '../../../db/schema';
import type { DatePrecision } from '../../../db/vocabulary';
import { type Changes, type Tx, type WriteContext, recordAudit } from '../../../db/writes.server';

// An activity's <document-link>s as documents (decision 0072): origin 'iati', public, linked to
// the activity's project. Matched again by address: the n-th link with an address is the n-th of
// the project's documents with it (the real files give one address to several links, e.g. a UNDP
// project page as "Activity Web Page" and as "Purchase Order Summary"). An uploaded document's
// address is the one the export gives it, <HUB_PUBLIC_URL>/documents/<id>/file.

/** The columns a document link sets, compared on re-import. */
export const DOCUMENT_KEYS = [
  'url',
  'title',
  'description',
  'language',
  'category',
  'documentDate',
  'documentDatePrecision',
  'mediaType',
] as const;

export interface DocumentWanted {
  line: number;
  url: string;
  title: string;
  description: string | null;
  language: string | null;
  category: string | null;
  documentDate: string | null;
  documentDatePrecision: DatePrecision | null;
  mediaType: string | null;
}

/** One of the project's documents, with the address a file of the hub's own is exported under. */
export type CurrentDocument = Omit<DocumentWanted, 'line' | 'url'> & {
  id: number;
  origin: 'upload' | 'link' | 'iati';
  url: string | null;
  /** The address to match: the link's, or an uploaded file's download address. */
  address: string | null;
};

/**
 * The documents an activity's links ask for. The hub keeps one category and one language per
 * document: the first of each; more are a warning (`warn`, with the link's line).
 */
export function wantedDocuments(
  a: IatiActivity,
  warn: (message: string, line: number) => void,
): DocumentWanted[] {
  return (a.documents ?? []).map((d) => {
    const dropped = [...d.categories.slice(1), ...d.languages.slice(1)];
    if (dropped.length) {
      warn(
        `Document "${d.title}": the hub keeps one category and one language (${[d.categories[0], d.languages[0]].filter(Boolean).join(', ')}); ${dropped.join(', ')} not kept.`,
        d.line,
      );
    }
    return {
      line: d.line,
      url: d.url,
      title: d.title,
      description: d.description,
      language: d.languages[0] ?? null,
      category: d.categories[0] ?? null,
      documentDate: d.date?.value ?? null,
      documentDatePrecision: d.date?.precision ?? null,
      mediaType: d.format,
    };
  });
}

/** The download address of an uploaded document, as the export writes it. */
export const fileAddress = (id: number, base: string = publicBaseUrl()) =>
  `${base}/documents/${id}/file`;

/** The project's documents, of every origin, oldest first. */
export function readCurrentDocuments(tx: Tx, projectId: number): CurrentDocument[] {
  const base = publicBaseUrl();
  return tx
    .select({
      id: documents.id,
      origin: documents.origin,
      url: documents.url,
      fileHash: documents.fileHash,
      title: documents.title,
      description: documents.description,
      language: documents.language,
      category: documents.category,
      documentDate: documents.documentDate,
      documentDatePrecision: documents.documentDatePrecision,
      mediaType: documents.mediaType,
    })
    .from(documentProjects)
    .innerJoin(documents, eq(documents.id, documentProjects.documentId))
    .where(eq(documentProjects.projectId, projectId))
    .orderBy(asc(documents.id))
    .all()
    .map(({ fileHash, ...d }) => ({
      ...d,
      address: d.url ?? (fileHash ? fileAddress(d.id, base) : null),
    }));
}

/** For each wanted link, the current document it is (null: new), by address in order. */
export function matchDocuments(
  wanted: DocumentWanted[],
  current: CurrentDocument[],
): (CurrentDocument | null)[] {
  const free = [...current];
  return wanted.map((w) => {
    const i = free.findIndex((c) => c.address === w.url);
    return i === -1 ? null : free.splice(i, 1)[0]!;
  });
}

const differs = (w: DocumentWanted, c: CurrentDocument) =>
  DOCUMENT_KEYS.some((k) => (w[k] ?? null) !== (c[k] ?? null));

export interface DocumentChanges {
  create: DocumentWanted[];
  update: { wanted: DocumentWanted; current: CurrentDocument }[];
  /** An imported activity's iati documents the file no longer lists. */
  remove: CurrentDocument[];
}

/**
 * What writing the links would do. Only documents that came from IATI are updated or removed:
 * an uploaded or hand-linked document the file names (our own export) stays as the hub has it,
 * and a hub project loses nothing the file leaves out.
 */
export function documentChanges(
  wanted: DocumentWanted[],
  current: CurrentDocument[],
  isHub: boolean,
): DocumentChanges {
  const matched = matchDocuments(wanted, current);
  const kept = new Set(matched.flatMap((c) => (c ? [c.id] : [])));
  return {
    create: wanted.filter((_, i) => matched[i] === null),
    update: wanted.flatMap((w, i) => {
      const c = matched[i];
      return c && c.origin === 'iati' && differs(w, c) ? [{ wanted: w, current: c }] : [];
    }),
    remove: isHub ? [] : current.filter((c) => c.origin === 'iati' && !kept.has(c.id)),
  };
}

export const hasDocumentChanges = (c: DocumentChanges) =>
  c.create.length + c.update.length + c.remove.length > 0;

const columnsOf = ({ line: _, ...values }: DocumentWanted) => values;

/** Writes the changes, each document audited on its own; returns the project's change (titles). */
export function writeDocuments(input: {
  tx: Tx;
  projectId: number;
  wanted: DocumentWanted[];
  current: CurrentDocument[];
  isHub: boolean;
  who: WriteContext;
}): Changes[string] {
  const { tx, projectId, wanted, current, isHub, who } = input;
  const changes = documentChanges(wanted, current, isHub);
  const audit = (action: 'create' | 'update' | 'delete', id: number, label: string, c: Changes) =>
    recordAudit(tx, {
      at: who.at,
      actor: who.actor,
      action,
      entity: 'document',
      entityId: id,
      label,
      changes: c,
    });
  for (const w of changes.create) {
    const values = columnsOf(w);
    const id = tx
      .insert(documents)
      .values({
        ...values,
        origin: 'iati',
        visibility: 'public',
        createdAt: who.at,
        createdByUserId: who.actor.id,
        createdByName: who.actor.name,
      })
      .returning({ id: documents.id })
      .get().id;
    tx.insert(documentProjects).values({ documentId: id, projectId }).run();
    audit('create', id, w.title, diff(null, values));
  }
  for (const { wanted: w, current: c } of changes.update) {
    const values = columnsOf(w);
    tx.update(documents)
      .set({ ...values, version: sql`${documents.version} + 1` })
      .where(eq(documents.id, c.id))
      .run();
    audit('update', c.id, w.title, diff(c, values));
  }
  if (changes.remove.length) {
    for (const c of changes.remove) audit('delete', c.id, c.title, diff(c, null));
    // document_projects and the other links go with the row (ON DELETE CASCADE).
    tx.delete(documents)
      .where(
        inArray(
          documents.id,
          changes.remove.map((c) => c.id),
        ),
      )
      .run();
  }
  return { from: current.map((d) => d.title), to: wanted.map((d) => d.title) };
}

type Columns = Record<(typeof DOCUMENT_KEYS)[number], unknown>;

function diff(before: Columns | null, after: Columns | null) {
  const out: Changes = {};
  for (const k of DOCUMENT_KEYS) {
    const from = before?.[k] ?? null;
    const to = after?.[k] ?? null;
    if (from !== to) out[k] = { from, to };
  }
  return out;
}
