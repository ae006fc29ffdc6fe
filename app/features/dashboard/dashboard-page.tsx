import { getDashboard } from './dashboard.server';
import { FilterChips } from '../../core/filter/filter-panel';
import { WithFilter } from '../../core/ui/with-filter';
import { ExportLinks } from '../../core/filter/export-links';
import { PageTitle } from '../../core/ui/page-title';
import { useClientModule } from '../../core/ui/use-client-module';
import { useFormat, useLang, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { today } from '../../core/clock';
import {
  type ChartRow,
  DASHBOARD_CHARTS,
  type DashboardChartId,
  chartFilterLink,
  chartRowLabel,
  parseMinistryCounting,
} from './dashboard';
import { type ProjectFilter, filterSearchParams } from '../../core/filter/filter';
import { readPageFilter } from '../../core/filter/page-filter.server';
import type { Route } from './+types/dashboard-page';
import { AppLink } from '../../core/ui/app-link';
import { TableScroll } from '../../core/ui/data-table';
import { wrapLabel } from './chart-labels';
import { DashboardIndicators } from './dashboard-indicators';
import { largestContributions, listStandardTotals } from '../indicators/standard-totals.server';

export function loader({ request }: Route.LoaderArgs) {
  const search = new URL(request.url).searchParams;
  const now = today();
  const { filter, problems, where, facets } = readPageFilter(search, now);
  const ministries = parseMinistryCounting(search.get('ministries'));
  return {
    filter,
    problems,
    ministries,
    facets,
    dashboard: getDashboard(where, now, ministries),
    standardTotals: listStandardTotals(where).map((total) => largestContributions(total)),
  };
}

/** A chart row's label in the page's language. */
/**
 * A chart's frame height in CSS pixels: a horizontal chart grows with its categories and their
 * lines, so that every label has room; the placeholder before the chart loads is as high.
 */
function frameHeight(horizontal: boolean, axisLabels: string[][]): number {
  if (!horizontal) return 256;
  const lines = axisLabels.reduce((n, l) => n + l.length, 0);
  return Math.max(256, 48 + lines * 15 + axisLabels.length * 12);
}

function useRowLabel() {
  const { t } = useTranslation();
  const lang = useLang();
  return (chart: DashboardChartId, row: ChartRow) => chartRowLabel(chart, row, t, lang);
}

export default function DashboardPage({ loaderData }: Route.ComponentProps) {
  const { filter, problems, facets, dashboard, ministries } = loaderData;
  const { t } = useTranslation();
  const to = useLocalizePath();
  const format = useFormat();
  const action = to('/dashboard');
  const keep: Record<string, string> = ministries === 'stated' ? { ministries } : {};
  const { kpis } = dashboard;
  const fundingOf = (type: 'bilateral' | 'regional') => {
    const row = kpis.funding.find((f) => f.type === type);
    return row ?? { type, projects: 0, withFunding: 0, knownEur: 0 };
  };
  const list = (path: string) => {
    const query = filterSearchParams(filter).toString();
    return to(`${path}${query ? `?${query}` : ''}`);
  };
  return (
    <>
      <PageTitle title={t('dashboard.title')} description={t('dashboard.lead')} />
      <h1>{t('dashboard.title')}</h1>
      <p className="lead">{t('dashboard.lead')}</p>
      <FilterChips action={action} filter={filter} facets={facets} keep={keep} />
      <ExportLinks filter={filter} />
      <p className="pack-link">
        {/* A whole document: the pack is a server-only page (no client-side navigation). */}
        <a href={list('/report')}>{t('pack.filtered')}</a>
      </p>
      <WithFilter action={action} filter={filter} facets={facets} problems={problems} keep={keep}>
        <section aria-label={t('dashboard.kpisLabel')}>
          <ul className="kpi-tiles">
            <Kpi
              label={t('dashboard.kpi.projects')}
              value={format.count(kpis.projects)}
              href={list('/projects')}
            />
            <Kpi
              label={t('dashboard.kpi.active')}
              value={format.count(kpis.active)}
              href={to(chartFilterLink('byStatus', 'ongoing', filter)!)}
            />
            <Kpi
              label={t('dashboard.kpi.provinces')}
              value={format.count(kpis.provincesReached)}
              href={list('/map')}
            />
            {(['bilateral', 'regional'] as const).map((type) => {
              const f = fundingOf(type);
              return (
                <Kpi
                  key={type}
                  id={`kpi-funding-${type}`}
                  label={t(
                    type === 'bilateral'
                      ? 'dashboard.kpi.fundingBilateral'
                      : 'dashboard.kpi.fundingRegional',
                  )}
                  value={f.withFunding > 0 ? format.eur(f.knownEur) : t('common.notPublished')}
                  note={[
                    type === 'regional' ? t('dashboard.kpi.regionalNote') : null,
                    t('dashboard.kpi.fundingOf', {
                      known: f.withFunding,
                      count: f.projects,
                      unknown: f.projects - f.withFunding,
                    }),
                  ]
                    .filter(Boolean)
                    .join(' — ')}
                />
              );
            })}
            <Kpi
              label={t('dashboard.kpi.achieved')}
              value={format.count(kpis.milestones.achieved)}
              href={list('/milestones')}
            />
            <Kpi
              label={t('dashboard.kpi.overdue')}
              value={format.count(kpis.milestones.overdue)}
              href={`${list('/milestones')}#group-overdue`}
            />
            <Kpi
              label={t('dashboard.kpi.dueSoon')}
              value={format.count(kpis.milestones.dueSoon)}
              href={`${list('/milestones')}#group-due-soon`}
            />
            <Kpi
              label={t('dashboard.kpi.notReported')}
              value={format.count(kpis.milestones.notReported)}
              href={`${list('/milestones')}#group-not-reported`}
            />
          </ul>
        </section>
        <div className="dashboard-charts">
          {DASHBOARD_CHARTS.map((chart) => (
            <DashboardChartSection
              key={chart.id}
              chart={chart}
              rows={dashboard.charts[chart.id]}
              filter={filter}
              ministries={ministries}
            />
          ))}
        </div>
        <DashboardIndicators totals={loaderData.standardTotals} filter={filter} />
      </WithFilter>
    </>
  );
}

function Kpi({
  id,
  label,
  value,
  note,
  href,
}: {
  id?: string;
  label: string;
  value: string;
  note?: string;
  href?: string;
}) {
  return (
    <li className="kpi" id={id}>
      <span className="kpi__label">{label}</span>
      <span className="kpi__value">{href ? <AppLink to={href}>{value}</AppLink> : value}</span>
      {note ? <span className="kpi__note">{note}</span> : null}
    </li>
  );
}

const COLOURS = ['#2f6f8f', '#b0641c'];

/** How the ministries chart counts: folded into today's ministry, or as the sources name them. */
function MinistryToggle({
  filter,
  ministries,
}: {
  filter: ProjectFilter;
  ministries: 'folded' | 'stated';
}) {
  const { t } = useTranslation();
  const to = useLocalizePath();
  return (
    <p className="dashboard-chart__toggle">
      {t('dashboard.ministriesLabel')}:{' '}
      {ministries === 'folded' ? (
        <>
          <strong>{t('dashboard.ministriesFolded')}</strong> ·{' '}
          <AppLink
            to={`${to('/dashboard')}?${new URLSearchParams({ ...Object.fromEntries(filterSearchParams(filter)), ministries: 'stated' })}#chart-byMinistry`}
            preventScrollReset
          >
            {t('dashboard.ministriesStated')}
          </AppLink>
        </>
      ) : (
        <>
          <AppLink
            to={`${to('/dashboard')}${filterSearchParams(filter).size ? `?${filterSearchParams(filter)}` : ''}#chart-byMinistry`}
            preventScrollReset
          >
            {t('dashboard.ministriesFolded')}
          </AppLink>{' '}
          · <strong>{t('dashboard.ministriesStated')}</strong>
        </>
      )}
    </p>
  );
}

function DashboardChartSection({
  chart,
  rows,
  filter,
  ministries,
}: {
  chart: (typeof DASHBOARD_CHARTS)[number];
  rows: ChartRow[];
  filter: ProjectFilter;
  ministries: 'folded' | 'stated';
}) {
  const { t } = useTranslation();
  const to = useLocalizePath();
  const lang = useLang();
  const format = useFormat();
  const label = useRowLabel();
  const Widget = useClientModule(() => import('./dashboard-chart.client'))?.DashboardChart;
  const title = t(`dashboard.chart.${chart.id}`);
  const hrefs = rows.map((row) => {
    const link = chartFilterLink(chart.id, row.key, filter);
    return link ? to(link) : null;
  });
  const unit = t(chart.unit === 'milestones' ? 'dashboard.milestones' : 'dashboard.projects');
  const csvQuery = new URLSearchParams(filterSearchParams(filter));
  if (ministries === 'stated') csvQuery.set('ministries', ministries);
  csvQuery.set('lang', lang);
  const total = rows.reduce((n, r) => n + r.value, 0);
  const axisLabels = rows.map((r) => wrapLabel(r.short ?? label(chart.id, r)));
  const height = frameHeight(chart.horizontal, axisLabels);
  return (
    <section
      className="dashboard-chart"
      aria-labelledby={`chart-${chart.id}`}
      data-chart={chart.id}
    >
      <h2 id={`chart-${chart.id}`}>{title}</h2>
      {chart.overlapping ? (
        <p className="dashboard-chart__overlap">{t('dashboard.overlapping')}</p>
      ) : null}
      {chart.id === 'byMinistry' ? (
        <MinistryToggle filter={filter} ministries={ministries} />
      ) : null}
      {rows.length === 0 ? (
        <p>{t('dashboard.empty')}</p>
      ) : (
        <>
          {Widget ? (
            <Widget
              kind={chart.kind}
              horizontal={chart.horizontal}
              labels={rows.map((r) => label(chart.id, r))}
              axisLabels={axisLabels}
              series={[
                {
                  label: chart.id === 'achievedOverTime' ? t('dashboard.achieved') : unit,
                  values: rows.map((r) => r.value),
                  colour: COLOURS[0]!,
                },
                ...(chart.id === 'achievedOverTime'
                  ? [
                      {
                        label: t('dashboard.planned'),
                        values: rows.map((r) => r.second ?? 0),
                        colour: COLOURS[1]!,
                      },
                    ]
                  : []),
              ]}
              hrefs={hrefs}
              description={t('dashboard.chartDescription', { title })}
              title={title}
              height={height}
              pngName={`${chart.id}.png`}
              pngLabel={t('dashboard.png')}
            />
          ) : (
            <div
              className="dashboard-chart__frame dashboard-chart__frame--loading"
              style={{ height }}
            >
              <p>{t('dashboard.loading')}</p>
            </div>
          )}
          <TableScroll label={title}>
            <table className="data-table dashboard-table">
              <caption className="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.category')}</th>
                  <th scope="col">
                    {chart.id === 'achievedOverTime' ? t('dashboard.achieved') : unit}
                  </th>
                  {chart.id === 'achievedOverTime' ? (
                    <th scope="col">{t('dashboard.planned')}</th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {rows.map((row, i) => (
                  <tr key={row.key} data-key={row.key}>
                    <th scope="row">
                      {hrefs[i] ? (
                        <AppLink to={hrefs[i]}>{label(chart.id, row)}</AppLink>
                      ) : (
                        label(chart.id, row)
                      )}
                    </th>
                    <td data-value={row.value}>{format.count(row.value)}</td>
                    {chart.id === 'achievedOverTime' ? (
                      <td data-value={row.second ?? 0}>{format.count(row.second ?? 0)}</td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
              {chart.overlapping ? null : (
                <tfoot>
                  <tr>
                    <td colSpan={chart.id === 'achievedOverTime' ? 3 : 2}>
                      {t('dashboard.total', { count: total })}
                    </td>
                  </tr>
                </tfoot>
              )}
            </table>
          </TableScroll>
          <p className="dashboard-chart__downloads">
            <a href={`/api/dashboard/${chart.id}.csv?${csvQuery}`} download>
              {t('dashboard.csv')}
            </a>
          </p>
        </>
      )}
    </section>
  );
}
