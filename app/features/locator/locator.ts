// Shared by the server, which works out a locator map's view (app/features/locator/locator.server.ts), and
// the component that draws it (app/features/locator/locator-map.tsx), also in the browser.

/** Where the locator maps' basemap is served (app/features/locator/locator-basemap.ts). */
export const BASEMAP_PATH = '/locator-basemap.svg';

/** What one locator map shows, in projected degrees (Mercator, y grows southwards). */
export interface LocatorView<T> {
  viewBox: string;
  /** The dots' radius and the outlines' width, in viewBox units. */
  radius: number;
  stroke: number;
  /** The provinces to highlight (ISO 3166-2), those the basemap holds. */
  provinceCodes: string[];
  /** Each point given, with its position. */
  points: (T & { x: number; y: number })[];
}
