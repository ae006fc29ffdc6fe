import {
  HUB_ATTRIBUTES as A,
  IATI_MEASURES,
  IATI_RESULT_TYPES,
  STANDARD_INDICATOR_URI,
} from './codes';
import {
  type IatiActivity,
  type IatiIndicator,
  type IatiPeriod,
  type IatiResult,
  type IatiValue,
  anyText,
} from './read-types';
import { isOneOf } from './import-values';
import { isValidIsoDay, periodEnd, periodStart } from '../../../db/dates';
import {
  INDICATOR_DISAGGREGATIONS,
  INDICATOR_UNITS,
  type IndicatorDisaggregation,
  type IndicatorMeasure,
  type ResultType,
} from '../../../db/vocabulary';
import type { NewIndicator, NewIndicatorPeriod } from '../../../db/schema';

// What an activity's results say about a project's indicators. No database: the standard
// indicator a reference names is found in import-wanted.server.ts.
//
// A result the hub itself exported as a milestone (hub:kind / hub:status on the <result>) stays a
// milestone; every other result is indicators. IATI 2.03 has no unit, so an indicator's unit is
// only what our own export says (hub:unit); another publisher's indicator has "unit not stated".

/** An indicator as an activity gives it: the row's columns, its periods, the reference it names. */
export interface IndicatorWanted {
  values: IndicatorValues;
  /** The code of the hub's standard indicator the indicator names (found by the caller). */
  standardCode: string | null;
  periods: PeriodValues[];
  line: number;
}

export const INDICATOR_KEYS = [
  'title',
  'titleZh',
  'titleDe',
  'description',
  'unit',
  'measure',
  'isAscending',
  'disaggregation',
  'resultType',
  'resultTitle',
  'baselineValue',
  'baselineYear',
  'baselineDate',
  'baselineComment',
  'position',
] as const satisfies readonly (keyof NewIndicator)[];

export const PERIOD_KEYS = [
  'periodStart',
  'periodStartPrecision',
  'periodEnd',
  'periodEndPrecision',
  'targetValue',
  'targetComment',
  'targetDimensions',
  'actualValue',
  'actualComment',
  'actualDimensions',
  'evidenceUrl',
  'reportedBy',
] as const satisfies readonly (keyof NewIndicatorPeriod)[];

export type IndicatorValues = Required<Pick<NewIndicator, (typeof INDICATOR_KEYS)[number]>>;
export type PeriodValues = Required<Pick<NewIndicatorPeriod, (typeof PERIOD_KEYS)[number]>>;

/** Where a problem goes, with the line of the element it is about. */
export type Warn = (line: number, message: string) => void;

/** A result of our own export that is a milestone (the milestone attributes are on it). */
export const isMilestoneResult = (r: IatiResult) =>
  r.hub[A.milestoneKind] !== undefined || r.hub[A.milestoneStatus] !== undefined;

const measureOf = (code: string | null, i: IatiIndicator, warn: Warn): IndicatorMeasure => {
  const measure = code === null ? undefined : IATI_MEASURES[code];
  if (measure) return measure;
  warn(
    i.line,
    `Indicator measure "${code ?? ''}" is not an IATI measure (1–5); read as qualitative, so no arithmetic is done with its values.`,
  );
  return 'qualitative';
};

function resultTypeOf(r: IatiResult, warn: Warn): ResultType | null {
  if (r.hub[A.untyped] === 'true') return null;
  const type = r.type === null ? undefined : IATI_RESULT_TYPES[r.type];
  if (!type) warn(r.line, `Result type "${r.type ?? ''}" is not an IATI result type; not stored.`);
  return type ?? null;
}

/** A number the hub stores, or null with a warning when the file gives something else. */
function numberOf(
  v: { text: string | null; value: number | null; line: number },
  what: string,
  warn: Warn,
) {
  if (v.text !== null && v.value === null) {
    warn(v.line, `${what} "${v.text}" is not a number; not stored.`);
  }
  return v.value;
}

