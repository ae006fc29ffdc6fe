import { type SQL, and, sql } from 'drizzle-orm';

import { type Db, getDb } from '../../core/db.server';
import { indicatorPeriods, indicators, projects } from '../../../db/schema';
import { inPortfolioSql, originSql, portfolioSql } from '../../core/filter/project-filter.server';
import { cachedQuery, sqlKey } from '../../../db/query-cache.server';
import type { IndicatorMeasure, IndicatorUnit } from '../../../db/vocabulary';
import { listStandardIndicators } from './indicators.server';

// What the dashboard shows per standard indicator (decision 0062). A project's contribution is
// the sum of its indicator's actuals over its periods (IATI: a period's value is for that period;
// everything stored is approved). A TOTAL across projects exists only when the standard indicator
// is additive, every linked indicator's unit is the standard's unit and its measure is a quantity
// ('unit'); otherwise the dashboard shows the contributions one by one and no total.

/** Why a standard indicator has no total (the first that applies is shown). */
export type NoTotalReason =
  'no-indicator' | 'not-additive' | 'no-unit' | 'unit-mismatch' | 'not-quantity' | 'none-reported';

/** One project's indicator linked to a standard indicator, with what it has reported. */
export interface Contribution {
  indicatorId: number;
  projectId: number;
  projectSlug: string;
  projectTitle: string;
  projectTitleZh: string | null;
  projectTitleDe: string | null;
  projectShortName: string | null;
  indicatorTitle: string;
  indicatorTitleZh: string | null;
  indicatorTitleDe: string | null;
  unit: IndicatorUnit | null;
  measure: IndicatorMeasure;
  /** Periods with an actual value. */
  reportedPeriods: number;
  /**
   * The value shown for it: the sum of its actuals for a quantity ('unit'); the latest actual for
   * a percentage (a share is a state, never added over periods); null for other measures or when
   * nothing is reported ("not reported", never 0).
   */
  value: number | null;
  valueKind: 'sum' | 'latest' | 'none';
}

export type StandardIndicatorRow = ReturnType<typeof listStandardIndicators>[number];

export interface StandardTotal {
  standard: StandardIndicatorRow;
  contributions: Contribution[];
  /** m: projects with an indicator linked to it. */
  linkedProjects: number;
  /** n: of those, projects with at least one actual. */
  reportingProjects: number;
  /** The sum over projects, or null (then `reason` says why). */
  total: number | null;
  reason: NoTotalReason | null;
  /** How many contributions there are: `contributions` may hold only the largest of them. */
  contributionCount: number;
}

interface ContributionRow extends Omit<Contribution, 'value' | 'valueKind'> {
  standardIndicatorId: number;
  actualSum: number | null;
  latestActual: number | null;
}

/** Whether (and why not) the contributions to a standard indicator may be added up. */
export function totalRule(
  standard: Pick<StandardIndicatorRow, 'isAdditive' | 'unit'>,
  contributions: Pick<Contribution, 'unit' | 'measure' | 'reportedPeriods'>[],
): NoTotalReason | null {
  if (contributions.length === 0) return 'no-indicator';
  if (!standard.isAdditive) return 'not-additive';
  if (standard.unit === null) return 'no-unit';
  if (contributions.some((c) => c.unit !== standard.unit)) return 'unit-mismatch';
  if (contributions.some((c) => c.measure !== 'unit')) return 'not-quantity';
  if (contributions.every((c) => c.reportedPeriods === 0)) return 'none-reported';
  return null;
}

function contributionRows(where: SQL | undefined, db: Db): ContributionRow[] {
  // Imported IATI activities never count towards the IKI portfolio, whatever the filter asks.
  const scope = inPortfolioSql(indicators.projectId, and(portfolioSql(where), originSql('hub')));
  return db.all<ContributionRow>(sql`
    SELECT ${indicators.id} AS indicatorId, ${indicators.projectId} AS projectId,
           ${indicators.standardIndicatorId} AS standardIndicatorId,
           ${projects.slug} AS projectSlug, ${projects.title} AS projectTitle,
           ${projects.titleZh} AS projectTitleZh, ${projects.titleDe} AS projectTitleDe,
           ${projects.shortName} AS projectShortName,
           ${indicators.title} AS indicatorTitle, ${indicators.titleZh} AS indicatorTitleZh,
           ${indicators.titleDe} AS indicatorTitleDe,
           ${indicators.unit} AS unit, ${indicators.measure} AS measure,
           count(${indicatorPeriods.actualValue}) AS reportedPeriods,
           sum(${indicatorPeriods.actualValue}) AS actualSum,
           (SELECT latest.actual_value FROM ${indicatorPeriods} latest
             WHERE latest.indicator_id = ${indicators.id} AND latest.actual_value IS NOT NULL
             ORDER BY latest.period_end DESC, latest.period_start DESC LIMIT 1) AS latestActual
      FROM ${indicators}
      JOIN ${projects} ON ${projects.id} = ${indicators.projectId}
      LEFT JOIN ${indicatorPeriods} ON ${indicatorPeriods.indicatorId} = ${indicators.id}
     WHERE ${indicators.standardIndicatorId} IS NOT NULL AND ${scope}
     GROUP BY ${indicators.id}
     ORDER BY ${projects.title}, ${indicators.position}, ${indicators.id}`);
}

function contributionOf(row: ContributionRow): Contribution {
  const { standardIndicatorId: _s, actualSum, latestActual, ...rest } = row;
  if (row.reportedPeriods === 0) return { ...rest, value: null, valueKind: 'none' };
  if (row.measure === 'unit') return { ...rest, value: actualSum, valueKind: 'sum' };
  if (row.measure === 'percentage') return { ...rest, value: latestActual, valueKind: 'latest' };
  return { ...rest, value: null, valueKind: 'none' };
}

/** Every standard indicator with the filtered projects' contributions and, where allowed, a total. */
export function listStandardTotals(where: SQL | undefined, db: Db = getDb()): StandardTotal[] {
  return cachedQuery(db, `standard-totals:${sqlKey(where)}`, () => {
    const rows = contributionRows(where, db);
    return listStandardIndicators(db).map((standard) => {
      const contributions = rows
        .filter((r) => r.standardIndicatorId === standard.id)
        .map(contributionOf);
      const reason = totalRule(standard, contributions);
      return {
        standard,
        contributions,
        linkedProjects: new Set(contributions.map((c) => c.projectId)).size,
        reportingProjects: new Set(
          contributions.filter((c) => c.reportedPeriods > 0).map((c) => c.projectId),
        ).size,
        total: reason === null ? contributions.reduce((sum, c) => sum + (c.value ?? 0), 0) : null,
        reason,
        contributionCount: contributions.length,
      };
    });
  });
}

/** How many contributions a page lists per standard indicator (the CSV has them all). */
export const SHOWN_CONTRIBUTIONS = 10;

/**
 * A standard indicator's largest contributions for a page: reported values first, largest first,
 * then by title, at most `limit` (a portfolio of thousands of projects would otherwise list them
 * all, and draw a bar for each). Counts and the total stay those of every contribution.
 */
export function largestContributions(
  total: StandardTotal,
  limit = SHOWN_CONTRIBUTIONS,
): StandardTotal {
  if (total.contributions.length <= limit) return total;
  const contributions = [...total.contributions]
    .sort((a, b) => {
      if ((a.value === null) !== (b.value === null)) return a.value === null ? 1 : -1;
      return (b.value ?? 0) - (a.value ?? 0);
    })
    .slice(0, limit);
  return { ...total, contributions };
}
