import { mapDataJson } from './map-data.server';
import { readApiFilter, readApiLang } from '../../core/filter/api-request.server';
import type { Route } from './+types/api-map';

/**
 * The map widget's data: only what markers, popups and the choropleth need, in one language.
 * Loaded by the browser-only map after the page (whose lists are server-rendered) is shown.
 */
export function loader({ request }: Route.LoaderArgs) {
  const search = new URL(request.url).searchParams;
  const lang = readApiLang(search);
  if (lang instanceof Response) return lang;
  // An API answers bad filter values with a 400 naming the parameter, never a guess.
  const selection = readApiFilter(search);
  if (selection instanceof Response) return selection;
  return new Response(mapDataJson(selection.where, lang, selection.today), {
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-cache' },
  });
}
