import { getEventFilterOptions, listEvents } from './events.server';
import type { Route } from './+types/api-events';
import { readApiParams, readPaging } from '../../core/filter/api-request.server';
import { SLUG, YEAR, oneOf } from '../../core/filter/param-rules';
import { EVENT_TYPES } from '../../../db/vocabulary';

const EVENT_PARAMS = { type: oneOf(EVENT_TYPES), year: YEAR, project: SLUG, org: SLUG };

/**
 * GET /api/events?type=&year=&project=&org=&page=&pageSize= — events, latest first, paged like
 * /api/projects (at 10 000 projects the whole list was 5 000 events). A malformed value is a 400
 * saying what the parameter must be; a well-formed one that no event has is an empty list.
 */
export function loader({ request }: Route.LoaderArgs) {
  const search = new URL(request.url).searchParams;
  const wanted = readApiParams(search, EVENT_PARAMS);
  if (wanted instanceof Response) return wanted;
  const paging = readPaging(search, 100);
  if (paging instanceof Response) return paging;
  const { page, pageSize } = paging;
  // Only values some event has reach the (cached) query: any other answers an empty list.
  const options = getEventFilterOptions();
  const matchesNothing =
    (wanted.type !== undefined && !options.types.includes(wanted.type)) ||
    (wanted.year !== undefined && !options.years.includes(wanted.year)) ||
    (wanted.project !== undefined && !options.projects.some((p) => p.slug === wanted.project)) ||
    (wanted.org !== undefined && !options.organisations.some((o) => o.slug === wanted.org));
  const events = matchesNothing ? [] : listEvents(wanted);
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
