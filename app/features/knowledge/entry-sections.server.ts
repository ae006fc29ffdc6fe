import { and, desc, eq, inArray, sql } from 'drizzle-orm';

import { type Db, getDb } from '../../core/db.server';
import {
  knowledgeEntries,
  knowledgeEntryEvents,
  knowledgeEntryOrganisations,
  knowledgeEntryProjects,
  knowledgeEntryTexts,
} from '../../../db/schema';
import type { HubLanguage, KnowledgeKind } from '../../../db/vocabulary';

// The published entries of one project, event or organisation, for the section on its page.

export interface EntryLink {
  slug: string;
  kind: KnowledgeKind;
  isResolved: boolean;
  /** The language of the title shown: the page's where translated, else the original's. */
  language: HubLanguage;
  title: string;
  isUntranslated: boolean;
}

/** At most this many on a page; the section links to the filtered list for the rest. */
export const ENTRY_SECTION_LIMIT = 20;

const LINKS = {
  project: [knowledgeEntryProjects, knowledgeEntryProjects.projectId],
  event: [knowledgeEntryEvents, knowledgeEntryEvents.eventId],
  organisation: [knowledgeEntryOrganisations, knowledgeEntryOrganisations.organisationId],
} as const;

export function listEntriesOf(
  of: { kind: keyof typeof LINKS; id: number },
  lang: HubLanguage,
  db: Db = getDb(),
): { entries: EntryLink[]; total: number } {
  const [table, column] = LINKS[of.kind];
  const where = and(
    eq(knowledgeEntries.state, 'published'),
    sql`${knowledgeEntries.id} IN (SELECT ${table.entryId} FROM ${table} WHERE ${column} = ${of.id})`,
  );
  const total =
    db
      .select({ n: sql<number>`count(*)` })
      .from(knowledgeEntries)
      .where(where)
      .get()?.n ?? 0;
  if (total === 0) return { entries: [], total };
  const rows = db
    .select({
      id: knowledgeEntries.id,
      slug: knowledgeEntries.slug,
      kind: knowledgeEntries.kind,
      isResolved: knowledgeEntries.isResolved,
      language: knowledgeEntries.language,
    })
    .from(knowledgeEntries)
    .where(where)
    .orderBy(desc(knowledgeEntries.publishedAt), desc(knowledgeEntries.id))
    .limit(ENTRY_SECTION_LIMIT)
    .all();
  const texts = db
    .select({
      entryId: knowledgeEntryTexts.entryId,
      language: knowledgeEntryTexts.language,
      title: knowledgeEntryTexts.title,
    })
    .from(knowledgeEntryTexts)
    .where(
      inArray(
        knowledgeEntryTexts.entryId,
        rows.map((r) => r.id),
      ),
    )
    .all();
  const entries = rows.map((row) => {
    const local = texts.find((t) => t.entryId === row.id && t.language === lang);
    const original = texts.find((t) => t.entryId === row.id && t.language === row.language);
    const text = local ?? original;
    return {
      slug: row.slug,
      kind: row.kind,
      isResolved: row.isResolved,
      language: text?.language ?? row.language,
      title: text?.title ?? row.slug,
      isUntranslated: local === undefined,
    };
  });
  return { entries, total };
}
