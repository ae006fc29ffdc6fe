import type { ReportMilestoneUpdate, ReportText } from './report-queries.server';
import { HUB_LANGUAGES, type HubLanguage, REPORT_SECTIONS } from '../../../db/vocabulary';
import { HTML_LANG } from '../../core/i18n/config';
import { useFormat, useTranslation } from '../../core/i18n/hooks';
import { TableScroll } from '../../core/ui/data-table';

// How a report reads (not a route): its written sections, the original first and each
// translation labelled as one, and its milestone updates. The report page, the review and the
// project page (approved reports only) show it.

/** The written sections: the original language's text, then each translation, labelled. */
export function ReportSections({
  language,
  texts,
  comments = {},
  headingLevel = 3,
}: {
  language: HubLanguage | null;
  texts: Partial<Record<HubLanguage, ReportText>>;
  /** The reviewer's comments per section, shown next to it. */
  comments?: Record<string, string>;
  headingLevel?: 3 | 4;
}) {
  const { t } = useTranslation();
  const original = language ?? 'en';
  const translations = HUB_LANGUAGES.filter((l) => l !== original);
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <div className="report-sections">
      <p className="muted">
        {t('report.writtenIn', { language: t(`report.language.${original}`) })}
      </p>
      {REPORT_SECTIONS.map((section) => {
        const text = texts[original]?.[section];
        const translated = translations.filter((l) => texts[l]?.[section]);
        if (!text && !translated.length && !comments[section]) return null;
        return (
          <div key={section} className="report-section">
            <Heading>{t(`report.section.${section}`)}</Heading>
            {comments[section] ? <ReviewComment text={comments[section]} /> : null}
            {text ? <Paragraphs text={text} lang={original} /> : null}
            {translated.map((l) => (
              <div key={l} className="report-translation">
                <p className="translation-note">
                  {t('report.translationOf', { language: t(`report.language.${l}`) })}
                </p>
                <Paragraphs text={texts[l]![section]!} lang={l} />
              </div>
            ))}
          </div>
        );
      })}
    </div>
  );
}

/** Plain text as the author wrote it: a paragraph per blank-line-separated block. */
function Paragraphs({ text, lang }: { text: string; lang: HubLanguage }) {
  return (
    <div lang={HTML_LANG[lang]} className="report-text">
      {text.split(/\n\s*\n/).map((block, i) => (
        <p key={i}>{block}</p>
      ))}
    </div>
  );
}

/** A reviewer's comment, next to what it is about. */
export function ReviewComment({ text }: { text: string }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice--plain report-comment">
      <strong>{t('report.reviewerSays')}:</strong> {text}
    </div>
  );
}

export interface MilestoneName {
  id: number;
  title: string;
  titleZh: string | null;
}

/** The report's milestone updates as a table: which milestone, its new state, dates, comment. */
export function ReportUpdates({
  updates,
  names,
}: {
  updates: ReportMilestoneUpdate[];
  names: MilestoneName[];
}) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!updates.length) return <p>{t('report.noUpdates')}</p>;
  const nameOf = (u: ReportMilestoneUpdate) => {
    const m = names.find((n) => n.id === u.milestoneId);
    return m?.title ?? u.title ?? `#${u.milestoneId}`;
  };
  const date = (value?: string | null, precision?: string | null) =>
    value ? format.date(value, (precision ?? 'day') as 'day') : null;
  return (
    <TableScroll label={t('report.updatesTitle')}>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('report.milestone')}</th>
            <th scope="col">{t('report.status')}</th>
            <th scope="col">{t('report.dates')}</th>
            <th scope="col">{t('report.comment')}</th>
          </tr>
        </thead>
        <tbody>
          {updates.map((u, i) => {
            const dates = [
              u.plannedDate &&
                t('report.planned', { date: date(u.plannedDate, u.plannedPrecision) }),
              u.actualDate && t('report.actual', { date: date(u.actualDate, u.actualPrecision) }),
              u.revisedDate &&
                t('report.revised', { date: date(u.revisedDate, u.revisedPrecision) }),
            ].filter(Boolean);
            return (
              <tr key={u.milestoneId ?? `new-${i}`}>
                <th scope="row">
                  {nameOf(u)}
                  {u.milestoneId === null ? (
                    <>
                      {' '}
                      <span className="badge">{t('report.newLabel')}</span>
                    </>
                  ) : null}
                </th>
                <td>
                  {t(`milestoneStatus.${u.status as 'planned'}`)}, {u.progress} %
                </td>
                <td>{dates.join(', ')}</td>
                <td>
                  {u.comment ?? u.note ?? ''}
                  {u.evidenceUrl ? (
                    <>
                      {' '}
                      <a href={u.evidenceUrl} rel="noreferrer nofollow">
                        {t('report.evidenceUrl')}
                      </a>
                    </>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
