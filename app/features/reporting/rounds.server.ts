import { type SQL, and, asc, count, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';

import { IMPLEMENTER_PROJECT_ROLES } from '../../core/auth/auth';
import { type Db, getDb } from '../../core/db.server';
import { ministryLineSql } from '../../core/filter/project-filter.server';
import {
  events,
  milestones,
  organisations,
  projectOrganisations,
  projects,
  reportingRounds,
  reports,
  users,
} from '../../../db/schema';
import { projectNameColumns, projectTitleOrder } from '../../../db/columns.server';
import { cachedQuery } from '../../../db/query-cache.server';
import {
  MINISTRY_KINDS,
  REPORT_SECTIONS,
  REPORT_STATES,
  type ReportSection,
  type ReportState,
  REPORTED_MILESTONE_STATUSES,
} from '../../../db/vocabulary';
import { projectsAuthoredBy } from './report-authors.server';

// What the reporting pages read: the rounds, one round's board, what is asked of an implementer,
// and the projects a round may ask. Every list is one indexed query (or one per page of rows),
// never one query per row: the board stays fast at a round over 2 000 projects.

/** A round as every reporting page names it (the report page reads the same columns). */
export const roundNameColumns = {
  id: reportingRounds.id,
  slug: reportingRounds.slug,
  title: reportingRounds.title,
  titleZh: reportingRounds.titleZh,
  titleDe: reportingRounds.titleDe,
  periodStart: reportingRounds.periodStart,
  periodEnd: reportingRounds.periodEnd,
  dueOn: reportingRounds.dueOn,
  state: reportingRounds.state,
};

const roundColumns = {
  ...roundNameColumns,
  version: reportingRounds.version,
};

// Written out with table names: drizzle leaves them off in a one-table select, and inside the
// subquery a bare "id" would be the report's.
const reportCount = (state?: ReportState) =>
  sql<number>`(SELECT count(*) FROM reports r WHERE r.round_id = "reporting_rounds"."id"${
    state ? sql` AND r.state = ${state}` : sql``
  })`.mapWith(Number);

/** The rounds, latest due first, with how many of their reports are approved; drafts if asked. */
export function listRounds({ withDrafts }: { withDrafts: boolean }, db: Db = getDb()) {
  return db
    .select({ ...roundColumns, reports: reportCount(), approved: reportCount('approved') })
    .from(reportingRounds)
    .where(withDrafts ? undefined : ne(reportingRounds.state, 'draft'))
    .orderBy(desc(reportingRounds.dueOn), desc(reportingRounds.id))
    .all();
}

/** One round by its slug, with the event it prepares. */
export function getRound(slug: string, db: Db = getDb()) {
  return db
    .select({
      ...roundColumns,
      eventId: reportingRounds.eventId,
      eventSlug: events.slug,
      eventTitle: events.title,
      eventTitleZh: events.titleZh,
      eventTitleDe: events.titleDe,
      openedAt: reportingRounds.openedAt,
      closedAt: reportingRounds.closedAt,
    })
    .from(reportingRounds)
    .leftJoin(events, eq(events.id, reportingRounds.eventId))
    .where(eq(reportingRounds.slug, slug))
    .get();
}

export type Round = NonNullable<ReturnType<typeof getRound>>;

/** The events a round may prepare, latest first. */
export function listEventChoices(db: Db = getDb()) {
  return db
    .select({
      id: events.id,
      slug: events.slug,
      title: events.title,
      startDate: events.startDate,
      startPrecision: events.startPrecision,
    })
    .from(events)
    .orderBy(desc(events.startDate), asc(events.title))
    .all();
}

/** The reports of open rounds asked of one implementer (their organisation's projects). */
export function listAskedOf(
  user: { role: string; organisationId: number | null },
  db: Db = getDb(),
) {
  const ids = projectsAuthoredBy(user, db);
  if (ids.length === 0) return [];
  return db
    .select({
      roundSlug: reportingRounds.slug,
      roundTitle: reportingRounds.title,
      roundTitleZh: reportingRounds.titleZh,
      roundTitleDe: reportingRounds.titleDe,
      dueOn: reportingRounds.dueOn,
      state: reports.state,
      project: projectNameColumns,
    })
    .from(reports)
    .innerJoin(reportingRounds, eq(reportingRounds.id, reports.roundId))
    .innerJoin(projects, eq(projects.id, reports.projectId))
    .where(and(eq(reportingRounds.state, 'open'), inArray(reports.projectId, ids)))
    .orderBy(asc(reportingRounds.dueOn), projectTitleOrder)
    .all();
}

/** Whether an implementer has a report to write in an open round (where signing in leads). */
export function hasReportsAskedOf(
  user: { role: string; organisationId: number | null },
  db: Db = getDb(),
): boolean {
  if (user.role !== 'implementer' || user.organisationId === null) return false;
  return (
    db
      .select({ id: reports.id })
      .from(reports)
      .innerJoin(reportingRounds, eq(reportingRounds.id, reports.roundId))
      .where(
        and(
          eq(reportingRounds.state, 'open'),
          sql`${reports.projectId} IN (SELECT ${projectOrganisations.projectId}
            FROM ${projectOrganisations}
            WHERE ${projectOrganisations.organisationId} = ${user.organisationId}
              AND ${inArray(projectOrganisations.role, [...IMPLEMENTER_PROJECT_ROLES])})`,
        ),
      )
      .limit(1)
      .get() !== undefined
  );
}

// ── The board ────────────────────────────────────────────────────────────────────────────────

export interface BoardFilter {
  state: ReportState[];
  ministry: string[];
  org: string[];
}

function boardProjectSql(filter: BoardFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.ministry.length) {
    conditions.push(sql`${reports.projectId} IN (
      SELECT ${projectOrganisations.projectId} FROM ${projectOrganisations}
       WHERE ${projectOrganisations.organisationId} IN (${ministryLineSql(filter.ministry)}))`);
  }
  if (filter.org.length) {
    conditions.push(sql`${reports.projectId} IN (
      SELECT po.project_id FROM project_organisations po
        JOIN organisations o ON o.id = po.organisation_id
       WHERE ${inArray(sql`o.slug`, filter.org)})`);
  }
  return conditions;
}

