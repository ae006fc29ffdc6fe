import { type SQL, and, asc, count, desc, eq, sql } from 'drizzle-orm';

import { REVIEW_GROUPS, type ReviewGroup } from '../../app/lib/progress';
import { type Db, getDb } from '../client.server';
import { milestones, projects } from '../schema';
import { milestoneColumns } from './milestones.server';
import { milestoneDueEndSql } from './project-filter.server';

const isOpenSql = sql`${milestones.status} IN ('planned', 'in-progress', 'delayed')`;

/** The condition for each review group, for a given today (and window in days). */
function groupSql(group: ReviewGroup, today: string, days: number): SQL {
  const soon = sql`date(${today}, ${`+${days} days`})`;
  const since = sql`date(${today}, ${`-${days * 2} days`})`;
  switch (group) {
    case 'overdue':
      return sql`${isOpenSql} AND ${milestoneDueEndSql} < ${today}`;
    case 'due-soon':
      return sql`${isOpenSql} AND ${milestoneDueEndSql} >= ${today} AND ${milestoneDueEndSql} <= ${soon}`;
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
}

/** How many milestones fall in each review group for the filtered projects. */
export function countReviewGroups({ today, where, days = 90 }: ReviewOptions, db: Db = getDb()) {
  return Object.fromEntries(
    REVIEW_GROUPS.map((group) => [
      group,
      db
        .select({ n: count() })
        .from(milestones)
        .innerJoin(projects, eq(projects.id, milestones.projectId))
        .where(and(groupSql(group, today, days), where))
        .get()!.n,
    ]),
  ) as Record<ReviewGroup, number>;
}

/** One review group's milestones with their project, most urgent first. */
export function listReviewGroup(
  group: ReviewGroup,
  { today, where, days = 90, limit = 100 }: ReviewOptions,
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
    .where(and(groupSql(group, today, days), where))
    .orderBy(
      group === 'recently-achieved' ? desc(milestones.actualDate) : asc(milestoneDueEndSql),
      asc(projects.title),
      asc(milestones.id),
    )
    .limit(limit)
    .all();
}
