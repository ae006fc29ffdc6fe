import { countFilteredMilestones, listFilteredMilestones } from './milestones.server';
import { markerKind } from './progress';
import type { Route } from './+types/api-milestones';
import { readApiRequest } from '../../core/filter/api-request.server';

/** GET /api/milestones?<filter>&page=&pageSize= — milestones of the filtered projects. */
export function loader({ request }: Route.LoaderArgs) {
  const api = readApiRequest(request, 100);
  if (api instanceof Response) return api;
  const total = countFilteredMilestones(api.where);
  const rows = listFilteredMilestones(api.where, {
    limit: api.pageSize,
    offset: (api.page - 1) * api.pageSize,
  });
  return Response.json({
    total,
    page: api.page,
    pageSize: api.pageSize,
    pages: Math.max(1, Math.ceil(total / api.pageSize)),
    milestones: rows.map((m) => ({ ...m, isOverdue: markerKind(m, api.today) === 'overdue' })),
  });
}
