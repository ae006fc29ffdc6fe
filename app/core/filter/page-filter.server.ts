import { resolveFilterSearch } from '../search/search.server';
import { getProjectFacets } from './facets.server';
import { parseFilter } from './filter';
import { projectFilterSql } from './project-filter.server';

/**
 * The shared filter of a page: as read from the URL (with the values it ignored, shown beside the
 * filter), resolved (with the projects its `q` finds), as SQL, and its facet counts.
 */
export function readPageFilter(search: URLSearchParams, now: string) {
  const { filter, problems } = parseFilter(search);
  const resolved = resolveFilterSearch(filter);
  return {
    filter,
    problems,
    resolved,
    where: projectFilterSql(resolved, now),
    facets: getProjectFacets(resolved, now),
  };
}
