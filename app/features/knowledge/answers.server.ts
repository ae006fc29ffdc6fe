import { and, asc, count, eq, or } from 'drizzle-orm';

import { type Db, getDb } from '../../core/db.server';
import type { SessionUser } from '../../core/auth/auth';
import {
  knowledgeAnswers,
  knowledgeEntries,
  knowledgeEntryTexts,
  organisations,
} from '../../../db/schema';
import type { AnswerState, HubLanguage } from '../../../db/vocabulary';
import {
  type SaveResult,
  type WriteContext,
  createAudited,
  saveVersioned,
} from '../../../db/writes.server';

// Answers to challenges and a challenge's "solved" mark: every write versioned and audited
// through db/writes.server.ts. An answer is pending until an editor publishes or rejects it;
// only published answers are public, and an author sees their own pending ones.

/** The entry an answer or the solved mark is about, with the title in its original language. */
export function getEntryForAnswers(slug: string, db: Db = getDb()) {
  const entry = db
    .select({
      id: knowledgeEntries.id,
      slug: knowledgeEntries.slug,
      kind: knowledgeEntries.kind,
      state: knowledgeEntries.state,
      language: knowledgeEntries.language,
      isResolved: knowledgeEntries.isResolved,
      authorUserId: knowledgeEntries.authorUserId,
      version: knowledgeEntries.version,
    })
    .from(knowledgeEntries)
    .where(eq(knowledgeEntries.slug, slug))
    .get();
  if (!entry) return undefined;
  const texts = db
    .select({ language: knowledgeEntryTexts.language, title: knowledgeEntryTexts.title })
    .from(knowledgeEntryTexts)
    .where(eq(knowledgeEntryTexts.entryId, entry.id))
    .all();
  const original = texts.find((t) => t.language === entry.language) ?? texts[0];
  return {
    ...entry,
    title: original?.title ?? entry.slug,
    titles: Object.fromEntries(texts.map((t) => [t.language, t.title])) as Partial<
      Record<HubLanguage, string>
    >,
  };
}

export type EntryForAnswers = NonNullable<ReturnType<typeof getEntryForAnswers>>;

/** Whether a reader may mark a challenge solved or reopen it: its author or the hub team. */
export function canResolve(user: SessionUser | null, entry: EntryForAnswers): boolean {
  if (!user || entry.kind !== 'challenge' || entry.state !== 'published') return false;
  if (user.role === 'admin' || user.role === 'editor') return true;
  return entry.authorUserId !== null && entry.authorUserId === user.id;
}

export interface AnswerView {
  id: number;
  body: string;
  language: HubLanguage;
  state: AnswerState;
  authorName: string;
  organisation: { slug: string; name: string; nameZh: string | null; nameDe: string | null } | null;
  createdAt: string;
  /** The reader's own answer (a pending one is shown to them as awaiting moderation). */
  isOwn: boolean;
}

/** The answers a reader sees on an entry: the published ones, and their own pending ones. */
export function loadAnswers(db: Db, entryId: number, user: SessionUser | null): AnswerView[] {
  const visible = user
    ? or(
        eq(knowledgeAnswers.state, 'published'),
        and(eq(knowledgeAnswers.state, 'pending'), eq(knowledgeAnswers.authorUserId, user.id)),
      )
    : eq(knowledgeAnswers.state, 'published');
  return db
    .select({
      id: knowledgeAnswers.id,
      body: knowledgeAnswers.body,
      language: knowledgeAnswers.language,
      state: knowledgeAnswers.state,
      authorName: knowledgeAnswers.authorName,
      authorUserId: knowledgeAnswers.authorUserId,
      createdAt: knowledgeAnswers.createdAt,
      orgSlug: organisations.slug,
      orgName: organisations.name,
      orgAcronym: organisations.acronym,
      orgNameZh: organisations.nameZh,
      orgNameDe: organisations.nameDe,
    })
    .from(knowledgeAnswers)
    .leftJoin(organisations, eq(organisations.id, knowledgeAnswers.organisationId))
    .where(and(eq(knowledgeAnswers.entryId, entryId), visible))
    .orderBy(asc(knowledgeAnswers.createdAt), asc(knowledgeAnswers.id))
    .all()
    .map((row) => ({
      id: row.id,
      body: row.body,
      language: row.language,
      state: row.state,
      authorName: row.authorName,
      createdAt: row.createdAt,
      organisation: row.orgSlug
        ? {
            slug: row.orgSlug,
            name: row.orgAcronym ? `${row.orgAcronym} — ${row.orgName}` : row.orgName!,
            nameZh: row.orgNameZh,
            nameDe: row.orgNameDe,
          }
        : null,
      isOwn: user !== null && row.authorUserId === user.id,
    }));
}

/** The organisations an answer may be given for (the select of the answer form). */
export function listAnswerOrganisations(db: Db = getDb()) {
  return db
    .select({
      id: organisations.id,
      name: organisations.name,
      acronym: organisations.acronym,
      nameZh: organisations.nameZh,
      nameDe: organisations.nameDe,
    })
    .from(organisations)
    .orderBy(asc(organisations.name))
    .all();
}

export interface AnswerInput {
  body: string;
  language: HubLanguage;
  organisationId: number | null;
}