const SEX_VALUES: readonly string[] = INDICATOR_DISAGGREGATIONS.sex;

/**
 * The targets (or actuals) of a period as the hub stores them: one value without a dimension,
 * values by sex, and a comment. A dimension the hub has no name for is dropped with a warning and
 * its value kept as the whole, unless the period already states one.
 */
function values(
  list: IatiValue[],
  what: 'target' | 'actual',
  hubNumber: string | undefined,
  warn: Warn,
) {
  let value: number | null = null;
  let comment: string | null = null;
  const dimensions: Record<string, number> = {};
  const setWhole = (v: IatiValue, n: number | null) => {
    if (value !== null && n !== null) {
      warn(v.line, `A second ${what} of the period without a dimension; only the first is stored.`);
      return;
    }
    value ??= n;
  };
  for (const v of list) {
    const n = numberOf(v, `The ${what} value`, warn);
    comment ??= anyText(v.comment);
    const [d, ...more] = v.dimensions;
    if (!d) {
      setWhole(v, n);
      continue;
    }
    if (!more.length && d.name === 'sex' && d.value !== null && SEX_VALUES.includes(d.value)) {
      if (n !== null) dimensions[d.value] = n;
      continue;
    }
    const named = v.dimensions.map((x) => `${x.name ?? '?'}=${x.value ?? '?'}`).join(', ');
    warn(
      d.line,
      `The ${what}'s dimension ${named} is not one the hub stores (sex: ${SEX_VALUES.join(', ')}); its value is kept without the dimension.`,
    );
    setWhole(v, n);
  }
  // Our own export keeps a qualitative indicator's number here (IATI forbids a value there).
  if (value === null && hubNumber !== undefined && /^-?\d/.test(hubNumber)) {
    value = Number(hubNumber);
  }
  return {
    value,
    comment,
    dimensions: Object.keys(dimensions).length ? dimensions : null,
  };
}

function period(p: IatiPeriod, warn: Warn): PeriodValues | null {
  if (!p.start || !p.end) {
    warn(p.line, 'An indicator period without a valid start and end is not stored.');
    return null;
  }
  if (periodStart(p.start) > periodEnd(p.end)) {
    warn(
      p.line,
      `An indicator period ends (${p.end.value}) before it starts (${p.start.value}); not stored.`,
    );
    return null;
  }
  const target = values(p.targets, 'target', p.hub[A.targetNumber], warn);
  const actual = values(p.actuals, 'actual', p.hub[A.actualNumber], warn);
  return {
    // Stored as days, with the precision they were given in (as the hub's periods are).
    periodStart: periodStart(p.start),
    periodStartPrecision: p.start.precision,
    periodEnd: periodEnd(p.end),
    periodEndPrecision: p.end.precision,
    targetValue: target.value,
    targetComment: target.comment,
    targetDimensions: target.dimensions,
    actualValue: actual.value,
    actualComment: actual.comment,
    actualDimensions: actual.dimensions,
    evidenceUrl: p.hub[A.evidenceUrl] ?? p.actuals.flatMap((a) => a.documentUrls)[0] ?? null,
    reportedBy: p.hub[A.reportedBy] ?? null,
  };
}

