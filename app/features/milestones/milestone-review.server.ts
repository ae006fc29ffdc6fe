import { type SQL, and, asc, count, desc, eq, isNull, sql } from 'drizzle-orm';

import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';

import { REVIEW_GROUPS, type ReviewGroup } from './progress';
import type { ProjectFilter } from '../../core/filter/filter';
import type { ReviewSort, SortDirection } from './review-params';
import type { MilestoneStatus } from '../../../db/vocabulary';
import { type Db, getDb } from '../../core/db.server';
import {
  milestones,
  organisations,
  projectOrganisations,
  projectTopics,
  projects,
  reports,
} from '../../../db/schema';
import {
  ministrySql,
  originSql,
  portfolioSql,
  projectFilterSql,
  statusSql,
} from '../../core/filter/project-filter.server';
import { milestoneColumns, organisationNameColumns } from '../../../db/columns.server';
import { cachedQuery, sqlKey } from '../../../db/query-cache.server';

// `is_open` and `due_on` are generated columns with one index: see db/schema.ts.
const isOpenSql = eq(milestones.isOpen, true);
/** Milestones of the IKI portfolio, without joining projects: imported activities are few. */
const notImportedSql = sql`${milestones.projectId} NOT IN (
  SELECT ${projects.id} FROM ${projects} WHERE ${originSql('iati')})`;

/**
 * The condition for each review group, for a given today (and window in days). `due_on` is the
 * generated, indexed end of the period a milestone is due in (db/schema.ts).
 */
function groupSql(group: ReviewGroup, today: string, days: number): SQL {
  const soon = sql`date(${today}, ${`+${days} days`})`;
  const since = sql`date(${today}, ${`-${days * 2} days`})`;
  switch (group) {
    case 'overdue':
      return and(isOpenSql, sql`${milestones.dueOn} < ${today}`)!;
    case 'due-soon':
      return and(
        isOpenSql,
        sql`${milestones.dueOn} >= ${today} AND ${milestones.dueOn} <= ${soon}`,
      )!;
    case 'recently-achieved':
      return sql`${milestones.status} = 'achieved' AND ${milestones.actualDate} >= ${since} AND ${milestones.actualDate} <= ${today}`;
    case 'not-reported':
      return sql`${milestones.status} = 'not-reported'`;
  }
}

export interface ReviewOptions {
  today: string;
  /** A condition on `projects` from projectFilterSql(). */
  where?: SQL;
  days?: number;
  limit?: number;
  offset?: number;
  sort?: ReviewSort;
  /** Unset: each group's natural order (due date ascending; achieved most recent first). */
  dir?: SortDirection;
}

/**
 * How many milestones fall in each review group for the filtered projects. Counting the overdue
 * milestones of a filtered portfolio visits every one of them, so the answer is cached with the
 * facet counts until the data changes (query-cache.server.ts).
 */
export function countReviewGroups({ today, where, days = 90 }: ReviewOptions, db: Db = getDb()) {
  const key = `review-counts:${today}:${days}:${sqlKey(where)}`;
  return cachedQuery(
    db,
    key,
    () =>
      Object.fromEntries(
        REVIEW_GROUPS.map((group) => {
          const query = db.select({ n: count() }).from(milestones);
          // Without a filter the count is an index range scan (less the imported activities'
          // milestones); the join is paid only when filtering.
          const n = where
            ? query
                .innerJoin(projects, eq(projects.id, milestones.projectId))
                .where(and(groupSql(group, today, days), where))
                .get()!.n
            : query.where(and(groupSql(group, today, days), notImportedSql)).get()!.n;
          return [group, n];
        }),
      ) as Record<ReviewGroup, number>,
  );
}

/** Status order for sorting: the most worrying first, whatever the page's language. */
const STATUS_RANK: readonly MilestoneStatus[] = [
  'delayed',
  'in-progress',
  'planned',
  'not-reported',
  'achieved',
  'cancelled',
];
const statusRankSql = sql`CASE ${milestones.status} ${sql.join(
  STATUS_RANK.map((status, i) => sql`WHEN ${status} THEN ${i}`),
  sql` `,
)} END`;

