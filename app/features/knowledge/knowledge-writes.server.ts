import { eq, inArray, like, or } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';

import { type Db, getDb } from '../../core/db.server';
import { slugify } from '../../../db/slug';
import {
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
import type { HubLanguage, KnowledgeState } from '../../../db/vocabulary';
import {
  type Changes,
  type Tx,
  type WriteContext,
  afterWrite,
  deleteVersioned,
  diffFields,
  recordAudit,
} from '../../../db/writes.server';
import {
  ENTRY_LANGUAGES,
  ENTRY_TEXT_FIELDS,
  type EntryMove,
  type EntryText,
  type EntryValues,
  langSuffix,
  nextEntryState,
} from './knowledge-rules';

// A knowledge entry's writes: create, save, submit, publish, return, delete. Each is one
// synchronous transaction at the version the form was read at, with its audit entry (entity
// 'knowledge-entry'); the caches refresh once it is committed. Its texts (the original and the
// translations) and its links live in their own tables and are written with it, all or nothing.

/** The entry as saved now (a stale save is shown next to what was sent). */
export interface StoredEntry extends EntryValues {
  id: number;
  slug: string;
  state: KnowledgeState;
  authorUserId: number | null;
  authorName: string;
  reviewComment: string | null;
  publishedAt: string | null;
  version: number;
}

export type EntryWriteResult =
  | { ok: true; id: number; slug: string; state: KnowledgeState; version: number }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'stale'; current: StoredEntry }
  /** The entry's state does not allow this move now. */
  | { ok: false; reason: 'not-allowed'; current: StoredEntry };

const ids = (rows: { id: number }[]) => rows.map((r) => r.id).sort((a, b) => a - b);

/** The entry with its texts and links, as stored. */
export function readEntry(db: Db | Tx, id: number): StoredEntry | undefined {
  const row = db
    .select({
      id: knowledgeEntries.id,
      slug: knowledgeEntries.slug,
      kind: knowledgeEntries.kind,
      state: knowledgeEntries.state,
      language: knowledgeEntries.language,
      isResolved: knowledgeEntries.isResolved,
      sessionId: knowledgeEntries.sessionId,
      authorUserId: knowledgeEntries.authorUserId,
      authorName: knowledgeEntries.authorName,
      reviewComment: knowledgeEntries.reviewComment,
      publishedAt: knowledgeEntries.publishedAt,
      version: knowledgeEntries.version,
    })
    .from(knowledgeEntries)
    .where(eq(knowledgeEntries.id, id))
    .get();
  if (!row) return undefined;
  const texts: Partial<Record<HubLanguage, EntryText>> = {};
  for (const t of db
    .select()
    .from(knowledgeEntryTexts)
    .where(eq(knowledgeEntryTexts.entryId, id))
    .all()) {
    const { entryId: _e, language, ...text } = t;
    texts[language] = text;
  }
  const linked = <T extends { entryId: unknown }>(table: T, column: unknown) =>
    ids(
      db
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        .select({ id: column as any })
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        .from(table as any)
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        .where(eq(table.entryId as any, id))
        .all() as { id: number }[],
    );
  return {
    ...row,
    texts,
    topicIds: linked(knowledgeEntryTopics, knowledgeEntryTopics.topicId),
    projectIds: linked(knowledgeEntryProjects, knowledgeEntryProjects.projectId),
    organisationIds: linked(
      knowledgeEntryOrganisations,
      knowledgeEntryOrganisations.organisationId,
    ),
    eventIds: linked(knowledgeEntryEvents, knowledgeEntryEvents.eventId),
  };
}

/** The entry with its texts and links, by its slug. */
export function getEntry(slug: string, db: Db = getDb()): StoredEntry | undefined {
  const id = db
    .select({ id: knowledgeEntries.id })
    .from(knowledgeEntries)
    .where(eq(knowledgeEntries.slug, slug))
    .get()?.id;
  return id === undefined ? undefined : readEntry(db, id);
}

/** The entry's title as the audit names it: its original title. */
const labelOf = (values: Pick<EntryValues, 'language' | 'texts'>) =>
  values.texts[values.language]?.title ?? '';

/** The names of the linked records, sorted: how the audit log shows a list of links. */
function namesOf(
  tx: Tx,
  table: SQLiteTable,
  name: SQLiteColumn,
  id: SQLiteColumn,
  ids: readonly number[],
): string[] {
  if (ids.length === 0) return [];
  return tx
    .select({ name })
    .from(table)
    .where(inArray(id, [...ids]))
    .all()
    .map((row) => String(row.name))
    .sort();
}

/**
 * The entry's values as its history shows them: flat fields (titleZh, contextDe …, one per
 * language), its links by name, its session by title.
 */
