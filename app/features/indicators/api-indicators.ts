import { countFilteredIndicators, listFilteredIndicators } from './indicator-data.server';
import { indicatorJson } from './indicator-json';
import { INDICATOR_PARAMS } from './indicator-params';
import type { Route } from './+types/api-indicators';
import { readApiParams, readApiRequest } from '../../core/filter/api-request.server';

/**
 * GET /api/indicators?<filter>&standard=&unit=&page=&pageSize= — the indicators of the filtered
 * projects, paged, each with its project, periods and progress.
 */
export function loader({ request }: Route.LoaderArgs) {
  const api = readApiRequest(request);
  if (api instanceof Response) return api;
  const own = readApiParams(api.search, INDICATOR_PARAMS);
  if (own instanceof Response) return own;
  const selection = { where: api.where, ...own };
  const total = countFilteredIndicators(selection);
  const rows = listFilteredIndicators(selection, {
    limit: api.pageSize,
    offset: (api.page - 1) * api.pageSize,
  });
  return Response.json({
    total,
    page: api.page,
    pageSize: api.pageSize,
    pages: Math.max(1, Math.ceil(total / api.pageSize)),
    indicators: rows.map((row) => ({
      project: {
        slug: row.project.slug,
        title: row.project.title,
        titleZh: row.project.titleZh,
        titleDe: row.project.titleDe,
        url: `/projects/${row.project.slug}#indicators`,
      },
      ...indicatorJson(row),
    })),
  });
}
