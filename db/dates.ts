import type { DatePrecision, ProjectStatus } from './vocabulary';

/** A date as precise as its source: "2020", "2020-11" or "2020-11-03". */
export interface PartialDate {
  value: string;
  precision: DatePrecision;
}

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD"; null for anything else, including impossible dates. */
export function parsePartialDate(text: string): PartialDate | null {
  const match = PARTIAL_DATE.exec(text);
  if (!match) return null;
  const [, y, m, d] = match;
  const year = Number(y);
  if (year < 1900 || year > 2200) return null;
  if (m === undefined) return { value: text, precision: 'year' };
  const month = Number(m);
  if (month < 1 || month > 12) return null;
  if (d === undefined) return { value: text, precision: 'month' };
  const day = Number(d);
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return { value: text, precision: 'day' };
}

export function isValidIsoDay(text: string): boolean {
  return parsePartialDate(text)?.precision === 'day';
}

/** First day of the period a partial date names: "2025" → "2025-01-01". */
export function periodStart(date: PartialDate): string {
  if (date.precision === 'year') return `${date.value}-01-01`;
  if (date.precision === 'month') return `${date.value}-01`;
  return date.value;
}

/** Last day of the period a partial date names: "2025" → "2025-12-31", "2024-02" → "2024-02-29". */
export function periodEnd(date: PartialDate): string {
  if (date.precision === 'year') return `${date.value}-12-31`;
  if (date.precision === 'month') {
    const [y, m] = date.value.split('-').map(Number) as [number, number];
    return `${date.value}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
  }
  return date.value;
}

export function toPartialDate(
  value: string | null,
  precision: DatePrecision | null,
): PartialDate | null {
  return value && precision ? { value, precision } : null;
}

/**
 * Status from the published dates, comparing each date as a whole period:
 * a project ending "2025" is ongoing until 2025-12-31 and completed from 2026-01-01;
 * one starting "2027-03" is planned until 2027-02-28.
 */
export function deriveStatus(
  start: PartialDate | null,
  end: PartialDate | null,
  today: string,
): ProjectStatus {
  if (start && today < periodStart(start)) return 'planned';
  if (end && today > periodEnd(end)) return 'completed';
  if (start) return 'ongoing';
  return 'unknown';
}

export interface StatusInput {
  statusStated: ProjectStatus | null;
  statusSource: string | null;
  startDate: string | null;
  startPrecision: DatePrecision | null;
  endDate: string | null;
  endPrecision: DatePrecision | null;
}

export interface ResolvedStatus {
  status: ProjectStatus;
  /** Stated by a source (in `words`), derived from the dates, or unknowable without dates. */
  basis: 'stated' | 'derived' | 'no-dates';
  words: string | null;
}

/** A status a source states wins; otherwise it is derived from the dates against today. */
export function resolveStatus(project: StatusInput, today: string): ResolvedStatus {
  if (project.statusStated) {
    return { status: project.statusStated, basis: 'stated', words: project.statusSource };
  }
  const start = toPartialDate(project.startDate, project.startPrecision);
  const end = toPartialDate(project.endDate, project.endPrecision);
  const status = deriveStatus(start, end, today);
  return { status, basis: status === 'unknown' ? 'no-dates' : 'derived', words: null };
}
