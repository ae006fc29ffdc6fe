import { type SQL, and, eq, inArray, sql } from 'drizzle-orm';

import { type Db, getDb } from '../../core/db.server';
import { isFilterEmpty } from '../../core/filter/filter';
import {
  inPortfolioSql,
  ministrySql,
  portfolioSql,
  projectFilterSql,
} from '../../core/filter/project-filter.server';
import { resolveFilterSearch } from '../../core/search/search.server';
import {
  eventSessions,
  events,
  milestones,
  organisations,
  projectTopics,
  projects,
  reportingRounds,
  reports,
  sources,
} from '../../../db/schema';
import { REPORT_STATES } from '../../../db/vocabulary';
import { getDashboard } from '../dashboard/dashboard.server';
import { listStandardTotals } from '../indicators/standard-totals.server';
import { getCurrentOrganisationIds } from '../organisations/organisations.server';
import { type InSet, type PackPeriod, achievedInPeriodSql, overdueSql } from './pack-period.server';
import { readPackProjects } from './pack-projects.server';
import type {
  CountRow,
  PackData,
  PackGroup,
  PackIndicatorTotal,
  PackOverview,
  PackProject,
  PackRequest,
  SourceRef,
} from './pack-types';
import { describeFilter, named, packVocabulary, vocabularyOr } from './pack-words.server';

// The workshop pack's data (issue #31, decision 0075), read once from the database for every
// renderer. The project set is a subquery (the filter, and for a round its reports), so the number
// of queries does not grow with the number of projects; only the indicator and source look-ups go
// by id lists, in chunks of 500 (SQLite's bound-parameter limit).

export type PackRound = NonNullable<PackData['round']> & { id: number };

/** A round as its pack names it (with its id), or undefined: the routes check visibility first. */
export function getPackRound(slug: string, db: Db = getDb()): PackRound | undefined {
  const row = db
    .select({
      id: reportingRounds.id,
      slug: reportingRounds.slug,
      title: reportingRounds.title,
      titleZh: reportingRounds.titleZh,
      titleDe: reportingRounds.titleDe,
      state: reportingRounds.state,
      periodStart: reportingRounds.periodStart,
      periodEnd: reportingRounds.periodEnd,
      dueOn: reportingRounds.dueOn,
      eventSlug: events.slug,
      eventTitle: events.title,
      eventTitleZh: events.titleZh,
      eventTitleDe: events.titleDe,
    })
    .from(reportingRounds)
    .leftJoin(events, eq(events.id, reportingRounds.eventId))
    .where(eq(reportingRounds.slug, slug))
    .get();
  if (!row) return undefined;
  return {
    id: row.id,
    slug: row.slug,
    title: named(row.title, row.titleZh, row.titleDe),
    state: row.state,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    dueOn: row.dueOn,
    event:
      row.eventSlug && row.eventTitle
        ? {
            slug: row.eventSlug,
            title: named(row.eventTitle, row.eventTitleZh, row.eventTitleDe),
          }
        : null,
  };
}

/** The pack's round and the condition on `projects` that selects its projects. */
function packProjectSet(request: PackRequest, today: string, db: Db) {
  const round = request.round === null ? null : getPackRound(request.round, db);
  if (request.round !== null && !round) throw new Error(`No reporting round “${request.round}”`);
  const filterWhere = portfolioSql(
    projectFilterSql(resolveFilterSearch(request.filter, db), today),
  );
  const setWhere: SQL = round
    ? and(
        filterWhere,
        sql`${projects.id} IN (SELECT ${reports.projectId} FROM ${reports} WHERE ${reports.roundId} = ${round.id})`,
      )!
    : filterWhere;
  return { round, setWhere };
}

/** How many projects the pack holds (one count: a page decides before building the whole pack). */
export function countPackProjects(request: PackRequest, today: string, db: Db = getDb()): number {
  const { setWhere } = packProjectSet(request, today, db);
  return db.get<{ n: number }>(sql`SELECT count(*) AS n FROM ${projects} WHERE ${setWhere}`)!.n;
}

/**
 * Everything the pack shows, for a round (its reports' projects that the filter also selects) or a
 * period (the projects the filter selects; unfiltered: the IKI portfolio, never imported IATI
 * activities). Synchronous: better-sqlite3.
 */
