import { mapDataAnswer } from './map-data.server';
import { acceptsGzip } from '../../core/http/response-cache.server';
import { readApiFilter, readApiLang } from '../../core/filter/api-request.server';
import type { Route } from './+types/api-map';

/**
 * The map widget's data: only what markers, popups and the choropleth need, in one language.
 * Loaded by the browser-only map after the page (whose lists are server-rendered) is shown.
 */
export async function loader({ request }: Route.LoaderArgs) {
  const search = new URL(request.url).searchParams;
  const lang = readApiLang(search);
  if (lang instanceof Response) return lang;
  // An API answers bad filter values with a 400 naming the parameter, never a guess.
  const selection = readApiFilter(search);
  if (selection instanceof Response) return selection;
  const answer = mapDataAnswer(selection.where, lang, selection.today);
  const headers = {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-cache',
    Vary: 'Accept-Encoding',
  };
  // Sent as kept, gzipped once: the server's compression would redo it for every request.
  if (acceptsGzip(request.headers.get('Accept-Encoding'))) {
    return new Response(await answer.gzipped, {
      headers: { ...headers, 'Content-Encoding': 'gzip' },
    });
  }
  return new Response(answer.json, { headers });
}