/** What a report still lacks: milestones to report (open or not reported yet) it gives no update of, and empty sections. */
export interface Missing {
  milestones: number;
  sections: ReportSection[];
}

export function missingOf(
  report: {
    texts: Partial<Record<string, Partial<Record<ReportSection, string>>>>;
    milestoneUpdates: { milestoneId: number | null }[];
  },
  openMilestoneIds: readonly number[],
): Missing {
  const updated = new Set(report.milestoneUpdates.map((u) => u.milestoneId));
  const languages = Object.values(report.texts ?? {});
  return {
    milestones: openMilestoneIds.filter((id) => !updated.has(id)).length,
    sections: REPORT_SECTIONS.filter(
      (section) => !languages.some((text) => (text?.[section] ?? '').trim() !== ''),
    ),
  };
}

/** How many reports of the round are in each state, and the ids the filter keeps, by title. */
function boardOrder(roundId: number, filter: BoardFilter, db: Db) {
  const byProject = boardProjectSql(filter);
  const counted = db
    .select({ state: reports.state, n: count() })
    .from(reports)
    .where(and(eq(reports.roundId, roundId), ...byProject))
    .groupBy(reports.state)
    .all();
  const counts = Object.fromEntries(REPORT_STATES.map((s) => [s, 0])) as Record<
    ReportState,
    number
  >;
  for (const c of counted) counts[c.state] = c.n;
  // A narrow sort of ids and titles: sorting the reports with their texts would carry every
  // text through the sort.
  const orderedIds = db
    .select({ id: reports.id })
    .from(reports)
    .innerJoin(projects, eq(projects.id, reports.projectId))
    .where(
      and(
        eq(reports.roundId, roundId),
        filter.state.length ? inArray(reports.state, filter.state) : undefined,
        ...byProject,
      ),
    )
    .orderBy(projectTitleOrder, asc(projects.id))
    .all()
    .map((r) => r.id);
  return { counts, orderedIds };
}

