import { z } from 'zod';

import { type PartialDate, isValidIsoDay, periodEnd, periodStart } from '../../../db/dates';
import {
  INVALID,
  changeSource,
  checkbox,
  httpUrl,
  optionalText,
  partialDate,
  requiredText,
  version,
} from '../../core/forms/form-rules';
import {
  DISAGGREGATION_NAMES,
  INDICATOR_DISAGGREGATIONS,
  INDICATOR_MEASURES,
  INDICATOR_UNITS,
  type IndicatorDisaggregation,
  type IndicatorMeasure,
  QUANTITATIVE_MEASURES,
  RESULT_TYPES,
} from '../../../db/vocabulary';

// The indicator forms' rules (indicator, period, standard indicator), shared by the browser
// (conform validates as you type) and the actions (which decide). Messages are translation keys;
// the page shows them next to the field in its language. Decision 0061 says why each rule is so.

const E = 'indicatorEditing.error';

/**
 * A number as people write it in any of the hub's languages: digits with a point for decimals and,
 * optionally, commas between groups of three ("1,200.5"). A comma anywhere else ("1,5", German
 * for 1.5) is refused rather than guessed; so are exponents, NaN and Infinity. |x| ≤ 10^15.
 */
const NUMBER = /^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
const MAX_MAGNITUDE = 1e15;

export function parseNumber(text: string): number | null {
  const trimmed = text.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (!NUMBER.test(trimmed)) return null;
  const value = Number(trimmed.replace(/,/g, '').replace('−', '-'));
  return Number.isFinite(value) && Math.abs(value) <= MAX_MAGNITUDE ? value : null;
}

/** An optional number field (conform gives numbers as text when the schema is not z.number). */
export const numberText = z
  .string({ error: INVALID })
  .max(40, `${E}.number`)
  .transform((text, ctx) => {
    const value = parseNumber(text);
    if (value === null) {
      ctx.addIssue({ code: 'custom', message: `${E}.number` });
      return z.NEVER;
    }
    return value;
  });

const isQuantitative = (measure: IndicatorMeasure | undefined) =>
  measure !== undefined && (QUANTITATIVE_MEASURES as readonly string[]).includes(measure);

/** A standard indicator an indicator may link to: its id (the form's value) and unit. */
export interface StandardChoice {
  id: number;
  unit: string | null;
}

export interface IndicatorFormContext {
  standards: readonly StandardChoice[];
}

function indicatorFields({ standards }: IndicatorFormContext) {
  return {
    title: requiredText(300),
    titleZh: optionalText(300),
    titleDe: optionalText(300),
    description: optionalText(4000),
    measure: z.enum(INDICATOR_MEASURES, { error: 'form.error.choose' }),
    unit: z.enum(INDICATOR_UNITS, { error: 'form.error.choose' }).optional(),
    direction: z.enum(['ascending', 'descending'], { error: 'form.error.choose' }),
    standardIndicator: z
      .string({ error: INVALID })
      .refine((id) => standards.some((s) => String(s.id) === id), 'form.error.choose')
      .transform(Number)
      .optional(),
    disaggregation: z.enum(DISAGGREGATION_NAMES, { error: 'form.error.choose' }).optional(),
    resultType: z.enum(RESULT_TYPES, { error: 'form.error.choose' }).optional(),
    resultTitle: optionalText(300),
    baselineValue: numberText.optional(),
    baselineYear: z
      .number({ error: `${E}.year` })
      .int(`${E}.year`)
      .min(1900, `${E}.year`)
      .max(2200, `${E}.year`)
      .optional(),
    baselineDate: z.string({ error: INVALID }).trim().refine(isValidIsoDay, `${E}.day`).optional(),
    baselineComment: optionalText(2000),
    position: z
      .number({ error: `${E}.position` })
      .int(`${E}.position`)
      .min(0, `${E}.position`)
      .max(9999, `${E}.position`)
      .optional(),
  };
}

type IndicatorShape = {
  measure?: IndicatorMeasure;
  unit?: string;
  standardIndicator?: number;
  disaggregation?: IndicatorDisaggregation;
  baselineValue?: number;
  baselineYear?: number;
  baselineDate?: string;
};

/** The rules between an indicator's fields (a schema's superRefine). */
function checkIndicator(standards: readonly StandardChoice[]) {
  return (values: IndicatorShape, ctx: z.RefinementCtx) => {
    const issue = (path: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message });
    const quantitative = isQuantitative(values.measure);
    if (quantitative && !values.unit) issue('unit', `${E}.unitRequired`);
    if (values.measure && !quantitative && values.unit) issue('unit', `${E}.unitOnlyQuantitative`);
    if (values.measure === 'qualitative' && values.baselineValue !== undefined) {
      issue('baselineValue', `${E}.qualitativeNoNumber`);
    }
    if (values.disaggregation && values.measure === 'qualitative') {
      issue('disaggregation', `${E}.qualitativeNoDisaggregation`);
    }
    const standard = standards.find((s) => s.id === values.standardIndicator);
    if (standard?.unit && values.unit && standard.unit !== values.unit) {
      issue('standardIndicator', `${E}.standardUnit`);
    }
    if (values.baselineDate && values.baselineYear !== undefined) {
      if (Number(values.baselineDate.slice(0, 4)) !== values.baselineYear) {
        issue('baselineDate', `${E}.baselineYearDate`);
      }
    }
  };
}

