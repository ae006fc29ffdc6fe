import {
  PROJECT_ORIGINS,
  PROJECT_STATUSES,
  PROJECT_TYPES,
  type ProjectOrigin,
  type ProjectStatus,
  type ProjectType,
} from '../../../db/vocabulary';
import {
  AMOUNT,
  type ParamRule,
  SLUG,
  YEAR,
  malformedMessage,
  oneOf,
  pattern,
} from './param-rules';

// The one project filter every view and export reads. Its URL parameters are a public contract
// (docs/api.md, "The filter"): repeat a parameter for several values.
//
// Each parameter's rule (param-rules.ts) is a small function and the words for what it expects,
// not a zod schema: the document shell parses the filter in the browser too, and these few rules
// keep zod's 25 KB out of every page's JavaScript.

const LIST_PARAMS = {
  fundingArea: SLUG,
  topic: SLUG,
  type: oneOf(PROJECT_TYPES),
  status: oneOf(PROJECT_STATUSES),
  province: pattern(/^CN-[A-Z]{2}$/, 'a Chinese province code such as CN-BJ'),
  country: pattern(/^[A-Z]{2}$/, 'a two-letter country code such as DE'),
  org: SLUG,
  ministry: SLUG,
} as const;

const SINGLE_PARAMS = {
  q: {
    read: (raw: string) => {
      const text = raw.trim();
      return text.length >= 1 && text.length <= 200 ? text : undefined;
    },
    expected: 'a search text of 1 to 200 characters',
  },
  overdue: {
    read: (raw: string) => (raw === '1' ? ('1' as const) : undefined),
    expected: '1 (only projects with an overdue milestone)',
  },
  from: YEAR,
  to: YEAR,
  fundingMin: AMOUNT,
  fundingMax: AMOUNT,
  origin: oneOf(PROJECT_ORIGINS),
} as const;

/**
 * Values one list parameter may have. Every link of a filtered page carries the filter, so an
 * unbounded list of (even unknown) slugs made a 14 KB request into a 10 MB page.
 */
export const MAX_LIST_VALUES = 50;

export const FILTER_PARAMS = [...Object.keys(SINGLE_PARAMS), ...Object.keys(LIST_PARAMS)] as (
  keyof typeof SINGLE_PARAMS | keyof typeof LIST_PARAMS
)[];

export interface ProjectFilter {
  q?: string;
  /** Project slugs the search index finds for `q`; filled by the server, never from the URL. */
  qMatches?: string[];
  fundingArea: string[];
  topic: string[];
  type: ProjectType[];
  status: ProjectStatus[];
  province: string[];
  country: string[];
  org: string[];
  ministry: string[];
  from?: number;
  to?: number;
  fundingMin?: number;
  fundingMax?: number;
  /** '1': only projects with at least one overdue milestone. */
  overdue?: '1';
  /**
   * 'iati': only activities imported from other publishers' IATI files instead of the IKI
   * portfolio. Unset (the default, also for origin=hub): the IKI portfolio only, so imported
   * activities are never counted as IKI projects.
   */
  origin?: ProjectOrigin;
}

export type FilterList = keyof typeof LIST_PARAMS;

export interface FilterProblem {
  parameter: string;
  message: string;
  /** What the value must be, where it was malformed. */
  expected?: string;
}

export const EMPTY_FILTER: ProjectFilter = {
  fundingArea: [],
  topic: [],
  type: [],
  status: [],
  province: [],
  country: [],
  org: [],
  ministry: [],
};

/**
 * Reads the filter from a query string. Bad values are dropped and reported: HTML pages show what
 * was applied, /api/* answers 400 naming the parameter. Codes are upper-cased, slugs lower-cased.
 */
export function parseFilter(search: URLSearchParams): {
  filter: ProjectFilter;
  problems: FilterProblem[];
} {
  const problems: FilterProblem[] = [];
  const filter: ProjectFilter = structuredClone(EMPTY_FILTER);
  const malformed = (name: string, rule: ParamRule<unknown>, raw: string) =>
    problems.push({
      parameter: name,
      message: malformedMessage(name, rule.expected, raw),
      expected: rule.expected,
    });
  for (const [name, rule] of Object.entries(LIST_PARAMS) as [FilterList, ParamRule<string>][]) {
    const values = new Set<string>();
    for (const raw of search.getAll(name)) {
      if (raw.trim() === '') continue;
      if (values.size === MAX_LIST_VALUES) {
        problems.push({
          parameter: name,
          message: `${name} may be given at most ${MAX_LIST_VALUES} times`,
        });
        break;
      }
      const normal =
        name === 'province' || name === 'country'
          ? raw.trim().toUpperCase()
          : raw.trim().toLowerCase();
      const value = rule.read(normal);
      if (value !== undefined) values.add(value);
      else malformed(name, rule, raw);
    }
    (filter[name] as string[]) = [...values];
  }
  for (const [name, rule] of Object.entries(SINGLE_PARAMS) as [
    keyof typeof SINGLE_PARAMS,
    ParamRule<unknown>,
  ][]) {
    const raw = search.get(name);
    if (raw === null || raw.trim() === '') continue;
    const value = rule.read(raw);
    if (value !== undefined) (filter as unknown as Record<string, unknown>)[name] = value;
    else malformed(name, rule, raw);
  }
  // The portfolio is the default: origin=hub says nothing, and the URL stays canonical.
  if (filter.origin === 'hub') delete filter.origin;
  if (filter.from !== undefined && filter.to !== undefined && filter.from > filter.to) {
    problems.push({ parameter: 'to', message: 'to must be a year not before from' });
    delete filter.to;
  }
  if (
    filter.fundingMin !== undefined &&
    filter.fundingMax !== undefined &&
    filter.fundingMin > filter.fundingMax
  ) {
    problems.push({
      parameter: 'fundingMax',
      message: 'fundingMax must be an amount not below fundingMin',
    });
    delete filter.fundingMax;
  }
  return { filter, problems };
}

/** The filter as query parameters (stable order), to carry it from view to view. */
export function filterSearchParams(filter: ProjectFilter): URLSearchParams {
  const search = new URLSearchParams();
  for (const name of FILTER_PARAMS) {
    const value = filter[name as keyof ProjectFilter];
    if (Array.isArray(value)) for (const v of value) search.append(name, v);
    else if (value !== undefined) search.set(name, String(value));
  }
  return search;
}

export function isFilterEmpty(filter: ProjectFilter): boolean {
  return filterSearchParams(filter).toString() === '';
}

// A facet panel makes one of these per option link: a shallow copy with one list replaced, since
// the lists are never changed in place (structuredClone of the whole filter cost more than the
// link it was for).

/** A copy of the filter with one value removed (for removable chips) or one facet replaced. */
export function withoutValue(filter: ProjectFilter, name: string, value?: string): ProjectFilter {
  const next = { ...filter } as unknown as Record<string, unknown>;
  const current = next[name];
  if (Array.isArray(current)) next[name] = current.filter((v) => v !== value);
  else delete next[name];
  return next as unknown as ProjectFilter;
}

export function withValue(filter: ProjectFilter, name: FilterList, value: string): ProjectFilter {
  const current = filter[name] as string[];
  return current.includes(value) ? { ...filter } : { ...filter, [name]: [...current, value] };
}

export interface FacetOption {
  value: string;
  /** English name (or code); zh/de names where the vocabulary has them. */
  name: string;
  nameZh?: string | null;
  nameDe?: string | null;
  count: number;
}

/** For each facet, what ticking each option would give with the other filters applied. */
export type Facets = Record<FilterList, FacetOption[]>;
