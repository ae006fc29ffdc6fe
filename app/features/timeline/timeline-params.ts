import { z } from 'zod';

import { parsePartialDate } from '../../../db/dates';
import { type ProjectFilter, filterSearchParams } from '../../core/filter/filter';
import { viewParamReader } from '../../core/filter/list-params';
import {
  TIMELINE_GROUPINGS,
  TIMELINE_ZOOMS,
  type TimelineGrouping,
  type TimelineZoom,
} from './timeline';

// The timeline page's view parameters, apart from the geometry (timeline.ts) so that pages which
// only draw a chart (the project page, in the browser) do not load the URL schemas.

export interface TimelineParams {
  group: TimelineGrouping;
  zoom: TimelineZoom;
  /** The year (zoom=year) or month (zoom=month) the window shows; unset: around today. */
  at: string | undefined;
  page: number;
  ignored: string[];
}

const SCHEMAS = {
  group: z.enum(TIMELINE_GROUPINGS),
  zoom: z.enum(TIMELINE_ZOOMS),
  at: z.string().refine((s) => parsePartialDate(s)?.precision !== 'day' && !!parsePartialDate(s)),
  page: z.coerce.number().int().min(1).max(1_000_000),
};

/** Reads the timeline's view parameters; a bad value falls back to the default and is named. */
export function parseTimelineParams(search: URLSearchParams): TimelineParams {
  const { read, ignored } = viewParamReader(search, SCHEMAS);
  const zoom = read('zoom') ?? 'decade';
  let at = read('at');
  // "at" means a year for zoom=year and a month for zoom=month; the decade view has no window.
  if (at && (zoom === 'decade' || (zoom === 'year' && at.length !== 4))) {
    ignored.push('at');
    at = undefined;
  }
  if (at && zoom === 'month' && at.length === 4) at = `${at}-01`;
  return { group: read('group') ?? 'type', zoom, at, page: read('page') ?? 1, ignored };
}

/** The query string for a timeline view (filter first), leaving defaults out. */
export function timelineSearch(
  params: Partial<Pick<TimelineParams, 'group' | 'zoom' | 'at' | 'page'>>,
  filter?: ProjectFilter,
): string {
  const search = filter ? filterSearchParams(filter) : new URLSearchParams();
  if (params.group && params.group !== 'type') search.set('group', params.group);
  if (params.zoom && params.zoom !== 'decade') search.set('zoom', params.zoom);
  if (params.at) search.set('at', params.at);
  if (params.page && params.page > 1) search.set('page', String(params.page));
  const text = search.toString();
  return text ? `?${text}` : '';
}
