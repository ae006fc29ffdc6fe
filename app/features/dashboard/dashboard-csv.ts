import { getDashboard } from './dashboard.server';
import { projectFilterSql } from '../../core/filter/project-filter.server';
import { resolveFilterSearch } from '../../core/search/search.server';
import { getInstance } from '../../core/i18n/i18next.server';
import { fixedTranslation } from '../../core/i18n/hooks';
import { isLang } from '../../core/i18n/config';
import { today } from '../../core/clock';
import { csvResponse } from '../../core/csv';
import { chartRowLabel, isDashboardChartId, parseMinistryCounting } from './dashboard';
import { parseFilter } from '../../core/filter/filter';
import type { Route } from './+types/dashboard-csv';

/**
 * /api/dashboard/<chart>.csv?<filter>&lang=: one chart's numbers exactly as its table shows
 * them, with the code and the label of each category (written by app/core/csv.ts: UTF-8 with a
 * byte-order mark, formulae escaped).
 */
export function loader({ request, params, context }: Route.LoaderArgs) {
  const search = new URL(request.url).searchParams;
  const chart = /^(\w+)\.csv$/.exec(params.file)?.[1] ?? '';
  if (!isDashboardChartId(chart)) {
    return Response.json({ error: 'unknown chart', parameter: 'chart' }, { status: 404 });
  }
  const lang = search.get('lang') ?? 'en';
  if (!isLang(lang)) {
    return Response.json(
      { error: 'lang must be one of en, zh, de', parameter: 'lang' },
      { status: 400 },
    );
  }
  const { filter, problems } = parseFilter(search);
  if (problems.length > 0) {
    return Response.json(
      { error: problems[0]!.message, parameter: problems[0]!.parameter, problems },
      { status: 400 },
    );
  }
  const now = today();
  const ministries = parseMinistryCounting(search.get('ministries'));
  const rows = getDashboard(projectFilterSql(resolveFilterSearch(filter), now), now, ministries)
    .charts[chart];
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
