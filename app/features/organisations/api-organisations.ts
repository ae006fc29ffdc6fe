import { listOrganisationSummaries } from './organisations.server';

/** GET /api/organisations — every organisation with its kind and its projects (with predecessors). */
export function loader() {
  const all = listOrganisationSummaries();
  const slugOf = new Map(all.map((o) => [o.id, o.slug]));
  const organisations = all.map((o) => ({
    slug: o.slug,
    name: o.name,
    acronym: o.acronym,
    nameZh: o.nameZh,
    nameDe: o.nameDe,
    kind: o.kind,
    countryCode: o.countryCode,
    isInternational: o.isInternational,
    successor: o.successorId ? (slugOf.get(o.successorId) ?? null) : null,
    successionYear: o.successionYear,
    projects: o.projects,
    url: `/organisations/${o.slug}`,
  }));
  return Response.json({ total: organisations.length, organisations });
}
