import { type SQL, sql } from 'drizzle-orm';

import type { FacetOption, Facets, ProjectFilter } from './filter';
import { type Db, getDb } from '../db.server';
import {
  countries,
  fundingAreas,
  organisations,
  projectCountries,
  projectFundingAreas,
  projectOrganisations,
  projectTopics,
  projects,
  provinces,
  topics,
} from '../../../db/schema';
import { cachedQuery } from '../../../db/query-cache.server';
import {
  type FilterFacet,
  ministrySql,
  projectFilterSql,
  reachSql,
  statusSql,
} from './project-filter.server';
import { organisationLabel, organisationNameColumns } from '../../../db/columns.server';

/**
 * For every facet, how many projects each option gives with all the *other* filters applied
 * (what a user gets by ticking it). Options with no project are left out.
 */
export function getProjectFacets(filter: ProjectFilter, today: string, db: Db = getDb()): Facets {
  return cachedQuery(db, `facets:${today}:${JSON.stringify(filter)}`, () =>
    computeProjectFacets(filter, today, db),
  );
}

function computeProjectFacets(filter: ProjectFilter, today: string, db: Db): Facets {
  const where = (facet: FilterFacet) => projectFilterSql(filter, today, facet) ?? sql`1`;
  const grouped = (facet: FilterFacet, query: (w: SQL) => SQL) =>
    db.all<FacetOption>(query(where(facet))).filter((o) => o.count > 0);

  const ministryRows = db.all<{ organisationId: number; projectId: number }>(sql`
    SELECT DISTINCT ${projectOrganisations.organisationId} AS organisationId,
           ${projectOrganisations.projectId} AS projectId
      FROM ${projectOrganisations}
      JOIN ${organisations} ON ${organisations.id} = ${projectOrganisations.organisationId}
      JOIN ${projects} ON ${projects.id} = ${projectOrganisations.projectId}
     WHERE ${ministrySql} AND ${where('ministry')}`);
  const ministries = db
    .select({
      id: organisations.id,
      ...organisationNameColumns,
      successorId: organisations.successorId,
    })
    .from(organisations)
    .where(ministrySql)
    .all();
  // A project of BMU counts for BMU and for every successor (BMUV), as the filter folds them.
  const projectsOf = new Map<number, Set<number>>();
  for (const row of ministryRows) {
    let id: number | null = row.organisationId;
    const seen = new Set<number>();
    while (id !== null && !seen.has(id)) {
      seen.add(id);
      const set = projectsOf.get(id) ?? new Set<number>();
      set.add(row.projectId);
      projectsOf.set(id, set);
      id = ministries.find((m) => m.id === id)?.successorId ?? null;
    }
  }

  return {
    type: grouped(
      'type',
      (w) => sql`
      SELECT ${projects.type} AS value, ${projects.type} AS name, count(*) AS count
        FROM ${projects} WHERE ${w} GROUP BY ${projects.type} ORDER BY count DESC`,
    ),
    status: grouped(
      'status',
      (w) => sql`
      SELECT ${statusSql(today)} AS value, ${statusSql(today)} AS name, count(*) AS count
        FROM ${projects} WHERE ${w} GROUP BY 1 ORDER BY count DESC`,
    ),
    fundingArea: grouped(
      'fundingArea',
      (w) => sql`
      SELECT ${fundingAreas.slug} AS value, ${fundingAreas.name} AS name,
             count(DISTINCT ${projects.id}) AS count
        FROM ${fundingAreas}
        JOIN ${projectFundingAreas} ON ${projectFundingAreas.fundingAreaId} = ${fundingAreas.id}
        JOIN ${projects} ON ${projects.id} = ${projectFundingAreas.projectId}
       WHERE ${w} GROUP BY ${fundingAreas.id} ORDER BY count DESC, name`,
    ),
    topic: grouped(
      'topic',
      (w) => sql`
      SELECT ${topics.slug} AS value, ${topics.name} AS name, ${topics.nameZh} AS nameZh,
             ${topics.nameDe} AS nameDe, count(DISTINCT ${projects.id}) AS count
        FROM ${topics}
        JOIN ${projectTopics} ON ${projectTopics.topicId} = ${topics.id}
        JOIN ${projects} ON ${projects.id} = ${projectTopics.projectId}
       WHERE ${w} GROUP BY ${topics.id} ORDER BY count DESC, name`,
    ),
    province: grouped(
      'province',
      (w) => sql`
      SELECT ${provinces.code} AS value, ${provinces.nameEn} AS name, ${provinces.nameZh} AS nameZh,
             count(DISTINCT ${projects.id}) AS count
        FROM (${reachSql()}) reach
        JOIN ${provinces} ON ${provinces.code} = reach.code
        JOIN ${projects} ON ${projects.id} = reach.project_id
       WHERE ${w} GROUP BY ${provinces.code} ORDER BY count DESC, name`,
    ),
    country: grouped(
      'country',
      (w) => sql`
      SELECT ${countries.code} AS value, ${countries.code} AS name, count(DISTINCT ${projects.id}) AS count
        FROM ${projectCountries}
        JOIN ${countries} ON ${countries.code} = ${projectCountries.countryCode}
        JOIN ${projects} ON ${projects.id} = ${projectCountries.projectId}
       WHERE ${w} GROUP BY ${countries.code} ORDER BY count DESC, name`,
    ),
    ministry: ministries
      .map((m) => ({
        value: m.slug,
        name: m.acronym ? `${m.acronym} — ${m.name}` : m.name,
        nameZh: m.nameZh,
        nameDe: m.nameDe,
        count: projectsOf.get(m.id)?.size ?? 0,
      }))
      .filter((o) => o.count > 0)
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
    org: grouped(
      'org',
      (w) => sql`
      SELECT ${organisations.slug} AS value, ${organisationLabel} AS name,
             ${organisations.nameZh} AS nameZh, ${organisations.nameDe} AS nameDe,
             count(DISTINCT ${projects.id}) AS count
        FROM ${organisations}
        JOIN ${projectOrganisations} ON ${projectOrganisations.organisationId} = ${organisations.id}
        JOIN ${projects} ON ${projects.id} = ${projectOrganisations.projectId}
       WHERE ${w} GROUP BY ${organisations.id} ORDER BY count DESC, name`,
    ),
  };
}