export function indicatorFormSchema(context: IndicatorFormContext) {
  return z.object(indicatorFields(context)).superRefine(checkIndicator(context.standards));
}

export function indicatorEditSchema(context: IndicatorFormContext) {
  return z
    .object({ ...indicatorFields(context), version, changeSource })
    .superRefine(checkIndicator(context.standards));
}

export type IndicatorFormValues = z.output<ReturnType<typeof indicatorFormSchema>>;

// ── Periods ─────────────────────────────────────────────────────────────────────────────────────

export interface PeriodFormContext {
  measure: IndicatorMeasure;
  disaggregation: IndicatorDisaggregation | null;
  /** The other periods of the indicator, as first and last day: a period is there once. */
  takenPeriods: readonly { start: string; end: string }[];
  /** An edit form carries the version it was opened on (a new one has none). */
  editing: boolean;
}

// conform does not see inside a record: an emptied dimension field arrives as '' and means none.
const dimensionValue = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  numberText.optional(),
);
const dimensions = z.record(z.string(), dimensionValue, { error: INVALID }).optional();

/** A period's dimension values without the empty ones; undefined when none is left. */
export function keptDimensions(
  values: Record<string, number | undefined> | undefined,
): Record<string, number> | undefined {
  const kept = Object.entries(values ?? {}).filter(
    (entry): entry is [string, number] => entry[1] !== undefined,
  );
  return kept.length ? Object.fromEntries(kept) : undefined;
}

export function periodFormSchema({
  measure,
  disaggregation,
  takenPeriods,
  editing,
}: PeriodFormContext) {
  const allowed: readonly string[] = disaggregation
    ? INDICATOR_DISAGGREGATIONS[disaggregation]
    : [];
  return z
    .object({
      version: editing ? version : version.optional(),
      periodStart: partialDate,
      periodEnd: partialDate,
      targetValue: numberText.optional(),
      targetComment: optionalText(2000),
      targetDimensions: dimensions,
      actualValue: numberText.optional(),
      actualComment: optionalText(2000),
      actualDimensions: dimensions,
      evidenceUrl: httpUrl.optional(),
      reportedBy: optionalText(200),
      changeSource,
    })
    .superRefine((values, ctx) => {
      const issue = (path: (string | number)[], message: string) =>
        ctx.addIssue({ code: 'custom', path, message });
      checkPeriodDates(values, takenPeriods, issue);
      for (const side of ['target', 'actual'] as const) {
        if (measure === 'qualitative' && values[`${side}Value`] !== undefined) {
          issue([`${side}Value`], `${E}.qualitativeNoNumber`);
        }
        // A group the indicator is not split by has no field of its own: the message goes
        // to the side's fieldset (the page shows it there).
        const stray = Object.entries(values[`${side}Dimensions`] ?? {}).some(
          ([key, value]) => value !== undefined && !allowed.includes(key),
        );
        if (stray) issue([`${side}Dimensions`], `${E}.dimensionNotAllowed`);
      }
    });
}

function checkPeriodDates(
  values: { periodStart?: PartialDate; periodEnd?: PartialDate },
  takenPeriods: PeriodFormContext['takenPeriods'],
  issue: (path: string[], message: string) => void,
) {
  if (!values.periodStart || !values.periodEnd) return;
  const start = periodStart(values.periodStart);
  const end = periodEnd(values.periodEnd);
  if (end < start) issue(['periodEnd'], 'form.error.endBeforeStart');
  else if (takenPeriods.some((p) => p.start === start && p.end === end)) {
    issue(['periodStart'], `${E}.periodTaken`);
  }
}

export type PeriodFormValues = z.output<ReturnType<typeof periodFormSchema>>;

// ── Standard indicators ─────────────────────────────────────────────────────────────────────────

export interface StandardFormContext {
  /** Codes other standard indicators have. */
  takenCodes: readonly string[];
  /** The units of the project indicators linked to this one (a new unit must fit them all). */
  linkedUnits: readonly string[];
  editing: boolean;
}

export function standardFormSchema({ takenCodes, linkedUnits, editing }: StandardFormContext) {
  return z.object({
    version: editing ? version : version.optional(),
    code: requiredText(40).refine(
      (code) => !takenCodes.some((c) => c.toLowerCase() === code.toLowerCase()),
      `${E}.codeTaken`,
    ),
    title: requiredText(300),
    titleZh: optionalText(300),
    titleDe: optionalText(300),
    definition: optionalText(4000),
    unit: z
      .enum(INDICATOR_UNITS, { error: 'form.error.choose' })
      .refine((unit) => linkedUnits.every((u) => u === unit), `${E}.linkedUnits`)
      .optional(),
    isAdditive: checkbox,
    sourceUrl: httpUrl.optional(),
    position: z
      .number({ error: `${E}.position` })
      .int(`${E}.position`)
      .min(0, `${E}.position`)
      .max(9999, `${E}.position`)
      .optional(),
    changeSource,
  });
}

export type StandardFormValues = z.output<ReturnType<typeof standardFormSchema>>;
