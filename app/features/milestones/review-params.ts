import { z } from 'zod';

import { type ProjectFilter, filterSearchParams } from '../../core/filter/filter';
import {
  SORT_DIRECTIONS,
  type SortDirection,
  viewParamReader,
} from '../../core/filter/list-params';
import { REVIEW_GROUPS, type ReviewGroup } from './progress';

export { type SortDirection } from '../../core/filter/list-params';

export const REVIEW_SORTS = ['due', 'project', 'status'] as const;
/** `by`: one section per ministry or per topic (the print layout for the progress meeting). */
export const REVIEW_SECTIONINGS = ['ministry', 'topic'] as const;
/** Rows each group shows on the overview; "show all" leads to that group alone, paged. */
export const REVIEW_OVERVIEW_LIMIT = 20;
/** Rows a page of one group (`group=`) shows. */
export const REVIEW_PAGE_SIZE = 50;
/** Rows each group shows in a section of the sectioned print (`by=`). */
export const REVIEW_SECTION_LIMIT = 100;

export type ReviewSort = (typeof REVIEW_SORTS)[number];
export type ReviewSectioning = (typeof REVIEW_SECTIONINGS)[number];

export interface ReviewParams {
  sort: ReviewSort;
  dir: SortDirection | undefined;
  by: ReviewSectioning | undefined;
  /** Set: only this group, paged. */
  group: ReviewGroup | undefined;
  page: number;
  /** Names of the parameters that were ignored (the page says so; values are never echoed). */
  ignored: string[];
}

const SCHEMAS = {
  sort: z.enum(REVIEW_SORTS),
  dir: z.enum(SORT_DIRECTIONS),
  by: z.enum(REVIEW_SECTIONINGS),
  group: z.enum(REVIEW_GROUPS),
  page: z.coerce.number().int().min(1).max(1_000_000),
};

/** Reads the review's view parameters; a bad value falls back to the default and is named. */
export function parseReviewParams(search: URLSearchParams): ReviewParams {
  const { read, ignored } = viewParamReader(search, SCHEMAS);
  const group = read('group');
  const by = read('by');
  if (group && by) ignored.push('by');
  return {
    sort: read('sort') ?? 'due',
    dir: read('dir'),
    by: group ? undefined : by,
    group,
    page: group ? (read('page') ?? 1) : 1,
    ignored,
  };
}

/** The query string for a review view (filter first), leaving defaults out. */
export function reviewSearch(
  params: Partial<Pick<ReviewParams, 'sort' | 'dir' | 'by' | 'group' | 'page'>>,
  filter?: ProjectFilter,
): string {
  const search = filter ? filterSearchParams(filter) : new URLSearchParams();
  if (params.sort && params.sort !== 'due') search.set('sort', params.sort);
  if (params.dir) search.set('dir', params.dir);
  if (params.by) search.set('by', params.by);
  if (params.group) search.set('group', params.group);
  if (params.group && params.page && params.page > 1) search.set('page', String(params.page));
  const text = search.toString();
  return text ? `?${text}` : '';
}