/** The board's rows (one page, or all with `limit` unset), and how many reports are in each state. */
export function getBoard(
  roundId: number,
  filter: BoardFilter,
  { limit, offset = 0 }: { limit?: number; offset?: number },
  db: Db = getDb(),
) {
  // The counts and the order of the round's reports, cached until the data changes: a page of
  // the board then reads only its own 100 reports.
  const { counts, orderedIds } = cachedQuery(db, `board:${roundId}:${JSON.stringify(filter)}`, () =>
    boardOrder(roundId, filter, db),
  );
  const total = orderedIds.length;
  const pageIds = limit === undefined ? orderedIds : orderedIds.slice(offset, offset + limit);
  const position = new Map(pageIds.map((id, i) => [id, i]));
  const rows: {
    reportId: number;
    projectId: number;
    state: ReportState;
    updatedAt: string | null;
    stateChangedAt: string | null;
    texts: Partial<Record<string, Partial<Record<ReportSection, string>>>>;
    milestoneUpdates: { milestoneId: number | null }[];
    project: { slug: string; title: string; titleZh: string | null; titleDe: string | null };
  }[] = [];
  for (let i = 0; i < pageIds.length; i += 500) {
    rows.push(
      ...db
        .select({
          reportId: reports.id,
          projectId: reports.projectId,
          state: reports.state,
          updatedAt: reports.updatedAt,
          stateChangedAt: reports.stateChangedAt,
          texts: reports.texts,
          milestoneUpdates: reports.milestoneUpdates,
          project: projectNameColumns,
        })
        .from(reports)
        .innerJoin(projects, eq(projects.id, reports.projectId))
        .where(inArray(reports.id, pageIds.slice(i, i + 500)))
        .all(),
    );
  }
  rows.sort((a, b) => position.get(a.reportId)! - position.get(b.reportId)!);
  // The authors and open milestones of these rows' projects, in one query each.
  const ids = rows.map((r) => r.projectId);
  const within = (column: typeof projectOrganisations.projectId | typeof milestones.projectId) =>
    ids.length <= 500
      ? inArray(column, ids.length ? ids : [-1])
      : sql`${column} IN (SELECT ${reports.projectId} FROM ${reports} WHERE ${reports.roundId} = ${roundId})`;
  const authors = new Map<number, string[]>();
  for (const a of db
    .selectDistinct({ projectId: projectOrganisations.projectId, name: users.name, id: users.id })
    .from(users)
    .innerJoin(projectOrganisations, eq(projectOrganisations.organisationId, users.organisationId))
    .where(
      and(
        eq(users.role, 'implementer'),
        inArray(projectOrganisations.role, [...IMPLEMENTER_PROJECT_ROLES]),
        within(projectOrganisations.projectId),
      ),
    )
    .orderBy(asc(users.name), asc(users.id))
    .all()) {
    const list = authors.get(a.projectId) ?? [];
    if (!list.includes(a.name)) list.push(a.name);
    authors.set(a.projectId, list);
  }
  const open = new Map<number, number[]>();
  for (const m of db
    .select({ id: milestones.id, projectId: milestones.projectId })
    .from(milestones)
    // The milestones a report asks about (open or not reported yet), looked up by project (a
    // page's worth): `+status` keeps SQLite off the status index, which would visit every such
    // milestone of the portfolio.
    .where(
      and(
        sql`+${milestones.status} IN (${sql.join(
          REPORTED_MILESTONE_STATUSES.map((s) => sql`${s}`),
          sql`, `,
        )})`,
        within(milestones.projectId),
      ),
    )
    .all()) {
    const list = open.get(m.projectId) ?? [];
    list.push(m.id);
    open.set(m.projectId, list);
  }
  return {
    counts,
    total,
    rows: rows.map(({ texts, milestoneUpdates, projectId, ...row }) => ({
      ...row,
      authors: authors.get(projectId) ?? [],
      missing:
        row.state === 'approved'
          ? { milestones: 0, sections: [] }
          : missingOf({ texts, milestoneUpdates }, open.get(projectId) ?? []),
    })),
  };
}

