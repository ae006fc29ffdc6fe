import { basemapSvg } from './locator.server';

/**
 * The locator maps' basemap (app/features/locator/locator.server.ts): public and the same for every page and
 * language, so the browser fetches it once (ETag and Cache-Control come from the root middleware).
 */
export function loader() {
  return new Response(basemapSvg(), {
    headers: { 'Content-Type': 'image/svg+xml; charset=utf-8' },
  });
}
