import type { IndicatorMeasure } from '../../../db/vocabulary';
import { type Progress, isQuantitative } from './indicator-progress';
import type { IndicatorView } from './indicators.server';

// How the JSON API writes an indicator (/api/projects/:slug and /api/indicators alike, decision
// 0065): codes, never labels; a period's actual is null when not reported (never 0); the progress
// as the project page states it, a share or the reason there is none.

/**
 * Whether a period's actual was reported: a number for quantitative indicators; for qualitative
 * ones (which carry no number) a number or the actual's comment.
 */
export function isPeriodReported(
  measure: IndicatorMeasure,
  period: { actualValue: number | null; actualComment: string | null },
): boolean {
  if (period.actualValue !== null) return true;
  return !isQuantitative(measure) && Boolean(period.actualComment?.trim());
}

/** The share reached (clamped 0…1) and the raw quotient, or null and the reason. */
export function progressJson(progress: Progress) {
  return progress.ok
    ? {
        share: progress.share,
        raw: progress.raw,
        baselineAssumed: progress.baselineAssumed,
        reason: null,
      }
    : { share: null, raw: null, baselineAssumed: false, reason: progress.reason };
}

export function indicatorJson({ indicator: i, standard, periods, latest }: IndicatorView) {
  return {
    id: i.id,
    title: i.title,
    titleZh: i.titleZh,
    titleDe: i.titleDe,
    description: i.description,
    unit: i.unit,
    measure: i.measure,
    ascending: i.isAscending,
    standardIndicator: standard
      ? {
          code: standard.code,
          title: standard.title,
          titleZh: standard.titleZh,
          titleDe: standard.titleDe,
          unit: standard.unit,
          isAdditive: standard.isAdditive,
        }
      : null,
    disaggregation: i.disaggregation,
    resultType: i.resultType,
    resultTitle: i.resultTitle,
    baseline: {
      value: i.baselineValue,
      year: i.baselineYear,
      date: i.baselineDate,
      comment: i.baselineComment,
    },
    periods: periods.map(({ period: p, progress }) => ({
      start: p.periodStart,
      startPrecision: p.periodStartPrecision,
      end: p.periodEnd,
      endPrecision: p.periodEndPrecision,
      target: p.targetValue,
      targetComment: p.targetComment,
      targetDimensions: p.targetDimensions,
      actual: p.actualValue,
      actualComment: p.actualComment,
      actualDimensions: p.actualDimensions,
      isReported: isPeriodReported(i.measure, p),
      evidenceUrl: p.evidenceUrl,
      reportedBy: p.reportedBy,
      progress: progressJson(progress),
    })),
    /** The latest period with an actual, and its progress (what the project page's summary shows). */
    latest: latest
      ? {
          start: latest.period.periodStart,
          end: latest.period.periodEnd,
          progress: progressJson(latest.progress),
        }
      : null,
  };
}
