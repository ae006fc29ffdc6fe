import { countProjects, listProjects } from './projects.server';
import { resolveStatus } from '../../../db/dates';
import type { Route } from './+types/api-projects';
import { readApiRequest } from '../../core/filter/api-request.server';

/** GET /api/projects?<filter>&page=&pageSize= — the filtered projects, paged, with the total. */
export function loader({ request }: Route.LoaderArgs) {
  const api = readApiRequest(request);
  if (api instanceof Response) return api;
  const total = countProjects(api.where);
  const rows = listProjects({
    page: api.page,
    pageSize: api.pageSize,
    sort: 'title',
    dir: 'asc',
    today: api.today,
    where: api.where,
  });
  return Response.json({
    total,
    page: api.page,
    pageSize: api.pageSize,
    pages: Math.max(1, Math.ceil(total / api.pageSize)),
    projects: rows.map((p) => ({
      slug: p.slug,
      title: p.title,
      titleZh: p.titleZh,
      titleDe: p.titleDe,
      shortName: p.shortName,
      type: p.type,
      status: resolveStatus(p, api.today).status,
      startDate: p.startDate,
      startPrecision: p.startPrecision,
      endDate: p.endDate,
      endPrecision: p.endPrecision,
      ikiFundingEur: p.ikiFundingEur,
      url: `/projects/${p.slug}`,
    })),
  });
}
