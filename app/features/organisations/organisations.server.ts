import { type SQL, and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';

import type { OrganisationColumns } from './organisation-forms';
import type { ProjectRole } from '../../../db/vocabulary';
import { type Db, getDb } from '../../core/db.server';
import {
  countries,
  milestones,
  organisations,
  places,
  projectLocations,
  projectOrganisations,
  projects,
  sources,
  users,
} from '../../../db/schema';
import {
  type Tx,
  type WriteContext,
  createAudited,
  deleteVersioned,
  diffFields,
  recordAudit,
  saveVersioned,
} from '../../../db/writes.server';
import { originSql } from '../../core/filter/project-filter.server';
import { cachedQuery } from '../../../db/query-cache.server';
import { sourceOfWrite } from '../../../db/sources.server';
import { organisationNameColumns, organisationOrder } from '../../../db/columns.server';
import { unlinkMilestones } from '../milestones/milestone-writes.server';

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
    .select(organisationColumns)
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

// ── Writes ──────────────────────────────────────────────────────────────────────────────────────

const successorOrganisations = alias(organisations, 'successor_organisations');

/** What the organisation form edits, as stored, with its successor's slug. */
const organisationEditColumns = {
  id: organisations.id,
  version: organisations.version,
  ...organisationNameColumns,
  kind: organisations.kind,
  countryCode: organisations.countryCode,
  isInternational: organisations.isInternational,
  successor: successorOrganisations.slug,
  successionYear: organisations.successionYear,
};

function readOrganisationForEdit(db: Db | Tx, where: SQL) {
  return db
    .select(organisationEditColumns)
    .from(organisations)
    .leftJoin(successorOrganisations, eq(successorOrganisations.id, organisations.successorId))
    .where(where)
    .get();
}

/** An organisation as its edit form shows it, with its successor's slug. */
export function getOrganisationForEdit(slug: string, db: Db = getDb()) {
  return readOrganisationForEdit(db, eq(organisations.slug, slug));
}

/**
 * What the organisation form offers: countries and the organisations a successor can be. Editing
 * one (`id`), also the organisations it succeeded, directly or not: as its successor they would
 * make the line a loop.
 */
export function getOrganisationFormOptions(id: number | null, db: Db = getDb()) {
  const all = db
    .select({
      id: organisations.id,
      slug: organisations.slug,
      name: organisations.name,
      acronym: organisations.acronym,
      successorId: organisations.successorId,
    })
    .from(organisations)
    .orderBy(organisationOrder)
    .all();
  const predecessors = id === null ? [] : organisationLine(all, id).slice(1);
  return {
    countryCodes: db
      .select({ code: countries.code })
      .from(countries)
      .orderBy(asc(countries.code))
      .all()
      .map((c) => c.code),
    organisations: all.map(({ slug, name, acronym }) => ({ slug, name, acronym })),
    predecessorSlugs: all.filter((o) => predecessors.includes(o.id)).map((o) => o.slug),
  };
}

function organisationIdOf(tx: Tx, slug: string | null): number | null {
  if (!slug) return null;
  return (
    tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.slug, slug))
      .get()?.id ?? null
  );
}

/**
 * Saves the organisation form if the organisation is still at `version`. A changed Chinese name
 * takes the source the editor gave, or none, and loses the note that quoted the old one; a changed
 * successor loses the note on the old succession.
 */
export function updateOrganisation(
  id: number,
  version: number,
  values: OrganisationColumns,
  who: WriteContext,
  db: Db = getDb(),
) {
  return saveVersioned(db, who, {
    version,
    read: (tx) => readOrganisationForEdit(tx, eq(organisations.id, id)),
    next: () => values,
    write: (tx, next, nextVersion) => {
      const { successor, ...columns } = next as OrganisationColumns;
      const current = tx
        .select({ nameZh: organisations.nameZh, successorId: organisations.successorId })
        .from(organisations)
        .where(eq(organisations.id, id))
        .get()!;
      const successorId = organisationIdOf(tx, successor);
      const sourceId = sourceOfWrite(tx, who);
      const provenance: Partial<typeof organisations.$inferInsert> = {};
      if (current.nameZh !== columns.nameZh) {
        provenance.nameZhSourceId = columns.nameZh ? sourceId : null;
        provenance.nameZhNote = null;
      }
      if (current.successorId !== successorId) provenance.successionNote = null;
      tx.update(organisations)
        .set({ ...columns, successorId, ...provenance, version: nextVersion })
        .where(and(eq(organisations.id, id), eq(organisations.version, version)))
        .run();
    },
    audit: (current) => ({
      entity: 'organisation',
      entityId: id,
      label: values.name || current.name,
      projectId: null,
    }),
  });
}

/** Adds an organisation the hub team enters by hand; its source is the one the editor gave. */
export function createOrganisation(
  slug: string,
  values: OrganisationColumns,
  who: WriteContext,
  db: Db = getDb(),
): { id: number; slug: string } {
  const { successor, ...columns } = values;
  return createAudited(db, who, {
    insert: (tx) => {
      const sourceId = sourceOfWrite(tx, who);
      return tx
        .insert(organisations)
        .values({
          slug,
          ...columns,
          successorId: organisationIdOf(tx, successor),
          sourceId,
          nameZhSourceId: columns.nameZh ? sourceId : null,
        })
        .returning({ id: organisations.id, slug: organisations.slug })
        .get();
    },
    audit: () => ({
      entity: 'organisation',
      label: values.name,
      projectId: null,
      changes: diffFields(null, { slug, ...values }),
    }),
  });
}