function auditValues(tx: Tx, values: EntryValues): Record<string, unknown> {
  const flat: Record<string, unknown> = {
    kind: values.kind,
    language: values.language,
    isResolved: values.isResolved,
    session:
      values.sessionId === null
        ? null
        : (tx
            .select({ title: eventSessions.title })
            .from(eventSessions)
            .where(eq(eventSessions.id, values.sessionId))
            .get()?.title ?? null),
  };
  for (const lang of ENTRY_LANGUAGES) {
    const text = values.texts[lang];
    for (const field of ENTRY_TEXT_FIELDS)
      flat[`${field}${langSuffix(lang)}`] = text?.[field] ?? null;
    flat[`translatedBy${langSuffix(lang)}`] = text?.translatedBy ?? null;
  }
  flat.topics = namesOf(tx, topics, topics.name, topics.id, values.topicIds);
  flat.projects = namesOf(tx, projects, projects.title, projects.id, values.projectIds);
  flat.organisations = namesOf(
    tx,
    organisations,
    organisations.name,
    organisations.id,
    values.organisationIds,
  );
  flat.events = namesOf(tx, events, events.title, events.id, values.eventIds);
  return flat;
}

/** Replaces the entry's texts and links with `values`' (inside the caller's transaction). */
function writeContent(tx: Tx, entryId: number, values: EntryValues) {
  tx.delete(knowledgeEntryTexts).where(eq(knowledgeEntryTexts.entryId, entryId)).run();
  for (const lang of ENTRY_LANGUAGES) {
    const text = values.texts[lang];
    if (!text) continue;
    tx.insert(knowledgeEntryTexts)
      .values({
        ...text,
        entryId,
        language: lang,
        translatedBy: lang === values.language ? null : (text.translatedBy ?? 'hub'),
      })
      .run();
  }
  const links = [
    [knowledgeEntryTopics, 'topicId', values.topicIds],
    [knowledgeEntryProjects, 'projectId', values.projectIds],
    [knowledgeEntryOrganisations, 'organisationId', values.organisationIds],
    [knowledgeEntryEvents, 'eventId', values.eventIds],
  ] as const;
  for (const [table, column, chosen] of links) {
    tx.delete(table).where(eq(table.entryId, entryId)).run();
    const unique = [...new Set(chosen)];
    if (unique.length) {
      tx.insert(table)
        .values(unique.map((id) => ({ entryId, [column]: id }) as never))
        .run();
    }
  }
}

