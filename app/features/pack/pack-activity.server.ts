import { and, eq, inArray, sql } from 'drizzle-orm';

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
  projectTopics,
  reportingRounds,
  reports,
} from '../../../db/schema';
import { periodEnd, periodStart, toPartialDate } from '../../../db/dates';
import type { DatePrecision } from '../../../db/vocabulary';
import type { IndicatorView } from '../indicators/indicators.server';
import {
  type PackContext,
  type PackPeriod,
  achievedInPeriodSql,
  dated,
  eventInPeriodSql,
  firstDaySql,
  overdueSql,
  push,
} from './pack-period.server';
import {
  PACK_NEXT_MILESTONES,
  type PackEntry,
  type PackEvent,
  type PackIndicator,
  type PackMilestone,
  type PackReport,
} from './pack-types';
import { named } from './pack-words.server';

// What each pack project did in the period, read for the whole project set at once: its report,
// milestones, indicators, events and knowledge entries.

/**
 * Round pack: the round's report, shown only when approved (else its state, never its text).
 * Period pack: the latest approved report of a round whose period overlaps the pack's.
 */
export function readReports(ctx: PackContext): Map<number, PackReport> {
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
export function readMilestones(ctx: PackContext) {
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

export function packIndicator(view: IndicatorView, period: PackPeriod): PackIndicator {
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
export function readEvents(ctx: PackContext) {
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
export function readEntries(ctx: PackContext) {
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
