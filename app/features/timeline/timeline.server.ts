import { type SQL, and, asc, eq, inArray, isNotNull, max, min, sql } from 'drizzle-orm';

import {
  NO_GROUP,
  type OrderableProject,
  type TimelineGrouping,
  orderTimelineRows,
} from './timeline';
import { PROJECT_TYPES, type ProjectType } from '../../../db/vocabulary';
import { type Db, getDb } from '../../core/db.server';
import {
  eventProjects,
  events,
  fundingAreas,
  milestones,
  organisations,
  projectFundingAreas,
  projectOrganisations,
  projects,
  provinces,
} from '../../../db/schema';
import { getCurrentOrganisationIds } from '../organisations/organisations.server';
import {
  inPortfolioSql,
  ministrySql,
  portfolioSql,
  reachSql,
} from '../../core/filter/project-filter.server';
import { cachedQuery, sqlKey } from '../../../db/query-cache.server';
import {
  milestoneDateColumns,
  organisationLabel,
  projectNameColumns,
  projectPeriodColumns,
} from '../../../db/columns.server';

export interface TimelineMembership {
  projectId: number;
  key: string;
}

/**
 * Which group(s) each filtered project belongs to. A project with several funding areas,
 * ministries or provinces belongs to each; one with none belongs to NO_GROUP. Ministries are
 * folded into today's ministry (BMUB → BMU → BMUV), as the ministry filter folds them.
 */
export function listTimelineMemberships(
  group: TimelineGrouping,
  where: SQL | undefined,
  db: Db = getDb(),
): TimelineMembership[] {
  // Without a filter: the IKI portfolio, never the imported IATI activities.
  let rows: TimelineMembership[];
  switch (group) {
    case 'type':
      rows = db.all<TimelineMembership>(
        sql`SELECT ${projects.id} AS projectId, ${projects.type} AS key FROM ${projects} WHERE ${portfolioSql(where)}`,
      );
      break;
    case 'fundingArea':
      rows = db.all<TimelineMembership>(sql`
        SELECT ${projectFundingAreas.projectId} AS projectId, ${fundingAreas.slug} AS key
          FROM ${projectFundingAreas}
          JOIN ${fundingAreas} ON ${fundingAreas.id} = ${projectFundingAreas.fundingAreaId}
         WHERE ${inPortfolioSql(projectFundingAreas.projectId, where)}`);
      break;
    case 'province':
      rows = db.all<TimelineMembership>(sql`
        SELECT DISTINCT reach.project_id AS projectId, reach.code AS key FROM (${reachSql()}) reach
         WHERE ${inPortfolioSql(sql`reach.project_id`, where)}`);
      break;
    case 'ministry': {
      const ministries = db
        .select({ id: organisations.id, slug: organisations.slug })
        .from(organisations)
        .where(ministrySql)
        .all();
      const slugOf = new Map(ministries.map((m) => [m.id, m.slug]));
      const currentId = getCurrentOrganisationIds(db);
      const current = (id: number) => slugOf.get(currentId(id)) ?? slugOf.get(id)!;
      const links = db.all<{ projectId: number; organisationId: number }>(sql`
        SELECT DISTINCT ${projectOrganisations.projectId} AS projectId,
               ${projectOrganisations.organisationId} AS organisationId
          FROM ${projectOrganisations}
         WHERE ${inArray(
           projectOrganisations.organisationId,
           ministries.map((m) => m.id),
         )}
           AND ${inPortfolioSql(projectOrganisations.projectId, where)}`);
      const seen = new Set<string>();
      rows = [];
      for (const link of links) {
        const key = current(link.organisationId);
        if (seen.has(`${link.projectId}:${key}`)) continue;
        seen.add(`${link.projectId}:${key}`);
        rows.push({ projectId: link.projectId, key });
      }
      break;
    }
  }
  if (group === 'type') return rows;
  const grouped = new Set(rows.map((r) => r.projectId));
  const ungrouped = db
    .all<{ id: number }>(sql`SELECT ${projects.id} FROM ${projects} WHERE ${portfolioSql(where)}`)
    .filter((p) => !grouped.has(p.id))
    .map((p) => ({ projectId: p.id, key: NO_GROUP }));
  return [...rows, ...ungrouped];
}

