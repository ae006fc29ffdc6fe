import { and, eq, inArray, sql } from 'drizzle-orm';

import { statusSql } from '../../core/filter/project-filter.server';
import {
  organisations,
  projectOrganisations,
  projectTopics,
  projects,
  topics,
} from '../../../db/schema';
import { projectTitleOrder } from '../../../db/columns.server';
import type { DatePrecision, OrganisationKind, ProjectRole } from '../../../db/vocabulary';
import { listIndicatorsOfProjects } from '../indicators/indicators.server';
import {
  packIndicator,
  readEntries,
  readEvents,
  readMilestones,
  readReports,
} from './pack-activity.server';
import { type PackContext, push } from './pack-period.server';
import type { PackEntry, PackEvent, PackOrganisation, PackProject, PackReport } from './pack-types';
import { named } from './pack-words.server';

// The pack's projects with their sections, in title order, and what the ministry and topic groups
// are made of.

export interface PackProjectsRead {
  projects: PackProject[];
  /** Events in the period for the overview (linked to a pack project, or all when unfiltered). */
  events: PackEvent[];
  /** Pack topics by id: the ones at least one pack project has. */
  topics: Map<number, { slug: string; name: PackProject['topics'][number]['name'] }>;
  /** Project ids per topic id. */
  topicProjects: Map<number, number[]>;
  /** Ministry links (commissioning or political partner) as stored, before folding. */
  ministryLinks: { projectId: number; organisationId: number }[];
  /** Published knowledge entries per topic id (of the pack's topics). */
  topicEntries: Map<number, PackEntry[]>;
}

const ROLES_READ: ProjectRole[] = [
  'commissioning-ministry',
  'political-partner',
  'implementing-organisation',
  'implementing-partner',
];

const MINISTRY_ROLES: ProjectRole[] = ['commissioning-ministry', 'political-partner'];

/** Every pack project with its sections, in title order; plus what the groups are made of. */
export function readPackProjects(ctx: PackContext): PackProjectsRead {
  const { db, inSet, period } = ctx;
  const rows = db.all<{
    id: number;
    slug: string;
    title: string;
    titleZh: string | null;
    titleDe: string | null;
    shortName: string | null;
    type: string;
    status: string;
    startDate: string | null;
    startPrecision: DatePrecision | null;
    endDate: string | null;
    endPrecision: DatePrecision | null;
    fundingEur: number | null;
    sourceId: number | null;
    titleSourceId: number | null;
    titleZhSourceId: number | null;
    titleDeSourceId: number | null;
  }>(sql`
    SELECT ${projects.id} AS id, ${projects.slug} AS slug, ${projects.title} AS title,
           ${projects.titleZh} AS titleZh, ${projects.titleDe} AS titleDe,
           ${projects.shortName} AS shortName, ${projects.type} AS type,
           ${statusSql(ctx.today)} AS status,
           ${projects.startDate} AS startDate, ${projects.startPrecision} AS startPrecision,
           ${projects.endDate} AS endDate, ${projects.endPrecision} AS endPrecision,
           ${projects.ikiFundingEur} AS fundingEur, ${projects.sourceId} AS sourceId,
           ${projects.titleSourceId} AS titleSourceId,
           ${projects.titleZhSourceId} AS titleZhSourceId,
           ${projects.titleDeSourceId} AS titleDeSourceId
      FROM ${projects} WHERE ${inSet(projects.id)}
     ORDER BY ${projectTitleOrder}, ${projects.id}`);
  const ids = rows.map((r) => r.id);

  const { orgsOf, ministryLinks } = readOrganisations(ctx);
  const { packTopics, topicProjects, topicsOf } = readTopics(ctx);
  const reportOf = readReports(ctx);
  const milestonesOf = readMilestones(ctx);
  const indicatorsOf = listIndicatorsOfProjects(ids, db);
  const { overview: overviewEvents, byProject: eventsOf } = readEvents(ctx);
  const { byProject: entriesOf, byTopic: topicEntries } = readEntries(ctx);

  const organisation = (row: OrganisationRow): PackOrganisation => ({
    slug: row.slug,
    name: named(row.name, row.nameZh, row.nameDe),
    acronym: row.acronym,
    kind: row.kind,
  });
  const inRoles = (projectId: number, roles: ProjectRole[]) => {
    const seen = new Set<string>();
    return (orgsOf.get(projectId) ?? [])
      .filter((r) => roles.includes(r.role) && !seen.has(r.slug) && seen.add(r.slug))
      .map(organisation);
  };

  const packProjects = rows.map((row): PackProject => {
    const m = milestonesOf.get(row.id) ?? { reached: [], next: [], overdue: 0 };
    const indicatorViews = indicatorsOf.get(row.id) ?? [];
    const projectEvents = eventsOf.get(row.id) ?? [];
    const sourceIds = new Set<number>();
    for (const id of [row.sourceId, row.titleSourceId, row.titleZhSourceId, row.titleDeSourceId]) {
      if (id !== null) sourceIds.add(id);
    }
    for (const milestone of [...m.reached, ...m.next])
      milestone.sourceIds.forEach((id) => sourceIds.add(id));
    for (const event of projectEvents) event.sourceIds.forEach((id) => sourceIds.add(id));
    for (const view of indicatorViews) {
      if (view.indicator.sourceId !== null) sourceIds.add(view.indicator.sourceId);
    }
    return {
      id: row.id,
      slug: row.slug,
      title: named(row.title, row.titleZh, row.titleDe),
      shortName: row.shortName,
      type: row.type,
      status: row.status,
      startDate: row.startDate,
      startPrecision: row.startPrecision,
      endDate: row.endDate,
      endPrecision: row.endPrecision,
      fundingEur: row.fundingEur,
      ministries: inRoles(row.id, ['commissioning-ministry']),
      implementers: inRoles(row.id, ['implementing-organisation']),
      partners: inRoles(row.id, ['political-partner', 'implementing-partner']),
      topics: topicsOf.get(row.id) ?? [],
      report:
        reportOf.get(row.id) ??
        ({
          state: 'not-reported',
          reportState: ctx.round ? 'not-asked' : 'none-approved',
        } satisfies PackReport),
      milestonesReached: m.reached,
      milestonesNext: m.next,
      milestonesOverdue: m.overdue,
      indicators: indicatorViews.map((view) => packIndicator(view, period)),
      events: projectEvents,
      entries: entriesOf.get(row.id) ?? [],
      sourceIds: [...sourceIds].sort((a, b) => a - b),
    };
  });

  return {
    projects: packProjects,
    events: overviewEvents,
    topics: packTopics,
    topicProjects,
    ministryLinks,
    topicEntries,
  };
}

