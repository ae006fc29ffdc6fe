import { formatPeriod } from '../lib/format';
import type { DatePrecision } from '../lib/vocabulary';
import { NotPublished } from './not-published';

interface EventDateProps {
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
  const period = event.startDate
    ? formatPeriod(
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
        <NotPublished what="Date" />
        {event.dateText ? <span className="muted"> — source: “{event.dateText}”</span> : null}
      </span>
    );
  }
  return (
    <span>
      {period}
      {event.isYearInferred ? (
        <span className="certainty" title={event.dateNote ?? undefined}>
          {' '}
          (year inferred)
        </span>
      ) : !event.isDateVerified ? (
        <span className="certainty"> (date not verified)</span>
      ) : null}
    </span>
  );
}