/** A new pending answer to a published challenge. */
export function createAnswer(
  entry: Pick<EntryForAnswers, 'id' | 'title'>,
  input: AnswerInput,
  who: WriteContext,
  db: Db = getDb(),
) {
  return createAudited(db, who, {
    insert: (tx) =>
      tx
        .insert(knowledgeAnswers)
        .values({
          entryId: entry.id,
          body: input.body,
          language: input.language,
          organisationId: input.organisationId,
          state: 'pending',
          authorUserId: who.actor.id,
          authorName: who.actor.name,
          createdAt: who.at,
        })
        .returning({ id: knowledgeAnswers.id })
        .get(),
    audit: () => ({
      entity: 'knowledge-answer',
      label: `Answer to ${entry.title}`,
      changes: {
        body: { from: null, to: input.body },
        language: { from: null, to: input.language },
        organisationId: { from: null, to: input.organisationId },
        state: { from: null, to: 'pending' },
      },
    }),
  });
}

/** The answers waiting for a moderator, oldest first, with their entry. */
export function listPendingAnswers(db: Db = getDb()) {
  return db
    .select({
      id: knowledgeAnswers.id,
      body: knowledgeAnswers.body,
      language: knowledgeAnswers.language,
      authorName: knowledgeAnswers.authorName,
      createdAt: knowledgeAnswers.createdAt,
      version: knowledgeAnswers.version,
      organisationName: organisations.name,
      entrySlug: knowledgeEntries.slug,
      entryTitle: knowledgeEntryTexts.title,
    })
    .from(knowledgeAnswers)
    .innerJoin(knowledgeEntries, eq(knowledgeEntries.id, knowledgeAnswers.entryId))
    .leftJoin(
      knowledgeEntryTexts,
      and(
        eq(knowledgeEntryTexts.entryId, knowledgeEntries.id),
        eq(knowledgeEntryTexts.language, knowledgeEntries.language),
      ),
    )
    .leftJoin(organisations, eq(organisations.id, knowledgeAnswers.organisationId))
    .where(eq(knowledgeAnswers.state, 'pending'))
    .orderBy(asc(knowledgeAnswers.createdAt), asc(knowledgeAnswers.id))
    .all();
}

interface ModerationState {
  state: AnswerState;
  moderatedAt: string | null;
  moderatedBy: string | null;
  version: number;
}

/** Publishes or rejects an answer, on the version the moderator saw (else 'stale'). */
export function moderateAnswer(
  answerId: number,
  version: number,
  state: 'published' | 'rejected',
  who: WriteContext,
  db: Db = getDb(),
): SaveResult<ModerationState> {
  return saveVersioned<ModerationState & { label: string }>(db, who, {
    version,
    read: (tx) => {
      const row = tx
        .select({
          state: knowledgeAnswers.state,
          moderatedAt: knowledgeAnswers.moderatedAt,
          moderatedBy: knowledgeAnswers.moderatedBy,
          version: knowledgeAnswers.version,
          label: knowledgeEntryTexts.title,
        })
        .from(knowledgeAnswers)
        .innerJoin(knowledgeEntries, eq(knowledgeEntries.id, knowledgeAnswers.entryId))
        .leftJoin(
          knowledgeEntryTexts,
          and(
            eq(knowledgeEntryTexts.entryId, knowledgeEntries.id),
            eq(knowledgeEntryTexts.language, knowledgeEntries.language),
          ),
        )
        .where(eq(knowledgeAnswers.id, answerId))
        .get();
      return row ? { ...row, label: row.label ?? '' } : undefined;
    },
    next: () => ({ state, moderatedAt: who.at, moderatedBy: who.actor.name }),
    write: (tx, values, next) =>
      tx
        .update(knowledgeAnswers)
        .set({ ...(values as Partial<ModerationState>), version: next })
        .where(eq(knowledgeAnswers.id, answerId))
        .run(),
    audit: (current) => ({
      entity: 'knowledge-answer',
      entityId: answerId,
      label: `Answer to ${current.label}`,
    }),
  });
}

/** Marks a challenge solved or open again, on the version the reader saw (else 'stale'). */
export function setEntryResolved(
  entry: Pick<EntryForAnswers, 'id' | 'title'>,
  version: number,
  isResolved: boolean,
  who: WriteContext,
  db: Db = getDb(),
): SaveResult<{ isResolved: boolean; version: number }> {
  return saveVersioned(db, who, {
    version,
    read: (tx) =>
      tx
        .select({ isResolved: knowledgeEntries.isResolved, version: knowledgeEntries.version })
        .from(knowledgeEntries)
        .where(eq(knowledgeEntries.id, entry.id))
        .get(),
    next: () => ({ isResolved }),
    write: (tx, values, next) =>
      tx
        .update(knowledgeEntries)
        .set({ isResolved, updatedAt: who.at, version: next })
        .where(eq(knowledgeEntries.id, entry.id))
        .run(),
    audit: () => ({ entity: 'knowledge-entry', entityId: entry.id, label: entry.title }),
  });
}

/** How many answers wait for a moderator (the link on /knowledge says it). */
export function countPendingAnswers(db: Db = getDb()): number {
  return (
    db
      .select({ n: count() })
      .from(knowledgeAnswers)
      .where(eq(knowledgeAnswers.state, 'pending'))
      .get()?.n ?? 0
  );
}
