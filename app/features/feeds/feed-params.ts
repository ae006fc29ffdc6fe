import type { ParamRule } from '../../core/filter/param-rules';

// `since`: a day (YYYY-MM-DD, from its start in UTC) or a moment in ISO 8601 with its time zone.
// Read strictly, as every URL parameter is: anything else is a 400 saying what it must be.

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MOMENT = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Whether YYYY-MM-DD names a day of the calendar (not 2026-02-30). */
function isCalendarDay(day: string): boolean {
  const time = Date.parse(`${day}T00:00:00Z`);
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === day;
}

/**
 * `since` as the text the stored moments (ISO 8601 in UTC) compare with: a day stays a day
 * ("2026-11-01" sorts before every moment of that day), a moment becomes UTC.
 */
export const SINCE: ParamRule<string> = {
  read: (raw) => {
    if (DAY.test(raw)) return isCalendarDay(raw) ? raw : undefined;
    // A "+" of an offset arrives as a space when the URL was not encoded.
    const moment = raw.replace(/ (\d{2}:\d{2})$/, '+$1');
    const match = MOMENT.exec(moment);
    if (!match || !isCalendarDay(match[1]!)) return undefined;
    const time = Date.parse(moment);
    if (!Number.isFinite(time)) return undefined;
    const iso = new Date(time).toISOString();
    return iso.startsWith('-') || iso.startsWith('+') ? undefined : iso;
  },
  expected: 'a date (YYYY-MM-DD) or a moment in ISO 8601 with its time zone (2026-11-01T09:00:00Z)',
};

export const FEED_SCOPES = ['projects', 'organisations', 'topics'] as const;
export type FeedScope = (typeof FEED_SCOPES)[number];

/** The latest changes by default; `since` gives all since then, up to MAX_SINCE. */
export const LATEST_CHANGES = 50;
export const MAX_SINCE = 500;
