import {
  type SQL,
  and,
  asc,
  count,
  desc,
  eq,
  getTableName,
  inArray,
  isNotNull,
  sql,
  sum,
} from 'drizzle-orm';

import { PAGE_SIZE, type ProjectSort, type SortDirection } from '../../core/filter/list-params';
import type { ProjectType } from '../../../db/vocabulary';
import { type Db, getDb } from '../../core/db.server';
import { listProjectLocations, listProvinceReach } from './locations.server';
import {
  originSql,
  portfolioSql,
  reachSql,
  statusSql,
} from '../../core/filter/project-filter.server';
import { cachedQuery } from '../../../db/query-cache.server';
import {
  projectNameColumns,
  projectSummaryColumns,
  projectTitleOrder,
  topicNameColumns,
} from '../../../db/columns.server';
import {
  countries,
  fundingAreas,
  organisations,
  projectCountries,
  projectFundingAreas,
  projectKeywords,
  projectLocations,
  projectOrganisations,
  projectSources,
  projectTopics,
  projects,
  sources,
  topics,
} from '../../../db/schema';

// The project list, one project's page and the portfolio's numbers; the project form's writes
// are in project-writes.server.ts.

const SORT_COLUMNS: Record<Exclude<ProjectSort, 'current'>, SQL> = {
  title: projectTitleOrder,
  start: sql`${projects.startsOn}`,
  end: sql`${projects.endsOn}`,
  funding: sql`${projects.ikiFundingEur}`,
};

export interface ListProjectsOptions {
  page: number;
  sort: ProjectSort;
  dir: SortDirection;
  /** The day a project's status is read against (for the sort 'current'). */
  today: string;
  pageSize?: number;
  /** A condition on `projects` from projectFilterSql(); none: the IKI portfolio. */
  where?: SQL;
}

/** Projects matching `where`; without it, the IKI portfolio (never imported IATI activities). */
export function countProjects(where?: SQL, db: Db = getDb()): number {
  return db.select({ n: count() }).from(projects).where(portfolioSql(where)).get()?.n ?? 0;
}

/** The ORDER BY of a sort: unknown values last in either direction, ties by title. */
function sortOrder(sort: ProjectSort, dir: SortDirection, today: string): SQL[] {
  if (sort === 'current') {
    // Ongoing first, then the newest start (none last), then the title; `dir` does not apply.
    return [
      sql`${statusSql(today)} <> 'ongoing'`,
      sql`${projects.startsOn} IS NULL`,
      desc(projects.startsOn),
      projectTitleOrder,
    ];
  }
  const column = SORT_COLUMNS[sort];
  return [sql`${column} IS NULL`, dir === 'asc' ? asc(column) : desc(column), projectTitleOrder];
}