/** A slug from the entry's title (English or German first: a Chinese title has no letters). */
function uniqueSlug(tx: Tx, values: EntryValues): string {
  const candidates = [values.texts.en?.title, values.texts.de?.title, labelOf(values)];
  const base =
    candidates
      .map((title) =>
        slugify(title ?? '')
          .slice(0, 70)
          .replace(/-+$/, ''),
      )
      .find((s) => s.length > 0) ?? values.kind;
  const taken = new Set(
    tx
      .select({ slug: knowledgeEntries.slug })
      .from(knowledgeEntries)
      .where(or(eq(knowledgeEntries.slug, base), like(knowledgeEntries.slug, `${base}-%`)))
      .all()
      .map((r) => r.slug),
  );
  // Words the routes use after /knowledge/ are never an entry's slug.
  const reserved = new Set(['new', 'drafts', 'feed', 'search']);
  if (!taken.has(base) && !reserved.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n += 1;
  return `${base}-${n}`;
}

/** Creates a draft by its author, with its 'create' audit entry. */
export function createEntry(
  values: EntryValues,
  who: WriteContext,
  db: Db = getDb(),
): { id: number; slug: string } {
  const created = db.transaction((tx) => {
    const slug = uniqueSlug(tx, values);
    const row = tx
      .insert(knowledgeEntries)
      .values({
        slug,
        kind: values.kind,
        state: 'draft',
        language: values.language,
        isResolved: values.isResolved,
        sessionId: values.sessionId,
        authorUserId: who.actor.id,
        authorName: who.actor.name,
        createdAt: who.at,
        updatedAt: who.at,
      })
      .returning({ id: knowledgeEntries.id })
      .get();
    writeContent(tx, row.id, values);
    recordAudit(tx, {
      at: who.at,
      actor: who.actor,
      action: 'create',
      entity: 'knowledge-entry',
      entityId: row.id,
      label: labelOf(values),
      changes: diffFields(null, { state: 'draft', ...auditValues(tx, values) }),
      sourceUrl: who.sourceUrl ?? null,
    });
    return { id: row.id, slug };
  });
  afterWrite(db);
  return created;
}

/**
 * Runs one change of an entry in a transaction: reads it, refuses a stale version (or a move its
 * state does not allow), lets `write` change it and say what changed, records the audit entry.
 */
function changeEntry(
  db: Db,
  entryId: number,
  version: number,
  move: EntryMove | null,
  who: WriteContext,
  write: (tx: Tx, current: StoredEntry, next: KnowledgeState) => Changes,
): EntryWriteResult {
  const result = db.transaction((tx): EntryWriteResult & { changed?: boolean } => {
    const current = readEntry(tx, entryId);
    if (!current) return { ok: false, reason: 'not-found' };
    if (current.version !== version) return { ok: false, reason: 'stale', current };
    const next = move === null ? current.state : nextEntryState(move, current.state);
    if (next === null) return { ok: false, reason: 'not-allowed', current };
    const changes = write(tx, current, next);
    const ok = { ok: true as const, id: entryId, slug: current.slug, state: next };
    if (Object.keys(changes).length === 0) return { ...ok, version, changed: false };
    tx.update(knowledgeEntries)
      .set({ version: version + 1, updatedAt: who.at })
      .where(eq(knowledgeEntries.id, entryId))
      .run();
    recordAudit(tx, {
      at: who.at,
      actor: who.actor,
      action: move === null ? 'update' : 'state-change',
      entity: 'knowledge-entry',
      entityId: entryId,
      label: labelOf(current),
      changes,
      sourceUrl: who.sourceUrl ?? null,
    });
    return { ...ok, version: version + 1, changed: true };
  });
  if (!result.ok) return result;
  const { changed, ...outcome } = result;
  if (changed) afterWrite(db);
  return outcome;
}

/** Saves the entry's form (its state stays), if still at `version`. */
export function updateEntry(
  entryId: number,
  version: number,
  values: EntryValues,
  who: WriteContext,
  db: Db = getDb(),
): EntryWriteResult {
  return changeEntry(db, entryId, version, null, who, (tx, current) => {
    const before = auditValues(tx, current);
    tx.update(knowledgeEntries)
      .set({
        kind: values.kind,
        language: values.language,
        isResolved: values.kind === 'challenge' ? values.isResolved : false,
        sessionId: values.sessionId,
      })
      .where(eq(knowledgeEntries.id, entryId))
      .run();
    writeContent(tx, entryId, values);
    return diffFields(before, auditValues(tx, readEntry(tx, entryId)!));
  });
}

/** The author sends a draft to the hub team: draft → in-review. */
export function submitEntry(entryId: number, version: number, who: WriteContext, db: Db = getDb()) {
  return changeEntry(db, entryId, version, 'submit', who, (tx, current, next) => {
    tx.update(knowledgeEntries).set({ state: next }).where(eq(knowledgeEntries.id, entryId)).run();
    return { state: { from: current.state, to: next } };
  });
}

/** The hub team publishes an entry in review: in-review → published, from now on public. */
export function publishEntry(
  entryId: number,
  version: number,
  who: WriteContext,
  db: Db = getDb(),
) {
  return changeEntry(db, entryId, version, 'publish', who, (tx, current, next) => {
    tx.update(knowledgeEntries)
      .set({ state: next, publishedAt: who.at, reviewComment: null })
      .where(eq(knowledgeEntries.id, entryId))
      .run();
    return {
      state: { from: current.state, to: next },
      publishedAt: { from: current.publishedAt, to: who.at },
      reviewComment: { from: current.reviewComment, to: null },
    };
  });
}

/** The hub team sends an entry in review back to its author with a word: in-review → draft. */
export function returnEntry(
  entryId: number,
  version: number,
  comment: string,
  who: WriteContext,
  db: Db = getDb(),
) {
  return changeEntry(db, entryId, version, 'return', who, (tx, current, next) => {
    tx.update(knowledgeEntries)
      .set({ state: next, reviewComment: comment })
      .where(eq(knowledgeEntries.id, entryId))
      .run();
    return {
      state: { from: current.state, to: next },
      reviewComment: { from: current.reviewComment, to: comment },
    };
  });
}

/** Deletes an entry (its texts and links with it), if still at `version`; the audit keeps it. */
export function deleteEntry(
  entryId: number,
  version: number,
  who: Pick<WriteContext, 'at' | 'actor'>,
  db: Db = getDb(),
) {
  return deleteVersioned(db, who, {
    id: entryId,
    version,
    read: (tx) => readEntry(tx, entryId),
    remove: (tx, current) => {
      const before = { state: current.state, ...auditValues(tx, current) };
      tx.delete(knowledgeEntries).where(eq(knowledgeEntries.id, entryId)).run();
      return {
        entity: 'knowledge-entry',
        label: labelOf(current),
        changes: diffFields(before, null),
      };
    },
  });
}

/** An entry as the shared history and delete pages name it (by its original title). */
export function getEntryRef(slug: string, db: Db = getDb()) {
  const entry = getEntry(slug, db);
  if (!entry) return undefined;
  return {
    id: entry.id,
    slug: entry.slug,
    label: labelOf(entry),
    version: entry.version,
    state: entry.state,
    authorUserId: entry.authorUserId,
  };
}
