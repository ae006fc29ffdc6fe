import { type SQL, sql } from 'drizzle-orm';

import type { Db } from '../../core/db.server';
import type { HubLanguage, KnowledgeKind } from '../../../db/vocabulary';

// Knowledge entries in the feeds (issue #30): an entry counts as a change when it is published
// (knowledge_entries.published_at), and only while it is published — a draft or one back in
// review never reaches a feed. An entry is in a scope when one of its projects is; a topic's and
// an organisation's feed also carry the entries linked to that topic or organisation directly.

/** The entry rows of the changes' UNION (same columns as the others; the entry id last). */
export function entryChangesSql(
  /** The changes' scope (changes.server.ts ChangeScope). */
  scope:
    | { kind: 'filter'; isEmpty: boolean }
    | { kind: 'project' | 'organisation' | 'topic'; id: number },
  inScope: SQL,
  since: string,
  limit: number,
): SQL {
  const byProject = sql`EXISTS (SELECT 1 FROM knowledge_entry_projects kp
      WHERE kp.entry_id = k.id AND kp.project_id IN (${inScope}))`;
  const inEntryScope =
    scope.kind === 'filter' && scope.isEmpty
      ? sql`1`
      : scope.kind === 'topic'
        ? sql`(${byProject} OR EXISTS (SELECT 1 FROM knowledge_entry_topics kt
              WHERE kt.entry_id = k.id AND kt.topic_id = ${scope.id}))`
        : scope.kind === 'organisation'
          ? sql`(${byProject} OR EXISTS (SELECT 1 FROM knowledge_entry_organisations ko
                WHERE ko.entry_id = k.id AND ko.organisation_id = ${scope.id}))`
          : byProject;
  return sql`SELECT 'entry-published', k.published_at, 'entry-' || k.id, NULL, NULL, NULL, NULL,
             NULL, NULL, NULL, NULL, k.id
        FROM knowledge_entries k
       WHERE k.state = 'published' AND k.published_at IS NOT NULL
         AND k.published_at >= ${since}
         AND ${inEntryScope}
       ORDER BY k.published_at DESC LIMIT ${limit}`;
}

export interface EntryChange {
  slug: string;
  kind: KnowledgeKind;
  /** The author's language: its text is the original. */
  language: HubLanguage;
  texts: Partial<
    Record<HubLanguage, { title: string; summary: string | null; translatedBy: string | null }>
  >;
}

/** The published entries among `ids`, with their texts in every language they have. */
export function describeEntries(ids: number[], db: Db): Map<number, EntryChange> {
  if (ids.length === 0) return new Map();
  const list = sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );
  const rows = db.all<{
    id: number;
    slug: string;
    kind: KnowledgeKind;
    language: HubLanguage;
    textLanguage: HubLanguage | null;
    title: string | null;
    summary: string | null;
    translatedBy: string | null;
  }>(sql`SELECT k.id, k.slug, k.kind, k.language, t.language AS textLanguage, t.title, t.summary,
                t.translated_by AS translatedBy
           FROM knowledge_entries k LEFT JOIN knowledge_entry_texts t ON t.entry_id = k.id
          WHERE k.id IN (${list}) AND k.state = 'published'`);
  const entries = new Map<number, EntryChange>();
  for (const row of rows) {
    const entry = entries.get(row.id) ?? {
      slug: row.slug,
      kind: row.kind,
      language: row.language,
      texts: {},
    };
    if (row.textLanguage && row.title !== null) {
      entry.texts[row.textLanguage] = {
        title: row.title,
        summary: row.summary,
        translatedBy: row.translatedBy,
      };
    }
    entries.set(row.id, entry);
  }
  return entries;
}
