import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';

import type { ProjectRole } from '../../app/lib/vocabulary';
import { type Db, getDb } from '../client.server';
import {
  organisations,
  places,
  projectLocations,
  projectOrganisations,
  projects,
  sources,
} from '../schema';

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
      slug: organisations.slug,
      name: organisations.name,
      acronym: organisations.acronym,
      nameZh: organisations.nameZh,
      nameDe: organisations.nameDe,
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
           group_concat(coalesce(${organisations.acronym}, ${organisations.name}), ', ') AS label
      FROM ${projectOrganisations}
      JOIN ${organisations} ON ${organisations.id} = ${projectOrganisations.organisationId}
     WHERE ${projectOrganisations.role} = 'implementing-organisation'
     GROUP BY ${projectOrganisations.projectId}`);
  return new Map(rows.map((r) => [r.projectId, r.label]));
}

/** Organisations to pick from in a form: the project's own first, then all the others. */
export function listOrganisationChoices(projectId: number, db: Db = getDb()) {
  const linked = sql<number>`${organisations.id} IN (
    SELECT ${projectOrganisations.organisationId} FROM ${projectOrganisations}
     WHERE ${projectOrganisations.projectId} = ${projectId})`;
  return db
    .select({
      id: organisations.id,
      slug: organisations.slug,
      name: organisations.name,
      acronym: organisations.acronym,
      nameZh: organisations.nameZh,
      isLinked: sql<boolean>`${linked}`.mapWith(Boolean),
    })
    .from(organisations)
    .orderBy(
      sql`${linked} DESC`,
      sql`coalesce(${organisations.acronym}, ${organisations.name}) COLLATE NOCASE`,
    )
    .all();
}

const organisationColumns = {
  id: organisations.id,
  slug: organisations.slug,
  name: organisations.name,
  acronym: organisations.acronym,
  nameZh: organisations.nameZh,
  nameDe: organisations.nameDe,
  kind: organisations.kind,
  countryCode: organisations.countryCode,
  isInternational: organisations.isInternational,
  successorId: organisations.successorId,
  successionYear: organisations.successionYear,
};

export type OrganisationSummary = ReturnType<typeof listOrganisationSummaries>[number];

/** Every organisation, with its projects counted together with its predecessors' (BMUV ← BMU). */
export function listOrganisationSummaries(db: Db = getDb()) {
  const all = db.select(organisationColumns).from(organisations).all();
  const links = db
    .selectDistinct({
      organisationId: projectOrganisations.organisationId,
      projectId: projectOrganisations.projectId,
    })
    .from(projectOrganisations)
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

export function getOrganisation(slug: string, db: Db = getDb()) {
  const org = db
    .select({
      ...organisationColumns,
      aliases: organisations.aliases,
      successionNote: organisations.successionNote,
      nameZhNote: organisations.nameZhNote,
      sourceUrl: sources.url,
      sourceTitle: sources.title,
    })
    .from(organisations)
    .leftJoin(sources, eq(sources.id, organisations.sourceId))
    .where(eq(organisations.slug, slug))
    .get();
  if (!org) return undefined;
  const all = db.select(organisationColumns).from(organisations).all();
  const byId = new Map(all.map((o) => [o.id, o]));
  // The line: this organisation and every one it succeeded, oldest last.
  const line = [org.id];
  for (let i = 0; i < line.length; i++) {
    for (const o of all) if (o.successorId === line[i] && !line.includes(o.id)) line.push(o.id);
  }
  return {
    ...org,
    successor: org.successorId ? (byId.get(org.successorId) ?? null) : null,
    predecessors: line.slice(1).map((id) => byId.get(id)!),
    lineIds: line,
  };
}

/** The projects of an organisation line, with the role and the name under which each is linked. */
export function listOrganisationProjects(lineIds: number[], db: Db = getDb()) {
  if (lineIds.length === 0) return [];
  return db
    .select({
      projectId: projects.id,
      slug: projects.slug,
      title: projects.title,
      titleZh: projects.titleZh,
      titleDe: projects.titleDe,
      type: projects.type,
      statusStated: projects.statusStated,
      statusSource: projects.statusSource,
      startDate: projects.startDate,
      startPrecision: projects.startPrecision,
      endDate: projects.endDate,
      endPrecision: projects.endPrecision,
      ikiFundingEur: projects.ikiFundingEur,
      role: projectOrganisations.role,
      viaSlug: organisations.slug,
      viaAcronym: organisations.acronym,
      viaName: organisations.name,
    })
    .from(projectOrganisations)
    .innerJoin(projects, eq(projects.id, projectOrganisations.projectId))
    .innerJoin(organisations, eq(organisations.id, projectOrganisations.organisationId))
    .where(inArray(projectOrganisations.organisationId, lineIds))
    .orderBy(asc(projects.startsOn), asc(projects.title))
    .all();
}

/**
 * Who works with whom: for each other organisation, how many projects it shares with the given
 * projects. Organisations of the line itself are left out.
 */
export function listCollaborators(projectIds: number[], lineIds: number[], db: Db = getDb()) {
  if (projectIds.length === 0) return [];
  return db
    .select({
      slug: organisations.slug,
      name: organisations.name,
      acronym: organisations.acronym,
      nameZh: organisations.nameZh,
      nameDe: organisations.nameDe,
      kind: organisations.kind,
      shared: sql<number>`count(DISTINCT ${projectOrganisations.projectId})`,
    })
    .from(projectOrganisations)
    .innerJoin(organisations, eq(organisations.id, projectOrganisations.organisationId))
    .where(
      and(
        inArray(projectOrganisations.projectId, projectIds),
        sql`${organisations.id} NOT IN ${lineIds}`,
      ),
    )
    .groupBy(organisations.id)
    .orderBy(desc(sql`count(DISTINCT ${projectOrganisations.projectId})`), asc(organisations.name))
    .all();
}

/** Every pair of organisations that share projects, with how many, most first. */
export function listOrganisationPairs(db: Db = getDb()) {
  return db.all<{ a: string; b: string; shared: number }>(sql`
    SELECT x.slug AS a, y.slug AS b, count(DISTINCT px.project_id) AS shared
      FROM ${projectOrganisations} px
      JOIN ${projectOrganisations} py ON py.project_id = px.project_id
       AND py.organisation_id > px.organisation_id
      JOIN ${organisations} x ON x.id = px.organisation_id
      JOIN ${organisations} y ON y.id = py.organisation_id
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
      provinceCode: sql<
        string | null
      >`coalesce(${projectLocations.provinceCode}, ${places.provinceCode})`,
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
