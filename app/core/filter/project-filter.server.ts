import { type SQL, and, eq, inArray, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';

import type { ProjectFilter } from './filter';
import { MINISTRY_KINDS, type ProjectOrigin } from '../../../db/vocabulary';
import {
  fundingAreas,
  milestones,
  organisations,
  places,
  projectCountries,
  projectFundingAreas,
  projectLocations,
  projectOrganisations,
  projectTopics,
  projects,
  topics,
} from '../../../db/schema';

/**
 * A project's status in SQL, the same rule as resolveStatus() in db/dates.ts: a stated
 * status wins; otherwise planned before the first day of the start period, completed after the
 * last day of the end period, ongoing in between, unknown without a start.
 */
export function statusSql(today: string): SQL<string> {
  return sql<string>`CASE
    WHEN ${projects.statusStated} IS NOT NULL THEN ${projects.statusStated}
    WHEN ${projects.startsOn} IS NOT NULL AND ${projects.startsOn} > ${today} THEN 'planned'
    WHEN ${projects.endsOn} IS NOT NULL AND ${projects.endsOn} < ${today} THEN 'completed'
    WHEN ${projects.startsOn} IS NOT NULL THEN 'ongoing'
    ELSE 'unknown' END`;
}

/** Projects reaching a province: they name it or hold a place in it. */
export function reachSql(): SQL {
  return sql`
    SELECT ${projectLocations.projectId} AS project_id, ${projectLocations.provinceCode} AS code
      FROM ${projectLocations} WHERE ${projectLocations.provinceCode} IS NOT NULL
    UNION
    SELECT ${projectLocations.projectId}, ${places.provinceCode}
      FROM ${projectLocations} JOIN ${places} ON ${places.id} = ${projectLocations.placeId}
     WHERE ${places.provinceCode} IS NOT NULL`;
}

/** Organisations that are ministries (German or Chinese). */
export const ministrySql: SQL = inArray(organisations.kind, MINISTRY_KINDS);

/** A ministry and every ministry it succeeded (BMUV → BMU → BMUB): one line of work. */
export function ministryLineSql(slugs: string[]): SQL {
  return sql`WITH RECURSIVE line(id) AS (
      SELECT ${organisations.id} FROM ${organisations} WHERE ${inArray(organisations.slug, slugs)}
      UNION
      SELECT o.id FROM ${organisations} o JOIN line ON o.successor_id = line.id)
    SELECT id FROM line`;
}

export type FilterFacet = keyof ProjectFilter;

/**
 * Projects of one origin: 'hub' is the IKI portfolio, 'iati' the activities imported from other
 * publishers. Every count or list of the portfolio that does not go through projectFilterSql()
 * uses originSql('hub') (or portfolioSql()), so imported activities never inflate IKI numbers.
 */
export function originSql(origin: ProjectOrigin): SQL {
  return eq(projects.origin, origin);
}

/** The condition for "the IKI portfolio" when a query is given no filter. */
export function portfolioSql(where?: SQL): SQL {
  return where ?? originSql('hub');
}

/**
 * `column IN (the projects `where` selects)`, for a row of a table that points at projects;
 * without `where`, the IKI portfolio's (portfolioSql).
 */
export function inPortfolioSql(column: SQLiteColumn | SQL, where?: SQL): SQL {
  return sql`${column} IN (SELECT ${projects.id} FROM ${projects} WHERE ${portfolioSql(where)})`;
}

/**
 * The WHERE condition on `projects` for a filter; `except` leaves one facet out (facet counts).
 * Several values of one parameter are alternatives; different parameters all apply.
 */
export function projectFilterSql(
  filter: ProjectFilter,
  today: string,
  except?: FilterFacet,
): SQL | undefined {
  const applies = (facet: FilterFacet) => facet !== except;
  // Always, whatever facet is left out: imported IATI activities are never IKI projects.
  const conditions: (SQL | undefined)[] = [originSql(filter.origin ?? 'hub')];
  if (applies('q') && filter.q) {
    // The search index answers `q` (searchProjectSlugs); an empty answer matches nothing.
    const slugs = filter.qMatches ?? [];
    conditions.push(slugs.length ? inArray(projects.slug, slugs) : sql`0`);
  }
  if (applies('type') && filter.type.length) conditions.push(inArray(projects.type, filter.type));
  if (applies('status') && filter.status.length) {
    conditions.push(sql`${statusSql(today)} IN ${filter.status}`);
  }
  if (applies('fundingArea') && filter.fundingArea.length) {
    conditions.push(sql`${projects.id} IN (
      SELECT ${projectFundingAreas.projectId} FROM ${projectFundingAreas}
        JOIN ${fundingAreas} ON ${fundingAreas.id} = ${projectFundingAreas.fundingAreaId}
       WHERE ${inArray(fundingAreas.slug, filter.fundingArea)})`);
  }
  if (applies('topic') && filter.topic.length) {
    conditions.push(sql`${projects.id} IN (
      SELECT ${projectTopics.projectId} FROM ${projectTopics}
        JOIN ${topics} ON ${topics.id} = ${projectTopics.topicId}
       WHERE ${inArray(topics.slug, filter.topic)})`);
  }
  if (applies('province') && filter.province.length) {
    conditions.push(
      sql`${projects.id} IN (SELECT project_id FROM (${reachSql()}) WHERE code IN ${filter.province})`,
    );
  }
  if (applies('country') && filter.country.length) {
    conditions.push(sql`${projects.id} IN (
      SELECT ${projectCountries.projectId} FROM ${projectCountries}
       WHERE ${inArray(projectCountries.countryCode, filter.country)})`);
  }
  if (applies('org') && filter.org.length) {
    conditions.push(sql`${projects.id} IN (
      SELECT ${projectOrganisations.projectId} FROM ${projectOrganisations}
        JOIN ${organisations} ON ${organisations.id} = ${projectOrganisations.organisationId}
       WHERE ${inArray(organisations.slug, filter.org)})`);
  }
  if (applies('ministry') && filter.ministry.length) {
    conditions.push(sql`${projects.id} IN (
      SELECT ${projectOrganisations.projectId} FROM ${projectOrganisations}
       WHERE ${projectOrganisations.organisationId} IN (${ministryLineSql(filter.ministry)}))`);
  }
  // Years the project runs in: its published period must overlap [from, to].
  if (applies('from') && filter.from !== undefined) {
    conditions.push(sql`${projects.endsOn} >= ${`${filter.from}-01-01`}`);
  }
  if (applies('to') && filter.to !== undefined) {
    conditions.push(sql`${projects.startsOn} <= ${`${filter.to}-12-31`}`);
  }
  if (applies('fundingMin') && filter.fundingMin !== undefined) {
    conditions.push(sql`${projects.ikiFundingEur} >= ${filter.fundingMin}`);
  }
  if (applies('overdue') && filter.overdue) {
    conditions.push(sql`${projects.id} IN (
      SELECT ${milestones.projectId} FROM ${milestones}
       WHERE ${milestones.isOpen} = 1 AND ${milestones.dueOn} < ${today})`);
  }
  if (applies('fundingMax') && filter.fundingMax !== undefined) {
    conditions.push(sql`${projects.ikiFundingEur} <= ${filter.fundingMax}`);
  }
  return and(...conditions);
}
