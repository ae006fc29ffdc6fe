import { listMilestonesForProject } from '../milestones/milestones.server';
import { listOrganisationsForProjects } from '../organisations/organisations.server';
import { getProject } from './projects.server';
import { today } from '../../core/clock';
import { resolveStatus } from '../../../db/dates';
import type { Route } from './+types/api-project';
import { apiError } from '../../core/filter/api-request.server';
import { listApprovedReports } from '../reporting/report-queries.server';
import { listProjectIndicators } from '../indicators/indicators.server';
import { indicatorJson } from '../indicators/indicator-json';

/** GET /api/projects/:slug — one project with its organisations, milestones, indicators (with
 * their periods and progress), sources and approved progress reports. */
export function loader({ params }: Route.LoaderArgs) {
  const project = getProject(params.slug);
  if (!project) return apiError(404, `no project “${params.slug}”`);
  const { id, ...rest } = project;
  return Response.json({
    ...rest,
    status: resolveStatus(project, today()),
    organisations: listOrganisationsForProjects([id]).map(({ projectId: _p, ...o }) => o),
    milestones: listMilestonesForProject(id),
    indicators: listProjectIndicators(id).map(indicatorJson),
    // Approved reports only: a draft, submitted or returned report is never public.
    progressReports: listApprovedReports(id).map((r) => ({
      round: r.round.slug,
      title: r.round.title,
      titleZh: r.round.titleZh,
      titleDe: r.round.titleDe,
      periodStart: r.round.periodStart,
      periodEnd: r.round.periodEnd,
      approvedAt: r.approvedAt,
      language: r.language,
      sections: r.texts,
      indicatorValues: r.indicatorUpdates.map((u) => ({
        indicatorId: u.indicatorId,
        title: u.indicator.title,
        unit: u.indicator.unit,
        actualValue: u.actualValue,
        actualDimensions: u.actualDimensions ?? null,
        comment: u.comment ?? null,
        evidenceUrl: u.evidenceUrl ?? null,
      })),
    })),
  });
}
