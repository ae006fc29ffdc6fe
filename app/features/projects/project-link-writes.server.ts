import { type SQL, and, eq, sql } from 'drizzle-orm';
import type { SelectResultFields } from 'drizzle-orm/query-builders/select.types';
import type { SelectedFields } from 'drizzle-orm/sqlite-core';

import { en } from '../../core/i18n/locales/en';
import { countryName } from '../../core/format';
import type { ProjectRole } from '../../../db/vocabulary';
import { type Db, getDb } from '../../core/db.server';
import {
  countries,
  organisations,
  places,
  projectLocations,
  projectOrganisations,
  projectTopics,
  projects,
  provinces,
  topics,
} from '../../../db/schema';
import {
  type AuditSubject,
  type Tx,
  type WriteContext,
  afterWrite,
  diffFields,
  recordAudit,
} from '../../../db/writes.server';

// Adding and removing a project's links to organisations (with their role), topics and locations,
// as the links page does. Each add or remove is one transaction with its audit entry; the entry's
// label is written in English, like every other label in the log.

export type LinkWriter = Pick<WriteContext, 'at' | 'actor'>;

export type LinkResult = { ok: true } | { ok: false; reason: 'duplicate' | 'not-found' };

const DUPLICATE = { ok: false, reason: 'duplicate' } as const;
const NOT_FOUND = { ok: false, reason: 'not-found' } as const;

/** A location is one of three kinds, each pointing at its own table. */
export type LocationTarget =
  | { kind: 'place'; placeId: number }
  | { kind: 'province'; provinceCode: string }
  | { kind: 'country'; countryCode: string };

type LinkTable = typeof projectOrganisations | typeof projectTopics | typeof projectLocations;

/** One link of a project: its table, the condition that finds it there, and its audit entity. */
interface LinkPlace {
  entity: Extract<AuditSubject['entity'], `project-${string}`>;
  table: LinkTable;
  where: SQL | undefined;
}

/**
 * Adds a link: refused as not found when the project or what it points at (`label` is its English
 * name) does not exist, and as a duplicate when `where` already finds it; otherwise `insert` writes
 * it (returning the audit entry's entity id), recorded with `values`, in one transaction.
 */
function addLink(
  db: Db,
  projectId: number,
  who: LinkWriter,
  link: LinkPlace & {
    label: (tx: Tx) => string | undefined;
    values: Record<string, unknown>;
    insert: (tx: Tx) => number;
  },
): LinkResult {
  return writeLink(db, (tx) => {
    const label = link.label(tx);
    if (label === undefined || !projectExists(tx, projectId)) return NOT_FOUND;
    if (
      tx
        .select({ found: sql`1` })
        .from(link.table)
        .where(link.where)
        .get()
    )
      return DUPLICATE;
    const entityId = link.insert(tx);
    recordAudit(tx, {
      at: who.at,
      actor: who.actor,
      action: 'create',
      entity: link.entity,
      entityId,
      label,
      projectId,
      changes: diffFields(null, link.values),
    });
    return { ok: true };
  });
}

/**
 * Removes the link `where` finds (not found when there is none), recording the stored `columns`
 * it had, in one transaction.
 */
function removeLink<Columns extends SelectedFields>(
  db: Db,
  projectId: number,
  who: LinkWriter,
  link: LinkPlace & {
    columns: Columns;
    entityId: number;
    label: (tx: Tx, before: SelectResultFields<Columns>) => string;
  },
): LinkResult {
  return writeLink(db, (tx) => {
    const before = tx.select(link.columns).from(link.table).where(link.where).get() as
      SelectResultFields<Columns> | undefined;
    if (!before) return NOT_FOUND;
    tx.delete(link.table).where(link.where).run();
    recordAudit(tx, {
      at: who.at,
      actor: who.actor,
      action: 'delete',
      entity: link.entity,
      entityId: link.entityId,
      label: link.label(tx, before),
      projectId,
      changes: diffFields(before, null),
    });
    return { ok: true };
  });
}

const projectExists = (tx: Tx, projectId: number) =>
  !!tx.select({ id: projects.id }).from(projects).where(eq(projects.id, projectId)).get();

/** Runs one link write in a transaction and refreshes the caches only when it wrote. */
function writeLink(db: Db, write: (tx: Tx) => LinkResult): LinkResult {
  const result = db.transaction(write);
  if (result.ok) afterWrite(db);
  return result;
}

export interface OrganisationLink {
  organisationId: number;
  role: ProjectRole;
  nameAsWritten: string | null;
  asStatedBy: string | null;
}

function organisationLabel(tx: Tx, organisationId: number, role: ProjectRole) {
  const org = tx
    .select({ name: organisations.name, acronym: organisations.acronym })
    .from(organisations)
    .where(eq(organisations.id, organisationId))
    .get();
  return org ? `${org.acronym ?? org.name} — ${en.role[role]}` : undefined;
}

/** An organisation's link in one role. */
const organisationLink = (
  projectId: number,
  link: Pick<OrganisationLink, 'organisationId' | 'role'>,
): LinkPlace => ({
  entity: 'project-organisation',
  table: projectOrganisations,
  where: and(
    eq(projectOrganisations.projectId, projectId),
    eq(projectOrganisations.organisationId, link.organisationId),
    eq(projectOrganisations.role, link.role),
  ),
});

