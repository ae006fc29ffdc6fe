import { AppLink } from '../../core/ui/app-link';
import { TranslatedTitle, translatedTitleText } from '../../core/ui/translated-title';
import { useClientModule } from '../../core/ui/use-client-module';
import { useLang, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import type { IndicatorView } from './indicators.server';
import { isQuantitative, percentOf } from './indicator-progress';
import { hasChart, standardCodePrefix } from './indicator-view';
import {
  IndicatorPeriodsTable,
  useIndicatorValue,
  usePeriodLabel,
} from './indicator-periods-table';

// A project's "Results and indicators" (decision 0062): each indicator with its baseline, its
// periods' targets and actuals (the table is the source; a small chart beside it draws the same
// numbers), and the share of the target reached by the one rule, stated once.

const CHART_HEIGHT = 224;

export function IndicatorSection({
  slug,
  indicators,
  canEdit,
}: {
  slug: string;
  indicators: IndicatorView[];
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const to = useLocalizePath();
  if (indicators.length === 0 && !canEdit) return null;
  return (
    <section aria-labelledby="indicators" className="indicators">
      <h2 id="indicators">{t('indicatorViews.section')}</h2>
      {canEdit ? (
        <p>
          <AppLink to={to(`/projects/${slug}/indicators/new`)}>{t('indicatorViews.add')}</AppLink>
        </p>
      ) : null}
      {indicators.length === 0 ? (
        <p>{t('indicatorViews.none')}</p>
      ) : (
        <>
          <p className="muted indicators__rule">{t('indicators.progressRule')}</p>
          {indicators.map((view) => (
            <IndicatorCard key={view.indicator.id} view={view} slug={slug} canEdit={canEdit} />
          ))}
        </>
      )}
    </section>
  );
}

function IndicatorCard({
  view,
  slug,
  canEdit,
}: {
  view: IndicatorView;
  slug: string;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const to = useLocalizePath();
  const lang = useLang();
  const { indicator } = view;
  const titleId = `indicator-${indicator.id}`;
  const names = { en: indicator.title, zh: indicator.titleZh, de: indicator.titleDe };
  const base = `/projects/${slug}/indicators/${indicator.id}`;
  return (
    <article className="indicator" aria-labelledby={titleId} data-indicator={indicator.id}>
      <h3 id={titleId}>
        <TranslatedTitle {...names} />
      </h3>
      {indicator.description ? (
        <p lang={lang === 'en' ? undefined : 'en'}>{indicator.description}</p>
      ) : null}
      <IndicatorFacts view={view} />
      <IndicatorProgress view={view} />
      <div
        className={hasChart(view) ? 'indicator__body indicator__body--chart' : 'indicator__body'}
      >
        <IndicatorPeriodsTable
          view={view}
          caption={t('indicatorViews.tableCaption', { title: translatedTitleText(lang, names) })}
          editBase={canEdit ? to(base) : null}
        />
        {hasChart(view) ? (
          <IndicatorChartFrame view={view} title={translatedTitleText(lang, names)} />
        ) : null}
      </div>
      {canEdit ? (
        <p className="indicator__actions">
          <AppLink to={to(`${base}/edit`)}>{t('indicatorViews.edit')}</AppLink> ·{' '}
          <AppLink to={to(`${base}/periods/new`)}>{t('indicatorViews.addPeriod')}</AppLink> ·{' '}
          <AppLink to={to(`${base}/delete`)}>{t('indicatorViews.delete')}</AppLink>
        </p>
      ) : null}
    </article>
  );
}

/** Unit, measure, direction, standard indicator and baseline, as a definition list. */
function IndicatorFacts({ view }: { view: IndicatorView }) {
  const { t } = useTranslation();
  const to = useLocalizePath();
  const lang = useLang();
  const value = useIndicatorValue(view.indicator);
  const { indicator, standard } = view;
  const baselineWhen = indicator.baselineDate ?? indicator.baselineYear;
  return (
    <dl className="indicator__facts">
      {indicator.resultTitle ? (
        <div>
          <dt>{t('indicatorViews.result')}</dt>
          <dd lang={lang === 'en' ? undefined : 'en'}>
            {indicator.resultTitle}
            {indicator.resultType
              ? ` (${t(`indicators.resultTypes.${indicator.resultType}`)})`
              : ''}
          </dd>
        </div>
      ) : null}
      <div>
        <dt>{t('indicatorViews.unit')}</dt>
        <dd>
          {indicator.unit
            ? t(`indicators.unitNames.${indicator.unit}`)
            : t('indicators.unitNotStated')}
        </dd>
      </div>
      <div>
        <dt>{t('indicatorViews.measure')}</dt>
        <dd>{t(`indicators.measures.${indicator.measure}`)}</dd>
      </div>
      {/* A direction means something only where there are numbers to compare. */}
      {isQuantitative(indicator.measure) ? (
        <div>
          <dt>{t('indicatorViews.direction')}</dt>
          <dd>
            {t(
              indicator.isAscending
                ? 'indicators.direction.ascending'
                : 'indicators.direction.descending',
            )}
          </dd>
        </div>
      ) : null}
      {standard ? (
        <div>
          <dt>{t('indicatorViews.standard')}</dt>
          <dd>
            <AppLink to={to('/indicators/standard')}>
              {standardCodePrefix(standard)}
              <TranslatedTitle en={standard.title} zh={standard.titleZh} de={standard.titleDe} />
            </AppLink>
          </dd>
        </div>
      ) : null}
      <div>
        <dt>{t('indicatorViews.baseline')}</dt>
        <dd data-baseline={indicator.baselineValue ?? ''}>
          {indicator.baselineValue === null ? (
            t('indicatorViews.noBaseline')
          ) : (
            <>
              {value(indicator.baselineValue)}
              {baselineWhen ? ` (${baselineWhen})` : ''}
            </>
          )}
          {indicator.baselineComment ? (
            <>
              {' — '}
              <span lang={lang === 'en' ? undefined : 'en'}>{indicator.baselineComment}</span>
            </>
          ) : null}
        </dd>
      </div>
    </dl>
  );
}

/** The share of the target reached in the latest reported period, or why there is none. */
function IndicatorProgress({ view }: { view: IndicatorView }) {
  const { t } = useTranslation();
  const periodLabel = usePeriodLabel();
  const latest = view.latest;
  if (!latest) {
    const reason = view.indicator.measure === 'qualitative' ? 'qualitative' : 'no-actual';
    return (
      <p className="indicator__progress" data-progress="none">
        {t(`indicators.progressReasons.${reason}`)}
      </p>
    );
  }
  const { progress, period } = latest;
  if (!progress.ok) {
    return (
      <p className="indicator__progress" data-progress="none">
        {t(`indicators.progressReasons.${progress.reason}`)}
      </p>
    );
  }
  const percent = percentOf(progress.share);
  const id = `indicator-progress-${view.indicator.id}`;
  return (
    <p className="indicator__progress progress-summary" data-progress={percent}>
      <label htmlFor={id}>
        {t('indicatorViews.progress', {
          period: periodLabel(period),
        })}
        : <strong>{t('indicatorViews.progressValue', { percent })}</strong>
      </label>{' '}
      <progress id={id} max={100} value={percent}>
        {percent} %
      </progress>
      {progress.raw > 1 ? (
        <span className="badge badge--health-on-track">{t('indicatorViews.targetExceeded')}</span>
      ) : null}
      {progress.baselineAssumed ? (
        <span className="muted">{t('indicators.baselineAssumed')}</span>
      ) : null}
    </p>
  );
}

/** The chart's fixed-size frame: a placeholder until the chart module has loaded. */
function IndicatorChartFrame({ view, title }: { view: IndicatorView; title: string }) {
  const { t } = useTranslation();
  const periodLabel = usePeriodLabel();
  const Chart = useClientModule(() => import('./indicator-chart.client'))?.IndicatorChart;
  if (!Chart) {
    return (
      <div
        className="indicator-chart__frame dashboard-chart__frame--loading"
        style={{ height: CHART_HEIGHT }}
      >
        <p>{t('indicatorViews.chartLoading')}</p>
      </div>
    );
  }
  return (
    <Chart
      periods={view.periods.map(({ period }) => periodLabel(period))}
      targets={view.periods.map((p) => p.period.targetValue)}
      actuals={view.periods.map((p) => p.period.actualValue)}
      targetLabel={t('indicatorViews.target')}
      actualLabel={t('indicatorViews.actual')}
      description={t('indicatorViews.chartLabel', { title })}
      height={CHART_HEIGHT}
    />
  );
}
