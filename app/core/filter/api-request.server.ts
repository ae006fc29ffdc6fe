import { projectFilterSql } from './project-filter.server';
import { resolveFilterSearch } from '../search/search.server';
import { today } from '../clock';
import { LANGS, type Lang, isLang } from '../i18n/config';
import { type ProjectFilter, parseFilter } from './filter';
import { type ParamRule, malformedMessage, oneOf } from './param-rules';

// What every /api and /export route shares: the shared filter read strictly (a bad value is a
// JSON 400 naming the parameter, never a guess), paging, and JSON errors.

export const API_MAX_PAGE_SIZE = 100;

export function apiError(
  status: number,
  error: string,
  parameter?: string,
  expected?: string,
): Response {
  return Response.json(
    { error, ...(parameter ? { parameter } : {}), ...(expected ? { expected } : {}) },
    { status },
  );
}

/** The 400 for a malformed value: names the parameter and says what it must be. */
export function malformedParameter(name: string, rule: ParamRule<unknown>, raw: string): Response {
  return apiError(400, malformedMessage(name, rule.expected, raw), name, rule.expected);
}

type RuleValues<R extends Record<string, ParamRule<unknown>>> = {
  [K in keyof R]?: R[K] extends ParamRule<infer T> ? T : never;
};

/**
 * Reads an API's own parameters (beyond the shared filter) by their rules: each given value read,
 * or the 400 that names the first malformed one and says what it must be.
 */
export function readApiParams<R extends Record<string, ParamRule<unknown>>>(
  search: URLSearchParams,
  rules: R,
): RuleValues<R> | Response {
  const values: Record<string, unknown> = {};
  for (const [name, rule] of Object.entries(rules)) {
    const raw = search.get(name);
    if (raw === null || raw === '') continue;
    const value = rule.read(raw);
    if (value === undefined) return malformedParameter(name, rule, raw);
    values[name] = value;
  }
  return values as RuleValues<R>;
}

export interface ApiRequest {
  filter: ProjectFilter;
  where: ReturnType<typeof projectFilterSql>;
  today: string;
  page: number;
  pageSize: number;
  search: URLSearchParams;
}

const wholeNumber = (max: number, expected: string): ParamRule<number> => ({
  read: (raw) =>
    /^\d{1,7}$/.test(raw) && Number(raw) >= 1 && Number(raw) <= max ? Number(raw) : undefined,
  expected,
});

const PAGING = {
  page: wholeNumber(1_000_000, 'a whole number from 1'),
  pageSize: wholeNumber(API_MAX_PAGE_SIZE, `a whole number from 1 to ${API_MAX_PAGE_SIZE}`),
};

/** Reads `page` and `pageSize` (≤ API_MAX_PAGE_SIZE), or answers the 400 that names the wrong one. */
export function readPaging(
  search: URLSearchParams,
  defaultPageSize = 50,
): { page: number; pageSize: number } | Response {
  const paging = readApiParams(search, PAGING);
  if (paging instanceof Response) return paging;
  return { page: paging.page ?? 1, pageSize: paging.pageSize ?? defaultPageSize };
}

/** Reads the filter and paging of an API request, or answers the 400 that names what is wrong. */
export function readApiRequest(request: Request, defaultPageSize = 50): ApiRequest | Response {
  const search = new URL(request.url).searchParams;
  const { filter, problems } = parseFilter(search);
  if (problems.length > 0) {
    return apiError(400, problems[0]!.message, problems[0]!.parameter, problems[0]!.expected);
  }
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

const LANG_RULE = oneOf(LANGS);

/** The language an answer is written in (`lang`, English by default), or the 400 naming it. */
export function readApiLang(search: URLSearchParams): Lang | Response {
  const lang = search.get('lang') ?? 'en';
  return isLang(lang) ? lang : malformedParameter('lang', LANG_RULE, lang);
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
      {
        error: problems[0]!.message,
        parameter: problems[0]!.parameter,
        ...(problems[0]!.expected ? { expected: problems[0]!.expected } : {}),
        problems,
      },
      { status: 400 },
    );
  }
  const now = today();
  return { where: projectFilterSql(resolveFilterSearch(filter), now), today: now };
}
