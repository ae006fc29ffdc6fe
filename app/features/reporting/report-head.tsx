import { useFormat, useTranslation } from '../../core/i18n/hooks';
import { FormHead } from '../../core/ui/form-head';
import { SuccessNotice } from '../../core/ui/notice';
import { ProjectLink } from '../../core/ui/project-link';
import { translatedTitleText } from '../../core/ui/translated-title';
import { useLang } from '../../core/i18n/hooks';
import { REPORT_STATES, type ReportState } from '../../../db/vocabulary';

// The head of the report page and of its review: the project, the round, the report's state.

interface HeadData {
  round: {
    title: string;
    titleZh: string | null;
    titleDe: string | null;
    periodStart: string;
    periodEnd: string;
    dueOn: string;
  };
  project: { slug: string; title: string; titleZh: string | null; titleDe: string | null };
  report: { state: ReportState; updatedAt: string | null };
}

/** A project's official name as plain text (a page title): its name in the page's language, else English. */
export function officialNameText(
  lang: string,
  project: { title: string; titleZh: string | null; titleDe: string | null },
): string {
  return (
    (lang === 'zh' ? project.titleZh : lang === 'de' ? project.titleDe : null) || project.title
  );
}

export function ReportHead({ page, title }: { page: HeadData; title: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const lang = useLang();
  const { round, report } = page;
  return (
    <>
      <FormHead title={title} back={<ProjectLink project={page.project} />} />
      <p>
        {t('report.roundLine', {
          round: translatedTitleText(lang, {
            en: round.title,
            zh: round.titleZh,
            de: round.titleDe,
          }),
          period: format.period(
            { value: round.periodStart, precision: 'day' },
            { value: round.periodEnd, precision: 'day' },
          ),
          due: format.date(round.dueOn, 'day'),
        })}
      </p>
      <p>
        {t('report.stateLabel')}:{' '}
        <span className={`badge badge--report-${report.state}`} data-report-state={report.state}>
          {t(`report.state.${report.state}`)}
        </span>
        {report.updatedAt ? (
          <> {t('report.lastSaved', { moment: format.dateTime(report.updatedAt) })}</>
        ) : null}
      </p>
      {report.state === 'approved' ? null : <p className="muted">{t('report.private')}</p>}
    </>
  );
}

/** After a save or a review: what just happened (only known states are echoed). */
export function ReportSavedNotice({ saved }: { saved: string | null }) {
  const { t } = useTranslation();
  const state = REPORT_STATES.find((s) => s === saved && s !== 'not-started');
  if (!state || state === 'not-started') return null;
  return <SuccessNotice>{t(`report.saved.${state}`)}</SuccessNotice>;
}
