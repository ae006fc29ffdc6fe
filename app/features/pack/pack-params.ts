import type { Lang } from '../../core/i18n/config';
import { parseFilter } from '../../core/filter/filter';
import { isValidIsoDay } from '../../../db/dates';
import type { PackLanguages, PackRequest } from './pack-types';

// What a pack is asked for, read from the query string (pure: the routes, the file routes and the
// worker read it alike). Bad values are reported per field and replaced by the default, so a route
// can answer 400 with the messages next to the fields, or go on with what it could read.

export interface PackProblem {
  field: string;
  message: string;
}

/** The round a round pack is asked for: its slug and its period (the pack covers exactly it). */
export interface PackRoundPeriod {
  slug: string;
  periodStart: string;
  periodEnd: string;
}

/** The longest period a pack may cover: longer asks are mistakes (a 200-year pack helps nobody). */
export const PACK_MAX_YEARS = 20;

export const PACK_LANG_VALUES = 'en, zh, de or en+zh';

/**
 * Reads `start`, `end`, `lang` and the shared project filter. A period pack's dates default to
 * `today`'s calendar year; one date given alone keeps its partner in the same year when today's
 * year would not fit (start=2030-03-01 alone covers 2030-03-01…2030-12-31).
 */
export function parsePackRequest(
  search: URLSearchParams,
  options: { round: PackRoundPeriod | null; pageLang: Lang; today: string },
): { request: PackRequest; problems: PackProblem[] } {
  const problems: PackProblem[] = [];
  const { filter, problems: filterProblems } = parseFilter(search);
  for (const p of filterProblems) problems.push({ field: p.parameter, message: p.message });

  const languages = readLanguages(search.get('lang'), options.pageLang, problems);

  let start: string;
  let end: string;
  if (options.round) {
    start = options.round.periodStart;
    end = options.round.periodEnd;
    for (const field of ['start', 'end'] as const) {
      if ((search.get(field) ?? '').trim() !== '') {
        problems.push({ field, message: 'a round’s pack covers the round’s period' });
      }
    }
  } else {
    const givenStart = readDay(search, 'start', problems);
    const givenEnd = readDay(search, 'end', problems);
    const year = options.today.slice(0, 4);
    start =
      givenStart ?? minDay(`${year}-01-01`, givenEnd ? `${givenEnd.slice(0, 4)}-01-01` : null);
    end =
      givenEnd ?? maxDay(`${year}-12-31`, givenStart ? `${givenStart.slice(0, 4)}-12-31` : null);
    if (end < start) {
      problems.push({ field: 'end', message: 'end must not lie before start' });
      end = `${start.slice(0, 4)}-12-31`;
    } else if (end > addYears(start, PACK_MAX_YEARS)) {
      problems.push({
        field: 'end',
        message: `a pack covers at most ${PACK_MAX_YEARS} years; end is too far after start`,
      });
      end = `${start.slice(0, 4)}-12-31`;
    }
  }

  return {
    request: { round: options.round?.slug ?? null, start, end, filter, languages },
    problems,
  };
}

/**
 * `lang`: one language, or English and Chinese together in either order, joined by `+`, `,` or a
 * space (a browser's form sends `+` as a space, and `%2B` as `+`).
 */
function readLanguages(raw: string | null, pageLang: Lang, problems: PackProblem[]): PackLanguages {
  const text = (raw ?? '').trim().toLowerCase();
  if (text === '') return [pageLang];
  if (text === 'en' || text === 'zh' || text === 'de') return [text];
  const parts = text.split(/[+,\s]+/).filter(Boolean);
  if (parts.length === 2 && parts.includes('en') && parts.includes('zh')) return ['en', 'zh'];
  const shown = raw!.length > 40 ? `${raw!.slice(0, 40)}…` : raw;
  problems.push({ field: 'lang', message: `lang must be ${PACK_LANG_VALUES}; “${shown}” is not` });
  return [pageLang];
}

function readDay(
  search: URLSearchParams,
  field: 'start' | 'end',
  problems: PackProblem[],
): string | null {
  const raw = (search.get(field) ?? '').trim();
  if (raw === '') return null;
  if (isValidIsoDay(raw)) return raw;
  const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
  problems.push({
    field,
    message: `${field} must be a real date written YYYY-MM-DD; “${shown}” is not`,
  });
  return null;
}

function minDay(a: string, b: string | null): string {
  return b !== null && b < a ? b : a;
}

function maxDay(a: string, b: string | null): string {
  return b !== null && b > a ? b : a;
}

/** The same day `years` later (29 February → 28 February when the later year has none). */
function addYears(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y + years, m - 1, d));
  if (date.getUTCMonth() !== m - 1) date.setUTCDate(0);
  return date.toISOString().slice(0, 10);
}
