import { type SQL, and, asc, count, desc, eq, inArray, isNotNull, sql, sum } from 'drizzle-orm';

import { PAGE_SIZE, type ProjectSort, type SortDirection } from '../../app/lib/list-params';
import type { ProjectType } from '../../app/lib/vocabulary';
import { type Db, getDb } from '../client.server';
import { listProvinceReach } from './locations.server';
import { reachSql } from './project-filter.server';
import {
  countries,
  fundingAreas,
  organisations,
  places,
  projectCountries,
  projectFundingAreas,
  projectKeywords,
  projectLocations,
  projectOrganisations,
  projectSources,
  projectTopics,
  projects,
  provinces,
  sources,
  topics,
} from '../schema';

/** The columns a list row or a status needs. */
const summaryColumns = {
  id: projects.id,
  slug: projects.slug,
  title: projects.title,
  titleZh: projects.titleZh,
  titleDe: projects.titleDe,
  shortName: projects.shortName,
  type: projects.type,
  statusStated: projects.statusStated,
  statusSource: projects.statusSource,
  startDate: projects.startDate,
  startPrecision: projects.startPrecision,
  endDate: projects.endDate,
  endPrecision: projects.endPrecision,
  ikiFundingEur: projects.ikiFundingEur,
};

const SORT_COLUMNS: Record<ProjectSort, SQL> = {
  title: sql`${projects.title} COLLATE NOCASE`,
  start: sql`${projects.startsOn}`,
  end: sql`${projects.endsOn}`,
  funding: sql`${projects.ikiFundingEur}`,
};

export interface ListProjectsOptions {
  page: number;
  sort: ProjectSort;
  dir: SortDirection;
  pageSize?: number;
  /** A condition on `projects` from projectFilterSql(). */
  where?: SQL;
}

export function countProjects(where?: SQL, db: Db = getDb()): number {
  return db.select({ n: count() }).from(projects).where(where).get()?.n ?? 0;
}

/** One page of projects; unknown values sort last in either direction, ties by title. */
export function listProjects(
  { page, sort, dir, pageSize = PAGE_SIZE, where }: ListProjectsOptions,
  db: Db = getDb(),
) {
  const column = SORT_COLUMNS[sort];
  return db
    .select(summaryColumns)
    .from(projects)
    .where(where)
    .orderBy(
      sql`${column} IS NULL`,
      dir === 'asc' ? asc(column) : desc(column),
      sql`${projects.title} COLLATE NOCASE`,
      asc(projects.id),
    )
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
      .select(summaryColumns)
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
  return db.select(summaryColumns).from(projects).orderBy(asc(projects.id)).all();
}

