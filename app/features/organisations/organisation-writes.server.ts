import { type SQL, and, asc, count, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';

import type { OrganisationColumns } from './organisation-forms';
import { type Db, getDb } from '../../core/db.server';
import {
  countries,
  milestones,
  organisations,
  projectOrganisations,
  projects,
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
import { sourceOfWrite } from '../../../db/sources.server';
import { organisationNameColumns, organisationOrder } from '../../../db/columns.server';
import { organisationLine } from './organisations.server';
import { unlinkMilestones } from '../milestones/milestone-writes.server';

// The organisation form's queries (what it shows and offers) and its writes: create, update and
// delete, each with its audit entry.

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
