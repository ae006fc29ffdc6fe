import { projectFilterSql } from './project-filter.server';
import { resolveFilterSearch } from '../search/search.server';
import { today } from '../clock';
import { type Lang, isLang } from '../i18n/config';
import { type ProjectFilter, parseFilter } from './filter';

// What every /api and /export route shares: the shared filter read strictly (a bad value is a
// JSON 400 naming the parameter, never a guess), paging, and JSON errors.

export const API_MAX_PAGE_SIZE = 100;

export function apiError(status: number, error: string, parameter?: string): Response {
  return Response.json(parameter ? { error, parameter } : { error }, { status });
}

export interface ApiRequest {
  filter: ProjectFilter;
  where: ReturnType<typeof projectFilterSql>;
  today: string;
  page: number;
  pageSize: number;
  search: URLSearchParams;
}

function positiveInt(search: URLSearchParams, name: string, fallback: number, max: number) {
  const raw = search.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d{1,7}$/.test(raw) || Number(raw) < 1 || Number(raw) > max) return null;
  return Number(raw);
}

/** Reads `page` and `pageSize` (≤ API_MAX_PAGE_SIZE), or answers the 400 that names the wrong one. */
export function readPaging(
  search: URLSearchParams,
  defaultPageSize = 50,
): { page: number; pageSize: number } | Response {
  const page = positiveInt(search, 'page', 1, 1_000_000);
  if (page === null) return apiError(400, 'page must be a whole number from 1', 'page');
  const pageSize = positiveInt(search, 'pageSize', defaultPageSize, API_MAX_PAGE_SIZE);
  if (pageSize === null) {
    return apiError(
      400,
      `pageSize must be a whole number from 1 to ${API_MAX_PAGE_SIZE}`,
      'pageSize',
    );
  }
  return { page, pageSize };
}

/** Reads the filter and paging of an API request, or answers the 400 that names what is wrong. */
export function readApiRequest(request: Request, defaultPageSize = 50): ApiRequest | Response {
  const search = new URL(request.url).searchParams;
  const { filter, problems } = parseFilter(search);
  if (problems.length > 0) return apiError(400, problems[0]!.message, problems[0]!.parameter);
  const paging = readPaging(search, defaultPageSize);
  if (paging instanceof Response) return paging;
  const now = today();
  return {
    filter,
    where: projectFilterSql(resolveFilterSearch(filter), now),
    today: now,
    ...paging,
    search,
  };
}

/** The language an answer is written in (`lang`, English by default), or the 400 naming it. */
export function readApiLang(search: URLSearchParams): Lang | Response {
  const lang = search.get('lang') ?? 'en';
  return isLang(lang) ? lang : apiError(400, 'lang must be one of en, zh, de', 'lang');
}

/**
 * The shared filter of an unpaged API (the map's data, a chart's CSV) as SQL, or the 400 naming
 * the first bad parameter and listing every problem.
 */
export function readApiFilter(
  search: URLSearchParams,
): { where: ReturnType<typeof projectFilterSql>; today: string } | Response {
  const { filter, problems } = parseFilter(search);
  if (problems.length > 0) {
    return Response.json(
      { error: problems[0]!.message, parameter: problems[0]!.parameter, problems },
      { status: 400 },
    );
  }
  const now = today();
  return { where: projectFilterSql(resolveFilterSearch(filter), now), today: now };
}
