import { Link } from 'react-router';

import { listOrganisationsForProjects } from '../../../db/queries/organisations.server';
import { countProjects, listProjects } from '../../../db/queries/projects.server';
import { StatusBadge, TypeBadge } from '../../components/badges';
import { NotPublished } from '../../components/not-published';
import { Pagination } from '../../components/pagination';
import { today } from '../../lib/clock';
import { resolveStatus } from '../../lib/dates';
import { formatEur, formatPartialDate } from '../../lib/format';
import {
  type ListParams,
  PAGE_SIZE,
  type ProjectSort,
  clampPage,
  listSearch,
  parseListParams,
} from '../../lib/list-params';
import type { Route } from './+types/list';

export function loader({ request }: Route.LoaderArgs) {
  const total = countProjects();
  const params = clampPage(parseListParams(new URL(request.url).searchParams), total);
  const rows = listProjects(params);
  const links = listOrganisationsForProjects(
    rows.map((r) => r.id),
    ['implementing-organisation', 'political-partner'],
  );
  const now = today();
  return {
    params,
    total,
    projects: rows.map((row) => ({
      ...row,
      status: resolveStatus(row, now),
      implementers: links
        .filter((l) => l.projectId === row.id && l.role === 'implementing-organisation')
        .map((l) => ({ slug: l.slug, label: l.acronym ?? l.name, name: l.name })),
      politicalPartners: links
        .filter((l) => l.projectId === row.id && l.role === 'political-partner')
        .map((l) => ({ slug: l.slug, label: l.acronym ?? l.name, name: l.name })),
    })),
  };
}

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  const page = loaderData?.params.page ?? 1;
  return [{ title: `Projects${page > 1 ? `, page ${page}` : ''} · IKI China portfolio hub` }];
}

const SORT_LABELS: Record<ProjectSort, string> = {
  title: 'Title',
  start: 'Start',
  end: 'End',
  funding: 'IKI funding',
};

function SortHeader({ sort, params }: { sort: ProjectSort; params: ListParams }) {
  const isActive = params.sort === sort;
  const nextDir = isActive && params.dir === 'asc' ? 'desc' : 'asc';
  return (
    <th
      scope="col"
      aria-sort={isActive ? (params.dir === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <Link to={`/projects${listSearch({ page: 1, sort, dir: nextDir })}`}>
        {SORT_LABELS[sort]}
        <span aria-hidden="true">{isActive ? (params.dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
        <span className="visually-hidden">
          {`, sort ${nextDir === 'asc' ? 'ascending' : 'descending'}`}
        </span>
      </Link>
    </th>
  );
}

function OrgList({ orgs }: { orgs: { slug: string; label: string; name: string }[] }) {
  if (orgs.length === 0) return <NotPublished />;
  return (
    <ul className="cell-list">
      {orgs.map((o) => (
        <li key={o.slug}>
          <abbr title={o.name}>{o.label}</abbr>
        </li>
      ))}
    </ul>
  );
}

export default function ProjectList({ loaderData }: Route.ComponentProps) {
  const { params, total, projects } = loaderData;
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const first = total === 0 ? 0 : (params.page - 1) * PAGE_SIZE + 1;
  const last = Math.min(total, params.page * PAGE_SIZE);
  return (
    <>
      <h1>Projects</h1>
      {params.adjustments.length > 0 ? (
        <div className="notice" role="status">
          {params.adjustments.map((a) => (
            <p key={a}>{a}</p>
          ))}
        </div>
      ) : null}
      <p className="result-summary">
        {`Showing ${first}–${last} of ${total} projects, sorted by ${SORT_LABELS[params.sort].toLowerCase()} (${params.dir === 'asc' ? 'ascending' : 'descending'}); unknown values last.`}
      </p>
      <div className="table-scroll">
        <table className="data-table">
          <caption className="visually-hidden">
            IKI projects in China, page {params.page} of {pageCount}
          </caption>
          <thead>
            <tr>
              <SortHeader sort="title" params={params} />
              <th scope="col">Status and type</th>
              <SortHeader sort="start" params={params} />
              <SortHeader sort="end" params={params} />
              <th scope="col">Implementers</th>
              <th scope="col">Political partners</th>
              <SortHeader sort="funding" params={params} />
            </tr>
          </thead>
          <tbody>
            {projects.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  <Link to={`/projects/${p.slug}`}>{p.title}</Link>
                  {p.titleZh ? (
                    <span className="subtitle" lang="zh-Hans">
                      {p.titleZh}
                    </span>
                  ) : null}
                </th>
                <td className="badge-stack">
                  <StatusBadge status={p.status.status} basis={p.status.basis} />
                  <TypeBadge type={p.type} />
                </td>
                <td>{formatPartialDate(p.startDate, p.startPrecision) ?? <NotPublished />}</td>
                <td>{formatPartialDate(p.endDate, p.endPrecision) ?? <NotPublished />}</td>
                <td>
                  <OrgList orgs={p.implementers} />
                </td>
                <td>
                  <OrgList orgs={p.politicalPartners} />
                </td>
                <td className="num">
                  {p.ikiFundingEur === null ? <NotPublished /> : formatEur(p.ikiFundingEur)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination
        page={params.page}
        pageCount={pageCount}
        hrefFor={(page) => `/projects${listSearch({ ...params, page })}`}
      />
    </>
  );
}
