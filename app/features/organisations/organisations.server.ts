import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';

import type { ProjectRole } from '../../../db/vocabulary';
import { type Db, getDb } from '../../core/db.server';
import {
  organisations,
  places,
  projectLocations,
  projectOrganisations,
  projects,
  sources,
} from '../../../db/schema';
import { originSql } from '../../core/filter/project-filter.server';
import { cachedQuery } from '../../../db/query-cache.server';
import {
  locationProvinceCode,
  organisationNameColumns,
  organisationShortName,
  projectNameColumns,
  projectStatusColumns,
  sourceColumns,
} from '../../../db/columns.server';

// Organisations as the pages, the network and the brief read them; the organisation form's
// queries and writes are in organisation-writes.server.ts.

export interface ProjectOrganisationLink {
  projectId: number;
  role: ProjectRole;
  slug: string;
  name: string;
  acronym: string | null;
  nameZh: string | null;
  nameDe: string | null;
  countryCode: string | null;
  isInternational: boolean;
  nameAsWritten: string | null;
  asStatedBy: string | null;
}

/** Every organisation linked to the given projects, with its role; one query for a whole page. */
export function listOrganisationsForProjects(
  projectIds: number[],
  roles?: ProjectRole[],
  db: Db = getDb(),
): ProjectOrganisationLink[] {
  if (projectIds.length === 0) return [];
  return db
    .select({
      projectId: projectOrganisations.projectId,
      role: projectOrganisations.role,
      ...organisationNameColumns,
      countryCode: organisations.countryCode,
      isInternational: organisations.isInternational,
      nameAsWritten: projectOrganisations.nameAsWritten,
      asStatedBy: projectOrganisations.asStatedBy,
    })
    .from(projectOrganisations)
    .innerJoin(organisations, eq(organisations.id, projectOrganisations.organisationId))
    .where(
      and(
        inArray(projectOrganisations.projectId, projectIds),
        roles ? inArray(projectOrganisations.role, roles) : undefined,
      ),
    )
    .orderBy(asc(organisations.name))
    .all();
}

/** Each project's implementing organisations as one short label ("GIZ, ICCT"), by project id. */
export function listImplementerLabels(db: Db = getDb()): Map<number, string> {
  const rows = db.all<{ projectId: number; label: string }>(sql`
    SELECT ${projectOrganisations.projectId} AS projectId,
           group_concat(${organisationShortName}, ', ') AS label
      FROM ${projectOrganisations}
      JOIN ${organisations} ON ${organisations.id} = ${projectOrganisations.organisationId}
     WHERE ${projectOrganisations.role} = 'implementing-organisation'
     GROUP BY ${projectOrganisations.projectId}`);
  return new Map(rows.map((r) => [r.projectId, r.label]));
}

/** What an organisation's line in a list shows, with the pointer to its successor. */
const organisationSummaryColumns = {
  id: organisations.id,
  ...organisationNameColumns,
  kind: organisations.kind,
  countryCode: organisations.countryCode,
  isInternational: organisations.isInternational,
  successorId: organisations.successorId,
  successionYear: organisations.successionYear,
};

export type OrganisationSummary = ReturnType<typeof listOrganisationSummaries>[number];

/**
 * Every organisation, with its projects counted together with its predecessors' (BMUV ← BMU).
 * Only IKI projects count; an organisation known only from imported IATI activities is left out.
 */
export function listOrganisationSummaries(db: Db = getDb()) {
  return cachedQuery(db, 'organisation-summaries', () => organisationSummaries(db));
}

function organisationSummaries(db: Db) {
  const importedOnly = sql`${organisations.id} IN (
    SELECT po.organisation_id FROM ${projectOrganisations} po
      JOIN ${projects} p ON p.id = po.project_id
     GROUP BY po.organisation_id HAVING max(p.origin = 'hub') = 0)`;
  const all = db
    .select(organisationSummaryColumns)
    .from(organisations)
    .where(sql`NOT ${importedOnly}`)
    .all();
  const links = db
    .selectDistinct({
      organisationId: projectOrganisations.organisationId,
      projectId: projectOrganisations.projectId,
    })
    .from(projectOrganisations)
    .innerJoin(projects, eq(projects.id, projectOrganisations.projectId))
    .where(originSql('hub'))
    .all();
  const own = new Map<number, Set<number>>();
  for (const l of links)
    own.set(l.organisationId, (own.get(l.organisationId) ?? new Set()).add(l.projectId));
  const predecessorsOf = new Map<number, number[]>();
  for (const o of all) {
    if (o.successorId !== null) {
      predecessorsOf.set(o.successorId, [...(predecessorsOf.get(o.successorId) ?? []), o.id]);
    }
  }
  const lineProjects = (id: number, seen = new Set<number>()): Set<number> => {
    seen.add(id);
    const set = new Set(own.get(id) ?? []);
    for (const p of predecessorsOf.get(id) ?? []) {
      if (!seen.has(p)) for (const x of lineProjects(p, seen)) set.add(x);
    }
    return set;
  };
  return all
    .map((o) => ({ ...o, projects: lineProjects(o.id).size }))
    .sort((a, b) => (a.acronym ?? a.name).localeCompare(b.acronym ?? b.name));
}

/**
 * An organisation's line: the organisation and every one it succeeded, directly or not, oldest
 * last (BMUV, BMU, BMUB).
 */
export function organisationLine(
  all: readonly { id: number; successorId: number | null }[],
  id: number,
): number[] {
  const line = [id];
  for (let i = 0; i < line.length; i++) {
    for (const o of all) if (o.successorId === line[i] && !line.includes(o.id)) line.push(o.id);
  }
  return line;
}

