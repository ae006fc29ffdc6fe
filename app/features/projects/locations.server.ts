import { type SQL, and, asc, eq, isNotNull, ne, sql } from 'drizzle-orm';

import { type Db, getDb } from '../../core/db.server';
import { locationProvinceCode } from '../../../db/columns.server';
import { cachedQuery, sqlKey } from '../../../db/query-cache.server';
import { projectTitleOrder } from '../../../db/columns.server';
import { inPortfolioSql, portfolioSql, reachSql } from '../../core/filter/project-filter.server';
import {
  countries,
  places,
  projectCountries,
  projectLocations,
  projects,
  provinces,
} from '../../../db/schema';

// Every function of the map takes a condition on `projects` from projectFilterSql(); without one
// it means the IKI portfolio (portfolioSql), never the imported IATI activities.

/** A project's locations in the order they were added, with the names of what they point at. */
export function listProjectLocations(projectId: number, db: Db = getDb()) {
  return db
    .select({
      id: projectLocations.id,
      kind: projectLocations.kind,
      countryCode: projectLocations.countryCode,
      provinceCode: locationProvinceCode,
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
    .leftJoin(provinces, eq(provinces.code, locationProvinceCode))
    .where(eq(projectLocations.projectId, projectId))
    .orderBy(asc(projectLocations.id))
    .all();
}

export interface ProvinceReach {
  code: string;
  nameEn: string;
  nameZh: string;
  labelLat: number;
  labelLon: number;
  projects: number;
  withKnownFunding: number;
  knownFundingEur: number;
}

/** Every province with the number of projects reaching it and their known funding (0 rows too). */
export function listProvinceReach(where?: SQL, db: Db = getDb()): ProvinceReach[] {
  // The costliest aggregate of the home page and the map (≈ 60 % of / at 10 000 projects, by
  // `npm run bench -- --cpu-prof`): cached like the facet counts until the data changes.
  return cachedQuery(db, `province-reach:${sqlKey(where)}`, () => provinceReach(where, db));
}

function provinceReach(where: SQL | undefined, db: Db): ProvinceReach[] {
  return db.all<ProvinceReach>(sql`
    WITH reach AS (${reachSql()} )
    SELECT ${provinces.code} AS code, ${provinces.nameEn} AS nameEn, ${provinces.nameZh} AS nameZh,
           ${provinces.labelLat} AS labelLat, ${provinces.labelLon} AS labelLon,
           count(${projects.id}) AS projects,
           count(${projects.ikiFundingEur}) AS withKnownFunding,
           coalesce(sum(${projects.ikiFundingEur}), 0) AS knownFundingEur
      FROM ${provinces}
      LEFT JOIN reach ON reach.code = ${provinces.code}
      LEFT JOIN ${projects} ON ${projects.id} = reach.project_id AND ${portfolioSql(where)}
     GROUP BY ${provinces.code}
     ORDER BY ${provinces.nameEn}`);
}

export function provinceExists(code: string, db: Db = getDb()): boolean {
  return !!db
    .select({ code: provinces.code })
    .from(provinces)
    .where(eq(provinces.code, code))
    .get();
}

/** Projects reaching a province (named, or with a place there), by title. */
export function listProjectIdsInProvince(code: string, where?: SQL, db: Db = getDb()): number[] {
  return db
    .all<{ id: number }>(
      sql`WITH reach AS (${reachSql()})
          SELECT DISTINCT ${projects.id} AS id FROM reach
            JOIN ${projects} ON ${projects.id} = reach.project_id
           WHERE reach.code = ${code} AND ${portfolioSql(where)}
           ORDER BY ${projectTitleOrder}`,
    )
    .map((r) => r.id);
}

/** Projects that work across the whole of China (not pinned anywhere). */
export function listNationWideProjectIds(where?: SQL, db: Db = getDb()): number[] {
  return cachedQuery(db, `nation-wide:${sqlKey(where)}`, () => nationWideProjectIds(where, db));
}

function nationWideProjectIds(where: SQL | undefined, db: Db): number[] {
  return db
    .selectDistinct({ id: projectLocations.projectId })
    .from(projectLocations)
    .innerJoin(projects, eq(projects.id, projectLocations.projectId))
    .where(
      and(
        eq(projectLocations.kind, 'country'),
        eq(projectLocations.countryCode, 'CN'),
        portfolioSql(where),
      ),
    )
    .orderBy(projectTitleOrder)
    .all()
    .map((r) => r.id);
}

/** Every project with at least one location or a country other than China, by title. */
export function listMappedProjectIds(where?: SQL, db: Db = getDb()): number[] {
  return cachedQuery(db, `mapped:${sqlKey(where)}`, () => mappedProjectIds(where, db));
}

function mappedProjectIds(where: SQL | undefined, db: Db): number[] {
  return db
    .all<{ id: number }>(
      sql`SELECT ${projects.id} AS id FROM ${projects}
           WHERE ${portfolioSql(where)} AND (EXISTS (SELECT 1 FROM ${projectLocations} WHERE ${projectLocations.projectId} = ${projects.id})
              OR EXISTS (SELECT 1 FROM ${projectCountries}
                          WHERE ${projectCountries.projectId} = ${projects.id} AND ${projectCountries.countryCode} <> 'CN'))
           ORDER BY ${projectTitleOrder}`,
    )
    .map((r) => r.id);
}

/** One row per (project, place with coordinates): the map's markers. */
export function listPlaceMarkers(where?: SQL, db: Db = getDb()) {
  return db
    .select({
      projectId: projectLocations.projectId,
      placeSlug: places.slug,
      nameEn: places.nameEn,
      nameZh: places.nameZh,
      lat: sql<number>`${places.lat}`,
      lon: sql<number>`${places.lon}`,
    })
    .from(projectLocations)
    .innerJoin(places, eq(places.id, projectLocations.placeId))
    .where(
      and(
        eq(projectLocations.kind, 'place'),
        isNotNull(places.lat),
        isNotNull(places.lon),
        inPortfolioSql(projectLocations.projectId, where),
      ),
    )
    .orderBy(asc(projectLocations.projectId), asc(places.id))
    .all();
}

/**
 * (project, province) pairs where the project names the province but has no mapped place in it:
 * such projects sit on the province itself.
 */
export function listProvinceOnlyLocations(where?: SQL, db: Db = getDb()) {
  return db.all<{ projectId: number; provinceCode: string }>(sql`
    SELECT pl.project_id AS projectId, pl.province_code AS provinceCode
      FROM ${projectLocations} pl
     WHERE pl.kind = 'province' AND ${inPortfolioSql(sql`pl.project_id`, where)}
       AND NOT EXISTS (
         SELECT 1 FROM ${projectLocations} other JOIN ${places} p ON p.id = other.place_id
          WHERE other.project_id = pl.project_id AND p.province_code = pl.province_code
            AND p.lat IS NOT NULL)
     ORDER BY pl.province_code, pl.project_id`);
}

/** Participating countries other than China (regional projects appear in each). */
export function listForeignCountryLinks(where?: SQL, db: Db = getDb()) {
  return db
    .select({
      projectId: projectCountries.projectId,
      countryCode: projectCountries.countryCode,
      numeric: countries.numeric,
    })
    .from(projectCountries)
    .innerJoin(countries, eq(countries.code, projectCountries.countryCode))
    .where(
      and(
        ne(projectCountries.countryCode, 'CN'),
        inPortfolioSql(projectCountries.projectId, where),
      ),
    )
    .orderBy(asc(projectCountries.projectId), asc(projectCountries.countryCode))
    .all();
}
