import { type PartialDate, periodEnd, periodStart, toPartialDate } from '../../../db/dates';
import { now } from '../../core/clock';
import { isFilterEmpty } from '../../core/filter/filter';
import { listEvents } from '../events/events.server';
import { listFilteredMilestones } from '../milestones/milestones.server';
import { dueDate } from '../milestones/progress';
import { listProjectExportRows } from '../projects/projects.server';
import { type ExportRequest, MAX_ROWS } from './export-request';
import { type CalendarEntry, calendarText } from './ical';

// milestones.ics and events.ics: calendar feeds of what the filter selects.

/** The days of an all-day calendar entry over the whole period a partial date names. */
function allDay(date: PartialDate): { start: string; end: string } {
  const dayAfter = new Date(Date.parse(`${periodEnd(date)}T00:00:00Z`) + 86_400_000)
    .toISOString()
    .slice(0, 10);
  return { start: periodStart(date), end: dayAfter };
}

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

export function milestonesIcs({ api, t, origin, project }: ExportRequest): Response {
  const rows = listFilteredMilestones(api.where, { limit: MAX_ROWS, offset: 0 }).filter(
    (m) => !project || m.projectSlug === project.slug,
  );
  const entries = rows.flatMap((m): CalendarEntry[] => {
    const date =
      (m.status === 'achieved' ? toPartialDate(m.actualDate, m.actualPrecision) : null) ??
      dueDate(m);
    if (!date) return [];
    const name =
      m.isDerived && (m.kind === 'start' || m.kind === 'closure')
        ? t(`milestone.kind.${m.kind}`)
        : m.title;
    return [
      {
        ...allDay(date),
        uid: `milestone-${m.id}@iki-china-hub`,
        title: `${name} — ${m.projectTitle}`,
        description: `${t(`milestoneStatus.${m.status}`)}. ${t('milestone.planned')}: ${m.plannedDate ?? '—'}`,
        url: `${origin}/projects/${m.projectSlug}#milestone-${m.id}`,
        categories: ['milestone', m.kind],
      },
    ];
  });
  return calendar(entries, 'iki-china-milestones.ics');
}

export function eventsIcs({ api, origin, project }: ExportRequest): Response {
  const events = listEvents(project ? { project: project.slug } : {});
  // With a filter, an event belongs when one of its projects is selected; without, all do.
  const allowed =
    project || isFilterEmpty(api.filter)
      ? null
      : new Set(listProjectExportRows(api.where).map((p) => p.slug));
  const entries = events.flatMap((e): CalendarEntry[] => {
    const start = toPartialDate(e.startDate, e.startPrecision);
    if (!start) return [];
    if (allowed && !e.projectSlugs.some((s) => allowed.has(s))) return [];
    const end = toPartialDate(e.endDate, e.endPrecision) ?? start;
    return [
      {
        ...allDay({ value: periodStart(start), precision: 'day' }),
        end: allDay(end).end,
        uid: `event-${e.slug}@iki-china-hub`,
        title: e.title,
        location: [e.city, e.provinceNameEn].filter(Boolean).join(', ') || undefined,
        url: `${origin}/events/${e.slug}`,
        categories: ['event', e.type],
      },
    ];
  });
  return calendar(entries, 'iki-china-events.ics');
}
