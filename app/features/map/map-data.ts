import type { DatePrecision, ProjectStatus, ProjectType } from '../../../db/vocabulary';

/**
 * One project as the map's popups need it, as a tuple to keep /api/map small at scale:
 * [slug, title, isUntranslated, type, status, start, startPrecision, end, endPrecision,
 *  fundingEur, implementers].
 */
export type MapProject = [
  string,
  string,
  boolean,
  ProjectType,
  ProjectStatus,
  string | null,
  DatePrecision | null,
  string | null,
  DatePrecision | null,
  number | null,
  string,
];

/**
 * One event at one place, as a tuple for the same reason: [title (the hub's translation where
 * there is one, else the English title), the title's HTML language (not 'en' where it is the hub
 * team's translation, marked so), start, startPrecision, end, endPrecision, isDateVerified,
 * isYearInferred, place, lat, lon, sourceUrl].
 */
export type MapEvent = [
  string,
  string,
  string | null,
  DatePrecision | null,
  string | null,
  DatePrecision | null,
  boolean,
  boolean,
  string,
  number,
  number,
  string | null,
];

/** What /api/map sends the map widget; projects and places are referenced by index. */
export interface MapData {
  lang: string;
  projects: MapProject[];
  /** [lat, lon, name] of every place that has coordinates. */
  placeList: [number, number, string][];
  /** [project index, place index]: one marker per (project, place with coordinates). */
  places: [number, number][];
  /** Projects that name a province but have no mapped place in it, sitting on that province. */
  provinceOnly: { code: string; name: string; lat: number; lon: number; projects: number[] }[];
  /** [project index, ISO alpha-2, ISO numeric]: participating countries other than China. */
  foreign: [number, string, string][];
  provinces: {
    code: string;
    name: string;
    projects: number;
    withKnownFunding: number;
    knownFundingEur: number;
  }[];
  /** The events, one per (event, place with coordinates): see MapEvent. */
  events: MapEvent[];
}

/** Where the map widget gets its data: in one language, for the page's filter (a query string). */
export const mapDataUrl = (lang: string, filterQuery: string) =>
  `/api/map?lang=${lang}${filterQuery ? `&${filterQuery}` : ''}`;

/** The basemaps the widget draws: the world's countries and China's provinces (TopoJSON). */
export const MAP_BASEMAPS = {
  world: '/geo/world-countries-110m.topo.json',
  china: '/geo/china-provinces.simplified.topo.json',
} as const;
