import { useEnglishOnly, useFormat, useTranslation } from '../../core/i18n/hooks';
import type { DatePrecision } from '../../../db/vocabulary';

export interface EventDateProps {
  event: {
    startDate: string | null;
    startPrecision: DatePrecision | null;
    endDate: string | null;
    endPrecision: DatePrecision | null;
    dateText: string | null;
    isDateVerified: boolean;
    isYearInferred: boolean;
    dateNote: string | null;
  };
}

/** An event's date with how certain it is: verified, year inferred, or not published. */
export function EventDate({ event }: EventDateProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const englishOnly = useEnglishOnly();
  const period = event.startDate
    ? format.period(
        { value: event.startDate, precision: event.startPrecision },
        {
          value: event.endDate ?? event.startDate,
          precision: event.endPrecision ?? event.startPrecision,
        },
      )
    : null;
  if (!period) {
    return (
      <span>
        <span className="not-published">{t('eventDate.notPublished')}</span>
        {event.dateText ? (
          <span className="muted">
            {' — '}
            {t('eventDate.sourceSays')} <q lang={englishOnly}>{event.dateText}</q>
          </span>
        ) : null}
      </span>
    );
  }
  return (
    <span>
      {period}
      {event.isYearInferred ? (
        <span className="certainty" title={event.dateNote ?? undefined}>
          {' '}
          {t('eventDate.yearInferred')}
        </span>
      ) : !event.isDateVerified ? (
        <span className="certainty"> {t('eventDate.notVerified')}</span>
      ) : null}
    </span>
  );
}
