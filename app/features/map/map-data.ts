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
  events: {
    slug: string;
    /** In the data's language: the hub's translation where there is one, else the English title. */
    title: string;
    /** The title's HTML language: not 'en' where it is the hub team's translation (marked so). */
    titleLang: string;
    type: string;
    startDate: string | null;
    startPrecision: DatePrecision | null;
    endDate: string | null;
    endPrecision: DatePrecision | null;
    isDateVerified: boolean;
    isYearInferred: boolean;
    place: string;
    lat: number;
    lon: number;
    sourceUrl: string | null;
  }[];
}
