import { type SQL, and, eq, inArray, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';

import { type Db } from '../../core/db.server';
import { statusSql } from '../../core/filter/project-filter.server';
import type { Lang } from '../../core/i18n/config';
import {
  eventProjects,
  eventSources,
  events,
  knowledgeEntries,
  knowledgeEntryProjects,
  knowledgeEntryTexts,
  knowledgeEntryTopics,
  milestones,
  organisations,
  projectOrganisations,
  projectTopics,
  projects,
  reportingRounds,
  reports,
  topics,
} from '../../../db/schema';
import { periodEnd, periodStart, toPartialDate } from '../../../db/dates';
import { projectTitleOrder } from '../../../db/columns.server';
import type { DatePrecision, OrganisationKind, ProjectRole } from '../../../db/vocabulary';
import { type IndicatorView, listIndicatorsOfProjects } from '../indicators/indicators.server';
import { named } from './pack-words.server';
import {
  PACK_NEXT_MILESTONES,
  type PackEntry,
  type PackEvent,
  type PackIndicator,
  type PackMilestone,
  type PackOrganisation,
  type PackProject,
  type PackReport,
} from './pack-types';

// The pack's projects, read for the whole project set at once: every query below takes the set as
// a subquery (`inSet`), so a 500-project pack reads as many queries as a 5-project one.

/** `column IN (the pack's projects)`. */
export type InSet = (column: SQLiteColumn | SQL) => SQL;

/**
 * The first day a stored date names ('2024' → 2024-01-01, '2024-05' → 2024-05-01): a partial date
 * belongs to the period holding its first day, so it is counted in exactly one of two adjoining
 * periods and never twice.
 */
export function firstDaySql(column: SQLiteColumn | SQL): SQL<string | null> {
  return sql<string | null>`CASE length(${column}) WHEN 4 THEN ${column} || '-01-01'
    WHEN 7 THEN ${column} || '-01' ELSE ${column} END`;
}

/** The period a pack covers and the day milestones fall overdue by (its end, or today if earlier). */
export interface PackPeriod {
  start: string;
  end: string;
  cutoff: string;
}

/** Milestones achieved in the period: status 'achieved', the actual date's first day inside it. */
export function achievedInPeriodSql(period: PackPeriod): SQL {
  return sql`${milestones.status} = 'achieved'
    AND ${firstDaySql(milestones.actualDate)} BETWEEN ${period.start} AND ${period.end}`;
}

/** Open milestones whose due day passed before the cutoff. */
export function overdueSql(period: PackPeriod): SQL {
  return sql`${milestones.isOpen} = 1 AND ${milestones.dueOn} < ${period.cutoff}`;
}

/** Events starting in the period (by the first day of their start date). */
export function eventInPeriodSql(period: PackPeriod): SQL {
  return sql`${firstDaySql(events.startDate)} BETWEEN ${period.start} AND ${period.end}`;
}

export interface ProjectsContext {
  db: Db;
  inSet: InSet;
  period: PackPeriod;
  today: string;
  /** The round of a round pack (its reports are the pack's), or null for a period pack. */
  round: {
    id: number;
    slug: string;
    title: { en: string; zh: string | null; de: string | null };
  } | null;
  /** An unfiltered period pack lists every event in the period, linked to a project or not. */
  allEvents: boolean;
}

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

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function dated(value: string | null, precision: DatePrecision | null) {
  return value && precision ? { date: value, precision } : { date: value, precision: null };
}

/** Every pack project with its sections, in title order; plus what the groups are made of. */
export function readPackProjects(ctx: ProjectsContext): PackProjectsRead {
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

  // Organisations in the roles the pack names.
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

  // Topics.
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
  const packTopics = new Map<number, { slug: string; name: ReturnType<typeof named> }>();
  const topicProjects = new Map<number, number[]>();
  const topicsOf = new Map<number, { slug: string; name: ReturnType<typeof named> }[]>();
  for (const row of topicRows) {
    const topic = { slug: row.slug, name: named(row.name, row.nameZh, row.nameDe) };
    packTopics.set(row.id, topic);
    push(topicProjects, row.id, row.projectId);
    push(topicsOf, row.projectId, topic);
  }

  const reportOf = readReports(ctx);
  const milestonesOf = readMilestones(ctx);
  const indicatorsOf = listIndicatorsOfProjects(ids, db);
  const { overview: overviewEvents, byProject: eventsOf } = readEvents(ctx);
  const { byProject: entriesOf, byTopic: topicEntries } = readEntries(ctx);

  const organisation = (row: (typeof orgRows)[number]): PackOrganisation => ({
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

/**
 * Round pack: the round's report, shown only when approved (else its state, never its text).
 * Period pack: the latest approved report of a round whose period overlaps the pack's.
 */
function readReports(ctx: ProjectsContext): Map<number, PackReport> {
  const { db, inSet, round, period } = ctx;
  const byProject = new Map<number, PackReport>();
  const rows = db
    .select({
      projectId: reports.projectId,
      state: reports.state,
      language: reports.language,
      texts: reports.texts,
      approvedAt: reports.approvedAt,
      roundSlug: reportingRounds.slug,
      roundTitle: reportingRounds.title,
      roundTitleZh: reportingRounds.titleZh,
      roundTitleDe: reportingRounds.titleDe,
    })
    .from(reports)
    .innerJoin(reportingRounds, eq(reportingRounds.id, reports.roundId))
    .where(
      and(
        inSet(reports.projectId),
        round
          ? eq(reports.roundId, round.id)
          : and(
              eq(reports.state, 'approved'),
              sql`${reportingRounds.periodStart} <= ${period.end}`,
              sql`${reportingRounds.periodEnd} >= ${period.start}`,
            ),
      ),
    )
    .orderBy(sql`${reportingRounds.periodEnd} DESC`, sql`${reports.approvedAt} DESC`)
    .all();
  for (const row of rows) {
    if (byProject.has(row.projectId)) continue;
    byProject.set(
      row.projectId,
      row.state === 'approved'
        ? {
            state: 'approved',
            roundSlug: row.roundSlug,
            roundTitle: named(row.roundTitle, row.roundTitleZh, row.roundTitleDe),
            approvedAt: row.approvedAt ?? '',
            language: (row.language as Lang | null) ?? null,
            texts: row.texts,
          }
        : { state: 'not-reported', reportState: row.state },
    );
  }
  return byProject;
}

/** Reached in the period, the next open ones, and how many are overdue, per project. */
function readMilestones(ctx: ProjectsContext) {
  const { db, inSet, period } = ctx;
  const rows = db.all<{
    id: number;
    projectId: number;
    title: string;
    titleZh: string | null;
    status: string;
    progress: number;
    plannedDate: string | null;
    plannedPrecision: DatePrecision | null;
    revisedDate: string | null;
    revisedPrecision: DatePrecision | null;
    actualDate: string | null;
    actualPrecision: DatePrecision | null;
    dueOn: string | null;
    sourceId: number | null;
    reached: number;
    overdue: number;
  }>(sql`
    SELECT ${milestones.id} AS id, ${milestones.projectId} AS projectId,
           ${milestones.title} AS title, ${milestones.titleZh} AS titleZh,
           ${milestones.status} AS status, ${milestones.progress} AS progress,
           ${milestones.plannedDate} AS plannedDate, ${milestones.plannedPrecision} AS plannedPrecision,
           ${milestones.revisedDate} AS revisedDate, ${milestones.revisedPrecision} AS revisedPrecision,
           ${milestones.actualDate} AS actualDate, ${milestones.actualPrecision} AS actualPrecision,
           ${milestones.dueOn} AS dueOn, ${milestones.sourceId} AS sourceId,
           (${achievedInPeriodSql(period)}) AS reached, (${overdueSql(period)}) AS overdue
      FROM ${milestones}
     WHERE ${inSet(milestones.projectId)}
       AND ((${achievedInPeriodSql(period)}) OR ${milestones.isOpen} = 1)
     ORDER BY ${milestones.projectId}, ${firstDaySql(milestones.actualDate)},
              ${milestones.dueOn} IS NULL, ${milestones.dueOn}, ${milestones.id}`);
  const byProject = new Map<
    number,
    { reached: PackMilestone[]; next: PackMilestone[]; overdue: number }
  >();
  for (const row of rows) {
    let entry = byProject.get(row.projectId);
    if (!entry) {
      entry = { reached: [], next: [], overdue: 0 };
      byProject.set(row.projectId, entry);
    }
    const base = {
      id: row.id,
      title: named(row.title, row.titleZh, null),
      status: row.status,
      progress: row.progress,
      sourceIds: row.sourceId === null ? [] : [row.sourceId],
    };
    if (row.reached) {
      entry.reached.push({ ...base, ...dated(row.actualDate, row.actualPrecision) });
    } else if (row.overdue) {
      entry.overdue += 1;
    } else if (entry.next.length < PACK_NEXT_MILESTONES) {
      const due = row.revisedDate
        ? dated(row.revisedDate, row.revisedPrecision)
        : dated(row.plannedDate, row.plannedPrecision);
      entry.next.push({ ...base, ...due });
    }
  }
  return byProject;
}

/** A day range for a partial date: its first and last day (null when the date is missing). */
function dayRange(value: string | null, precision: DatePrecision | null) {
  const partial = toPartialDate(value, precision);
  return partial ? { first: periodStart(partial), last: periodEnd(partial) } : null;
}

function packIndicator(view: IndicatorView, period: PackPeriod): PackIndicator {
  const { indicator, periods, latest } = view;
  const inside = periods.filter((p) => {
    const from = dayRange(p.period.periodStart, p.period.periodStartPrecision);
    const to = dayRange(p.period.periodEnd, p.period.periodEndPrecision);
    return from !== null && to !== null && from.first >= period.start && to.last <= period.end;
  });
  const actuals = inside.map((p) => p.period.actualValue).filter((v): v is number => v !== null);
  let periodActual: number | null = null;
  if (actuals.length > 0 && indicator.measure === 'unit') {
    periodActual = actuals.reduce((sum, v) => sum + v, 0);
  } else if (actuals.length > 0 && indicator.measure === 'percentage') {
    periodActual = actuals.at(-1)!;
  }
  return {
    id: indicator.id,
    title: named(indicator.title, indicator.titleZh, indicator.titleDe),
    standardCode: view.standard?.code ?? null,
    unit: indicator.unit,
    measure: indicator.measure,
    baseline: indicator.baselineValue,
    latestTarget: latest?.period.targetValue ?? null,
    latestActual: latest?.period.actualValue ?? null,
    share: latest?.progress.ok ? latest.progress.share : null,
    noShareReason: latest && !latest.progress.ok ? latest.progress.reason : null,
    periodActual,
    points: periods.map((p) => ({
      periodEnd:
        dayRange(p.period.periodEnd, p.period.periodEndPrecision)?.last ?? p.period.periodEnd ?? '',
      target: p.period.targetValue,
      actual: p.period.actualValue,
    })),
  };
}

/** Events in the period with their sources: per pack project, and the overview's list. */
function readEvents(ctx: ProjectsContext) {
  const { db, inSet, period } = ctx;
  const rows = db.all<{
    id: number;
    slug: string;
    title: string;
    titleZh: string | null;
    titleDe: string | null;
    type: string;
    startDate: string | null;
    startPrecision: DatePrecision | null;
    endDate: string | null;
    endPrecision: DatePrecision | null;
    city: string | null;
    sourceId: number | null;
    projectId: number | null;
  }>(sql`
    SELECT ${events.id} AS id, ${events.slug} AS slug, ${events.title} AS title,
           ${events.titleZh} AS titleZh, ${events.titleDe} AS titleDe, ${events.type} AS type,
           ${events.startDate} AS startDate, ${events.startPrecision} AS startPrecision,
           ${events.endDate} AS endDate, ${events.endPrecision} AS endPrecision,
           ${events.city} AS city, ${events.sourceId} AS sourceId,
           ${eventProjects.projectId} AS projectId
      FROM ${events}
      LEFT JOIN ${eventProjects}
        ON ${eventProjects.eventId} = ${events.id} AND ${inSet(eventProjects.projectId)}
     WHERE ${eventInPeriodSql(period)}
     ORDER BY ${firstDaySql(events.startDate)}, ${events.title} COLLATE NOCASE, ${events.id}`);
  const extraSources = new Map<number, number[]>();
  for (const row of db.all<{ eventId: number; sourceId: number }>(sql`
    SELECT ${eventSources.eventId} AS eventId, ${eventSources.sourceId} AS sourceId
      FROM ${eventSources} JOIN ${events} ON ${events.id} = ${eventSources.eventId}
     WHERE ${eventInPeriodSql(period)}`)) {
    push(extraSources, row.eventId, row.sourceId);
  }
  const packEvents = new Map<number, PackEvent>();
  const eventOf = (row: (typeof rows)[number]): PackEvent => {
    let event = packEvents.get(row.id);
    if (!event) {
      const sourceIds = new Set(extraSources.get(row.id) ?? []);
      if (row.sourceId !== null) sourceIds.add(row.sourceId);
      event = {
        slug: row.slug,
        title: named(row.title, row.titleZh, row.titleDe),
        type: row.type,
        startDate: row.startDate,
        startPrecision: row.startPrecision,
        endDate: row.endDate,
        endPrecision: row.endPrecision,
        city: row.city,
        sourceIds: [...sourceIds].sort((a, b) => a - b),
      };
      packEvents.set(row.id, event);
    }
    return event;
  };
  const byProject = new Map<number, PackEvent[]>();
  const overview: PackEvent[] = [];
  const listed = new Set<number>();
  for (const row of rows) {
    if (row.projectId === null && !ctx.allEvents) continue;
    const event = eventOf(row);
    if (row.projectId !== null) push(byProject, row.projectId, event);
    if (!listed.has(row.id)) {
      listed.add(row.id);
      overview.push(event);
    }
  }
  return { overview, byProject };
}

/**
 * Published knowledge entries linked to a pack project, and those on a pack topic; drafts and
 * entries in review never. Titles per language from the entry's texts.
 */
function readEntries(ctx: ProjectsContext) {
  const { db, inSet } = ctx;
  const entryColumns = {
    id: knowledgeEntries.id,
    slug: knowledgeEntries.slug,
    kind: knowledgeEntries.kind,
    language: knowledgeEntries.language,
    publishedAt: knowledgeEntries.publishedAt,
    isResolved: knowledgeEntries.isResolved,
  };
  const published = eq(knowledgeEntries.state, 'published');
  const order = [sql`${knowledgeEntries.publishedAt} DESC`, sql`${knowledgeEntries.id}`];
  const projectLinks = db
    .select({ ...entryColumns, projectId: knowledgeEntryProjects.projectId })
    .from(knowledgeEntryProjects)
    .innerJoin(knowledgeEntries, eq(knowledgeEntries.id, knowledgeEntryProjects.entryId))
    .where(and(published, inSet(knowledgeEntryProjects.projectId)))
    .orderBy(...order)
    .all();
  const topicLinks = db
    .select({ ...entryColumns, topicId: knowledgeEntryTopics.topicId })
    .from(knowledgeEntryTopics)
    .innerJoin(knowledgeEntries, eq(knowledgeEntries.id, knowledgeEntryTopics.entryId))
    .where(
      and(
        published,
        sql`${knowledgeEntryTopics.topicId} IN (
          SELECT ${projectTopics.topicId} FROM ${projectTopics} WHERE ${inSet(projectTopics.projectId)})`,
      ),
    )
    .orderBy(...order)
    .all();
  const ids = [...new Set([...projectLinks, ...topicLinks].map((e) => e.id))];
  const titles = new Map<number, Partial<Record<Lang, string>>>();
  for (let i = 0; i < ids.length; i += 500) {
    const texts = db
      .select({
        entryId: knowledgeEntryTexts.entryId,
        language: knowledgeEntryTexts.language,
        title: knowledgeEntryTexts.title,
      })
      .from(knowledgeEntryTexts)
      .where(inArray(knowledgeEntryTexts.entryId, ids.slice(i, i + 500)))
      .all();
    for (const text of texts) {
      titles.set(text.entryId, { ...titles.get(text.entryId), [text.language]: text.title });
    }
  }
  const entryOf = (row: (typeof projectLinks)[number] | (typeof topicLinks)[number]): PackEntry => {
    const t = titles.get(row.id) ?? {};
    // English is the name's fallback in every renderer: without an English text, the original's
    // title stands there (its language is `language`).
    const original = t[row.language] ?? row.slug;
    return {
      slug: row.slug,
      kind: row.kind,
      title: { en: t.en ?? original, zh: t.zh ?? null, de: t.de ?? null },
      language: row.language,
      publishedAt: row.publishedAt ?? '',
      isResolved: row.isResolved,
    };
  };
  const byProject = new Map<number, PackEntry[]>();
  for (const row of projectLinks) push(byProject, row.projectId, entryOf(row));
  const byTopic = new Map<number, PackEntry[]>();
  for (const row of topicLinks) push(byTopic, row.topicId, entryOf(row));
  return { byProject, byTopic };
}
