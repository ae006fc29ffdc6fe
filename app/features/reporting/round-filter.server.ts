import { FILTER_PARAMS, parseFilter } from '../../core/filter/filter';
import { projectFilterSql } from '../../core/filter/project-filter.server';
import { resolveFilterSearch } from '../../core/search/search.server';

/**
 * The projects a round asks, chosen by the shared filter (the project list's): as the URL says,
 * or, when it says nothing, the ongoing projects. Values the filter cannot read are dropped and
 * listed in `problems`, as on the project list.
 */
export function readRoundFilter(search: URLSearchParams, today: string) {
  const isDefault = !FILTER_PARAMS.some((name) => search.getAll(name).some((v) => v.trim() !== ''));
  const { filter, problems } = parseFilter(search);
  if (isDefault) filter.status = ['ongoing'];
  return {
    filter,
    problems,
    isDefault,
    where: projectFilterSql(resolveFilterSearch(filter), today),
  };
}
