import {
  type IndicatorFormValues,
  type PeriodFormValues,
  type StandardFormValues,
  keptDimensions,
} from './indicator-forms';

// Between the forms and the stored rows: what a parsed form stores, and how a stored row fills the
// form's fields (what the form opens with, and the "saved now" side of a 409).

type Text = Record<string, string>;

const str = (v: string | number | null | undefined) =>
  v === null || v === undefined ? '' : String(v);

/** Dimension values as the form's fields name them: targetDimensions.female … */
function dimensionFields(name: string, values: Record<string, unknown> | null | undefined): Text {
  return Object.fromEntries(
    Object.entries(values ?? {}).map(([key, value]) => [`${name}.${key}`, str(value as number)]),
  );
}

export function indicatorValuesOf(form: IndicatorFormValues) {
  return {
    title: form.title,
    titleZh: form.titleZh ?? null,
    titleDe: form.titleDe ?? null,
    description: form.description ?? null,
    unit: form.unit ?? null,
    measure: form.measure,
    isAscending: form.direction === 'ascending',
    standardIndicatorId: form.standardIndicator ?? null,
    disaggregation: form.disaggregation ?? null,
    resultType: form.resultType ?? null,
    resultTitle: form.resultTitle ?? null,
    baselineValue: form.baselineValue ?? null,
    baselineYear: form.baselineYear ?? null,
    baselineDate: form.baselineDate ?? null,
    baselineComment: form.baselineComment ?? null,
    position: form.position ?? 0,
  };
}

export function indicatorFormText(row: {
  title: string;
  titleZh: string | null;
  titleDe: string | null;
  description: string | null;
  unit: string | null;
  measure: string;
  isAscending: boolean;
  standardIndicatorId: number | null;
  disaggregation: string | null;
  resultType: string | null;
  resultTitle: string | null;
  baselineValue: number | null;
  baselineYear: number | null;
  baselineDate: string | null;
  baselineComment: string | null;
  position: number;
}): Text {
  return {
    title: row.title,
    titleZh: str(row.titleZh),
    titleDe: str(row.titleDe),
    description: str(row.description),
    measure: row.measure,
    unit: str(row.unit),
    direction: row.isAscending ? 'ascending' : 'descending',
    standardIndicator: str(row.standardIndicatorId),
    disaggregation: str(row.disaggregation),
    resultType: str(row.resultType),
    resultTitle: str(row.resultTitle),
    baselineValue: str(row.baselineValue),
    baselineYear: str(row.baselineYear),
    baselineDate: str(row.baselineDate),
    baselineComment: str(row.baselineComment),
    position: str(row.position),
  };
}

export function periodValuesOf(form: Omit<PeriodFormValues, 'version' | 'changeSource'>) {
  return {
    periodStart: form.periodStart.value,
    periodStartPrecision: form.periodStart.precision,
    periodEnd: form.periodEnd.value,
    periodEndPrecision: form.periodEnd.precision,
    targetValue: form.targetValue ?? null,
    targetComment: form.targetComment ?? null,
    targetDimensions: keptDimensions(form.targetDimensions) ?? null,
    actualValue: form.actualValue ?? null,
    actualComment: form.actualComment ?? null,
    actualDimensions: keptDimensions(form.actualDimensions) ?? null,
    evidenceUrl: form.evidenceUrl ?? null,
    reportedBy: form.reportedBy ?? null,
  };
}

export function periodFormText(row: {
  periodStart: string;
  periodEnd: string;
  targetValue: number | null;
  targetComment: string | null;
  targetDimensions: Record<string, number> | null;
  actualValue: number | null;
  actualComment: string | null;
  actualDimensions: Record<string, number> | null;
  evidenceUrl: string | null;
  reportedBy: string | null;
}): Text {
  return {
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    targetValue: str(row.targetValue),
    targetComment: str(row.targetComment),
    ...dimensionFields('targetDimensions', row.targetDimensions),
    actualValue: str(row.actualValue),
    actualComment: str(row.actualComment),
    ...dimensionFields('actualDimensions', row.actualDimensions),
    evidenceUrl: str(row.evidenceUrl),
    reportedBy: str(row.reportedBy),
  };
}

export function standardValuesOf(form: Omit<StandardFormValues, 'version' | 'changeSource'>) {
  return {
    code: form.code,
    title: form.title,
    titleZh: form.titleZh ?? null,
    titleDe: form.titleDe ?? null,
    definition: form.definition ?? null,
    unit: form.unit ?? null,
    isAdditive: form.isAdditive,
    position: form.position ?? 0,
  };
}

export function standardFormText(row: {
  code: string;
  title: string;
  titleZh: string | null;
  titleDe: string | null;
  definition: string | null;
  unit: string | null;
  isAdditive: boolean;
  position: number;
  sourceUrl: string | null;
}): Text {
  return {
    code: row.code,
    title: row.title,
    titleZh: str(row.titleZh),
    titleDe: str(row.titleDe),
    definition: str(row.definition),
    unit: str(row.unit),
    isAdditive: row.isAdditive ? 'on' : '',
    sourceUrl: str(row.sourceUrl),
    position: str(row.position),
  };
}
