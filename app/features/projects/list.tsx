import { listOrganisationsForProjects } from '../organisations/organisations.server';
import { countProjects, listProjects } from './projects.server';
import { userContext } from '../../core/http/session.server';
import { StatusBadge, TypeBadge } from '../../core/ui/badges';
import { DeletedNotice } from '../../core/ui/deleted-notice';
import { NotPublished } from '../../core/ui/not-published';
import { OfficialName } from '../../core/ui/official-name';
import { FilterChips } from '../../core/filter/filter-panel';
import { WithFilter } from '../../core/ui/with-filter';
import { ExportLinks } from '../../core/filter/export-links';
import { PageTitle } from '../../core/ui/page-title';
import { Pagination } from '../../core/ui/pagination';
import { useFormat, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { today } from '../../core/clock';
import { isAllowed } from '../../core/auth/permissions';
import { resolveStatus } from '../../../db/dates';
import { isFilterEmpty } from '../../core/filter/filter';
import {
  DEFAULT_PROJECT_SORT,
  PAGE_SIZE,
  clampPage,
  listSearch,
  parseListParams,
} from '../../core/filter/list-params';
import { readPageFilter } from '../../core/filter/page-filter.server';
import type { Route } from './+types/list';
import { SERVER_ONLY_PAGE } from '../../core/page-handle';
import { AppLink } from '../../core/ui/app-link';
import { ProjectLink } from '../../core/ui/project-link';
import { SORT_KEYS, SortControl, SortHeader } from './project-sort';
import { TableScroll } from '../../core/ui/data-table';

export const handle = SERVER_ONLY_PAGE;

export function loader({ request, context }: Route.LoaderArgs) {
  const search = new URL(request.url).searchParams;
  const now = today();
  const { filter, problems, where, facets } = readPageFilter(search, now);
  const total = countProjects(where);
  const params = clampPage(parseListParams(search), total);
  const rows = listProjects({ ...params, today: now, where });
  const links = listOrganisationsForProjects(
    rows.map((r) => r.id),
    ['implementing-organisation', 'political-partner'],
  );
  const orgsOf = (projectId: number, role: 'implementing-organisation' | 'political-partner') =>
    links
      .filter((l) => l.projectId === projectId && l.role === role)
      .map((l) => ({
        slug: l.slug,
        acronym: l.acronym,
        name: l.name,
        nameZh: l.nameZh,
        nameDe: l.nameDe,
      }));
  return {
    canAdd: isAllowed('editors', context.get(userContext)),
    params,
    total,
    portfolioTotal: isFilterEmpty(filter) ? total : countProjects(),
    filter,
    problems,
    facets,
    projects: rows.map((row) => ({
      ...row,
      status: resolveStatus(row, now).status,
      implementers: orgsOf(row.id, 'implementing-organisation'),
      politicalPartners: orgsOf(row.id, 'political-partner'),
    })),
  };
}

type OrgItem = {
  slug: string;
  acronym: string | null;
  name: string;
  nameZh: string | null;
  nameDe: string | null;
};

function OrgList({ orgs }: { orgs: OrgItem[] }) {
  if (orgs.length === 0) return <NotPublished />;
  return (
    <ul className="cell-list">
      {orgs.map((o) => (
        <li key={o.slug}>
          {o.acronym ? (
            <abbr title={o.name} lang="en">
              {o.acronym}
            </abbr>
          ) : (
            <OfficialName en={o.name} zh={o.nameZh} de={o.nameDe} />
          )}
        </li>
      ))}
    </ul>
  );
}

export default function ProjectList({ loaderData }: Route.ComponentProps) {
  const { params, total, portfolioTotal, filter, problems, facets, projects } = loaderData;
  const { t } = useTranslation();
  const to = useLocalizePath();
  const format = useFormat();
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const first = total === 0 ? 0 : (params.page - 1) * PAGE_SIZE + 1;
  const last = Math.min(total, params.page * PAGE_SIZE);
  // The sort order survives a change of filter; the page does not.
  const keepView: Record<string, string> = {};
  if (params.sort !== DEFAULT_PROJECT_SORT) keepView.sort = params.sort;
  if (params.dir !== 'asc') keepView.dir = params.dir;
  return (
    <>
      <PageTitle
        title={params.page > 1 ? t('list.pageTitle', { page: params.page }) : t('list.title')}
      />
      <h1>{t('list.title')}</h1>
      <DeletedNotice />
      {loaderData.canAdd ? (
        <p>
          <AppLink to={to('/projects/new')}>{t('projectForm.newTitle')}</AppLink>
        </p>
      ) : null}
      {params.adjustments.length > 0 ? (
        <div className="notice" role="status">
          {params.adjustments.map((a) => (
            <p key={a.key}>
              {a.key === 'pageBeyond'
                ? t('list.pageBeyond', { count: a.count })
                : t(`list.${a.key}`)}
            </p>
          ))}
        </div>
      ) : null}
      <FilterChips action={to('/projects')} filter={filter} facets={facets} keep={keepView} />
      <ExportLinks filter={filter} />
      {!isFilterEmpty(filter) ? (
        <p className="result-summary" role="status">
          {t('filter.matching', { count: total, total: portfolioTotal })}
        </p>
      ) : null}
      <WithFilter
        action={to('/projects')}
        filter={filter}
        facets={facets}
        problems={problems}
        keep={keepView}
      >
        <p className="result-summary">
          {params.sort === 'current'
            ? t('list.summaryCurrent', {
                first: format.count(first),
                last: format.count(last),
                total: format.count(total),
                count: total,
              })
            : t('list.summary', {
                first: format.count(first),
                last: format.count(last),
                total: format.count(total),
                count: total,
                sort: t(SORT_KEYS[params.sort]),
                dir: t(params.dir === 'asc' ? 'list.asc' : 'list.desc'),
              })}
        </p>
        <SortControl params={params} filter={filter} />
        <TableScroll labelledBy="project-table-caption">
          <table className="data-table project-table">
            <caption id="project-table-caption" className="visually-hidden">
              {t('list.caption', { page: params.page, pageCount })}
            </caption>
            <thead>
              <tr>
                <SortHeader sort="title" params={params} filter={filter} />
                <th scope="col">{t('list.statusAndType')}</th>
                <SortHeader sort="start" params={params} filter={filter} />
                <SortHeader sort="end" params={params} filter={filter} />
                <th scope="col">{t('list.implementers')}</th>
                <th scope="col">{t('list.politicalPartners')}</th>
                <SortHeader sort="funding" params={params} filter={filter} />
              </tr>
            </thead>
            <tbody>
              {projects.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <ProjectLink project={p} />
                  </th>
                  <td className="badge-stack">
                    <StatusBadge status={p.status} />
                    <TypeBadge type={p.type} />
                  </td>
                  <td>{format.date(p.startDate, p.startPrecision) ?? <NotPublished />}</td>
                  <td>{format.date(p.endDate, p.endPrecision) ?? <NotPublished />}</td>
                  <td>
                    <OrgList orgs={p.implementers} />
                  </td>
                  <td>
                    <OrgList orgs={p.politicalPartners} />
                  </td>
                  <td className="num">
                    {p.ikiFundingEur === null ? <NotPublished /> : format.eur(p.ikiFundingEur)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
        <Pagination
          page={params.page}
          pageCount={pageCount}
          hrefFor={(page) => to(`/projects${listSearch({ ...params, page }, filter)}`)}
        />
      </WithFilter>
    </>
  );
}
