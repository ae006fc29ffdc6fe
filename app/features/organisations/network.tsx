import { listOrganisationPairs, listOrganisationSummaries } from './organisations.server';
import { PageTitle } from '../../core/ui/page-title';
import { useFormat, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import type { Route } from './+types/network';
import { SERVER_ONLY_PAGE } from '../../core/page-handle';
import { AppLink } from '../../core/ui/app-link';
import { DataTable, TableScroll } from '../../core/ui/data-table';

/** Organisations in the matrix: those with most projects (a matrix of all would not read). */
const MATRIX_SIZE = 12;
/** Pairs listed in the table. */
const PAIR_LIMIT = 100;

export const handle = SERVER_ONLY_PAGE;

export function loader() {
  const all = listOrganisationSummaries();
  const label = new Map(all.map((o) => [o.slug, o.acronym ?? o.name]));
  const pairs = listOrganisationPairs();
  const top = [...all]
    .sort(
      (a, b) => b.projects - a.projects || (a.acronym ?? a.name).localeCompare(b.acronym ?? b.name),
    )
    .slice(0, MATRIX_SIZE)
    .map((o) => o.slug);
  // Only the pairs inside the matrix: at 10 000 projects there are 29 000 pairs in all.
  const inMatrix = new Set(top);
  const shared = new Map(
    pairs
      .filter((p) => inMatrix.has(p.a) && inMatrix.has(p.b))
      .map((p) => [`${p.a}|${p.b}`, p.shared]),
  );
  const cell = (a: string, b: string) => shared.get(`${a}|${b}`) ?? shared.get(`${b}|${a}`) ?? 0;
  return {
    pairs: pairs
      .slice(0, PAIR_LIMIT)
      .map((p) => ({ ...p, aLabel: label.get(p.a)!, bLabel: label.get(p.b)! })),
    pairCount: pairs.length,
    matrix: {
      slugs: top,
      labels: top.map((s) => label.get(s)!),
      cells: top.map((a) => top.map((b) => (a === b ? null : cell(a, b)))),
    },
  };
}

export default function Network({ loaderData }: Route.ComponentProps) {
  const { pairs, pairCount, matrix } = loaderData;
  const { t } = useTranslation();
  const to = useLocalizePath();
  const format = useFormat();
  return (
    <>
      <PageTitle title={t('organisations.network')} description={t('organisations.networkLead')} />
      <p className="muted">
        <AppLink to={to('/organisations')}>{t('organisations.title')}</AppLink>
      </p>
      <h1>{t('organisations.network')}</h1>
      <p className="lead">{t('organisations.networkLead')}</p>
      <section aria-labelledby="matrix">
        <h2 id="matrix">{t('organisations.matrixTitle', { count: matrix.slugs.length })}</h2>
        <TableScroll labelledBy="matrix">
          <table className="data-table network-matrix">
            <thead>
              <tr>
                <td />
                {matrix.labels.map((l, i) => (
                  <th key={matrix.slugs[i]} scope="col">
                    {l}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {matrix.slugs.map((slug, r) => (
                <tr key={slug}>
                  <th scope="row">
                    <AppLink to={to(`/organisations/${slug}`)}>{matrix.labels[r]}</AppLink>
                  </th>
                  {matrix.cells[r]!.map((n, c) => (
                    <td key={matrix.slugs[c]} data-value={n ?? undefined}>
                      {n === null ? '—' : n === 0 ? '' : format.count(n)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>
      <section aria-labelledby="pairs">
        <h2 id="pairs">
          {t('organisations.pairsTitle')} ({format.count(pairCount)})
        </h2>
        <DataTable
          labelledBy="pairs"
          columns={[
            t('organisations.organisation'),
            t('organisations.with'),
            t('organisations.shared'),
          ]}
        >
          {pairs.map((p) => (
            <tr key={`${p.a}|${p.b}`} data-pair={`${p.a}|${p.b}`}>
              <th scope="row">
                <AppLink to={to(`/organisations/${p.a}`)}>{p.aLabel}</AppLink>
              </th>
              <td>
                <AppLink to={to(`/organisations/${p.b}`)}>{p.bLabel}</AppLink>
              </td>
              <td data-value={p.shared}>{format.count(p.shared)}</td>
            </tr>
          ))}
        </DataTable>
      </section>
    </>
  );
}