function baseline(i: IatiIndicator, warn: Warn) {
  const [b, ...more] = i.baselines;
  for (const extra of more) {
    warn(extra.line, 'The hub stores one baseline per indicator; this further baseline is not.');
  }
  if (!b) {
    // Our own export keeps a baseline without a year on the indicator (IATI requires a year).
    const value = i.hub[A.baselineValue];
    return {
      baselineValue: value !== undefined && /^-?\d/.test(value) ? Number(value) : null,
      baselineYear: null,
      baselineDate: null,
      baselineComment: i.hub[A.baselineComment] ?? null,
    };
  }
  if (b.dimensions.length) {
    warn(b.line, 'Baseline dimensions are not stored; the baseline is kept as the whole.');
  }
  const year = b.year !== null && /^\d{4}$/.test(b.year) ? Number(b.year) : null;
  if (b.year !== null && year === null) warn(b.line, `Baseline year "${b.year}" is not a year.`);
  const date = b.isoDate?.slice(0, 10) ?? null;
  const isDate = date !== null && isValidIsoDay(date);
  if (b.isoDate !== null && !isDate)
    warn(b.line, `Baseline iso-date "${b.isoDate}" is not a real date.`);
  const number = b.hub[A.number];
  return {
    baselineValue:
      numberOf(b, 'The baseline value', warn) ??
      (number !== undefined && /^-?\d/.test(number) ? Number(number) : null),
    baselineYear: b.hub[A.yearDerived] === 'true' ? null : year,
    baselineDate: isDate ? date : null,
    baselineComment: anyText(b.comment),
  };
}

function indicator(
  r: IatiResult,
  i: IatiIndicator,
  position: number,
  resultType: ResultType | null,
  warn: Warn,
): IndicatorWanted {
  const resultTitle = r.hub[A.untitled] === 'true' ? null : anyText(r.title);
  const title = anyText(i.title) ?? resultTitle;
  if (!anyText(i.title)) warn(i.line, 'An indicator without a title is named after its result.');
  const measure = measureOf(i.measure, i, warn);
  const periods: PeriodValues[] = [];
  const seen = new Set<string>();
  for (const p of i.periods) {
    const values = period(p, warn);
    if (!values) continue;
    const key = `${values.periodStart}/${values.periodEnd}`;
    if (seen.has(key)) {
      warn(
        p.line,
        `The period ${key} is given twice for this indicator; only the first is stored.`,
      );
      continue;
    }
    seen.add(key);
    periods.push(values);
  }
  const ours = i.references.filter(
    (ref) => ref.uri === STANDARD_INDICATOR_URI && ref.vocabulary === '99' && ref.code,
  );
  for (const ref of i.references) {
    if (ours.includes(ref)) continue;
    warn(
      ref.line,
      `Indicator reference ${ref.vocabulary ?? '?'} "${ref.code ?? ''}" is not one of the hub's standard indicators; not stored.`,
    );
  }
  const hubUnit = i.hub[A.unit];
  const hubPosition = i.hub[A.position];
  const isSplit =
    i.hub[A.disaggregation] === 'sex' ||
    periods.some((p) => p.targetDimensions !== null || p.actualDimensions !== null);
  return {
    line: i.line,
    standardCode: ours[0]?.code ?? null,
    values: {
      title: (title ?? 'Indicator').slice(0, 300),
      titleZh: i.title.zh && i.title.zh !== title ? i.title.zh : null,
      titleDe: i.title.de && i.title.de !== title ? i.title.de : null,
      description: anyText(i.description),
      unit: isOneOf(INDICATOR_UNITS, hubUnit) ? hubUnit : null,
      measure,
      isAscending: !(i.ascending === '0' || i.ascending === 'false'),
      disaggregation: isSplit ? ('sex' satisfies IndicatorDisaggregation) : null,
      resultType,
      resultTitle,
      ...baseline(i, warn),
      position:
        hubPosition !== undefined && /^-?\d{1,6}$/.test(hubPosition)
          ? Number(hubPosition)
          : position,
    },
    periods,
  };
}

/** Every indicator of the activity's results that are not milestones, in file order. */
export function wantedIndicators(a: IatiActivity, warn: Warn): IndicatorWanted[] {
  const out: IndicatorWanted[] = [];
  for (const r of a.results) {
    if (isMilestoneResult(r)) continue;
    const type = resultTypeOf(r, warn);
    for (const i of r.indicators) out.push(indicator(r, i, out.length, type, warn));
  }
  return out;
}
