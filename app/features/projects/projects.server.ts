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
  or,
  sql,
  sum,
} from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';

import { PAGE_SIZE, type ProjectSort, type SortDirection } from '../../core/filter/list-params';
import type { ProjectColumns } from './project-forms';
import type { ProjectType } from '../../../db/vocabulary';
import { type Db, getDb } from '../../core/db.server';
import {
  type Tx,
  type WriteContext,
  createAudited,
  deleteVersioned,
  diffFields,
  saveVersioned,
} from '../../../db/writes.server';
import { listProvinceReach } from './locations.server';
import { originSql, portfolioSql, reachSql } from '../../core/filter/project-filter.server';
import { cachedQuery } from '../../../db/query-cache.server';
import { sourceOfWrite } from '../../../db/sources.server';
import { projectNameColumns } from '../../../db/columns.server';

/** The IATI importer records its writes with the same context as the hub's forms. */
export type { WriteContext } from '../../../db/writes.server';
import {
  countries,
  eventProjects,
  events,
  fundingAreas,
  milestones,
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
  progressUpdates,
  provinces,
  sources,
  topics,
} from '../../../db/schema';

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
  /** A condition on `projects` from projectFilterSql(); none: the IKI portfolio. */
  where?: SQL;
}

/** Projects matching `where`; without it, the IKI portfolio (never imported IATI activities). */
export function countProjects(where?: SQL, db: Db = getDb()): number {
  return db.select({ n: count() }).from(projects).where(portfolioSql(where)).get()?.n ?? 0;
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
    .where(portfolioSql(where))
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
      ...summaryColumns,
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
    .orderBy(sql`${projects.title} COLLATE NOCASE`, asc(projects.id))
    .all();
}

// ── Writes ──────────────────────────────────────────────────────────────────────────────────────

/** What the project form edits, as stored (and what a delete's audit entry keeps). */
const projectEditColumns = {
  id: projects.id,
  version: projects.version,
  ...projectNameColumns,
  shortName: projects.shortName,
  summary: projects.summary,
  summaryZh: projects.summaryZh,
  summaryDe: projects.summaryDe,
  type: projects.type,
  statusStated: projects.statusStated,
  statusSource: projects.statusSource,
  startDate: projects.startDate,
  startPrecision: projects.startPrecision,
  startsOn: projects.startsOn,
  endDate: projects.endDate,
  endPrecision: projects.endPrecision,
  endsOn: projects.endsOn,
  durationNotes: projects.durationNotes,
  ikiFundingEur: projects.ikiFundingEur,
  fundingNotes: projects.fundingNotes,
  programme: projects.programme,
  titleSourceId: projects.titleSourceId,
  titleZhSourceId: projects.titleZhSourceId,
  titleDeSourceId: projects.titleDeSourceId,
};

const readProjectForEdit = (db: Db | Tx, id: number) =>
  db.select(projectEditColumns).from(projects).where(eq(projects.id, id)).get();

/** A project as its edit form shows it. */
export function getProjectForEdit(slug: string, db: Db = getDb()) {
  return db.select(projectEditColumns).from(projects).where(eq(projects.slug, slug)).get();
}

const TITLE_SOURCES = [
  ['title', 'titleSourceId'],
  ['titleZh', 'titleZhSourceId'],
  ['titleDe', 'titleDeSourceId'],
] as const;

/** Links the write's source, if it has one, to the project's source list (once). */
function listSource(tx: Tx, projectId: number, sourceId: number | null) {
  if (sourceId === null) return;
  const last = tx
    .select({ n: count() })
    .from(projectSources)
    .where(eq(projectSources.projectId, projectId))
    .get()!.n;
  tx.insert(projectSources)
    .values({ projectId, sourceId, position: last + 1 })
    .onConflictDoNothing()
    .run();
}

/**
 * Saves the project form if the project is still at `version`. A changed title takes the source
 * the editor gave, or none (the history then shows who wrote it): a title never keeps a source
 * that did not say it.
 */
