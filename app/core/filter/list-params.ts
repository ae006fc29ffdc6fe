import { z } from 'zod';

import { type ProjectFilter, filterSearchParams } from './filter';

/**
 * 'current' is the default: ongoing projects first, then the newest start, then the title (what a
 * visitor wants to see first). The others sort by one column in either direction.
 */
export const PROJECT_SORTS = ['current', 'title', 'start', 'end', 'funding'] as const;
export const DEFAULT_PROJECT_SORT = 'current';
export const SORT_DIRECTIONS = ['asc', 'desc'] as const;
export const PAGE_SIZE = 20;

export type ProjectSort = (typeof PROJECT_SORTS)[number];
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

/** What was normalised; the page says so in its language (and never echoes the raw input). */
export type Adjustment =
  { key: 'pageInvalid' | 'sortInvalid' | 'dirInvalid' } | { key: 'pageBeyond'; count: number };

export interface ListParams {
  page: number;
  sort: ProjectSort;
  dir: SortDirection;
  adjustments: Adjustment[];
}

const PageSchema = z.coerce.number().int().min(1).max(1_000_000);
const SortSchema = z.enum(PROJECT_SORTS);
const DirSchema = z.enum(SORT_DIRECTIONS);

/** Reads page/sort/dir from the query string; bad values fall back to defaults and say so. */
export function parseListParams(search: URLSearchParams): ListParams {
  const adjustments: Adjustment[] = [];
  const read = <T>(name: string, schema: z.ZodType<T>, fallback: T, adjustment: Adjustment): T => {
    const raw = search.get(name);
    if (raw === null || raw === '') return fallback;
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    adjustments.push(adjustment);
    return fallback;
  };
  return {
    page: read('page', PageSchema, 1, { key: 'pageInvalid' }),
    sort: read('sort', SortSchema, DEFAULT_PROJECT_SORT, { key: 'sortInvalid' }),
    dir: read('dir', DirSchema, 'asc', { key: 'dirInvalid' }),
    adjustments,
  };
}

/** Clamps a page beyond the last one to the last one. */
export function clampPage(params: ListParams, total: number): ListParams {
  const lastPage = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (params.page <= lastPage) return params;
  return {
    ...params,
    page: lastPage,
    adjustments: [...params.adjustments, { key: 'pageBeyond', count: lastPage }],
  };
}

/** The query string for a list page (filter first), leaving defaults out so URLs stay short. */
export function listSearch(
  params: Pick<ListParams, 'page' | 'sort' | 'dir'>,
  filter?: ProjectFilter,
): string {
  const search = filter ? filterSearchParams(filter) : new URLSearchParams();
  if (params.sort !== DEFAULT_PROJECT_SORT) search.set('sort', params.sort);
  if (params.dir !== 'asc') search.set('dir', params.dir);
  if (params.page !== 1) search.set('page', String(params.page));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * A reader of optional view parameters (sort, zoom, group …): a value its schema refuses is
 * dropped, and the parameter's name goes into `ignored` for the page to mention.
 */
export function viewParamReader<S extends Record<string, z.ZodType>>(
  search: URLSearchParams,
  schemas: S,
) {
  const ignored: string[] = [];
  const read = <K extends keyof S & string>(name: K): z.infer<S[K]> | undefined => {
    const raw = search.get(name);
    if (raw === null || raw === '') return undefined;
    const parsed = schemas[name]!.safeParse(raw);
    if (parsed.success) return parsed.data as z.infer<S[K]>;
    ignored.push(name);
    return undefined;
  };
  return { read, ignored };
}