export function getOrganisation(slug: string, db: Db = getDb()) {
  const org = db
    .select({
      ...organisationSummaryColumns,
      aliases: organisations.aliases,
      successionNote: organisations.successionNote,
      nameZhNote: organisations.nameZhNote,
      ...sourceColumns,
    })
    .from(organisations)
    .leftJoin(sources, eq(sources.id, organisations.sourceId))
    .where(eq(organisations.slug, slug))
    .get();
  if (!org) return undefined;
  const all = db.select(organisationSummaryColumns).from(organisations).all();
  const byId = new Map(all.map((o) => [o.id, o]));
  const line = organisationLine(all, org.id);
  return {
    ...org,
    successor: org.successorId ? (byId.get(org.successorId) ?? null) : null,
    predecessors: line.slice(1).map((id) => byId.get(id)!),
    lineIds: line,
  };
}

/**
 * The IKI projects of an organisation line, with the role and the name under which each is
 * linked (imported IATI activities are not IKI projects).
 */
export function listOrganisationProjects(lineIds: number[], db: Db = getDb()) {
  if (lineIds.length === 0) return [];
  return db
    .select({
      projectId: projects.id,
      ...projectNameColumns,
      type: projects.type,
      ...projectStatusColumns,
      ikiFundingEur: projects.ikiFundingEur,
      role: projectOrganisations.role,
      viaSlug: organisations.slug,
      viaAcronym: organisations.acronym,
      viaName: organisations.name,
    })
    .from(projectOrganisations)
    .innerJoin(projects, eq(projects.id, projectOrganisations.projectId))
    .innerJoin(organisations, eq(organisations.id, projectOrganisations.organisationId))
    .where(and(inArray(projectOrganisations.organisationId, lineIds), originSql('hub')))
    .orderBy(asc(projects.startsOn), asc(projects.title))
    .all();
}

/**
 * Who works with whom: for each other organisation, how many projects it shares with the given
 * projects. Organisations of the line itself are left out.
 */
export function listCollaborators(projectIds: number[], lineIds: number[], db: Db = getDb()) {
  if (projectIds.length === 0) return [];
  const shared = sql<number>`count(DISTINCT ${projectOrganisations.projectId})`;
  return db
    .select({ ...organisationNameColumns, kind: organisations.kind, shared })
    .from(projectOrganisations)
    .innerJoin(organisations, eq(organisations.id, projectOrganisations.organisationId))
    .where(
      and(
        inArray(projectOrganisations.projectId, projectIds),
        sql`${organisations.id} NOT IN ${lineIds}`,
      ),
    )
    .groupBy(organisations.id)
    .orderBy(desc(shared), asc(organisations.name))
    .all();
}

/** Every pair of organisations that share IKI projects, with how many, most first. */
export function listOrganisationPairs(db: Db = getDb()) {
  return cachedQuery(db, 'organisation-pairs', () => organisationPairs(db));
}

function organisationPairs(db: Db) {
  return db.all<{ a: string; b: string; shared: number }>(sql`
    SELECT x.slug AS a, y.slug AS b, count(DISTINCT px.project_id) AS shared
      FROM ${projectOrganisations} px
      JOIN ${projectOrganisations} py ON py.project_id = px.project_id
       AND py.organisation_id > px.organisation_id
      JOIN ${organisations} x ON x.id = px.organisation_id
      JOIN ${organisations} y ON y.id = py.organisation_id
      JOIN ${projects} p ON p.id = px.project_id AND p.origin = 'hub'
     GROUP BY px.organisation_id, py.organisation_id
     ORDER BY shared DESC, a, b`);
}

/** Places (with coordinates) and provinces of the given projects: an organisation's footprint. */
export function listFootprint(projectIds: number[], db: Db = getDb()) {
  if (projectIds.length === 0) return { places: [], provinceCodes: [] };
  const rows = db
    .selectDistinct({
      name: places.nameEn,
      lat: places.lat,
      lon: places.lon,
      provinceCode: locationProvinceCode,
    })
    .from(projectLocations)
    .leftJoin(places, eq(places.id, projectLocations.placeId))
    .where(inArray(projectLocations.projectId, projectIds))
    .all();
  return {
    places: rows.flatMap((r) =>
      r.name && r.lat !== null && r.lon !== null ? [{ name: r.name, lat: r.lat, lon: r.lon }] : [],
    ),
    provinceCodes: [...new Set(rows.flatMap((r) => (r.provinceCode ? [r.provinceCode] : [])))],
  };
}

/** Organisations of the given projects, with how many of them each works on. */
export function listOrganisationsOfProjects(projectIds: number[], db: Db = getDb()) {
  return listCollaborators(projectIds, [-1], db);
}

/**
 * Today's name of every organisation: each id mapped to the end of its line of successors
 * (BMUB → BMU → BMUV), so a renamed ministry's work is counted once, under its current name.
 */
export function getCurrentOrganisationIds(db: Db = getDb()): (id: number) => number {
  const successorOf = new Map(
    db
      .select({ id: organisations.id, successorId: organisations.successorId })
      .from(organisations)
      .all()
      .map((o) => [o.id, o.successorId]),
  );
  return (id) => {
    const seen = new Set<number>();
    let current = id;
    while (successorOf.get(current) != null && !seen.has(current)) {
      seen.add(current);
      current = successorOf.get(current)!;
    }
    return current;
  };
}
