import { data } from 'react-router';
import { DocumentsSection } from '../documents/documents-section';
import { documentsSectionOf } from '../documents/documents-section.server';

import { listEventsForProject } from '../events/events.server';
import {
  listMilestonesForProject,
  listProgressUpdatesForProject,
} from '../milestones/milestones.server';
import { listOrganisationsForProjects } from '../organisations/organisations.server';
import { getProject } from './projects.server';
import { listProjectOrganisationRoles } from '../../core/auth/users.server';
import { userContext } from '../../core/http/session.server';
import { canEditMilestones } from '../../core/auth/auth';
import { today } from '../../core/clock';
import { locatorView } from '../locator/locator.server';
import { serverOnlyUnless } from '../../core/page-handle';
import { resolveStatus, toPartialDate } from '../../../db/dates';
import {
  type TimelineEventInput,
  type TimelineMilestoneInput,
  type TimelineRowInput,
  buildTimelineRow,
  markerDate,
  position,
  projectWindow,
} from '../timeline/timeline';
import {
  isDueWithin,
  overdueDays,
  projectCompletion,
  projectHealth,
  slippageDays,
} from '../milestones/progress';
import { PERMISSIONS, isAllowed } from '../../core/auth/permissions';
import { PROJECT_ROLES } from '../../../db/vocabulary';
import type { Route } from './+types/detail';
import { ProjectHeader, ProjectSummary } from './project-summary';
import { ProjectFacts } from './project-facts';
import { ProjectOrganisations } from './project-organisations';
import { ProjectLocations } from './project-locations';
import { ProjectPhases } from './project-phases';
import { ProjectEvents } from './project-events';
import { ProjectTimeline } from './project-timeline';
import { ProjectMilestones } from './project-milestones';
import { ProjectSources, ProjectUncertain } from './project-sources';
import { listApprovedReports } from '../reporting/report-queries.server';
import { ProjectReports } from '../reporting/report-public';
import { listProjectIndicators } from '../indicators/indicators.server';
import { hasChart } from '../indicators/indicator-view';
import { IndicatorSection } from '../indicators/indicator-section';
import { listEntriesOf } from '../knowledge/entry-sections.server';
import { KnowledgeEntriesSection } from '../knowledge/entry-sections';
import { langFromPath } from '../../core/i18n/config';

// A project's page: the loader gathers the project and what hangs on it; each section of the page
// is its own component beside this module (project-*.tsx), in the order they appear.

export function loader({ params, request, context }: Route.LoaderArgs) {
  const project = getProject(params.slug);
  if (!project) throw data(null, { status: 404 });
  const canEdit = canEditMilestones(
    context.get(userContext),
    listProjectOrganisationRoles(project.id),
  );
  const organisations = listOrganisationsForProjects([project.id]);
  const now = today();
  const milestones = listMilestonesForProject(project.id);
  const updates = listProgressUpdatesForProject(project.id);
  const projectEvents = listEventsForProject(project.id);
  const indicators = listProjectIndicators(project.id);
  return {
    project,
    status: resolveStatus(project, now),
    organisationsByRole: PROJECT_ROLES.map((role) => ({
      role,
      organisations: organisations.filter((o) => o.role === role),
    })),
    events: projectEvents,
    // Only approved reports: nothing of a draft, submitted or returned one is public.
    approvedReports: listApprovedReports(project.id),
    milestones: milestones.map((m) => ({
      ...m,
      overdueDays: overdueDays(m, now),
      isDueSoon: isDueWithin(m, now),
      slippageDays: slippageDays(m),
      history: updates.filter((u) => u.milestoneId === m.id),
    })),
    completion: projectCompletion(milestones),
    health: projectHealth(milestones, now),
    timeline: projectTimeline(project, milestones, projectEvents, now),
    saved: savedNotice(new URL(request.url).searchParams, milestones),
    notice: projectNotice(new URL(request.url).searchParams),
    canEdit,
    canEditProject: isAllowed('editors', context.get(userContext)),
    documents: documentsSectionOf({ project: project.slug }, context.get(userContext)),
    canEditIndicators: isAllowed(PERMISSIONS['indicator.update'], context.get(userContext)),
    indicators,
    knowledgeEntries: listEntriesOf(
      { kind: 'project', id: project.id },
      langFromPath(new URL(request.url).pathname),
    ),
    // The page loads its scripts (and Chart.js, lazily) only to draw an indicator chart.
    hasIndicatorCharts: indicators.some(hasChart),
    locator: locatorView(
      project.locations.flatMap((l) =>
        l.kind === 'place' && l.lat !== null && l.lon !== null
          ? [{ lat: l.lat, lon: l.lon, nameEn: l.placeNameEn ?? '', nameZh: l.placeNameZh }]
          : [],
      ),
      project.locations.flatMap((l) =>
        l.kind === 'province' && l.provinceCode ? [l.provinceCode] : [],
      ),
    ),
  };
}

