import type { ApprovedReport } from './report-queries.server';
import { useFormat, useTranslation } from '../../core/i18n/hooks';
import { TranslatedTitle } from '../../core/ui/translated-title';
import { ReportIndicatorValues } from './report-indicators';
import { ReportSections } from './report-view';

// What the public sees of a project's reports (the project page): when the last one was approved,
// and the approved reports' sections and indicator values. Only approved reports ever reach this component.

const day = (moment: string) => moment.slice(0, 10);

export function ProjectReports({ reports }: { reports: ApprovedReport[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const latest = reports[0];
  return (
    <section aria-labelledby="progress-reports">
      <h2 id="progress-reports">{t('report.publicTitle')}</h2>
      <p data-last-report>
        {latest
          ? t('report.lastReport', { date: format.date(day(latest.approvedAt), 'day') })
          : t('report.noneApproved')}
      </p>
      {reports.map((r) => (
        <article key={r.round.slug} className="report-public">
          <h3>
            <TranslatedTitle en={r.round.title} zh={r.round.titleZh} de={r.round.titleDe} />
          </h3>
          <p className="muted">
            {t('report.period', {
              period: format.period(
                { value: r.round.periodStart, precision: 'day' },
                { value: r.round.periodEnd, precision: 'day' },
              ),
            })}{' '}
            · {t('report.approvedOn', { date: format.date(day(r.approvedAt), 'day') })}
          </p>
          <ReportSections language={r.language} texts={r.texts} headingLevel={4} />
          {r.indicatorUpdates.length ? (
            <>
              <h4>{t('indicatorReporting.valuesTitle')}</h4>
              <ReportIndicatorValues
                updates={r.indicatorUpdates}
                names={[]}
                caption={t('indicatorReporting.publicValues')}
              />
            </>
          ) : null}
        </article>
      ))}
    </section>
  );
}
