import { type PartialDate, periodEnd, periodStart, toPartialDate } from '../../../db/dates';
import { type MarkerKind, type MilestoneDates, dueDate, markerKind } from '../milestones/progress';

export type { MarkerKind };
import type { DatePrecision, MilestoneKind } from '../../../db/vocabulary';

// The timeline's geometry, framework-free: windows, positions, bars and marker kinds. Positions
// are fractions of the window (0 = its first day, 1 = the day after its last), so the same
// numbers draw on a screen, in print and in a test.

export const TIMELINE_ZOOMS = ['decade', 'year', 'month'] as const;
export const TIMELINE_GROUPINGS = ['type', 'fundingArea', 'ministry', 'province'] as const;
/** The key of the group for projects that have none (no funding area, ministry or province). */
export const NO_GROUP = '';
/** Rows (project × group) per page of /timeline. */
export const TIMELINE_PAGE_SIZE = 60;

export type TimelineZoom = (typeof TIMELINE_ZOOMS)[number];
export type TimelineGrouping = (typeof TIMELINE_GROUPINGS)[number];

const DAY = 24 * 60 * 60 * 1000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
const isoDay = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);
function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export interface Tick {
  /** First day the tick stands for. */
  date: string;
  position: number;
  /** What the label shows: a year, or a month of a year. */
  label: { value: string; precision: DatePrecision } | null;
}

export interface TimelineWindow {
  /** First day shown. */
  start: string;
  /** Last day shown. */
  end: string;
  ticks: Tick[];
  /** The `at` of the windows before and after (none for the decade view). */
  previous: string | null;
  next: string | null;
}

/** Where a day falls in the window: 0 at its first day, 1 the day after its last. */
export function position(day: string, window: Pick<TimelineWindow, 'start' | 'end'>): number {
  const start = dayNumber(window.start);
  const span = dayNumber(window.end) + 1 - start;
  return (dayNumber(day) - start) / span;
}

/**
 * The window a zoom shows. decade: the whole span of the dated projects (and today), whole
 * years, a tick a year; year: three calendar years around `at`, a tick a quarter; month: twelve
 * months from `at`, a tick a month.
 */
export function timelineWindow(
  zoom: TimelineZoom,
  at: string | undefined,
  today: string,
  range: { first: string | null; last: string | null },
  /** The decade view stretches to today unless this is false (a past project's own timeline). */
  includeToday = true,
): TimelineWindow {
  const ticks = (
    start: string,
    end: string,
    stepMonths: number,
    labelEvery: (m: string) => boolean,
  ) => {
    const out: Tick[] = [];
    for (
      let month = start.slice(0, 7);
      `${month}-01` <= end;
      month = addMonths(month, stepMonths)
    ) {
      const date = `${month}-01`;
      out.push({
        date,
        position: position(date, { start, end }),
        label: labelEvery(month)
          ? stepMonths >= 3
            ? { value: month.slice(0, 4), precision: 'year' }
            : { value: month, precision: 'month' }
          : null,
      });
    }
    return out;
  };
  if (zoom === 'year') {
    const year = Number(at ?? today.slice(0, 4));
    const start = `${year - 1}-01-01`;
    const end = `${year + 1}-12-31`;
    return {
      start,
      end,
      ticks: ticks(start, end, 3, (m) => m.endsWith('-01')),
      previous: String(year - 1),
      next: String(year + 1),
    };
  }
  if (zoom === 'month') {
    const first = at ?? addMonths(today.slice(0, 7), -3);
    const start = `${first}-01`;
    const end = isoDay(dayNumber(`${addMonths(first, 12)}-01`) - 1);
    return {
      start,
      end,
      ticks: ticks(start, end, 1, () => true),
      previous: addMonths(first, -6),
      next: addMonths(first, 6),
    };
  }
  const todayYear = Number(today.slice(0, 4));
  const firstKnown = Number((range.first ?? today).slice(0, 4));
  const lastKnown = Number((range.last ?? today).slice(0, 4));
  const firstYear = includeToday ? Math.min(firstKnown, todayYear) : firstKnown;
  const lastYear = includeToday ? Math.max(lastKnown, todayYear) : lastKnown;
  const span = lastYear - firstYear + 1;
  const every = span > 24 ? 5 : span > 12 ? 2 : 1;
  const start = `${firstYear}-01-01`;
  const end = `${lastYear}-12-31`;
  return {
    start,
    end,
    ticks: ticks(start, end, 12, (m) => Number(m.slice(0, 4)) % every === 0),
    previous: null,
    next: null,
  };
}