/** One page of projects in the order of `sort`. */
export function listProjects(
  { page, sort, dir, today, pageSize = PAGE_SIZE, where }: ListProjectsOptions,
  db: Db = getDb(),
) {
  return db
    .select(projectSummaryColumns)
    .from(projects)
    .where(portfolioSql(where))
    .orderBy(...sortOrder(sort, dir, today), asc(projects.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all();
}

export type ProjectSummary = ReturnType<typeof listProjects>[number];

/** List rows for the given projects, in the order of the ids. */
export function listProjectsByIds(ids: number[], db: Db = getDb()): ProjectSummary[] {
  if (ids.length === 0) return [];
  const byId = new Map<number, ProjectSummary>();
  // Chunked: SQLite limits the number of bound variables.
  for (let i = 0; i < ids.length; i += 500) {
    for (const row of db
      .select(projectSummaryColumns)
      .from(projects)
      .where(inArray(projects.id, ids.slice(i, i + 500)))
      .all()) {
      byId.set(row.id, row);
    }
  }
  return ids.map((id) => byId.get(id)).filter((p): p is ProjectSummary => !!p);
}

/** Every project's list row, for the map's popups. */
export function listAllProjectSummaries(db: Db = getDb()): ProjectSummary[] {
  return db.select(projectSummaryColumns).from(projects).orderBy(asc(projects.id)).all();
}

export function getProject(slug: string, db: Db = getDb()) {
  const project = db
    .select({
      ...projectSummaryColumns,
      ikiProjectNumber: projects.ikiProjectNumber,
      otherProjectNumbers: projects.otherProjectNumbers,
      titleZhNote: projects.titleZhNote,
      titleSourceId: projects.titleSourceId,
      titleDeSourceId: projects.titleDeSourceId,
      titleZhSourceId: projects.titleZhSourceId,
      summary: projects.summary,
      summaryZh: projects.summaryZh,
      summaryDe: projects.summaryDe,
      summaryTranslatedBy: projects.summaryTranslatedBy,
      scope: projects.scope,
      locationNotes: projects.locationNotes,
      durationNotes: projects.durationNotes,
      fundingNotes: projects.fundingNotes,
      programme: projects.programme,
      programmeNote: projects.programmeNote,
      origin: projects.origin,
      iatiIdentifier: projects.iatiIdentifier,
      publisherRef: projects.publisherRef,
      publisherName: projects.publisherName,
      predecessorId: projects.predecessorId,
      successorId: projects.successorId,
      unverified: projects.unverified,
    })
    .from(projects)
    .where(eq(projects.slug, slug))
    .get();
  if (!project) return undefined;

  const phaseIds = [project.predecessorId, project.successorId].filter((x): x is number => !!x);
  const phases = phaseIds.length
    ? db
        .select({ id: projects.id, ...projectNameColumns })
        .from(projects)
        .where(inArray(projects.id, phaseIds))
        .all()
    : [];

  return {
    ...project,
    predecessor: phases.find((p) => p.id === project.predecessorId) ?? null,
    successor: phases.find((p) => p.id === project.successorId) ?? null,
    countries: db
      .select({ code: projectCountries.countryCode, note: projectCountries.note })
      .from(projectCountries)
      .where(eq(projectCountries.projectId, project.id))
      .orderBy(sql`${projectCountries.countryCode} <> 'CN'`, asc(projectCountries.countryCode))
      .all(),
    fundingAreas: db
      .select({
        slug: fundingAreas.slug,
        name: fundingAreas.name,
        isInferred: projectFundingAreas.isInferred,
      })
      .from(projectFundingAreas)
      .innerJoin(fundingAreas, eq(fundingAreas.id, projectFundingAreas.fundingAreaId))
      .where(eq(projectFundingAreas.projectId, project.id))
      .orderBy(asc(fundingAreas.name))
      .all(),
    topics: listProjectTopics(project.id, db),
    keywords: db
      .select({ keyword: projectKeywords.keyword })
      .from(projectKeywords)
      .where(eq(projectKeywords.projectId, project.id))
      .orderBy(asc(projectKeywords.position))
      .all()
      .map((k) => k.keyword),
    locations: listProjectLocations(project.id, db).map(({ id: _id, ...location }) => location),
    sources: db
      .select({
        id: sources.id,
        url: sources.url,
        title: sources.title,
        publisher: sources.publisher,
        asOf: sources.asOf,
        asOfPrecision: sources.asOfPrecision,
        retrievedOn: sources.retrievedOn,
        note: sources.note,
      })
      .from(projectSources)
      .innerJoin(sources, eq(sources.id, projectSources.sourceId))
      .where(eq(projectSources.projectId, project.id))
      .orderBy(asc(projectSources.position))
      .all(),
  };
}

export type ProjectDetail = NonNullable<ReturnType<typeof getProject>>;

/** A project's topics by name, each with the reason it is tagged. */
export function listProjectTopics(projectId: number, db: Db = getDb()) {
  return db
    .select({ ...topicNameColumns, reason: projectTopics.reason })
    .from(projectTopics)
    .innerJoin(topics, eq(topics.id, projectTopics.topicId))
    .where(eq(projectTopics.projectId, projectId))
    .orderBy(asc(topics.name))
    .all();
}

export interface FundingByType {
  type: ProjectType;
  projects: number;
  withKnownFunding: number;
  knownFundingEur: number;
}

/**
 * The portfolio at a glance. Funding counts only amounts a source publishes. Imported IATI
 * activities are not IKI projects and count nowhere here.
 */
export function getPortfolioStats(db: Db = getDb()) {
  // Four scans of the portfolio, the same for every reader until the data changes.
  return cachedQuery(db, 'portfolio-stats', () => portfolioStats(db));
}

function portfolioStats(db: Db) {
  const hub = originSql('hub');
  const byType: FundingByType[] = db
    .select({
      type: projects.type,
      projects: count(),
      withKnownFunding: count(projects.ikiFundingEur),
      knownFundingEur: sql<number>`coalesce(${sum(projects.ikiFundingEur)}, 0)`.mapWith(Number),
    })
    .from(projects)
    .where(hub)
    .groupBy(projects.type)
    .all();

  const reached = listProvinceReach(undefined, db)
    .filter((p) => p.projects > 0)
    .sort((x, y) => y.projects - x.projects || x.nameEn.localeCompare(y.nameEn));

  const nationWide =
    db
      .select({ n: sql<number>`count(DISTINCT ${projectLocations.projectId})` })
      .from(projectLocations)
      .innerJoin(projects, eq(projects.id, projectLocations.projectId))
      .where(
        and(eq(projectLocations.kind, 'country'), isNotNull(projectLocations.countryCode), hub),
      )
      .get()?.n ?? 0;

  const countriesReached =
    db
      .select({ n: sql<number>`count(DISTINCT ${countries.code})` })
      .from(countries)
      .innerJoin(projectCountries, eq(projectCountries.countryCode, countries.code))
      .innerJoin(projects, eq(projects.id, projectCountries.projectId))
      .where(hub)
      .get()?.n ?? 0;

  return {
    totalProjects: byType.reduce((n, row) => n + row.projects, 0),
    byType,
    provincesReached: reached,
    nationWideProjects: nationWide,
    countriesReached,
  };
}

export type PortfolioStats = ReturnType<typeof portfolioStats>;

/**
 * The outer row's project id, spelled out. In a select from one table drizzle writes columns bare
 * (`"id"`), and inside a subquery a bare `id` is the inner tables' own: every project's export
 * row then listed the same organisations, funding areas and topics.
 */
const OUTER_PROJECT_ID = sql`${sql.identifier(getTableName(projects))}.${sql.identifier(projects.id.name)}`;

/** One row per filtered project for the CSV export: codes, and the lists joined with "; ". */
export function listProjectExportRows(where: SQL | undefined, db: Db = getDb()) {
  const orgs = (role: string) => sql<string | null>`(
    SELECT group_concat(coalesce(o.acronym, o.name), '; ') FROM ${projectOrganisations} po
      JOIN ${organisations} o ON o.id = po.organisation_id
     WHERE po.project_id = ${OUTER_PROJECT_ID} AND po.role = ${role})`;
  return db
    .select({
      ...projectSummaryColumns,
      ikiProjectNumber: projects.ikiProjectNumber,
      programme: projects.programme,
      fundingAreas: sql<string | null>`(
        SELECT group_concat(f.slug, '; ') FROM ${projectFundingAreas} pf
          JOIN ${fundingAreas} f ON f.id = pf.funding_area_id WHERE pf.project_id = ${OUTER_PROJECT_ID})`,
      topics: sql<string | null>`(
        SELECT group_concat(t.slug, '; ') FROM ${projectTopics} pt
          JOIN ${topics} t ON t.id = pt.topic_id WHERE pt.project_id = ${OUTER_PROJECT_ID})`,
      commissioningMinistries: orgs('commissioning-ministry'),
      politicalPartners: orgs('political-partner'),
      implementers: orgs('implementing-organisation'),
      provinces: sql<string | null>`(
        SELECT group_concat(code, '; ') FROM (
          SELECT DISTINCT code FROM (${reachSql()}) WHERE project_id = ${OUTER_PROJECT_ID} ORDER BY code))`,
      countries: sql<string | null>`(
        SELECT group_concat(country_code, '; ') FROM ${projectCountries} WHERE project_id = ${OUTER_PROJECT_ID})`,
    })
    .from(projects)
    .where(portfolioSql(where))
    .orderBy(projectTitleOrder, asc(projects.id))
    .all();
}
