import { type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';

import type { ChartRow, MinistryCounting } from './dashboard';
import { DUE_SOON_DAYS } from '../milestones/progress';
import { type Db, getDb } from '../../core/db.server';
import {
  fundingAreas,
  milestones,
  organisations,
  projectFundingAreas,
  projectOrganisations,
  projectTopics,
  projects,
  provinces,
  topics,
} from '../../../db/schema';
import { countReviewGroups } from '../milestones/milestone-review.server';
import { getCurrentOrganisationIds } from '../organisations/organisations.server';
import {
  inPortfolioSql,
  ministrySql,
  portfolioSql,
  reachSql,
  statusSql,
} from '../../core/filter/project-filter.server';
import { organisationNameColumns } from '../../../db/columns.server';
import { cachedQuery, sqlKey } from '../../../db/query-cache.server';

/**
 * Every number of the dashboard for the filtered projects, aggregated in SQL. A project with
 * several funding areas, topics, ministries or provinces counts under each of them: those charts
 * overlap and have no total. Unknown funding is counted apart, never as zero.
 */
export function getDashboard(
  where: SQL | undefined,
  today: string,
  ministries: MinistryCounting,
  db: Db = getDb(),
) {
  return cachedQuery(db, `dashboard:${today}:${ministries}:${sqlKey(where)}`, () =>
    computeDashboard(where, today, ministries, db),
  );
}

function computeDashboard(
  where: SQL | undefined,
  today: string,
  ministries: MinistryCounting,
  db: Db,
) {
  // Without a filter: the IKI portfolio, never the imported IATI activities.
  const w = portfolioSql(where);
  // Rows of a project's table that belong to the filtered projects.
  const scope = (projectId: SQLiteColumn | SQL) => inPortfolioSql(projectId, where);
  const status = statusSql(today);

  const funding = db.all<{
    type: string;
    projects: number;
    withFunding: number;
    knownEur: number;
  }>(sql`
    SELECT ${projects.type} AS type, count(*) AS projects,
           count(${projects.ikiFundingEur}) AS withFunding,
           coalesce(sum(${projects.ikiFundingEur}), 0) AS knownEur
      FROM ${projects} WHERE ${w} GROUP BY ${projects.type}`);
  const totals = db.get<{ projects: number; active: number }>(sql`
    SELECT count(*) AS projects, sum(CASE WHEN ${status} = 'ongoing' THEN 1 ELSE 0 END) AS active
      FROM ${projects} WHERE ${w}`)!;
  const review = countReviewGroups({ today, where: w, days: DUE_SOON_DAYS }, db);
  // One pass over the milestones gives their status counts and their years, achieved and planned.
  const milestoneGroups = db.all<MilestoneGroup>(sql`
    SELECT ${milestones.status} AS status, substr(${milestones.actualDate}, 1, 4) AS actualYear,
           substr(${milestones.plannedDate}, 1, 4) AS plannedYear, count(*) AS n
      FROM ${milestones} WHERE ${scope(milestones.projectId)}
     GROUP BY 1, 2, 3`);
  const achieved = milestoneGroups
    .filter((g) => g.status === 'achieved')
    .reduce((n, g) => n + g.n, 0);

  const byFundingArea = db.all<ChartRow>(sql`
    SELECT ${fundingAreas.slug} AS key, ${fundingAreas.name} AS name,
           count(DISTINCT ${projectFundingAreas.projectId}) AS value
      FROM ${projectFundingAreas}
      JOIN ${fundingAreas} ON ${fundingAreas.id} = ${projectFundingAreas.fundingAreaId}
     WHERE ${scope(projectFundingAreas.projectId)}
     GROUP BY ${fundingAreas.id} ORDER BY value DESC, name`);
  const byTopic = db.all<ChartRow>(sql`
    SELECT ${topics.slug} AS key, ${topics.name} AS name, ${topics.nameZh} AS nameZh,
           ${topics.nameDe} AS nameDe, count(DISTINCT ${projectTopics.projectId}) AS value
      FROM ${projectTopics}
      JOIN ${topics} ON ${topics.id} = ${projectTopics.topicId}
     WHERE ${scope(projectTopics.projectId)}
     GROUP BY ${topics.id} ORDER BY value DESC, name`);
  const byStatus = db.all<ChartRow>(sql`
    SELECT ${status} AS key, ${status} AS name, count(*) AS value
      FROM ${projects} WHERE ${w} GROUP BY 1 ORDER BY value DESC, key`);
  const byType: ChartRow[] = funding
    .map((f) => ({ key: f.type, name: f.type, value: f.projects }))
    .sort((a, b) => b.value - a.value || a.key.localeCompare(b.key));

  const byMinistry = ministryCounts(scope, ministries, db);

  const runningPerYear = countRunningPerYear(w, db);
  const milestoneStatus = countRows(milestoneGroups.map((g) => [g.status, g.n]));
  const achievedOverTime = milestonesOverTime(milestoneGroups);

  const provinceCounts = db.all<ChartRow>(sql`
    SELECT ${provinces.code} AS key, ${provinces.nameEn} AS name, ${provinces.nameZh} AS nameZh,
           count(DISTINCT reach.project_id) AS value
      FROM (${reachSql()}) reach JOIN ${provinces} ON ${provinces.code} = reach.code
     WHERE ${scope(sql`reach.project_id`)}
     GROUP BY ${provinces.code} ORDER BY value DESC, name`);

  return {
    kpis: {
      projects: totals.projects,
      active: totals.active ?? 0,
      provincesReached: provinceCounts.length,
      funding,
      milestones: {
        achieved,
        overdue: review.overdue,
        dueSoon: review['due-soon'],
        notReported: review['not-reported'],
      },
    },
    charts: {
      byFundingArea,
      byTopic,
      byStatus,
      byType,
      byMinistry,
      runningPerYear,
      milestoneStatus,
      achievedOverTime,
      topProvinces: provinceCounts.slice(0, 10),
    },
  };
}

/**
 * Projects running in each year: the published period overlaps the year (unknown dates never).
 * One pass groups the projects by first and last year; the years are then counted from those.
 */
function countRunningPerYear(w: SQL, db: Db): ChartRow[] {
  const spans = db.all<{ first: number; last: number; n: number }>(sql`
    SELECT CAST(substr(${projects.startsOn}, 1, 4) AS INTEGER) AS first,
           CAST(substr(${projects.endsOn}, 1, 4) AS INTEGER) AS last, count(*) AS n
      FROM ${projects}
     WHERE ${w} AND ${projects.startsOn} IS NOT NULL AND ${projects.endsOn} IS NOT NULL
     GROUP BY 1, 2`);
  const runningPerYear: ChartRow[] = [];
  if (spans.length > 0) {
    const from = Math.min(...spans.map((r) => r.first));
    const to = Math.max(...spans.map((r) => r.last));
    for (let year = from; year <= to; year++) {
      const value = spans
        .filter((r) => r.first <= year && r.last >= year)
        .reduce((n, r) => n + r.n, 0);
      runningPerYear.push({ key: String(year), name: String(year), value });
    }
  }
  return runningPerYear;
}

/** Milestones counted by status and by the years of their actual and planned dates. */
interface MilestoneGroup {
  status: string;
  actualYear: string | null;
  plannedYear: string | null;
  n: number;
}

/** Per year: milestones achieved (by actual date) next to those planned (by planned date). */
function milestonesOverTime(groups: MilestoneGroup[]): ChartRow[] {
  const perYear = (yearOf: (g: MilestoneGroup) => string | null | false) =>
    new Map(
      countRows(
        groups.flatMap((g) => {
          const year = yearOf(g);
          return year ? [[year, g.n] as [string, number]] : [];
        }),
      ).map((r) => [r.key, r.value]),
    );
  const achieved = perYear((g) => g.status === 'achieved' && g.actualYear);
  const planned = perYear((g) => g.status !== 'cancelled' && g.plannedYear);
  return [...new Set([...achieved.keys(), ...planned.keys()])].sort().map((year) => ({
    key: year,
    name: year,
    value: achieved.get(year) ?? 0,
    second: planned.get(year) ?? 0,
  }));
}

/** Sums counts by key, largest first (ties by key). */
function countRows(entries: [string, number][]): ChartRow[] {
  const totals = new Map<string, number>();
  for (const [key, n] of entries) totals.set(key, (totals.get(key) ?? 0) + n);
  return [...totals.entries()]
    .map(([key, value]) => ({ key, name: key, value }))
    .sort((a, b) => b.value - a.value || (a.key < b.key ? -1 : 1));
}

/**
 * Projects per commissioning ministry. Folded: under today's ministry, predecessors included
 * (BMUB and BMU count as BMUV), each project once per ministry. Stated: under the name the
 * source gives.
 */
function ministryCounts(
  scope: (projectId: SQLiteColumn) => SQL,
  counting: MinistryCounting,
  db: Db,
): ChartRow[] {
  const all = db
    .select({ id: organisations.id, ...organisationNameColumns })
    .from(organisations)
    .where(ministrySql)
    .all();
  const byId = new Map(all.map((m) => [m.id, m]));
  const links = db.all<{ projectId: number; organisationId: number }>(sql`
    SELECT DISTINCT ${projectOrganisations.projectId} AS projectId,
           ${projectOrganisations.organisationId} AS organisationId
      FROM ${projectOrganisations}
     WHERE ${projectOrganisations.role} = 'commissioning-ministry'
       AND ${scope(projectOrganisations.projectId)}`);
  const current = counting === 'folded' ? getCurrentOrganisationIds(db) : (id: number) => id;
  const projectsOf = new Map<number, Set<number>>();
  for (const link of links) {
    const id = current(link.organisationId);
    projectsOf.set(id, (projectsOf.get(id) ?? new Set()).add(link.projectId));
  }
  return [...projectsOf.entries()]
    .flatMap(([id, set]) => {
      const m = byId.get(id);
      if (!m) return [];
      return [
        {
          key: m.slug,
          name: m.acronym ? `${m.acronym} — ${m.name}` : m.name,
          nameZh: m.nameZh,
          nameDe: m.nameDe,
          short: m.acronym,
          value: set.size,
        },
      ];
    })
    .sort((a, b) => b.value - a.value || a.name.localeCompare(b.name));
}

export type Dashboard = ReturnType<typeof getDashboard>;
