import { and, asc, eq, inArray, sql } from 'drizzle-orm';

import type { ProjectRole } from '../../app/lib/vocabulary';
import { type Db, getDb } from '../client.server';
import { organisations, projectOrganisations } from '../schema';

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
