import { and, eq } from 'drizzle-orm';

import type { IatiActivity } from './read-types';
import { slugify } from '../../../db/slug';
import type { ProjectOrigin } from '../../../db/vocabulary';
import { type organisations, type places, projects } from '../../../db/schema';
import type { Tx } from '../../../db/writes.server';

/** The shape of a hub slug: our export names projects, places and organisations by one. */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export type Target =
  | { kind: 'existing'; id: number; origin: ProjectOrigin; slug: string }
  | { kind: 'new'; origin: ProjectOrigin; slug: string };

/** Which project the activity is (the round-trip rule in import.server.ts). */
export function findTarget(tx: Tx, a: IatiActivity, ownRef: string): Target {
  const prefix = `${ownRef}-`;
  if (a.identifier.startsWith(prefix)) {
    const slug = a.identifier.slice(prefix.length);
    if (SLUG.test(slug)) {
      const existing = tx
        .select({ id: projects.id, origin: projects.origin })
        .from(projects)
        .where(eq(projects.slug, slug))
        .get();
      if (existing?.origin === 'hub')
        return { kind: 'existing', id: existing.id, origin: 'hub', slug };
      if (!existing && a.reportingOrg.ref === ownRef) return { kind: 'new', origin: 'hub', slug };
    }
  }
  const imported = tx
    .select({ id: projects.id, origin: projects.origin, slug: projects.slug })
    .from(projects)
    .where(eq(projects.iatiIdentifier, a.identifier))
    .get();
  if (imported) return { kind: 'existing', ...imported };
  return {
    kind: 'new',
    origin: 'iati',
    slug: freeSlug(tx, slugify(a.identifier) || 'activity', projects),
  };
}

/** `base`, or base-2, base-3… whichever is not taken in the table. */
export function freeSlug(
  tx: Tx,
  base: string,
  table: typeof projects | typeof places | typeof organisations,
) {
  const cut = base.slice(0, 90).replace(/-+$/, '');
  for (let n = 1; ; n++) {
    const slug = n === 1 ? cut : `${cut}-${n}`;
    if (!tx.select({ slug: table.slug }).from(table).where(eq(table.slug, slug)).get()) return slug;
  }
}

/**
 * The project an identifier names, by the same rule: our own hub project by its slug, else the
 * imported activity of that identifier.
 */
export function projectByIdentifier(
  tx: Tx,
  identifier: string,
  ownRef: string,
): number | undefined {
  const prefix = `${ownRef}-`;
  if (identifier.startsWith(prefix)) {
    const hub = tx
      .select({ id: projects.id })
      .from(projects)
      .where(and(eq(projects.slug, identifier.slice(prefix.length)), eq(projects.origin, 'hub')))
      .get();
    if (hub) return hub.id;
  }
  return tx
    .select({ id: projects.id })
    .from(projects)
    .where(eq(projects.iatiIdentifier, identifier))
    .get()?.id;
}