const countAccounts = (db: Db | Tx, organisationId: number) =>
  db.select({ n: count() }).from(users).where(eq(users.organisationId, organisationId)).get()!.n;

/**
 * What deleting an organisation affects: the projects it is linked to, the milestones it is
 * responsible for, the accounts that belong to it and the organisations it succeeded.
 */
export function describeOrganisationReferences(id: number, db: Db = getDb()) {
  return {
    projects: db
      .selectDistinct({ slug: projects.slug, title: projects.title })
      .from(projectOrganisations)
      .innerJoin(projects, eq(projects.id, projectOrganisations.projectId))
      .where(eq(projectOrganisations.organisationId, id))
      .orderBy(asc(projects.title))
      .all(),
    milestones: db
      .select({ n: count() })
      .from(milestones)
      .where(eq(milestones.responsibleOrganisationId, id))
      .get()!.n,
    users: countAccounts(db, id),
    predecessors: db
      .select({
        slug: organisations.slug,
        name: organisations.name,
        acronym: organisations.acronym,
      })
      .from(organisations)
      .where(eq(organisations.successorId, id))
      .orderBy(asc(organisations.name))
      .all(),
  };
}

type DeletedOrganisation = NonNullable<ReturnType<typeof readOrganisationForEdit>>;

/** Removes the organisation's project links, each recorded in its project's history. */
function unlinkProjects(tx: Tx, who: WriteContext, organisation: DeletedOrganisation) {
  const { id } = organisation;
  const links = tx
    .select({
      projectId: projectOrganisations.projectId,
      slug: projects.slug,
      role: projectOrganisations.role,
    })
    .from(projectOrganisations)
    .innerJoin(projects, eq(projects.id, projectOrganisations.projectId))
    .where(eq(projectOrganisations.organisationId, id))
    .orderBy(asc(projects.slug))
    .all();
  for (const link of links) {
    recordAudit(tx, {
      at: who.at,
      actor: who.actor,
      action: 'delete',
      entity: 'project-organisation',
      entityId: id,
      label: organisation.acronym ?? organisation.name,
      projectId: link.projectId,
      changes: {
        organisation: { from: organisation.slug, to: null },
        role: { from: link.role, to: null },
      },
    });
  }
  tx.delete(projectOrganisations).where(eq(projectOrganisations.organisationId, id)).run();
  return [...new Set(links.map((l) => l.slug))];
}

/** The organisations it succeeded lose their successor (each with a new version and an entry). */
function endSuccessions(tx: Tx, who: WriteContext, organisation: DeletedOrganisation) {
  const predecessors = tx
    .select({
      id: organisations.id,
      slug: organisations.slug,
      name: organisations.name,
      version: organisations.version,
      successionYear: organisations.successionYear,
    })
    .from(organisations)
    .where(eq(organisations.successorId, organisation.id))
    .orderBy(asc(organisations.slug))
    .all();
  for (const p of predecessors) {
    tx.update(organisations)
      .set({
        successorId: null,
        successionYear: null,
        successionNote: null,
        version: p.version + 1,
      })
      .where(eq(organisations.id, p.id))
      .run();
    recordAudit(tx, {
      at: who.at,
      actor: who.actor,
      action: 'update',
      entity: 'organisation',
      entityId: p.id,
      label: p.name,
      projectId: null,
      changes: diffFields(
        { successor: organisation.slug, successionYear: p.successionYear },
        { successor: null, successionYear: null },
      ),
    });
  }
  return predecessors.map((p) => p.slug);
}

/**
 * Deletes an organisation, if still at `version`, with its project links. Milestones it was
 * responsible for and organisations it succeeded stay and lose the pointer (each with a new
 * version and a history entry, as each removed project link gets one in its project's history);
 * accounts of it stay without an organisation. All in one transaction: all of it or nothing.
 */
export function deleteOrganisation(
  id: number,
  version: number,
  who: WriteContext,
  db: Db = getDb(),
) {
  return deleteVersioned(db, who, {
    id,
    version,
    read: (tx) => readOrganisationForEdit(tx, eq(organisations.id, id)),
    remove: (tx, current) => {
      const linkedProjects = unlinkProjects(tx, who, current);
      const responsibleFor = unlinkMilestones(tx, who, 'responsibleOrganisationId', id);
      const accounts = countAccounts(tx, id);
      tx.update(users).set({ organisationId: null }).where(eq(users.organisationId, id)).run();
      const predecessors = endSuccessions(tx, who, current);
      tx.delete(organisations).where(eq(organisations.id, id)).run();
      return {
        entity: 'organisation',
        label: current.name,
        projectId: null,
        changes: {
          // diffFields leaves out id and version.
          ...diffFields(current, null),
          ...(linkedProjects.length ? { projects: { from: linkedProjects, to: [] } } : {}),
          ...(responsibleFor ? { milestones: { from: responsibleFor, to: 0 } } : {}),
          ...(accounts ? { users: { from: accounts, to: 0 } } : {}),
          ...(predecessors.length ? { predecessors: { from: predecessors, to: [] } } : {}),
        },
      };
    },
  });
}
