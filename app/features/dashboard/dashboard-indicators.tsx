import { DataTable } from '../../core/ui/data-table';
import { ProjectLink } from '../../core/ui/project-link';
import { TranslatedTitle, translatedTitleText } from '../../core/ui/translated-title';
import { useClientModule } from '../../core/ui/use-client-module';
import { useFormat, useLang, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { type ProjectFilter, filterSearchParams } from '../../core/filter/filter';
import type { Contribution, StandardTotal } from '../indicators/standard-totals.server';
import { standardCodePrefix } from '../indicators/indicator-view';
import { wrapLabel } from './chart-labels';

// The dashboard's section per IKI standard indicator (decision 0062): "n of m projects report",
// the contributing projects, their values and a total only where the rule allows one.

const BAR_COLOUR = '#2f6f8f';

export function DashboardIndicators({
  totals,
  filter,
}: {
  totals: StandardTotal[];
  filter: ProjectFilter;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const csvQuery = new URLSearchParams(filterSearchParams(filter));
  csvQuery.set('lang', lang);
  return (
    <section className="dashboard-indicators" aria-labelledby="standard-indicators">
      <h2 id="standard-indicators">{t('indicatorViews.dashboardTitle')}</h2>
      <p>{t('indicatorViews.dashboardLead')}</p>
      <p className="muted">{t('indicatorViews.dashboardRule')}</p>
      <p className="dashboard-chart__downloads">
        <a href={`/api/dashboard/indicators.csv?${csvQuery}`} download>
          {t('dashboard.csv')}
        </a>
      </p>
      {totals.map((total) => (
        <StandardIndicatorBlock
          key={total.standard.id}
          total={total}
          csvHref={`/api/dashboard/indicators.csv?${csvQuery}`}
        />
      ))}
    </section>
  );
}

/** A contribution's value with its unit, or what it is instead of a number. */
function useContributionValue() {
  const { t } = useTranslation();
  const format = useFormat();
  return (c: Contribution) => {
    if (c.value === null) {
      return c.reportedPeriods > 0 ? t('indicatorViews.valueWords') : t('indicatorViews.valueNone');
    }
    const n = format.count(c.value);
    if (c.unit === null) return n;
    return c.unit === 'percent' ? `${n} %` : `${n} ${t(`indicators.units.${c.unit}`)}`;
  };
}

/** A bar per project is drawn only where every value drawn shares one unit and kind. */
function chartable(contributions: Contribution[]): Contribution[] {
  const drawn = contributions.filter((c) => c.value !== null);
  const first = drawn[0];
  if (!first) return [];
  const alike = drawn.every((c) => c.unit === first.unit && c.valueKind === first.valueKind);
  return alike ? drawn : [];
}

function StandardIndicatorBlock({ total, csvHref }: { total: StandardTotal; csvHref: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const format = useFormat();
  const valueOf = useContributionValue();
  const { standard, contributions } = total;
  const id = `standard-${standard.code.replace(/\W+/g, '-').toLowerCase()}`;
  const names = { en: standard.title, zh: standard.titleZh, de: standard.titleDe };
  const unit = standard.unit ? t(`indicators.units.${standard.unit}`) : null;
  return (
    <section
      className="dashboard-chart dashboard-indicator"
      aria-labelledby={id}
      data-standard={standard.code}
    >
      <h3 id={id}>
        <TranslatedTitle {...names} />
      </h3>
      <p className="dashboard-indicator__reporting">
        {contributions.length === 0
          ? t('indicatorViews.noneReports')
          : t('indicatorViews.reporting', {
              n: total.reportingProjects,
              count: total.linkedProjects,
            })}
        {standard.sourceUrl ? (
          <>
            {' · '}
            {t('indicatorViews.source')}:{' '}
            <a href={standard.sourceUrl} lang="en">
              {standard.sourceTitle ?? standard.sourceUrl}
            </a>
          </>
        ) : null}
      </p>
      {total.total !== null ? (
        <p className="dashboard-indicator__total" data-total={total.total}>
          {t('indicatorViews.total')}:{' '}
          <strong>
            {format.count(total.total)}
            {unit ? ` ${standard.unit === 'percent' ? '%' : unit}` : ''}
          </strong>
        </p>
      ) : contributions.length > 0 && total.reason ? (
        <p className="dashboard-indicator__no-total" data-no-total={total.reason}>
          {t(`indicatorViews.noTotal.${total.reason}`)}
        </p>
      ) : null}
      {contributions.length > 0 ? (
        <>
          <ContributionChart
            total={total}
            title={`${standardCodePrefix(standard)}${translatedTitleText(lang, names)}`}
          />
          <DataTable
            className="dashboard-table"
            caption={t('indicatorViews.contributors')}
            columns={[
              t('indicatorViews.project'),
              t('indicatorViews.indicator'),
              t('indicatorViews.value'),
            ]}
          >
            {contributions.map((c) => (
              <tr key={c.indicatorId} data-project={c.projectSlug} data-value={c.value ?? ''}>
                <th scope="row">
                  <ProjectLink
                    project={{
                      slug: c.projectSlug,
                      title: c.projectTitle,
                      titleZh: c.projectTitleZh,
                      titleDe: c.projectTitleDe,
                    }}
                    hash="#indicators"
                  />
                </th>
                <td>
                  <TranslatedTitle
                    en={c.indicatorTitle}
                    zh={c.indicatorTitleZh}
                    de={c.indicatorTitleDe}
                  />
                </td>
                <td>
                  {valueOf(c)}
                  {c.value !== null ? (
                    <span className="muted">
                      {' '}
                      (
                      {t(
                        c.valueKind === 'sum'
                          ? 'indicatorViews.valueSum'
                          : 'indicatorViews.valueLatest',
                      )}
                      )
                    </span>
                  ) : null}
                </td>
              </tr>
            ))}
          </DataTable>
          {total.contributionCount > contributions.length ? (
            <p className="muted dashboard-indicator__shown">
              {t('indicatorViews.shownLargest', {
                shown: contributions.length,
                count: total.contributionCount,
              })}{' '}
              <a href={csvHref} download>
                {t('indicatorViews.allInCsv')}
              </a>
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

/** Per-project bars (with the PNG download) where the values share one unit. */
function ContributionChart({ total, title }: { total: StandardTotal; title: string }) {
  const { t } = useTranslation();
  const to = useLocalizePath();
  const Widget = useClientModule(() => import('./dashboard-chart.client'))?.DashboardChart;
  const lang = useLang();
  const drawn = chartable(total.contributions);
  if (drawn.length === 0) return null;
  const names = drawn.map((c) =>
    translatedTitleText(lang, { en: c.projectTitle, zh: c.projectTitleZh, de: c.projectTitleDe }),
  );
  // Every project named on the axis (by its short name where it has one), wrapped, never cut.
  const axisLabels = drawn.map((c, i) => wrapLabel(c.projectShortName ?? names[i]!));
  const lines = axisLabels.reduce((n, l) => n + l.length, 0);
  const height = Math.max(160, 48 + lines * 15 + axisLabels.length * 12);
  if (!Widget) {
    return (
      <div className="dashboard-chart__frame dashboard-chart__frame--loading" style={{ height }}>
        <p>{t('dashboard.loading')}</p>
      </div>
    );
  }
  return (
    <Widget
      kind="bar"
      horizontal
      labels={names}
      axisLabels={axisLabels}
      series={[
        {
          label: t('indicatorViews.value'),
          values: drawn.map((c) => c.value ?? 0),
          colour: BAR_COLOUR,
        },
      ]}
      hrefs={drawn.map((c) => to(`/projects/${c.projectSlug}`))}
      description={t('dashboard.chartDescription', { title })}
      title={t('indicatorViews.chartTitle', { code: title })}
      height={height}
      pngName={`${total.standard.code.replace(/\W+/g, '-').toLowerCase()}.png`}
      pngLabel={t('dashboard.png')}
    />
  );
}