export interface DatedPeriod {
  startDate: string | null;
  startPrecision: DatePrecision | null;
  endDate: string | null;
  endPrecision: DatePrecision | null;
}

export interface Bar {
  /** Left edge and width as fractions of the window, clipped to it. */
  left: number;
  width: number;
  /** Share of the bar's width over which it fades in (start known to the year only) or out. */
  fadeIn: number;
  fadeOut: number;
  /** The bar goes on beyond the window on that side. */
  continuesBefore: boolean;
  continuesAfter: boolean;
  /** No published start or end: the bar runs to the window's edge. */
  openStart: boolean;
  openEnd: boolean;
  /** The whole period lies outside the window. */
  outside: 'before' | 'after' | null;
}

const clamp = (n: number) => Math.min(1, Math.max(0, n));

/**
 * A project's bar: from the first day of its start period to the last day of its end period.
 * A start or end known only to the year fades across that year, so the drawing claims no more
 * than the source does. Null without any published date.
 */
export function projectBar(period: DatedPeriod, window: TimelineWindow): Bar | null {
  const start = toPartialDate(period.startDate, period.startPrecision);
  const end = toPartialDate(period.endDate, period.endPrecision);
  if (!start && !end) return null;
  const from = start ? position(periodStart(start), window) : 0;
  const to = end ? position(periodEnd(end), window) + 1 / spanDays(window) : 1;
  const outside = to <= 0 ? 'before' : from >= 1 ? 'after' : null;
  const left = clamp(from);
  const right = clamp(to);
  const width = right - left;
  const yearShare = (date: PartialDate | null) =>
    date?.precision === 'year' && width > 0
      ? (clamp(position(periodEnd(date), window) + 1 / spanDays(window)) -
          clamp(position(periodStart(date), window))) /
        width
      : 0;
  return {
    left,
    width,
    fadeIn: Math.min(1, yearShare(start)),
    fadeOut: Math.min(1, yearShare(end)),
    continuesBefore: from < 0,
    continuesAfter: to > 1,
    openStart: !start,
    openEnd: !end,
    outside,
  };
}

function spanDays(window: Pick<TimelineWindow, 'start' | 'end'>) {
  return dayNumber(window.end) + 1 - dayNumber(window.start);
}

/** How a milestone is drawn: each kind has its own shape, not only its own colour. */
export const MARKER_SYMBOLS: Record<MarkerKind, string> = {
  achieved: '◆',
  overdue: '▲',
  open: '○',
  'not-reported': '?',
  cancelled: '✕',
};

/** The date a milestone is drawn at: when it was achieved, else when it is due. */
export function markerDate(m: MilestoneDates): PartialDate | null {
  return (
    (m.status === 'achieved' ? toPartialDate(m.actualDate, m.actualPrecision) : null) ?? dueDate(m)
  );
}

/** A dated thing's position: the middle of the period it names, or null outside the window. */
export function pointPosition(date: PartialDate | null, window: TimelineWindow): number | null {
  if (!date) return null;
  const middle = (dayNumber(periodStart(date)) + dayNumber(periodEnd(date)) + 1) / 2;
  const p = position(isoDay(Math.floor(middle)), window);
  return p < 0 || p >= 1 ? null : p;
}

export interface OrderableProject {
  id: number;
  title: string;
  startsOn: string | null;
  endsOn: string | null;
  predecessorId: number | null;
}

export interface TimelineRowRef {
  key: string;
  projectId: number;
}

/**
 * The order of the chart's rows: groups in the given order; inside a group, projects by start,
 * except that the phases of one programme (predecessor → successor) stay together in phase
 * order, so their link reads down the chart. Projects without any published date are left out
 * (they are listed under the chart).
 */