/** Links an organisation in a role; the same organisation in the same role is refused. */
export function addProjectOrganisation(
  projectId: number,
  link: OrganisationLink,
  who: LinkWriter,
  db: Db = getDb(),
): LinkResult {
  return addLink(db, projectId, who, {
    ...organisationLink(projectId, link),
    label: (tx) => organisationLabel(tx, link.organisationId, link.role),
    values: { ...link },
    insert: (tx) => {
      tx.insert(projectOrganisations)
        .values({ projectId, ...link })
        .run();
      return link.organisationId;
    },
  });
}

/** Unlinks an organisation from one role (its other roles on the project stay). */
export function removeProjectOrganisation(
  projectId: number,
  link: { organisationId: number; role: ProjectRole },
  who: LinkWriter,
  db: Db = getDb(),
): LinkResult {
  return removeLink(db, projectId, who, {
    ...organisationLink(projectId, link),
    columns: {
      organisationId: projectOrganisations.organisationId,
      role: projectOrganisations.role,
      nameAsWritten: projectOrganisations.nameAsWritten,
      asStatedBy: projectOrganisations.asStatedBy,
    },
    entityId: link.organisationId,
    label: (tx) => organisationLabel(tx, link.organisationId, link.role)!,
  });
}

const topicName = (tx: Tx, topicId: number) =>
  tx.select({ name: topics.name }).from(topics).where(eq(topics.id, topicId)).get()?.name;

/** A topic's tag on the project. */
const topicLink = (projectId: number, topicId: number): LinkPlace => ({
  entity: 'project-topic',
  table: projectTopics,
  where: and(eq(projectTopics.projectId, projectId), eq(projectTopics.topicId, topicId)),
});

/** Tags the project with a topic, with the reason in one sentence. */
export function addProjectTopic(
  projectId: number,
  link: { topicId: number; reason: string | null },
  who: LinkWriter,
  db: Db = getDb(),
): LinkResult {
  return addLink(db, projectId, who, {
    ...topicLink(projectId, link.topicId),
    label: (tx) => topicName(tx, link.topicId),
    values: { ...link },
    insert: (tx) => {
      tx.insert(projectTopics)
        .values({ projectId, ...link })
        .run();
      return link.topicId;
    },
  });
}

export function removeProjectTopic(
  projectId: number,
  topicId: number,
  who: LinkWriter,
  db: Db = getDb(),
): LinkResult {
  return removeLink(db, projectId, who, {
    ...topicLink(projectId, topicId),
    columns: { topicId: projectTopics.topicId, reason: projectTopics.reason },
    entityId: topicId,
    label: (tx) => topicName(tx, topicId)!,
  });
}

/** The stored columns of a location (the two that do not apply stay null). */
function locationColumns(target: LocationTarget) {
  return {
    kind: target.kind,
    placeId: target.kind === 'place' ? target.placeId : null,
    provinceCode: target.kind === 'province' ? target.provinceCode : null,
    countryCode: target.kind === 'country' ? target.countryCode : null,
  };
}

/** The English name of what a location points at, or undefined when that does not exist. */
function locationLabel(tx: Tx, target: LocationTarget): string | undefined {
  switch (target.kind) {
    case 'place':
      return tx
        .select({ name: places.nameEn })
        .from(places)
        .where(eq(places.id, target.placeId))
        .get()?.name;
    case 'province':
      return tx
        .select({ name: provinces.nameEn })
        .from(provinces)
        .where(eq(provinces.code, target.provinceCode))
        .get()?.name;
    case 'country':
      return tx
        .select({ code: countries.code })
        .from(countries)
        .where(eq(countries.code, target.countryCode))
        .get()
        ? countryName(target.countryCode, 'en')
        : undefined;
  }
}

/** Adds a place, a whole province or a whole country; one already listed is refused. */
export function addProjectLocation(
  projectId: number,
  target: LocationTarget,
  who: LinkWriter,
  db: Db = getDb(),
): LinkResult {
  const columns = locationColumns(target);
  return addLink(db, projectId, who, {
    entity: 'project-location',
    table: projectLocations,
    where: and(
      eq(projectLocations.projectId, projectId),
      eq(projectLocations.kind, target.kind),
      target.kind === 'place'
        ? eq(projectLocations.placeId, target.placeId)
        : target.kind === 'province'
          ? eq(projectLocations.provinceCode, target.provinceCode)
          : eq(projectLocations.countryCode, target.countryCode),
    ),
    label: (tx) => locationLabel(tx, target),
    values: columns,
    insert: (tx) =>
      tx
        .insert(projectLocations)
        .values({ projectId, ...columns })
        .returning({ id: projectLocations.id })
        .get().id,
  });
}

/** Removes one of the project's locations (by its id); a location of another project is not found. */
export function removeProjectLocation(
  projectId: number,
  locationId: number,
  who: LinkWriter,
  db: Db = getDb(),
): LinkResult {
  return removeLink(db, projectId, who, {
    entity: 'project-location',
    table: projectLocations,
    where: and(eq(projectLocations.id, locationId), eq(projectLocations.projectId, projectId)),
    columns: {
      kind: projectLocations.kind,
      placeId: projectLocations.placeId,
      provinceCode: projectLocations.provinceCode,
      countryCode: projectLocations.countryCode,
    },
    entityId: locationId,
    label: (tx, before) => {
      const target: LocationTarget =
        before.kind === 'place'
          ? { kind: 'place', placeId: before.placeId! }
          : before.kind === 'province'
            ? { kind: 'province', provinceCode: before.provinceCode! }
            : { kind: 'country', countryCode: before.countryCode! };
      return locationLabel(tx, target) ?? before.kind;
    },
  });
}