/** After editing the project or deleting one of its records (never echoes raw input as HTML). */
function projectNotice(search: URLSearchParams) {
  if (search.has('saved')) return { kind: 'saved' as const, name: '' };
  const deleted = search.get('deleted');
  if (deleted) return { kind: 'deleted' as const, name: deleted.slice(0, 200) };
  return null;
}

/** The project's own small timeline: its period, its milestones and its events. */
function projectTimeline(
  project: TimelineRowInput,
  milestones: TimelineMilestoneInput[],
  events: TimelineEventInput[],
  now: string,
) {
  const window = projectWindow(
    project,
    [
      ...milestones.map(markerDate),
      ...events.map((e) => toPartialDate(e.startDate, e.startPrecision)),
    ],
    now,
  );
  const at = position(now, window);
  return {
    window,
    today: now,
    todayPosition: at >= 0 && at < 1 ? at : null,
    row: buildTimelineRow(
      `timeline-${project.slug}`,
      project,
      milestones,
      events,
      window,
      now,
      null,
    ),
  };
}

/** After a form: which milestone was just added or updated (only ids this project has). */
function savedNotice(search: URLSearchParams, milestones: { id: number }[]) {
  for (const kind of ['added', 'updated'] as const) {
    const id = Number(search.get(kind));
    if (milestones.some((m) => m.id === id)) return { kind, id };
  }
  return null;
}

// Plain HTML: its locator map is server-drawn SVG (app/features/locator/locator-map.tsx). Only a
// project with an indicator chart to draw is hydrated (decision 0062).
export const handle = serverOnlyUnless((data: { hasIndicatorCharts: boolean }) =>
  Boolean(data?.hasIndicatorCharts),
);

export default function ProjectDetail({ loaderData }: Route.ComponentProps) {
  const { project, status, events, timeline, canEdit } = loaderData;
  return (
    <article className="factsheet">
      <ProjectHeader
        project={project}
        notice={loaderData.notice}
        canEditProject={loaderData.canEditProject}
      />
      <ProjectSummary project={project} status={status} />
      <ProjectFacts project={project} status={status} />
      <ProjectOrganisations organisationsByRole={loaderData.organisationsByRole} />
      <ProjectLocations project={project} locator={loaderData.locator} />
      <ProjectPhases project={project} />
      <ProjectEvents events={events} />
      <ProjectTimeline project={project} timeline={timeline} />
      <ProjectMilestones
        project={project}
        milestones={loaderData.milestones}
        completion={loaderData.completion}
        health={loaderData.health}
        saved={loaderData.saved}
        canEdit={canEdit}
      />
      <IndicatorSection
        slug={project.slug}
        indicators={loaderData.indicators}
        canEdit={loaderData.canEditIndicators}
      />
      <ProjectReports reports={loaderData.approvedReports} />
      <DocumentsSection documents={loaderData.documents} filter={`project=${project.slug}`} />
      <KnowledgeEntriesSection
        data={loaderData.knowledgeEntries}
        moreHref={`/knowledge?project=${project.slug}`}
      />
      <ProjectUncertain project={project} />
      <ProjectSources project={project} />
    </article>
  );
}