export function orderTimelineRows(
  memberships: TimelineRowRef[],
  projects: OrderableProject[],
  compareGroups: (a: string, b: string) => number,
): TimelineRowRef[] {
  const byId = new Map(projects.map((p) => [p.id, p]));
  const chainOf = (p: OrderableProject) => {
    let root = p;
    let depth = 0;
    const seen = new Set<number>([p.id]);
    while (
      root.predecessorId !== null &&
      byId.has(root.predecessorId) &&
      !seen.has(root.predecessorId)
    ) {
      root = byId.get(root.predecessorId)!;
      seen.add(root.id);
      depth += 1;
    }
    return { root, depth };
  };
  // Keys are computed once; the sort compares plain strings and numbers (at 10 000 projects a
  // locale-aware comparison per step costs more than the rest of the page).
  const sortKey = new Map(
    projects.map((p) => {
      const { root, depth } = chainOf(p);
      return [
        p.id,
        {
          start: root.startsOn ?? root.endsOn ?? '9999',
          title: root.title,
          rootId: root.id,
          depth,
        },
      ];
    }),
  );
  const groupRank = new Map(
    [...new Set(memberships.map((m) => m.key))].sort(compareGroups).map((key, i) => [key, i]),
  );
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return memberships
    .filter((m) => {
      const p = byId.get(m.projectId);
      return p && (p.startsOn || p.endsOn);
    })
    .sort((a, b) => {
      const byGroup = groupRank.get(a.key)! - groupRank.get(b.key)!;
      if (byGroup !== 0) return byGroup;
      const ka = sortKey.get(a.projectId)!;
      const kb = sortKey.get(b.projectId)!;
      return (
        compare(ka.start, kb.start) ||
        compare(ka.title, kb.title) ||
        ka.rootId - kb.rootId ||
        ka.depth - kb.depth
      );
    });
}

export interface TimelineRowInput {
  slug: string;
  title: string;
  titleZh: string | null;
  titleDe: string | null;
  startDate: string | null;
  startPrecision: DatePrecision | null;
  endDate: string | null;
  endPrecision: DatePrecision | null;
}

export interface TimelineMilestoneInput extends MilestoneDates {
  id: number;
  title: string;
  kind: MilestoneKind;
  isDerived: boolean;
}

export interface TimelineEventInput {
  slug: string;
  title: string;
  /** The hub team's translations of the title. */
  titleZh: string | null;
  titleDe: string | null;
  startDate: string | null;
  startPrecision: DatePrecision | null;
  isYearInferred: boolean;
}

/** One row of the chart, ready to draw: its bar, its milestone markers and its event dots. */
export function buildTimelineRow(
  rowId: string,
  project: TimelineRowInput,
  projectMilestones: TimelineMilestoneInput[],
  projectEvents: TimelineEventInput[],
  window: TimelineWindow,
  today: string,
  nextPhase: { title: string; titleZh: string | null; titleDe: string | null; href: string } | null,
) {
  return {
    rowId,
    slug: project.slug,
    title: project.title,
    titleZh: project.titleZh,
    titleDe: project.titleDe,
    period: {
      startDate: project.startDate,
      startPrecision: project.startPrecision,
      endDate: project.endDate,
      endPrecision: project.endPrecision,
    },
    bar: projectBar(project, window),
    milestones: projectMilestones.flatMap((m) => {
      const date = markerDate(m);
      const at = pointPosition(date, window);
      if (at === null || !date) return [];
      return [
        {
          id: m.id,
          kind: markerKind(m, today),
          position: at,
          milestoneKind: m.kind,
          title: m.title,
          isDerived: m.isDerived,
          date,
        },
      ];
    }),
    events: projectEvents.flatMap((e) => {
      const date = toPartialDate(e.startDate, e.startPrecision);
      const at = pointPosition(date, window);
      if (at === null || !date) return [];
      return [
        {
          slug: e.slug,
          title: e.title,
          titleZh: e.titleZh,
          titleDe: e.titleDe,
          position: at,
          date,
          isYearInferred: e.isYearInferred,
        },
      ];
    }),
    nextPhase,
  };
}

export type TimelineRowData = ReturnType<typeof buildTimelineRow>;

/** The window for one project's small timeline: its period and everything dated on it. */
export function projectWindow(
  period: DatedPeriod,
  dates: (PartialDate | null)[],
  today: string,
): TimelineWindow {
  const days = [
    toPartialDate(period.startDate, period.startPrecision),
    toPartialDate(period.endDate, period.endPrecision),
    ...dates,
  ].filter((d): d is PartialDate => !!d);
  const first = days.map(periodStart).sort()[0] ?? null;
  const last = days.map(periodEnd).sort().at(-1) ?? null;
  return timelineWindow('decade', undefined, today, { first, last }, !first);
}
