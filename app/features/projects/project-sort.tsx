import { AppLink } from '../../core/ui/app-link';
import { useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import type { ProjectFilter } from '../../core/filter/filter';
import {
  type ListParams,
  PROJECT_SORTS,
  type ProjectSort,
  listSearch,
} from '../../core/filter/list-params';

export const SORT_KEYS = {
  current: 'list.sortCurrent',
  title: 'list.sortTitle',
  start: 'list.sortStart',
  end: 'list.sortEnd',
  funding: 'list.sortFunding',
} as const satisfies Record<ProjectSort, string>;

/** A sortable column's heading: a link that sorts by it, ascending first, then descending. */
export function SortHeader({
  sort,
  params,
  filter,
}: {
  sort: Exclude<ProjectSort, 'current'>;
  params: ListParams;
  filter: ProjectFilter;
}) {
  const { t } = useTranslation();
  const to = useLocalizePath();
  const isActive = params.sort === sort;
  const nextDir = isActive && params.dir === 'asc' ? 'desc' : 'asc';
  return (
    <th
      scope="col"
      aria-sort={isActive ? (params.dir === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <AppLink to={to(`/projects${listSearch({ page: 1, sort, dir: nextDir }, filter)}`)}>
        {t(SORT_KEYS[sort])}
        <span aria-hidden="true">{isActive ? (params.dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
        <span className="visually-hidden">
          {`, ${t('list.sortBy', { dir: t(nextDir === 'asc' ? 'list.asc' : 'list.desc') })}`}
        </span>
      </AppLink>
    </th>
  );
}

/**
 * Every order the list can take, the one in use marked: the default (ongoing first, then the
 * newest start) has no column heading of its own, and on a phone the headings scroll away.
 */
export function SortControl({ params, filter }: { params: ListParams; filter: ProjectFilter }) {
  const { t } = useTranslation();
  const to = useLocalizePath();
  return (
    <nav className="sort-control" aria-label={t('list.orderLabel')}>
      <span className="sort-control__label">{t('list.orderPrefix')}</span>
      <ul>
        {PROJECT_SORTS.map((sort) => {
          const isActive = params.sort === sort;
          const arrow = isActive && sort !== 'current' ? (params.dir === 'asc' ? ' ▲' : ' ▼') : '';
          return (
            <li key={sort}>
              <AppLink
                to={to(
                  `/projects${listSearch({ page: 1, sort, dir: isActive ? params.dir : 'asc' }, filter)}`,
                )}
                aria-current={isActive ? 'true' : undefined}
              >
                {t(SORT_KEYS[sort])}
                <span aria-hidden="true">{arrow}</span>
              </AppLink>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