export function updateProject(
  id: number,
  version: number,
  values: ProjectColumns,
  who: WriteContext,
  db: Db = getDb(),
) {
  return saveVersioned(db, who, {
    version,
    read: (tx) => readProjectForEdit(tx, id),
    next: () => values,
    write: (tx, next, nextVersion) => {
      const current = readProjectForEdit(tx, id)!;
      const sourceId = sourceOfWrite(tx, who);
      listSource(tx, id, sourceId);
      const titleSources: Partial<Record<(typeof TITLE_SOURCES)[number][1], number | null>> = {};
      for (const [field, sourceField] of TITLE_SOURCES) {
        if (current[field] !== next[field])
          titleSources[sourceField] = next[field] ? sourceId : null;
      }
      tx.update(projects)
        .set({ ...(next as ProjectColumns), ...titleSources, version: nextVersion })
        .where(and(eq(projects.id, id), eq(projects.version, version)))
        .run();
    },
    audit: (current) => ({
      entity: 'project',
      entityId: id,
      label: values.title || current.title,
      projectId: id,
    }),
  });
}

/** Adds a project the hub team enters by hand; its facts' source is the one the editor gave. */
export function createProject(
  slug: string,
  values: ProjectColumns,
  who: WriteContext,
  db: Db = getDb(),
): { id: number; slug: string } {
  return createAudited(db, who, {
    insert: (tx) => {
      const sourceId = sourceOfWrite(tx, who);
      const row = tx
        .insert(projects)
        .values({
          slug,
          ...values,
          sourceId,
          titleSourceId: sourceId,
          titleZhSourceId: values.titleZh ? sourceId : null,
          titleDeSourceId: values.titleDe ? sourceId : null,
        })
        .returning({ id: projects.id, slug: projects.slug })
        .get();
      listSource(tx, row.id, sourceId);
      return row;
    },
    audit: (_tx, row) => ({
      entity: 'project',
      label: values.title,
      projectId: row.id,
      changes: diffFields(null, { slug, ...values }),
    }),
  });
}

/** What deleting a project takes with it, and what only loses a link to it. */
export function describeProjectReferences(id: number, db: Db | Tx = getDb()) {
  const n = (table: typeof milestones | typeof projectLocations, column: SQLiteColumn) =>
    db.select({ n: count() }).from(table).where(eq(column, id)).get()!.n;
  return {
    milestones: n(milestones, milestones.projectId),
    progressUpdates: db
      .select({ n: count() })
      .from(progressUpdates)
      .innerJoin(milestones, eq(milestones.id, progressUpdates.milestoneId))
      .where(eq(milestones.projectId, id))
      .get()!.n,
    locations: n(projectLocations, projectLocations.projectId),
    organisations: db
      .select({ n: count() })
      .from(projectOrganisations)
      .where(eq(projectOrganisations.projectId, id))
      .get()!.n,
    events: db
      .select({ title: events.title, slug: events.slug })
      .from(eventProjects)
      .innerJoin(events, eq(events.id, eventProjects.eventId))
      .where(eq(eventProjects.projectId, id))
      .all(),
    phases: db
      .select({ slug: projects.slug, title: projects.title })
      .from(projects)
      .where(or(eq(projects.predecessorId, id), eq(projects.successorId, id)))
      .all(),
  };
}

/**
 * Deletes a project with its milestones, progress log, locations and links, if still at
 * `version`. Events stay (they lose the link) and neighbouring phases lose their pointer. The
 * audit log keeps the project's values.
 */
export function deleteProject(id: number, version: number, who: WriteContext, db: Db = getDb()) {
  return deleteVersioned(db, who, {
    id,
    version,
    read: (tx) => readProjectForEdit(tx, id),
    remove: (tx, current) => {
      const affected = describeProjectReferences(id, tx);
      tx.update(projects).set({ predecessorId: null }).where(eq(projects.predecessorId, id)).run();
      tx.update(projects).set({ successorId: null }).where(eq(projects.successorId, id)).run();
      tx.delete(projects).where(eq(projects.id, id)).run();
      const { id: _id, version: _v, ...before } = current;
      return {
        entity: 'project',
        label: current.title,
        projectId: id,
        changes: {
          ...diffFields(before, null),
          milestones: { from: affected.milestones, to: 0 },
          events: { from: affected.events.map((e) => e.slug), to: [] },
        },
      };
    },
  });
}
