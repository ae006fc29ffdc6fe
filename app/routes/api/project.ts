import { listMilestonesForProject } from '../../../db/queries/milestones.server';
import { listOrganisationsForProjects } from '../../../db/queries/organisations.server';
import { getProject } from '../../../db/queries/projects.server';
import { today } from '../../lib/clock';
import { resolveStatus } from '../../lib/dates';
import type { Route } from './+types/project';
import { apiError } from './shared.server';

/** GET /api/projects/:slug — one project with its organisations, milestones and sources. */
export function loader({ params }: Route.LoaderArgs) {
  const project = getProject(params.slug);
  if (!project) return apiError(404, `no project "${params.slug}"`);
  const { id, ...rest } = project;
  return Response.json({
    ...rest,
    status: resolveStatus(project, today()),
    organisations: listOrganisationsForProjects([id]).map(({ projectId: _p, ...o }) => o),
    milestones: listMilestonesForProject(id),
  });
}