/**
 * The chart's rows in order (see orderTimelineRows), the projects without dates, and the span of
 * the dated ones, for a grouping and a filter. Ordering 10 000 projects is the costliest part of
 * the page, and the answer changes only with the data, so it is cached like the facet counts.
 */
export function getTimelineLayout(
  group: TimelineGrouping,
  where: SQL | undefined,
  db: Db = getDb(),
) {
  return cachedQuery(db, `timeline:${group}:${sqlKey(where)}`, () => {
    // Plain rows, not drizzle's mapped objects: this reads every filtered project.
    const order = db.all<OrderableProject>(sql`
      SELECT ${projects.id} AS id, ${projects.title} AS title, ${projects.startsOn} AS startsOn,
             ${projects.endsOn} AS endsOn, ${projects.predecessorId} AS predecessorId
        FROM ${projects} WHERE ${portfolioSql(where)}`);
    const names = new Map(listTimelineGroupNames(group, db).map((n) => [n.key, n.name]));
    const rank = (key: string) =>
      group === 'type'
        ? PROJECT_TYPES.indexOf(key as ProjectType)
        : key === NO_GROUP
          ? Number.MAX_SAFE_INTEGER
          : 0;
    const rows = orderTimelineRows(
      listTimelineMemberships(group, where, db),
      order,
      (a, b) => rank(a) - rank(b) || (names.get(a) ?? a).localeCompare(names.get(b) ?? b),
    );
    const range = db
      .select({ first: min(projects.startsOn), last: max(projects.endsOn) })
      .from(projects)
      .where(portfolioSql(where))
      .get();
    return {
      rows,
      undatedIds: order.filter((p) => !p.startsOn && !p.endsOn).map((p) => p.id),
      range: range ?? { first: null, last: null },
    };
  });
}

/** The rows drawn on one page: the projects with their dates and their successor's id. */
export function listTimelineProjects(ids: number[], db: Db = getDb()) {
  if (ids.length === 0) return [];
  return db
    .select({
      id: projects.id,
      ...projectNameColumns,
      shortName: projects.shortName,
      type: projects.type,
      ...projectPeriodColumns,
      successorId: projects.successorId,
    })
    .from(projects)
    .where(inArray(projects.id, ids))
    .all();
}

/** Milestones of the given projects, for markers on their bars. */
export function listTimelineMilestones(ids: number[], db: Db = getDb()) {
  if (ids.length === 0) return [];
  return db
    .select({
      id: milestones.id,
      projectId: milestones.projectId,
      title: milestones.title,
      kind: milestones.kind,
      isDerived: milestones.isDerived,
      status: milestones.status,
      ...milestoneDateColumns,
    })
    .from(milestones)
    .where(inArray(milestones.projectId, ids))
    .orderBy(asc(milestones.dueOn), asc(milestones.id))
    .all();
}

/** Dated events of the given projects, for dots under their bars. */
export function listTimelineEvents(ids: number[], db: Db = getDb()) {
  if (ids.length === 0) return [];
  return db
    .select({
      projectId: eventProjects.projectId,
      slug: events.slug,
      title: events.title,
      titleZh: events.titleZh,
      titleDe: events.titleDe,
      type: events.type,
      startDate: events.startDate,
      startPrecision: events.startPrecision,
      isYearInferred: events.isYearInferred,
    })
    .from(eventProjects)
    .innerJoin(events, eq(events.id, eventProjects.eventId))
    .where(and(inArray(eventProjects.projectId, ids), isNotNull(events.startDate)))
    .orderBy(asc(events.startDate))
    .all();
}

/** Names for the group headings. */
export function listTimelineGroupNames(group: TimelineGrouping, db: Db = getDb()) {
  switch (group) {
    case 'type':
      return [];
    case 'fundingArea':
      return db
        .select({
          key: fundingAreas.slug,
          name: fundingAreas.name,
          nameZh: sql<null>`NULL`,
          nameDe: sql<null>`NULL`,
        })
        .from(fundingAreas)
        .all();
    case 'province':
      return db
        .select({
          key: provinces.code,
          name: provinces.nameEn,
          nameZh: provinces.nameZh,
          nameDe: sql<null>`NULL`,
        })
        .from(provinces)
        .all();
    case 'ministry':
      return db
        .select({
          key: organisations.slug,
          name: organisationLabel,
          nameZh: organisations.nameZh,
          nameDe: organisations.nameDe,
        })
        .from(organisations)
        .where(ministrySql)
        .all();
  }
}