export function getProject(slug: string, db: Db = getDb()) {
  const project = db
    .select({
      ...summaryColumns,
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
        .select({
          id: projects.id,
          slug: projects.slug,
          title: projects.title,
          titleZh: projects.titleZh,
          titleDe: projects.titleDe,
        })
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
    topics: db
      .select({
        slug: topics.slug,
        name: topics.name,
        nameZh: topics.nameZh,
        nameDe: topics.nameDe,
        reason: projectTopics.reason,
      })
      .from(projectTopics)
      .innerJoin(topics, eq(topics.id, projectTopics.topicId))
      .where(eq(projectTopics.projectId, project.id))
      .orderBy(asc(topics.name))
      .all(),
    keywords: db
      .select({ keyword: projectKeywords.keyword })
      .from(projectKeywords)
      .where(eq(projectKeywords.projectId, project.id))
      .orderBy(asc(projectKeywords.position))
      .all()
      .map((k) => k.keyword),
    locations: db
      .select({
        kind: projectLocations.kind,
        countryCode: projectLocations.countryCode,
        provinceCode: sql<
          string | null
        >`coalesce(${projectLocations.provinceCode}, ${places.provinceCode})`,
        provinceNameEn: provinces.nameEn,
        provinceNameZh: provinces.nameZh,
        placeSlug: places.slug,
        placeNameEn: places.nameEn,
        placeNameZh: places.nameZh,
        placeCountryCode: places.countryCode,
        lat: places.lat,
        lon: places.lon,
      })
      .from(projectLocations)
      .leftJoin(places, eq(places.id, projectLocations.placeId))
      .leftJoin(
        provinces,
        eq(provinces.code, sql`coalesce(${projectLocations.provinceCode}, ${places.provinceCode})`),
      )
      .where(eq(projectLocations.projectId, project.id))
      .orderBy(asc(projectLocations.id))
      .all(),
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

export interface FundingByType {
  type: ProjectType;
  projects: number;
  withKnownFunding: number;
  knownFundingEur: number;
}

/** The portfolio at a glance. Funding counts only amounts a source publishes. */
export function getPortfolioStats(db: Db = getDb()) {
  const byType: FundingByType[] = db
    .select({
      type: projects.type,
      projects: count(),
      withKnownFunding: count(projects.ikiFundingEur),
      knownFundingEur: sql<number>`coalesce(${sum(projects.ikiFundingEur)}, 0)`.mapWith(Number),
    })
    .from(projects)
    .groupBy(projects.type)
    .all();

  const reached = listProvinceReach(undefined, db)
    .filter((p) => p.projects > 0)
    .sort((x, y) => y.projects - x.projects || x.nameEn.localeCompare(y.nameEn));

  const nationWide =
    db
      .select({ n: sql<number>`count(DISTINCT ${projectLocations.projectId})` })
      .from(projectLocations)
      .where(and(eq(projectLocations.kind, 'country'), isNotNull(projectLocations.countryCode)))
      .get()?.n ?? 0;

  const countriesReached =
    db
      .select({ n: sql<number>`count(DISTINCT ${countries.code})` })
      .from(countries)
      .innerJoin(projectCountries, eq(projectCountries.countryCode, countries.code))
      .get()?.n ?? 0;

  return {
    totalProjects: byType.reduce((n, row) => n + row.projects, 0),
    byType,
    provincesReached: reached,
    nationWideProjects: nationWide,
    countriesReached,
  };
}

export type PortfolioStats = ReturnType<typeof getPortfolioStats>;

/** One row per filtered project for the CSV export: codes, and the lists joined with "; ". */
export function listProjectExportRows(where: SQL | undefined, db: Db = getDb()) {
  const orgs = (role: string) => sql<string | null>`(
    SELECT group_concat(coalesce(o.acronym, o.name), '; ') FROM ${projectOrganisations} po
      JOIN ${organisations} o ON o.id = po.organisation_id
     WHERE po.project_id = ${projects.id} AND po.role = ${role})`;
  return db
    .select({
      ...summaryColumns,
      ikiProjectNumber: projects.ikiProjectNumber,
      programme: projects.programme,
      fundingAreas: sql<string | null>`(
        SELECT group_concat(f.slug, '; ') FROM ${projectFundingAreas} pf
          JOIN ${fundingAreas} f ON f.id = pf.funding_area_id WHERE pf.project_id = ${projects.id})`,
      topics: sql<string | null>`(
        SELECT group_concat(t.slug, '; ') FROM ${projectTopics} pt
          JOIN ${topics} t ON t.id = pt.topic_id WHERE pt.project_id = ${projects.id})`,
      commissioningMinistries: orgs('commissioning-ministry'),
      politicalPartners: orgs('political-partner'),
      implementers: orgs('implementing-organisation'),
      provinces: sql<string | null>`(
        SELECT group_concat(code, '; ') FROM (
          SELECT DISTINCT code FROM (${reachSql()}) WHERE project_id = ${projects.id} ORDER BY code))`,
      countries: sql<string | null>`(
        SELECT group_concat(country_code, '; ') FROM ${projectCountries} WHERE project_id = ${projects.id})`,
    })
    .from(projects)
    .where(where)
    .orderBy(sql`${projects.title} COLLATE NOCASE`, asc(projects.id))
    .all();
}