export type BoardRow = ReturnType<typeof getBoard>['rows'][number];

/** The ministries and organisations the board's filter offers: those of the round's projects. */
export function getBoardChoices(roundId: number, db: Db = getDb()) {
  // Every organisation of up to 2 000 projects: cached until the data changes.
  return cachedQuery(db, `board-choices:${roundId}`, () => {
    const rows = db
      .selectDistinct({
        slug: organisations.slug,
        name: organisations.name,
        nameZh: organisations.nameZh,
        acronym: organisations.acronym,
        kind: organisations.kind,
      })
      .from(projectOrganisations)
      .innerJoin(organisations, eq(organisations.id, projectOrganisations.organisationId))
      .where(
        sql`${projectOrganisations.projectId} IN (SELECT ${reports.projectId} FROM ${reports} WHERE ${reports.roundId} = ${roundId})`,
      )
      .orderBy(asc(organisations.name))
      .all();
    const isMinistry = (kind: string | null) =>
      (MINISTRY_KINDS as readonly string[]).includes(kind ?? '');
    return {
      ministries: rows.filter((o) => isMinistry(o.kind)),
      organisations: rows.filter((o) => !isMinistry(o.kind)),
    };
  });
}

// ── The round's projects ────────────────────────────────────────────────────────────────────

/** The ids of the projects a filter selects (`where` from projectFilterSql). */
export function listProjectIds(where: SQL | undefined, db: Db = getDb()): number[] {
  return db
    .select({ id: projects.id })
    .from(projects)
    .where(where)
    .all()
    .map((p) => p.id);
}

/** One page of the projects a filter selects, each with its report in the round (if any). */
export function listProjectChoices(
  roundId: number,
  where: SQL | undefined,
  { limit, offset }: { limit: number; offset: number },
  db: Db = getDb(),
) {
  const total = db.select({ n: count() }).from(projects).where(where).get()!.n;
  const rows = db
    .select({
      id: projects.id,
      ...projectNameColumns,
      reportState: reports.state,
    })
    .from(projects)
    .leftJoin(reports, and(eq(reports.projectId, projects.id), eq(reports.roundId, roundId)))
    .where(where)
    .orderBy(projectTitleOrder, asc(projects.id))
    .limit(limit)
    .offset(offset)
    .all();
  return { total, rows };
}

/** How many projects a round asks. */
export function countRoundReports(roundId: number, db: Db = getDb()): number {
  return db.select({ n: count() }).from(reports).where(eq(reports.roundId, roundId)).get()!.n;
}

/** What the projects page's filter offers: today's ministries and the implementing organisations. */
export function listFilterChoices(db: Db = getDb()) {
  const columns = {
    slug: organisations.slug,
    name: organisations.name,
    nameZh: organisations.nameZh,
    acronym: organisations.acronym,
  };
  return {
    ministries: db
      .select(columns)
      .from(organisations)
      .where(
        and(inArray(organisations.kind, [...MINISTRY_KINDS]), isNull(organisations.successorId)),
      )
      .orderBy(asc(organisations.name))
      .all(),
    organisations: db
      .selectDistinct(columns)
      .from(organisations)
      .innerJoin(projectOrganisations, eq(projectOrganisations.organisationId, organisations.id))
      .where(inArray(projectOrganisations.role, [...IMPLEMENTER_PROJECT_ROLES]))
      .orderBy(asc(organisations.name))
      .all(),
  };
}
