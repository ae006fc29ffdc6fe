import { getDashboard } from '../../../db/queries/dashboard.server';
import { projectFilterSql } from '../../../db/queries/project-filter.server';
import { resolveFilterSearch } from '../../../db/queries/search.server';
import { getInstance } from '../../i18n/i18next.server';
import { fixedTranslation } from '../../i18n/hooks';
import { isLang } from '../../i18n/config';
import { today } from '../../lib/clock';
import { chartRowLabel, isDashboardChartId, parseMinistryCounting } from '../../lib/dashboard';
import { parseFilter } from '../../lib/filter';
import type { Route } from './+types/dashboard-csv';

/** A CSV field: quoted when it holds a comma, a quote or a line break. */
function field(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * /api/dashboard/<chart>.csv?<filter>&lang=: one chart's numbers exactly as its table shows
 * them, with the code and the label of each category. UTF-8 with a byte-order mark, so that
 * spreadsheet programs read Chinese names correctly.
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
  const lines = [
    header,
    ...rows.map((r) => [
      r.key,
      chartRowLabel(chart, r, t, lang),
      r.value,
      ...(chart === 'achievedOverTime' ? [r.second ?? 0] : []),
    ]),
  ].map((cells) => cells.map(field).join(','));
  return new Response(`\uFEFF${lines.join('\r\n')}\r\n`, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${chart}.csv"`,
    },
  });
}