export function buildPack(request: PackRequest, today: string, db: Db = getDb()): PackData {
  const { round, setWhere } = packProjectSet(request, today, db);
  const inSet: InSet = (column) => inPortfolioSql(column, setWhere);
  const period: PackPeriod = {
    start: request.start,
    end: request.end,
    cutoff: request.end < today ? request.end : today,
  };

  const read = readPackProjects({
    db,
    inSet,
    period,
    today,
    round: round ? { id: round.id, slug: round.slug, title: round.title } : null,
    allEvents: isFilterEmpty(request.filter),
  });
  const overview = readOverview(db, setWhere, inSet, period, today, round?.id ?? null);
  overview.events = read.events;

  const { germanMinistries, chineseMinistries } = ministryGroups(
    db,
    read.projects,
    read.ministryLinks,
  );
  const topicGroups = topicGroupsOf(db, read, inSet);

  const { id: _id, ...roundData } = round ?? { id: 0 };
  const sourceIds = new Set<number>();
  for (const project of read.projects) project.sourceIds.forEach((id) => sourceIds.add(id));
  for (const event of overview.events) event.sourceIds.forEach((id) => sourceIds.add(id));
  for (const total of overview.indicatorTotals) total.sourceIds.forEach((id) => sourceIds.add(id));

  return {
    request,
    round: round ? (roundData as NonNullable<PackData['round']>) : null,
    filterText: describeFilter(request.filter, db),
    asOf: today,
    overview,
    projects: read.projects,
    germanMinistries,
    chineseMinistries,
    topics: topicGroups,
    sources: readSources(db, [...sourceIds]),
    vocabulary: packVocabulary(),
  };
}

/** The dashboard's numbers for the pack's projects, and the period's milestones and round. */
function readOverview(
  db: Db,
  setWhere: SQL,
  inSet: InSet,
  period: PackPeriod,
  today: string,
  roundId: number | null,
): PackOverview {
  const dashboard = getDashboard(setWhere, today, 'folded', db);
  const { kpis, charts } = dashboard;
  const counts = db.get<{
    achieved: number | null;
    due: number | null;
    overdue: number | null;
  }>(sql`
    SELECT sum(CASE WHEN ${achievedInPeriodSql(period)} THEN 1 ELSE 0 END) AS achieved,
           sum(CASE WHEN ${milestones.status} <> 'cancelled'
                     AND ${milestones.dueOn} BETWEEN ${period.start} AND ${period.end}
                    THEN 1 ELSE 0 END) AS due,
           sum(CASE WHEN ${overdueSql(period)} THEN 1 ELSE 0 END) AS overdue
      FROM ${milestones} WHERE ${inSet(milestones.projectId)}`)!;

  let roundCounts: PackOverview['round'] = null;
  if (roundId !== null) {
    const byState = new Map(
      db
        .all<{ state: string; n: number }>(
          sql`
          SELECT ${reports.state} AS state, count(*) AS n FROM ${reports}
           WHERE ${reports.roundId} = ${roundId} AND ${inSet(reports.projectId)}
           GROUP BY 1`,
        )
        .map((r) => [r.state, r.n]),
    );
    roundCounts = {
      asked: [...byState.values()].reduce((a, b) => a + b, 0),
      approved: byState.get('approved') ?? 0,
      byState: REPORT_STATES.map((state) => ({
        key: state,
        label: vocabularyOr(`reporting.reportState.${state}`, state),
        value: byState.get(state) ?? 0,
      })),
    };
  }

  const row =
    (prefix: string) =>
    (chart: { key: string; name: string; value: number }): CountRow => ({
      key: chart.key,
      label: vocabularyOr(`${prefix}.${chart.key}`, chart.name),
      value: chart.value,
    });

  return {
    projects: kpis.projects,
    active: kpis.active,
    fundingKnownEur: kpis.funding.reduce((sum, f) => sum + f.knownEur, 0),
    projectsWithFunding: kpis.funding.reduce((sum, f) => sum + f.withFunding, 0),
    byType: charts.byType.map(row('type')),
    byStatus: charts.byStatus.map(row('status')),
    byFundingArea: charts.byFundingArea.map(row('fundingArea')),
    milestones: {
      achieved: counts.achieved ?? 0,
      due: counts.due ?? 0,
      overdue: counts.overdue ?? 0,
    },
    indicatorTotals: indicatorTotals(db, setWhere),
    round: roundCounts,
    events: [],
  };
}

/** The standard indicators the pack's projects report on, with a total only where additive. */
function indicatorTotals(db: Db, setWhere: SQL): PackIndicatorTotal[] {
  return listStandardTotals(setWhere, db)
    .filter((total) => total.linkedProjects > 0)
    .map((total) => ({
      code: total.standard.code,
      name: named(total.standard.title, total.standard.titleZh, total.standard.titleDe),
      unit: total.standard.unit,
      total: total.total,
      reason: total.reason,
      linkedProjects: total.linkedProjects,
      reportingProjects: total.reportingProjects,
      sourceIds: total.standard.sourceId === null ? [] : [total.standard.sourceId],
    }));
}

function emptyGroup(key: string, name: PackGroup['name'], acronym: string | null): PackGroup {
  return {
    key,
    name,
    acronym,
    projectIds: [],
    milestonesAchieved: 0,
    milestonesOverdue: 0,
    reportsApproved: 0,
    entries: [],
    sessions: [],
  };
}

