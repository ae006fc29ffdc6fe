import { REPORT_STATES } from '../../../db/vocabulary';
import {
  type ParamRule,
  SLUG,
  malformedMessage,
  numberIn,
  oneOf,
} from '../../core/filter/param-rules';
import type { BoardFilter } from './rounds.server';

// The board's URL parameters (its page and its CSV): state, ministry and organisation, each
// repeatable, and the page. A malformed value is refused with 400, naming what was expected.

const LISTS = { state: oneOf(REPORT_STATES), ministry: SLUG, org: SLUG } as const;
const PAGE = numberIn(1, 1_000_000, true, 'a whole number from 1');
const MAX_VALUES = 50;

export interface BoardProblem {
  parameter: string;
  value: string;
  message: string;
  expected?: string;
}

export function parseBoardParams(search: URLSearchParams): {
  filter: BoardFilter;
  page: number;
  problems: BoardProblem[];
} {
  const problems: BoardProblem[] = [];
  const filter: BoardFilter = { state: [], ministry: [], org: [] };
  for (const [name, rule] of Object.entries(LISTS) as [keyof BoardFilter, ParamRule<string>][]) {
    const values = new Set<string>();
    for (const raw of search.getAll(name)) {
      if (raw.trim() === '') continue;
      if (values.size === MAX_VALUES) {
        problems.push({
          parameter: name,
          value: raw,
          message: `${name} may be given at most ${MAX_VALUES} times`,
        });
        break;
      }
      const value = rule.read(raw.trim().toLowerCase());
      if (value === undefined) {
        problems.push({
          parameter: name,
          value: raw,
          message: malformedMessage(name, rule.expected, raw),
          expected: rule.expected,
        });
      } else values.add(value);
    }
    (filter[name] as string[]) = [...values];
  }
  let page = 1;
  const raw = search.get('page');
  if (raw !== null && raw !== '') {
    const value = PAGE.read(raw);
    if (value === undefined) {
      problems.push({
        parameter: 'page',
        value: raw,
        message: malformedMessage('page', PAGE.expected, raw),
        expected: PAGE.expected,
      });
    } else page = value;
  }
  return { filter, page, problems };
}

/** The board's filter as query parameters (stable order, page 1 left out). */
export function boardSearch(filter: BoardFilter, page = 1): string {
  const search = new URLSearchParams();
  for (const name of ['state', 'ministry', 'org'] as const) {
    for (const value of filter[name]) search.append(name, value);
  }
  if (page > 1) search.set('page', String(page));
  return search.toString();
}
