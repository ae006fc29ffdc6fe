import { asc, eq, sql } from 'drizzle-orm';

import { PROJECT_ROLES } from '../../../db/vocabulary';
import { type Db, getDb } from '../../core/db.server';
import {
  countries,
  organisations,
  places,
  projectOrganisations,
  projects,
  provinces,
  topics,
} from '../../../db/schema';
import {
  organisationNameColumns,
  organisationOrder,
  projectNameColumns,
  topicNameColumns,
} from '../../../db/columns.server';
import { listProjectTopics } from './projects.server';
import { listProjectLocations } from './locations.server';

// A project's links to organisations (with their role), topics and locations, as the links page
// shows them and offers new ones; adding and removing them is project-link-writes.server.ts.

/** The project whose links the page edits, found by its URL slug. */
export function getProjectForLinks(slug: string, db: Db = getDb()) {
  return db
    .select({ id: projects.id, ...projectNameColumns })
    .from(projects)
    .where(eq(projects.slug, slug))
    .get();
}

/** Everything the project links to, with the names the page shows. */
export function listProjectLinks(projectId: number, db: Db = getDb()) {
  const organisationRows = db
    .select({
      ...organisationNameColumns,
      role: projectOrganisations.role,
      nameAsWritten: projectOrganisations.nameAsWritten,
      asStatedBy: projectOrganisations.asStatedBy,
    })
    .from(projectOrganisations)
    .innerJoin(organisations, eq(organisations.id, projectOrganisations.organisationId))
    .where(eq(projectOrganisations.projectId, projectId))
    .orderBy(organisationOrder)
    .all()
    // Roles in their fixed order (commissioning ministry first), as the project page lists them.
    .sort((a, b) => PROJECT_ROLES.indexOf(a.role) - PROJECT_ROLES.indexOf(b.role));
  return {
    organisations: organisationRows,
    topics: listProjectTopics(projectId, db),
    locations: listProjectLocations(projectId, db),
  };
}

export type ProjectLinks = ReturnType<typeof listProjectLinks>;

/** What the page's selects offer: every organisation, role, topic, place, province and country. */
export function listLinkChoices(db: Db = getDb()) {
  return {
    organisations: db
      .select({ id: organisations.id, ...organisationNameColumns })
      .from(organisations)
      .orderBy(organisationOrder)
      .all(),
    roles: PROJECT_ROLES,
    topics: db
      .select({ id: topics.id, ...topicNameColumns })
      .from(topics)
      .orderBy(asc(topics.name))
      .all(),
    places: db
      .select({
        id: places.id,
        slug: places.slug,
        nameEn: places.nameEn,
        nameZh: places.nameZh,
        provinceCode: places.provinceCode,
        lat: places.lat,
        lon: places.lon,
      })
      .from(places)
      .orderBy(sql`${places.nameEn} COLLATE NOCASE`, asc(places.id))
      .all(),
    provinces: db
      .select({ code: provinces.code, nameEn: provinces.nameEn, nameZh: provinces.nameZh })
      .from(provinces)
      .orderBy(asc(provinces.nameEn))
      .all(),
    countries: db
      .select({ code: countries.code })
      .from(countries)
      .orderBy(asc(countries.code))
      .all()
      .map((c) => c.code),
  };
}

export type LinkChoices = ReturnType<typeof listLinkChoices>;