/** Adds a group's project numbers, its projects in the pack's order. */
function fillGroup(group: PackGroup, members: Set<number>, projects: PackProject[]) {
  for (const project of projects) {
    if (!members.has(project.id)) continue;
    group.projectIds.push(project.id);
    group.milestonesAchieved += project.milestonesReached.length;
    group.milestonesOverdue += project.milestonesOverdue;
    if (project.report.state === 'approved') group.reportsApproved += 1;
  }
}

const byProjectsThenName = (a: PackGroup, b: PackGroup) =>
  b.projectIds.length - a.projectIds.length ||
  (a.acronym ?? a.name.en).localeCompare(b.acronym ?? b.name.en);

/**
 * German and Chinese ministries, each predecessor folded into today's ministry (as the dashboard
 * counts them): a project counts under every ministry it commissions or is a political partner of.
 */
function ministryGroups(
  db: Db,
  projects: PackProject[],
  links: { projectId: number; organisationId: number }[],
) {
  const ministries = new Map(
    db
      .select({
        id: organisations.id,
        slug: organisations.slug,
        name: organisations.name,
        acronym: organisations.acronym,
        nameZh: organisations.nameZh,
        nameDe: organisations.nameDe,
        kind: organisations.kind,
      })
      .from(organisations)
      .where(ministrySql)
      .all()
      .map((m) => [m.id, m]),
  );
  const current = getCurrentOrganisationIds(db);
  const membersOf = new Map<number, Set<number>>();
  for (const link of links) {
    const id = current(link.organisationId);
    const target = ministries.has(id) ? id : link.organisationId;
    membersOf.set(target, (membersOf.get(target) ?? new Set()).add(link.projectId));
  }
  const german: PackGroup[] = [];
  const chinese: PackGroup[] = [];
  for (const [id, members] of membersOf) {
    const m = ministries.get(id);
    if (!m) continue;
    const group = emptyGroup(m.slug, named(m.name, m.nameZh, m.nameDe), m.acronym);
    fillGroup(group, members, projects);
    (m.kind === 'german-ministry' ? german : chinese).push(group);
  }
  return {
    germanMinistries: german.sort(byProjectsThenName),
    chineseMinistries: chinese.sort(byProjectsThenName),
  };
}

/** Every topic a pack project has: its projects, its published entries and its sessions. */
function topicGroupsOf(
  db: Db,
  read: ReturnType<typeof readPackProjects>,
  inSet: InSet,
): PackGroup[] {
  const sessions = db.all<{
    topicId: number;
    title: string;
    titleZh: string | null;
    titleDe: string | null;
    outcomes: string | null;
    eventSlug: string;
    eventTitle: string;
    eventTitleZh: string | null;
    eventTitleDe: string | null;
  }>(sql`
    SELECT ${eventSessions.topicId} AS topicId, ${eventSessions.title} AS title,
           ${eventSessions.titleZh} AS titleZh, ${eventSessions.titleDe} AS titleDe,
           ${eventSessions.outcomes} AS outcomes, ${events.slug} AS eventSlug,
           ${events.title} AS eventTitle, ${events.titleZh} AS eventTitleZh,
           ${events.titleDe} AS eventTitleDe
      FROM ${eventSessions} JOIN ${events} ON ${events.id} = ${eventSessions.eventId}
     WHERE ${eventSessions.topicId} IN (
       SELECT ${projectTopics.topicId} FROM ${projectTopics} WHERE ${inSet(projectTopics.projectId)})
     ORDER BY ${events.startDate}, ${events.id}, ${eventSessions.position}, ${eventSessions.id}`);
  const groups: PackGroup[] = [];
  for (const [topicId, topic] of read.topics) {
    const group = emptyGroup(topic.slug, topic.name, null);
    fillGroup(group, new Set(read.topicProjects.get(topicId)), read.projects);
    group.entries = read.topicEntries.get(topicId) ?? [];
    group.sessions = sessions
      .filter((s) => s.topicId === topicId)
      .map((s) => ({
        title: named(s.title, s.titleZh, s.titleDe),
        eventSlug: s.eventSlug,
        eventTitle: named(s.eventTitle, s.eventTitleZh, s.eventTitleDe),
        outcomes: s.outcomes,
      }));
    groups.push(group);
  }
  return groups.sort(byProjectsThenName);
}

/** The sources by id, in id order (chunked: SQLite's bound-parameter limit). */
function readSources(db: Db, ids: number[]): SourceRef[] {
  const found: SourceRef[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    found.push(
      ...db
        .select({
          id: sources.id,
          title: sources.title,
          url: sources.url,
          publisher: sources.publisher,
        })
        .from(sources)
        .where(inArray(sources.id, ids.slice(i, i + 500)))
        .all(),
    );
  }
  return found.sort((a, b) => a.id - b.id);
}
