import { mapDataJson } from './map-data.server';
import { resolveFilterSearch } from '../../core/search/search.server';
import { projectFilterSql } from '../../core/filter/project-filter.server';
import { isLang } from '../../core/i18n/config';
import { parseFilter } from '../../core/filter/filter';
import { today } from '../../core/clock';
import type { Route } from './+types/api-map';

/**
 * The map widget's data: only what markers, popups and the choropleth need, in one language.
 * Loaded by the browser-only map after the page (whose lists are server-rendered) is shown.
 */
export function loader({ request }: Route.LoaderArgs) {
  const search = new URL(request.url).searchParams;
  const langParam = search.get('lang') ?? 'en';
  if (!isLang(langParam)) {
    return Response.json(
      { error: 'lang must be one of en, zh, de', parameter: 'lang' },
      { status: 400 },
    );
  }
  // An API answers bad filter values with a 400 naming the parameter, never a guess.
  const { filter, problems } = parseFilter(search);
  if (problems.length > 0) {
    return Response.json(
      { error: problems[0]!.message, parameter: problems[0]!.parameter, problems },
      { status: 400 },
    );
  }
  const now = today();
  const where = projectFilterSql(resolveFilterSearch(filter), now);
  return new Response(mapDataJson(where, langParam, now), {
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-cache' },
  });
}
