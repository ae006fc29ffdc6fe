import { getEventFilterOptions, listEvents } from './events.server';
import type { Route } from './+types/api-events';
import { apiError, readPaging } from '../../core/filter/api-request.server';

/**
 * GET /api/events?type=&year=&project=&org=&page=&pageSize= — events, latest first, paged like
 * /api/projects (at 10 000 projects the whole list was 5 000 events); an unknown value is a 400
 * naming it.
 */
export function loader({ request }: Route.LoaderArgs) {
  const search = new URL(request.url).searchParams;
  const options = getEventFilterOptions();
  const checks = {
    type: (v: string) => options.types.includes(v),
    year: (v: string) => /^\d{4}$/.test(v),
    project: (v: string) => options.projects.some((p) => p.slug === v),
    org: (v: string) => options.organisations.some((o) => o.slug === v),
  };
  for (const [name, ok] of Object.entries(checks)) {
    const value = search.get(name);
    if (value !== null && !ok(value))
      return apiError(400, `${name} has no events for this value`, name);
  }
  const paging = readPaging(search, 100);
  if (paging instanceof Response) return paging;
  const { page, pageSize } = paging;
  const events = listEvents({
    type: search.get('type') ?? undefined,
    year: search.get('year') ? Number(search.get('year')) : undefined,
    project: search.get('project') ?? undefined,
    org: search.get('org') ?? undefined,
  });
  return Response.json({
    total: events.length,
    page,
    pageSize,
    pages: Math.max(1, Math.ceil(events.length / pageSize)),
    events: events.slice((page - 1) * pageSize, page * pageSize).map(({ id: eventId, ...e }) => ({
      ...e,
      id: eventId,
      url: `/events/${e.slug}`,
    })),
  });
}
