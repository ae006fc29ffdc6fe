import { getDashboard } from './dashboard.server';
import { getInstance } from '../../core/i18n/i18next.server';
import { fixedTranslation } from '../../core/i18n/hooks';
import { csvResponse } from '../../core/csv';
import {
  DASHBOARD_CHART_IDS,
  chartRowLabel,
  isDashboardChartId,
  parseMinistryCounting,
} from './dashboard';
import {
  apiError,
  readApiFilter,
  readApiLang,
  readApiParams,
} from '../../core/filter/api-request.server';
import { oneOf } from '../../core/filter/param-rules';
import type { Route } from './+types/dashboard-csv';
import { INDICATOR_CSV_HEADER, indicatorCsvRows } from './dashboard-indicators-csv';
import { listStandardTotals } from '../indicators/standard-totals.server';

/**
 * /api/dashboard/<chart>.csv?<filter>&lang=: one chart's numbers exactly as its table shows
 * them, with the code and the label of each category (written by app/core/csv.ts: UTF-8 with a
 * byte-order mark, formulae escaped). indicators.csv: the standard indicators' section.
 */
export function loader({ request, params, context }: Route.LoaderArgs) {
  const search = new URL(request.url).searchParams;
  const chart = /^(\w+)\.csv$/.exec(params.file)?.[1] ?? '';
  if (!isDashboardChartId(chart) && chart !== 'indicators') {
    return apiError(
      404,
      `no chart “${chart || params.file}”; the charts are ${[...DASHBOARD_CHART_IDS, 'indicators'].map((c) => `${c}.csv`).join(', ')}`,
      'chart',
    );
  }
  const lang = readApiLang(search);
  if (lang instanceof Response) return lang;
  const selection = readApiFilter(search);
  if (selection instanceof Response) return selection;
  if (chart === 'indicators') {
    // The standard indicators' section (decision 0062): one row per contributing indicator.
    const t = fixedTranslation(getInstance(context), lang);
    return csvResponse(
      [INDICATOR_CSV_HEADER, ...indicatorCsvRows(listStandardTotals(selection.where), t, lang)],
      'indicators.csv',
    );
  }
  const own = readApiParams(search, { ministries: oneOf(['folded', 'stated'] as const) });
  if (own instanceof Response) return own;
  const ministries = parseMinistryCounting(own.ministries ?? null);
  const rows = getDashboard(selection.where, selection.today, ministries).charts[chart];
  const t = fixedTranslation(getInstance(context), lang);
  const header =
    chart === 'achievedOverTime'
      ? ['code', 'label', 'achieved', 'planned']
      : ['code', 'label', 'count'];
  return csvResponse(
    [
      header,
      ...rows.map((r) => [
        r.key,
        chartRowLabel(chart, r, t, lang),
        r.value,
        ...(chart === 'achievedOverTime' ? [r.second ?? 0] : []),
      ]),
    ],
    `${chart}.csv`,
  );
}
