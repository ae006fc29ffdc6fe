import { csvResponse } from '../../core/csv';
import { readApiParams } from '../../core/filter/api-request.server';
import { localizePath } from '../../core/i18n/config';
import { officialNameText } from '../../core/ui/official-name';
import {
  type FilteredIndicator,
  listFilteredIndicators,
} from '../indicators/indicator-data.server';
import { isPeriodReported } from '../indicators/indicator-json';
import { INDICATOR_PARAMS } from '../indicators/indicator-params';
import type { IndicatorPeriodView } from '../indicators/indicators.server';
import { type Column, type ExportRequest, MAX_ROWS, table } from './export-request';

// indicators.csv: one row per indicator period of the filtered projects (an indicator without
// periods: one row with the period columns empty). Codes and labels side by side as in the other
// CSVs; numbers as stored, unformatted; "not reported" is an empty actual and status
// `not-reported`, never 0 (decision 0065).

interface IndicatorRow {
  view: FilteredIndicator;
  period: IndicatorPeriodView | null;
}

type RowStatus = 'reported' | 'not-reported' | 'no-periods';

const statusOf = ({ view, period }: IndicatorRow): RowStatus =>
  !period
    ? 'no-periods'
    : isPeriodReported(view.indicator.measure, period.period)
      ? 'reported'
      : 'not-reported';

/** Dimensions as `female=40; male=60` (the codes of INDICATOR_DISAGGREGATIONS). */
const dimensionsText = (d: Record<string, number> | null | undefined) =>
  d && Object.keys(d).length
    ? Object.entries(d)
        .map(([k, v]) => `${k}=${v}`)
        .join('; ')
    : null;

export function indicatorsCsv({ api, t, lang, origin }: ExportRequest): Response {
  const own = readApiParams(api.search, INDICATOR_PARAMS);
  if (own instanceof Response) return own;
  const views = listFilteredIndicators(
    { where: api.where, ...own },
    { limit: MAX_ROWS, offset: 0 },
  );
  const rows: IndicatorRow[] = views
    .flatMap((view): IndicatorRow[] =>
      view.periods.length
        ? view.periods.map((period) => ({ view, period }))
        : [{ view, period: null }],
    )
    .slice(0, MAX_ROWS);
  const ind = (r: IndicatorRow) => r.view.indicator;
  const per = (r: IndicatorRow) => r.period?.period;
  const progress = (r: IndicatorRow) => r.period?.progress;
  const columns: Column<IndicatorRow>[] = [
    ['project', (r) => r.view.project.slug],
    ['project_title', (r) => r.view.project.title],
    [
      'project_title_label',
      (r) =>
        officialNameText(lang, {
          en: r.view.project.title,
          zh: r.view.project.titleZh,
          de: r.view.project.titleDe,
        }),
    ],
    ['indicator_id', (r) => ind(r).id],
    ['title', (r) => ind(r).title],
    ['title_zh', (r) => ind(r).titleZh],
    ['title_de', (r) => ind(r).titleDe],
    [
      'title_label',
      (r) => officialNameText(lang, { en: ind(r).title, zh: ind(r).titleZh, de: ind(r).titleDe }),
    ],
    ['unit', (r) => ind(r).unit],
    [
      'unit_label',
      (r) => (ind(r).unit ? t(`indicators.units.${ind(r).unit!}`) : t('indicators.unitNotStated')),
    ],
    ['measure', (r) => ind(r).measure],
    ['measure_label', (r) => t(`indicators.measures.${ind(r).measure}`)],
    ['ascending', (r) => (ind(r).isAscending ? 'yes' : 'no')],
    [
      'direction_label',
      (r) => t(`indicators.direction.${ind(r).isAscending ? 'ascending' : 'descending'}`),
    ],
    ['standard_indicator', (r) => r.view.standard?.code],
    ['disaggregation', (r) => ind(r).disaggregation],
    ['baseline', (r) => ind(r).baselineValue],
    ['baseline_year', (r) => ind(r).baselineYear],
    ['baseline_date', (r) => ind(r).baselineDate],
    ['baseline_comment', (r) => ind(r).baselineComment],
    ['period_start', (r) => per(r)?.periodStart],
    ['period_start_precision', (r) => per(r)?.periodStartPrecision],
    ['period_end', (r) => per(r)?.periodEnd],
    ['period_end_precision', (r) => per(r)?.periodEndPrecision],
    ['target', (r) => per(r)?.targetValue],
    ['target_dimensions', (r) => dimensionsText(per(r)?.targetDimensions)],
    ['target_comment', (r) => per(r)?.targetComment],
    ['actual', (r) => per(r)?.actualValue],
    ['actual_dimensions', (r) => dimensionsText(per(r)?.actualDimensions)],
    ['actual_comment', (r) => per(r)?.actualComment],
    ['status', statusOf],
    ['status_label', (r) => t(`indicatorData.status.${statusOf(r)}`)],
    // The share of the target reached by the stated rule (0…1, unrounded), or why there is none.
    ['share_of_target', (r) => (progress(r)?.ok ? (progress(r) as { share: number }).share : null)],
    [
      'no_share_reason',
      (r) => {
        const p = progress(r);
        return p && !p.ok ? p.reason : null;
      },
    ],
    [
      'no_share_reason_label',
      (r) => {
        const p = progress(r);
        return p && !p.ok ? t(`indicators.progressReasons.${p.reason}`) : null;
      },
    ],
    ['evidence_url', (r) => per(r)?.evidenceUrl],
    ['reported_by', (r) => per(r)?.reportedBy],
    ['url', (r) => `${origin}${localizePath(`/projects/${r.view.project.slug}`, lang)}#indicators`],
  ];
  return csvResponse(table(columns, rows), 'iki-china-indicators.csv');
}