function orderFor(group: ReviewGroup, sort: ReviewSort, dir: SortDirection | undefined): SQL[] {
  const date = group === 'recently-achieved' ? milestones.actualDate : milestones.dueOn;
  const natural: SortDirection = group === 'recently-achieved' ? 'desc' : 'asc';
  const by = (column: SQL | SQLiteColumn, d: SortDirection) =>
    d === 'asc' ? asc(column) : desc(column);
  const direction = dir ?? (sort === 'due' ? natural : 'asc');
  switch (sort) {
    case 'due':
      return [by(date, direction), asc(projects.title), asc(milestones.id)];
    case 'project':
      return [by(sql`${projects.title} COLLATE NOCASE`, direction), asc(date), asc(milestones.id)];
    case 'status':
      return [by(statusRankSql, direction), asc(date), asc(milestones.id)];
  }
}

/** One review group's milestones with their project, most urgent first unless sorted otherwise. */
export function listReviewGroup(
  group: ReviewGroup,
  { today, where, days = 90, limit = 100, offset = 0, sort = 'due', dir }: ReviewOptions,
  db: Db = getDb(),
) {
  return db
    .select({
      ...milestoneColumns,
      projectSlug: projects.slug,
      projectTitle: projects.title,
      projectTitleZh: projects.titleZh,
      projectTitleDe: projects.titleDe,
    })
    .from(milestones)
    .innerJoin(projects, eq(projects.id, milestones.projectId))
    .where(and(groupSql(group, today, days), portfolioSql(where)))
    .orderBy(...orderFor(group, sort, dir))
    .limit(limit)
    .offset(offset)
    .all();
}

/** Today's ministries (no successor), each standing for its whole line (BMUV ← BMU ← BMUB). */
export function listCurrentMinistries(db: Db = getDb()) {
  return (
    db
      .select({ ...organisationNameColumns, kind: organisations.kind })
      .from(organisations)
      .where(and(ministrySql, isNull(organisations.successorId)))
      // German ministries (which commission the projects) first, then their Chinese partners.
      .orderBy(desc(organisations.kind), asc(organisations.acronym), asc(organisations.name))
      .all()
  );
}

/** Projects linked to no ministry at all: the print layout's last section, so none is dropped. */
const noMinistrySql = sql`${projects.id} NOT IN (
  SELECT ${projectOrganisations.projectId} FROM ${projectOrganisations}
    JOIN ${organisations} ON ${organisations.id} = ${projectOrganisations.organisationId}
   WHERE ${ministrySql})`;

/** Projects with no topic: the last section when the review is printed by topic. */
const noTopicSql = sql`${projects.id} NOT IN (SELECT ${projectTopics.projectId} FROM ${projectTopics})`;

/**
 * The condition for one section of the sectioned review: the filter narrowed to one ministry
 * (with its predecessors) or one topic, or, with `key` null, to projects with none.
 */
export function reviewSectionSql(
  filter: ProjectFilter,
  today: string,
  by: 'ministry' | 'topic',
  key: string | null,
): SQL | undefined {
  if (key !== null) return projectFilterSql({ ...filter, [by]: [key] }, today);
  return and(projectFilterSql(filter, today), by === 'ministry' ? noMinistrySql : noTopicSql);
}

/**
 * Ongoing projects (of the filter) whose last approved progress report is older than `maxAgeDays`
 * or that never had one approved: how many, and the first `limit` (never-approved first, then the
 * oldest). Only approved reports count, so nothing private shows. Cached until the data changes.
 */
export function listProjectsWithoutRecentReport(
  {
    today,
    where,
    maxAgeDays,
    limit = 20,
  }: { today: string; where?: SQL; maxAgeDays: number; limit?: number },
  db: Db = getDb(),
) {
  // Table names written out: drizzle leaves them off in a one-table select, where a bare "id"
  // inside the subquery would be the report's.
  const lastApproved = sql<string | null>`(SELECT max(r.approved_at) FROM ${reports} r
    WHERE r.project_id = "projects"."id" AND r.state = 'approved')`;
  const cutoff = sql`date(${today}, ${`-${maxAgeDays} days`})`;
  const condition = and(
    portfolioSql(where),
    sql`${statusSql(today)} = 'ongoing'`,
    sql`(${lastApproved} IS NULL OR ${lastApproved} < ${cutoff})`,
  );
  const key = `stale-reports:${today}:${maxAgeDays}:${limit}:${sqlKey(where)}`;
  return cachedQuery(db, key, () => ({
    total: db.select({ n: count() }).from(projects).where(condition).get()!.n,
    rows: db
      .select({
        slug: projects.slug,
        title: projects.title,
        titleZh: projects.titleZh,
        titleDe: projects.titleDe,
        lastApproved,
      })
      .from(projects)
      .where(condition)
      .orderBy(sql`${lastApproved} IS NOT NULL`, asc(lastApproved), asc(projects.title))
      .limit(limit)
      .all(),
  }));
}
