import { type PartialDate, periodEnd, periodStart, toPartialDate } from '../../../db/dates';
import { now } from '../../core/clock';
import { readApiParams } from '../../core/filter/api-request.server';
import { isFilterEmpty } from '../../core/filter/filter';
import { oneOf } from '../../core/filter/param-rules';
import { formatPartialDate } from '../../core/format';
import { INTL_LOCALE, localizePath } from '../../core/i18n/config';
import { listEvents } from '../events/events.server';
import { listFilteredMilestones } from '../milestones/milestones.server';
import { dueDate } from '../milestones/progress';
import { listProjectExportRows } from '../projects/projects.server';
import { milestoneNameIn, projectTitleIn } from './csv-exports.server';
import { type ExportRequest, MAX_ROWS } from './export-request';
import { type CalendarEntry, calendarText } from './ical';

// milestones.ics and events.ics: calendar feeds of what the filter selects, in the language asked
// for (names, labels, and links to that language's pages).
//
// A date known only to its month or year is left out by default: as a month- or year-long entry
// it filled a calendar (35 of the 43 milestones). `precision=all` includes it as one all-day
// entry on the first day of its period, its summary saying what is known ("due in March 2025").
// See decision 0051.

const PRECISION = { precision: oneOf(['day', 'all'] as const) };

/** The day after `day` (DTEND of an all-day entry is exclusive). */
const dayAfter = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** One all-day entry on the first day a partial date names. */
const firstDay = (date: PartialDate) => ({
  start: periodStart(date),
  end: dayAfter(periodStart(date)),
});

function calendar(entries: CalendarEntry[], filename: string): Response {
  const text = calendarText(entries, {
    productId: 'iki-china-hub',
    name: 'IKI China portfolio hub',
    generatedAt: now(),
  });
  return new Response(text, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
    },
  });
}

/** Whether the feed includes dates known only to a month or year (`precision=all`). */
function readPrecision({ api }: ExportRequest): boolean | Response {
  const own = readApiParams(api.search, PRECISION);
  return own instanceof Response ? own : own.precision === 'all';
}

/** What the source says of an imprecise date, for an entry's description. */
function precisionNote({ t, lang }: ExportRequest, date: PartialDate): string | null {
  if (date.precision === 'day') return null;
  const period = formatPartialDate(date.value, date.precision, INTL_LOCALE[lang]);
  return t(date.precision === 'month' ? 'calendarFeed.onlyMonth' : 'calendarFeed.onlyYear', {
    period,
  });
}

export function milestonesIcs(request: ExportRequest): Response {
  const { api, t, lang, origin, project } = request;
  const imprecise = readPrecision(request);
  if (imprecise instanceof Response) return imprecise;
  const rows = listFilteredMilestones(api.where, { limit: MAX_ROWS, offset: 0 }).filter(
    (m) => !project || m.projectSlug === project.slug,
  );
  const entries = rows.flatMap((m): CalendarEntry[] => {
    const achieved = m.status === 'achieved';
    const date = (achieved ? toPartialDate(m.actualDate, m.actualPrecision) : null) ?? dueDate(m);
    if (!date || (date.precision !== 'day' && !imprecise)) return [];
    const period = formatPartialDate(date.value, date.precision, INTL_LOCALE[lang]);
    const when =
      date.precision === 'day'
        ? ''
        : ` (${t(
            `calendarFeed.${achieved ? 'achieved' : 'due'}In${date.precision === 'month' ? 'Month' : 'Year'}`,
            { period },
          )})`;
    const planned = formatPartialDate(m.plannedDate, m.plannedPrecision, INTL_LOCALE[lang]);
    return [
      {
        ...firstDay(date),
        uid: `milestone-${m.id}@iki-china-hub`,
        title: `${milestoneNameIn(lang, m, t)} — ${projectTitleIn(lang, m)}${when}`,
        description: [
          `${t(`milestoneStatus.${m.status}`)}. ${t('milestone.planned')}: ${planned ?? '—'}`,
          precisionNote(request, date),
        ]
          .filter(Boolean)
          .join('\n'),
        url: `${origin}${localizePath(`/projects/${m.projectSlug}`, lang)}#milestone-${m.id}`,
        categories: ['milestone', m.kind],
      },
    ];
  });
  return calendar(entries, 'iki-china-milestones.ics');
}

export function eventsIcs(request: ExportRequest): Response {
  const { api, lang, origin, project } = request;
  const imprecise = readPrecision(request);
  if (imprecise instanceof Response) return imprecise;
  const events = listEvents(project ? { project: project.slug } : {});
  // With a filter, an event belongs when one of its projects is selected; without, all do.
  const allowed =
    project || isFilterEmpty(api.filter)
      ? null
      : new Set(listProjectExportRows(api.where).map((p) => p.slug));
  const entries = events.flatMap((e): CalendarEntry[] => {
    const start = toPartialDate(e.startDate, e.startPrecision);
    if (!start || (start.precision !== 'day' && !imprecise)) return [];
    if (allowed && !e.projectSlugs.some((s) => allowed.has(s))) return [];
    const end = toPartialDate(e.endDate, e.endPrecision);
    const period = formatPartialDate(start.value, start.precision, INTL_LOCALE[lang]);
    const province = lang === 'zh' ? (e.provinceNameZh ?? e.provinceNameEn) : e.provinceNameEn;
    return [
      {
        ...firstDay(start),
        // A known last day spans the days between; an imprecise one stays on the first day.
        ...(start.precision === 'day' && end?.precision === 'day'
          ? { end: dayAfter(periodEnd(end)) }
          : {}),
        uid: `event-${e.slug}@iki-china-hub`,
        title: start.precision === 'day' ? e.title : `${e.title} (${period})`,
        description: precisionNote(request, start) ?? undefined,
        location: [e.city, province].filter(Boolean).join(', ') || undefined,
        url: `${origin}${localizePath(`/events/${e.slug}`, lang)}`,
        categories: ['event', e.type],
      },
    ];
  });
  return calendar(entries, 'iki-china-events.ics');
}
