import { type PartialDate, periodEnd, periodStart, toPartialDate } from '../../../db/dates';
import {
  type DatePrecision,
  type MilestoneStatus,
  OPEN_MILESTONE_STATUSES,
} from '../../../db/vocabulary';

export { OPEN_MILESTONE_STATUSES } from '../../../db/vocabulary';

// The progress rules, in one place. "Today" is always passed in (from app/core/clock.ts), and every
// date compares as the whole period it names: a milestone due "2025" is not overdue before
// 2026-01-01, one due "2025-09" not before 2025-10-01.

/** A project is off track with this many overdue milestones… */
export const OFF_TRACK_OVERDUE_COUNT = 2;
/** …or with one milestone overdue by more than this many days. */
export const OFF_TRACK_OVERDUE_DAYS = 90;
/** A project is at risk with any overdue or delayed milestone, or one that slipped this much. */
export const AT_RISK_SLIPPAGE_DAYS = 30;
/** "Due soon" in the portfolio review. */
export const DUE_SOON_DAYS = 90;

/** The portfolio review's groups, in the order the page shows them. */
export const REVIEW_GROUPS = ['overdue', 'due-soon', 'recently-achieved', 'not-reported'] as const;
export type ReviewGroup = (typeof REVIEW_GROUPS)[number];

export type ProjectHealth = 'on-track' | 'at-risk' | 'off-track' | 'unknown';

export interface MilestoneDates {
  status: MilestoneStatus;
  plannedDate: string | null;
  plannedPrecision: DatePrecision | null;
  revisedDate?: string | null;
  revisedPrecision?: DatePrecision | null;
  actualDate: string | null;
  actualPrecision: DatePrecision | null;
  /** 0–100; achieved counts as 100 whatever is stored. */
  progress?: number | null;
}

const DAY = 24 * 60 * 60 * 1000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
export const daysBetween = (from: string, to: string) =>
  Math.round(dayNumber(to) - dayNumber(from));

/** Open milestones can become overdue; achieved, cancelled and not-reported ones cannot. */
export function isOpen(m: MilestoneDates): boolean {
  return (OPEN_MILESTONE_STATUSES as readonly MilestoneStatus[]).includes(m.status);
}

/** When the milestone is due now: the revised date if there is one, else the planned date. */
export function dueDate(m: MilestoneDates): PartialDate | null {
  return (
    toPartialDate(m.revisedDate ?? null, m.revisedPrecision ?? null) ??
    toPartialDate(m.plannedDate, m.plannedPrecision)
  );
}

/** Days past the end of the due period (0 when not overdue). "Not reported" is never overdue. */
export function overdueDays(m: MilestoneDates, today: string): number {
  const due = dueDate(m);
  if (!isOpen(m) || !due) return 0;
  return Math.max(0, daysBetween(periodEnd(due), today));
}

export function isOverdue(m: MilestoneDates, today: string): boolean {
  return overdueDays(m, today) > 0;
}

/** A milestone's state as the timeline draws it and the exports name it. */
export type MarkerKind = 'achieved' | 'overdue' | 'open' | 'not-reported' | 'cancelled';

export function markerKind(m: MilestoneDates, today: string): MarkerKind {
  if (m.status === 'achieved') return 'achieved';
  if (m.status === 'cancelled') return 'cancelled';
  if (m.status === 'not-reported') return 'not-reported';
  return isOverdue(m, today) ? 'overdue' : 'open';
}

/** Open and due within the next `days` days (the due period ends between today and then). */
export function isDueWithin(m: MilestoneDates, today: string, days = DUE_SOON_DAYS): boolean {
  const due = dueDate(m);
  if (!isOpen(m) || !due) return false;
  const end = periodEnd(due);
  return end >= today && daysBetween(today, end) <= days;
}

/**
 * How late the milestone came (achieved) or is now planned to come (revised) against the plan, in
 * days; negative when early, 0 when inside the planned period, null when there is nothing to
 * compare. Periods compare as wholes, so "2025" against "2025-06" is 0.
 */
export function slippageDays(m: MilestoneDates): number | null {
  const planned = toPartialDate(m.plannedDate, m.plannedPrecision);
  const outcome =
    toPartialDate(m.actualDate, m.actualPrecision) ??
    toPartialDate(m.revisedDate ?? null, m.revisedPrecision ?? null);
  if (!planned || !outcome) return null;
  const late = daysBetween(periodEnd(planned), periodStart(outcome));
  if (late > 0) return late;
  const early = daysBetween(periodStart(planned), periodEnd(outcome));
  if (early < 0) return early;
  return 0;
}

/** The share of reported, not cancelled milestones' progress (achieved = 100), or null. */
export function projectCompletion(milestones: MilestoneDates[]): number | null {
  const counted = milestones.filter((m) => m.status !== 'cancelled' && m.status !== 'not-reported');
  if (counted.length === 0) return null;
  const sum = counted.reduce(
    (total, m) =>
      total + (m.status === 'achieved' ? 100 : Math.min(100, Math.max(0, m.progress ?? 0))),
    0,
  );
  return Math.round(sum / counted.length);
}

/**
 * Off track: at least OFF_TRACK_OVERDUE_COUNT overdue milestones, or one overdue by more than
 * OFF_TRACK_OVERDUE_DAYS. At risk: any overdue or delayed milestone, or a slippage above
 * AT_RISK_SLIPPAGE_DAYS. Unknown: nothing reported. Otherwise on track.
 */
export function projectHealth(milestones: MilestoneDates[], today: string): ProjectHealth {
  const reported = milestones.filter(
    (m) => m.status !== 'not-reported' && m.status !== 'cancelled',
  );
  if (reported.length === 0) return 'unknown';
  const overdue = reported.map((m) => overdueDays(m, today)).filter((d) => d > 0);
  if (
    overdue.length >= OFF_TRACK_OVERDUE_COUNT ||
    overdue.some((d) => d > OFF_TRACK_OVERDUE_DAYS)
  ) {
    return 'off-track';
  }
  const slipped = reported.some((m) => (slippageDays(m) ?? 0) > AT_RISK_SLIPPAGE_DAYS);
  if (overdue.length > 0 || reported.some((m) => m.status === 'delayed') || slipped)
    return 'at-risk';
  return 'on-track';
}