/** Each project's organisations in the roles the pack names; the ministry links for the groups. */
function readOrganisations({ db, inSet }: PackContext) {
  const orgRows = db
    .select({
      projectId: projectOrganisations.projectId,
      role: projectOrganisations.role,
      organisationId: organisations.id,
      slug: organisations.slug,
      name: organisations.name,
      acronym: organisations.acronym,
      nameZh: organisations.nameZh,
      nameDe: organisations.nameDe,
      kind: organisations.kind,
    })
    .from(projectOrganisations)
    .innerJoin(organisations, eq(organisations.id, projectOrganisations.organisationId))
    .where(
      and(inArray(projectOrganisations.role, ROLES_READ), inSet(projectOrganisations.projectId)),
    )
    .orderBy(sql`coalesce(${organisations.acronym}, ${organisations.name}) COLLATE NOCASE`)
    .all();
  const orgsOf = new Map<number, typeof orgRows>();
  for (const row of orgRows) push(orgsOf, row.projectId, row);
  const ministryKinds: OrganisationKind[] = ['german-ministry', 'chinese-ministry'];
  const ministryLinks = orgRows
    .filter((r) => MINISTRY_ROLES.includes(r.role) && ministryKinds.includes(r.kind))
    .map((r) => ({ projectId: r.projectId, organisationId: r.organisationId }));

  return { orgsOf, ministryLinks };
}

type OrganisationRow =
  ReturnType<typeof readOrganisations>['orgsOf'] extends Map<number, (infer R)[]> ? R : never;

type PackTopic = PackProject['topics'][number];

/** Each project's topics, and each topic's projects. */
function readTopics({ db, inSet }: PackContext) {
  const topicRows = db
    .select({
      projectId: projectTopics.projectId,
      id: topics.id,
      slug: topics.slug,
      name: topics.name,
      nameZh: topics.nameZh,
      nameDe: topics.nameDe,
    })
    .from(projectTopics)
    .innerJoin(topics, eq(topics.id, projectTopics.topicId))
    .where(inSet(projectTopics.projectId))
    .orderBy(sql`${topics.name} COLLATE NOCASE`)
    .all();
  const packTopics = new Map<number, { slug: string; name: PackTopic['name'] }>();
  const topicProjects = new Map<number, number[]>();
  const topicsOf = new Map<number, PackTopic[]>();
  for (const row of topicRows) {
    const topic = { slug: row.slug, name: named(row.name, row.nameZh, row.nameDe) };
    packTopics.set(row.id, topic);
    push(topicProjects, row.id, row.projectId);
    push(topicsOf, row.projectId, topic);
  }

  return { packTopics, topicProjects, topicsOf };
}
