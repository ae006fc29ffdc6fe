import { type SQL, eq, sql } from 'drizzle-orm';

import { type Db, getDb } from '../../core/db.server';
import { organisations, projects, topics } from '../../../db/schema';
import type { HubLanguage, ReportSection } from '../../../db/vocabulary';
import { LATEST_CHANGES, MAX_SINCE } from './feed-params';
import { type EntryChange, describeEntries, entryChangesSql } from './entry-changes.server';

// The approved, public changes the feeds and the changes page list, newest first:
// - a milestone reached or slipped: a progress-log entry to 'achieved' or 'delayed' (from another
//   status), or a progress update or edit that moved its revised date later (read from their audit
//   entries, which hold the values before and after, and only while the entry or milestone exists);
// - a project added or changed (its audit entries: create, update — never account events);
// - a new event (its audit 'create');
// - a report approved (reports.state = 'approved'; a draft, submitted or returned report is never
//   read here, so its text cannot reach a feed);
// - a knowledge entry published (entry-changes.server.ts; only while it is published).
// Records deleted since are left out (their pages would be 404s). The audit log is read either
// newest first (audit_log.at) until the answer is full, or by the scope's projects
// (audit_log.project_id) — whichever reads fewer entries (readsByTime); events and reports are few.

export const CHANGE_KINDS = [
  'milestone-achieved',
  'milestone-delayed',
  'milestone-revised',
  'project-created',
  'project-updated',
  'event-created',
  'report-approved',
  'entry-published',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** Which projects' changes: the shared filter's, or one project's, organisation's or topic's. */
export type ChangeScope =
  | { kind: 'filter'; where: SQL | undefined; isEmpty: boolean }
  | { kind: 'project'; id: number }
  | { kind: 'organisation'; id: number }
  | { kind: 'topic'; id: number };

export interface Change {
  kind: ChangeKind;
  /** When it happened (ISO 8601, UTC). */
  at: string;
  /** Stable and unique per change: the record it was read from ("audit-12", "report-3"). */
  key: string;
  project: { slug: string; title: string; titleZh: string | null; titleDe: string | null } | null;
  milestone: {
    id: number;
    title: string;
    titleZh: string | null;
    kind: string;
    isDerived: boolean;
    /** The revised date before and after, for a slip. */
    revisedFrom: string | null;
    revisedTo: string | null;
    /** The progress-log entry's comment (public on the project page). */
    comment: string | null;
  } | null;
  event: { slug: string; title: string; titleZh: string | null; titleDe: string | null } | null;
  /** The fields a project change touched (audit field names). */
  fields: string[];
  report: {
    roundTitle: string;
    roundTitleZh: string | null;
    roundTitleDe: string | null;
    language: HubLanguage | null;
    texts: Partial<Record<HubLanguage, Partial<Record<ReportSection, string>>>>;
    /** The organisations that implement the project: who wrote the report. */
    authors: string[];
  } | null;
  /** A newly published knowledge entry. */
  entry: EntryChange | null;
}

/** The ids of the projects a scope covers, as a subquery. */
function scopeProjects(scope: ChangeScope): SQL {
  switch (scope.kind) {
    case 'filter':
      return sql`SELECT ${projects.id} FROM ${projects} WHERE ${scope.where ?? sql`1`}`;
    case 'project':
      return sql`SELECT ${scope.id}`;
    case 'organisation':
      return sql`SELECT project_id FROM project_organisations WHERE organisation_id = ${scope.id}`;
    case 'topic':
      return sql`SELECT project_id FROM project_topics WHERE topic_id = ${scope.id}`;
  }
}

interface ChangeRow {
  kind: ChangeKind;
  at: string;
  key: string;
  projectId: number | null;
  milestoneId: number | null;
  eventId: number | null;
  reportId: number | null;
  fields: string | null;
  revisedFrom: string | null;
  revisedTo: string | null;
  comment: string | null;
  entryId: number | null;
}

/**
 * Whether to read the audit log newest first (stopping at `limit` changes) rather than by project
 * (every entry of the scope's projects, the newest kept): newest first wins when the scope holds
 * enough of the portfolio that its changes are dense in the log. Reading by time visits about
 * limit / share entries, reading by project share × entries; they cost the same at
 * share = √(limit / entries).
 */
function readsByTime(scope: ChangeScope, limit: number, db: Db): boolean {
  if (scope.kind === 'filter' && scope.isEmpty) return true;
  if (scope.kind === 'project') return false;
  const { inScope, total, entries } = db.get<{ inScope: number; total: number; entries: number }>(
    sql`SELECT (SELECT count(*) FROM (${scopeProjects(scope)})) AS inScope,
               (SELECT count(*) FROM projects) AS total,
               (SELECT coalesce(max(id), 0) FROM audit_log) AS entries`,
  );
  if (total === 0 || entries === 0) return false;
  return inScope / total > Math.sqrt(limit / entries);
}

/** The changes of a scope, newest first: the latest `limit`, or all since `since` (≤ MAX_SINCE). */
export function listChanges(
  scope: ChangeScope,
  options: { since?: string | null; limit?: number } = {},
  db: Db = getDb(),
): Change[] {
  const limit = options.limit ?? (options.since ? MAX_SINCE : LATEST_CHANGES);
  const since = options.since ?? '';
  const inScope = scopeProjects(scope);
  const eventInScope =
    scope.kind === 'filter' && scope.isEmpty
      ? sql`1`
      : sql`EXISTS (SELECT 1 FROM event_projects ep
           WHERE ep.event_id = e.id AND ep.project_id IN (${inScope}))`;
  // Every write through the hub is audited in its own transaction (db/writes.server.ts): a
  // progress update's entry holds the milestone's status and revised date before and after.
  const auditIndex = sql.raw(
    readsByTime(scope, limit, db) ? 'audit_log_at_idx' : 'audit_log_project_idx',
  );
  const statusTo = sql`json_extract(a.changes, '$.status.to')`;
  const revisedTo = sql`json_extract(a.changes, '$.revisedDate.to')`;
  const revisedFrom = sql`json_extract(a.changes, '$.revisedDate.from')`;
  const movedLater = sql`(${revisedTo} IS NOT NULL
    AND ${revisedTo} > coalesce(${revisedFrom}, m.planned_date, ''))`;
  const rows = db.all<ChangeRow>(sql`
    SELECT * FROM (
      SELECT CASE
               WHEN a.entity = 'project' THEN 'project-' || a.action || 'd'
               WHEN a.entity = 'progress-update' AND ${statusTo} IN ('achieved', 'delayed')
                 THEN 'milestone-' || ${statusTo}
               ELSE 'milestone-revised' END AS kind,
             a.at AS at,
             CASE a.entity WHEN 'progress-update' THEN 'progress-' || a.entity_id
               ELSE 'audit-' || a.id END AS key,
             a.project_id AS projectId, m.id AS milestoneId, NULL AS eventId, NULL AS reportId,
             CASE a.entity WHEN 'project' THEN (SELECT json_group_array(key) FROM json_each(a.changes))
               END AS fields,
             ${revisedFrom} AS revisedFrom, ${revisedTo} AS revisedTo,
             CASE a.entity WHEN 'progress-update' THEN pu.comment END AS comment,
             NULL AS entryId
        FROM audit_log a INDEXED BY ${auditIndex}
        LEFT JOIN progress_updates pu ON a.entity = 'progress-update' AND pu.id = a.entity_id
        LEFT JOIN milestones m ON m.id = CASE a.entity WHEN 'milestone' THEN a.entity_id
                                                       WHEN 'progress-update' THEN pu.milestone_id END
       WHERE a.project_id IN (${inScope})
         AND a.at >= ${since}
         AND a.entity IN ('project', 'milestone', 'progress-update')
         AND a.action IN ('create', 'update')
         AND (   (a.entity = 'project'
                  AND EXISTS (SELECT 1 FROM projects WHERE id = a.entity_id))
              OR (a.entity = 'progress-update' AND a.action = 'create' AND m.id IS NOT NULL
                  AND (${statusTo} IN ('achieved', 'delayed') OR ${movedLater}))
              OR (a.entity = 'milestone' AND m.id IS NOT NULL AND ${movedLater}))
       ORDER BY a.at DESC, a.id DESC LIMIT ${limit})
    UNION ALL
    SELECT * FROM (
      SELECT 'event-created', a.at, 'audit-' || a.id, NULL, NULL, e.id, NULL, NULL, NULL, NULL, NULL,
             NULL
        FROM audit_log a JOIN events e ON e.id = a.entity_id
       WHERE a.entity = 'event' AND a.action = 'create'
         AND a.at >= ${since}
         AND ${eventInScope}
       ORDER BY a.at DESC LIMIT ${limit})
    UNION ALL
    SELECT * FROM (
      SELECT 'report-approved', r.approved_at, 'report-' || r.id, r.project_id, NULL, NULL, r.id,
             NULL, NULL, NULL, NULL, NULL
        FROM reports r
       WHERE r.state = 'approved' AND r.approved_at IS NOT NULL
         AND r.approved_at >= ${since}
         AND r.project_id IN (${inScope})
       ORDER BY r.approved_at DESC LIMIT ${limit})
    UNION ALL
    SELECT * FROM (${entryChangesSql(scope, inScope, since, limit)})
    ORDER BY at DESC, key DESC
    LIMIT ${limit}`);
  return describeChanges(rows, db);
}

const ids = (values: (number | null)[]) => [...new Set(values.filter((v) => v !== null))];

/** Reads the names and texts the listed changes show, a few indexed lookups per kind. */
function describeChanges(rows: ChangeRow[], db: Db): Change[] {
  const inList = (list: number[]) =>
    sql.join(
      list.map((id) => sql`${id}`),
      sql`, `,
    );
  const projectIds = ids(rows.map((r) => r.projectId));
  const projectRows = projectIds.length
    ? db.all<{
        id: number;
        slug: string;
        title: string;
        titleZh: string | null;
        titleDe: string | null;
      }>(sql`SELECT id, slug, title, title_zh AS titleZh, title_de AS titleDe
               FROM projects WHERE id IN (${inList(projectIds)})`)
    : [];
  const projectById = new Map(projectRows.map(({ id, ...p }) => [id, p]));
  const milestoneIds = ids(rows.map((r) => r.milestoneId));
  const milestoneById = new Map(
    (milestoneIds.length
      ? db.all<{
          id: number;
          title: string;
          titleZh: string | null;
          kind: string;
          isDerived: number;
        }>(sql`SELECT id, title, title_zh AS titleZh, kind, is_derived AS isDerived
                 FROM milestones WHERE id IN (${inList(milestoneIds)})`)
      : []
    ).map((m) => [m.id, m]),
  );
  const eventIds = ids(rows.map((r) => r.eventId));
  const eventById = new Map(
    (eventIds.length
      ? db.all<{
          id: number;
          slug: string;
          title: string;
          titleZh: string | null;
          titleDe: string | null;
        }>(sql`SELECT id, slug, title, title_zh AS titleZh, title_de AS titleDe
                 FROM events WHERE id IN (${inList(eventIds)})`)
      : []
    ).map(({ id, ...e }) => [id, e]),
  );
  const reportIds = ids(rows.map((r) => r.reportId));
  // Only approved reports are read: the state is checked again where the text is taken.
  const reportById = new Map(
    (reportIds.length
      ? db.all<{
          id: number;
          language: HubLanguage | null;
          texts: string;
          roundTitle: string;
          roundTitleZh: string | null;
          roundTitleDe: string | null;
          authors: string | null;
        }>(sql`SELECT r.id, r.language, r.texts, rr.title AS roundTitle,
                      rr.title_zh AS roundTitleZh, rr.title_de AS roundTitleDe,
                      (SELECT json_group_array(coalesce(o.acronym, o.name)) FROM (
                         SELECT DISTINCT o.acronym, o.name FROM project_organisations po
                           JOIN organisations o ON o.id = po.organisation_id
                          WHERE po.project_id = r.project_id
                            AND po.role IN ('implementing-organisation', 'implementing-partner')
                          ORDER BY o.name) o) AS authors
                 FROM reports r JOIN reporting_rounds rr ON rr.id = r.round_id
                WHERE r.id IN (${inList(reportIds)}) AND r.state = 'approved'`)
      : []
    ).map((r) => [r.id, r]),
  );
  const entryById = describeEntries(ids(rows.map((r) => r.entryId)), db);
  return rows.flatMap((row): Change[] => {
    const project = row.projectId === null ? null : (projectById.get(row.projectId) ?? null);
    const m = row.milestoneId === null ? undefined : milestoneById.get(row.milestoneId);
    const e = row.eventId === null ? undefined : eventById.get(row.eventId);
    const r = row.reportId === null ? undefined : reportById.get(row.reportId);
    if (row.reportId !== null && !r) return [];
    const entry = row.entryId === null ? undefined : entryById.get(row.entryId);
    if (row.entryId !== null && !entry) return [];
    return [
      {
        kind: row.kind,
        at: row.at,
        key: row.key,
        project,
        milestone: m
          ? {
              id: m.id,
              title: m.title,
              titleZh: m.titleZh,
              kind: m.kind,
              isDerived: Boolean(m.isDerived),
              revisedFrom: row.revisedFrom,
              revisedTo: row.revisedTo,
              comment: typeof row.comment === 'string' ? row.comment : null,
            }
          : null,
        event: e ?? null,
        fields: row.fields ? (JSON.parse(row.fields) as string[]) : [],
        report: r
          ? {
              roundTitle: r.roundTitle,
              roundTitleZh: r.roundTitleZh,
              roundTitleDe: r.roundTitleDe,
              language: r.language,
              texts: JSON.parse(r.texts) as NonNullable<Change['report']>['texts'],
              authors: r.authors ? (JSON.parse(r.authors) as string[]) : [],
            }
          : null,
        entry: entry ?? null,
      },
    ];
  });
}

/** The project a feed follows, by its slug. */
export function getFeedProject(slug: string, db: Db = getDb()) {
  return db
    .select({
      id: projects.id,
      title: projects.title,
      titleZh: projects.titleZh,
      titleDe: projects.titleDe,
    })
    .from(projects)
    .where(eq(projects.slug, slug))
    .get();
}

/** The organisation a feed follows, by its slug. */
export function getFeedOrganisation(slug: string, db: Db = getDb()) {
  return db
    .select({
      id: organisations.id,
      title: organisations.name,
      titleZh: organisations.nameZh,
      titleDe: organisations.nameDe,
    })
    .from(organisations)
    .where(eq(organisations.slug, slug))
    .get();
}

/** The topic a feed follows, by its slug. */
export function getFeedTopic(slug: string, db: Db = getDb()) {
  return db
    .select({ id: topics.id, title: topics.name, titleZh: topics.nameZh, titleDe: topics.nameDe })
    .from(topics)
    .where(eq(topics.slug, slug))
    .get();
}
