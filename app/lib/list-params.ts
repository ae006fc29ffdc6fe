import { z } from 'zod';

export const PROJECT_SORTS = ['title', 'start', 'end', 'funding'] as const;
export const SORT_DIRECTIONS = ['asc', 'desc'] as const;
export const PAGE_SIZE = 20;

export type ProjectSort = (typeof PROJECT_SORTS)[number];
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

export interface ListParams {
  page: number;
  sort: ProjectSort;
  dir: SortDirection;
  /** What was normalised, in words the page shows (never the raw input). */
  adjustments: string[];
}

const PageSchema = z.coerce.number().int().min(1).max(1_000_000);
const SortSchema = z.enum(PROJECT_SORTS);
const DirSchema = z.enum(SORT_DIRECTIONS);

/** Reads page/sort/dir from the query string; bad values fall back to defaults and say so. */
export function parseListParams(search: URLSearchParams): ListParams {
  const adjustments: string[] = [];
  const read = <T>(name: string, schema: z.ZodType<T>, fallback: T, message: string): T => {
    const raw = search.get(name);
    if (raw === null || raw === '') return fallback;
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    adjustments.push(message);
    return fallback;
  };
  return {
    page: read('page', PageSchema, 1, 'The requested page is not a page number; showing page 1.'),
    sort: read('sort', SortSchema, 'title', 'Unknown sort order; sorted by title.'),
    dir: read('dir', DirSchema, 'asc', 'Unknown sort direction; sorted ascending.'),
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
    adjustments: [...params.adjustments, `There are only ${lastPage} pages; showing the last one.`],
  };
}

/** The query string for a list page, leaving defaults out so URLs stay short. */
export function listSearch(params: Pick<ListParams, 'page' | 'sort' | 'dir'>): string {
  const search = new URLSearchParams();
  if (params.sort !== 'title') search.set('sort', params.sort);
  if (params.dir !== 'asc') search.set('dir', params.dir);
  if (params.page !== 1) search.set('page', String(params.page));
  const text = search.toString();
  return text ? `?${text}` : '';
}
