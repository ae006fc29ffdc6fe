import { asc, eq, inArray } from 'drizzle-orm';

import { type Db, getDb } from '../../core/db.server';
import { indicatorPeriods, indicators, sources, standardIndicators } from '../../../db/schema';
import { type Progress, progressToTarget } from './indicator-progress';

// The indicators feature's shared reads: a project's indicators with their periods (the project
// page, the API, the report form and the exports all read them through here), and the standard
// indicator vocabulary. Everything stored is public: a report's actuals arrive only on approval.

/** The columns of a standard indicator the pages name it with. */
export const standardIndicatorColumns = {
  id: standardIndicators.id,
  code: standardIndicators.code,
  title: standardIndicators.title,
  titleZh: standardIndicators.titleZh,
  titleDe: standardIndicators.titleDe,
  definition: standardIndicators.definition,
  unit: standardIndicators.unit,
  isAdditive: standardIndicators.isAdditive,
  sourceId: standardIndicators.sourceId,
  position: standardIndicators.position,
  version: standardIndicators.version,
};

export const indicatorColumns = {
  id: indicators.id,
  projectId: indicators.projectId,
  title: indicators.title,
  titleZh: indicators.titleZh,
  titleDe: indicators.titleDe,
  description: indicators.description,
  unit: indicators.unit,
  measure: indicators.measure,
  isAscending: indicators.isAscending,
  standardIndicatorId: indicators.standardIndicatorId,
  disaggregation: indicators.disaggregation,
  resultType: indicators.resultType,
  resultTitle: indicators.resultTitle,
  baselineValue: indicators.baselineValue,
  baselineYear: indicators.baselineYear,
  baselineDate: indicators.baselineDate,
  baselineComment: indicators.baselineComment,
  position: indicators.position,
  sourceId: indicators.sourceId,
  version: indicators.version,
};

export const indicatorPeriodColumns = {
  id: indicatorPeriods.id,
  indicatorId: indicatorPeriods.indicatorId,
  periodStart: indicatorPeriods.periodStart,
  periodStartPrecision: indicatorPeriods.periodStartPrecision,
  periodEnd: indicatorPeriods.periodEnd,
  periodEndPrecision: indicatorPeriods.periodEndPrecision,
  targetValue: indicatorPeriods.targetValue,
  targetComment: indicatorPeriods.targetComment,
  targetDimensions: indicatorPeriods.targetDimensions,
  actualValue: indicatorPeriods.actualValue,
  actualComment: indicatorPeriods.actualComment,
  actualDimensions: indicatorPeriods.actualDimensions,
  evidenceUrl: indicatorPeriods.evidenceUrl,
  reportedBy: indicatorPeriods.reportedBy,
  reportId: indicatorPeriods.reportId,
  version: indicatorPeriods.version,
};

/** A period with the share of its target reached (by the stated rule) or why there is none. */
export interface IndicatorPeriodView {
  period: ReturnType<typeof periodRows>[number];
  progress: Progress;
}

function periodRows(db: Db, indicatorIds: number[]) {
  if (indicatorIds.length === 0) return [];
  return db
    .select(indicatorPeriodColumns)
    .from(indicatorPeriods)
    .where(inArray(indicatorPeriods.indicatorId, indicatorIds))
    .orderBy(asc(indicatorPeriods.periodStart), asc(indicatorPeriods.periodEnd))
    .all();
}

/** One project's indicator with its standard indicator (if linked) and periods in time order. */
export interface IndicatorView {
  indicator: ReturnType<typeof indicatorRows>[number];
  standard: ReturnType<typeof listStandardIndicators>[number] | null;
  periods: IndicatorPeriodView[];
  /**
   * What a summary line shows: the latest period with an actual value and a share of its target
   * (a round's period often has an actual but no target), else the latest with an actual, whose
   * progress then says why there is no share; null when nothing is reported.
   */
  latest: IndicatorPeriodView | null;
}

function indicatorRows(db: Db, projectIds: number[]) {
  if (projectIds.length === 0) return [];
  return db
    .select(indicatorColumns)
    .from(indicators)
    .where(inArray(indicators.projectId, projectIds))
    .orderBy(asc(indicators.projectId), asc(indicators.position), asc(indicators.id))
    .all();
}

/** The standard indicators in their order, with the source that states each. */
export function listStandardIndicators(db: Db = getDb()) {
  return db
    .select({ ...standardIndicatorColumns, sourceUrl: sources.url, sourceTitle: sources.title })
    .from(standardIndicators)
    .leftJoin(sources, eq(sources.id, standardIndicators.sourceId))
    .orderBy(asc(standardIndicators.position), asc(standardIndicators.code))
    .all();
}

/**
 * The indicators of these projects, by project id (projects without any are absent), each with
 * its periods and their progress. Reads 2–3 queries however many projects are asked for.
 */
export function listIndicatorsOfProjects(
  projectIds: number[],
  db: Db = getDb(),
): Map<number, IndicatorView[]> {
  const rows: ReturnType<typeof indicatorRows> = [];
  // SQLite's bound-parameter limit: ask in chunks.
  for (let i = 0; i < projectIds.length; i += 500) {
    rows.push(...indicatorRows(db, projectIds.slice(i, i + 500)));
  }
  const periodsOf = new Map<number, ReturnType<typeof periodRows>>();
  const ids = rows.map((r) => r.id);
  for (let i = 0; i < ids.length; i += 500) {
    for (const p of periodRows(db, ids.slice(i, i + 500))) {
      const list = periodsOf.get(p.indicatorId) ?? [];
      list.push(p);
      periodsOf.set(p.indicatorId, list);
    }
  }
  const standards = rows.some((r) => r.standardIndicatorId !== null)
    ? new Map(listStandardIndicators(db).map((s) => [s.id, s]))
    : new Map<number, ReturnType<typeof listStandardIndicators>[number]>();
  const byProject = new Map<number, IndicatorView[]>();
  for (const indicator of rows) {
    const periods = (periodsOf.get(indicator.id) ?? []).map((period) => ({
      period,
      progress: progressToTarget({
        measure: indicator.measure,
        isAscending: indicator.isAscending,
        baseline: indicator.baselineValue,
        target: period.targetValue,
        actual: period.actualValue,
      }),
    }));
    const reported = periods.filter((p) => p.period.actualValue !== null);
    const view: IndicatorView = {
      indicator,
      standard:
        indicator.standardIndicatorId === null
          ? null
          : (standards.get(indicator.standardIndicatorId) ?? null),
      periods,
      latest: reported.findLast((p) => p.progress.ok) ?? reported.at(-1) ?? null,
    };
    const list = byProject.get(indicator.projectId) ?? [];
    list.push(view);
    byProject.set(indicator.projectId, list);
  }
  return byProject;
}

/** One project's indicators (see listIndicatorsOfProjects). */
export function listProjectIndicators(projectId: number, db: Db = getDb()): IndicatorView[] {
  return listIndicatorsOfProjects([projectId], db).get(projectId) ?? [];
}

/** One indicator with its periods, or undefined. */
export function getIndicator(id: number, db: Db = getDb()): IndicatorView | undefined {
  const row = db
    .select({ projectId: indicators.projectId })
    .from(indicators)
    .where(eq(indicators.id, id))
    .get();
  if (!row) return undefined;
  return listProjectIndicators(row.projectId, db).find((v) => v.indicator.id === id);
}
