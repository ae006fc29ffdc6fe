import { parseWithZod } from '@conform-to/zod/v4';
import { expect, test } from 'vitest';

import {
  indicatorEditSchema,
  indicatorFormSchema,
  parseNumber,
  periodFormSchema,
  standardFormSchema,
} from './indicator-forms';
import { indicatorValuesOf, periodValuesOf } from './indicator-form-values';

// The forms are parsed exactly as the actions parse them: FormData through conform.
function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
}
const errorsOf = (submission: { status?: string; error?: unknown }) =>
  submission.status === 'error' ? submission.error : null;

const standards = [
  { id: 1, unit: 'tCO2e' },
  { id: 2, unit: null },
];
const indicator = indicatorFormSchema({ standards });
const parseIndicator = (fields: Record<string, string>) =>
  parseWithZod(
    form({
      title: 'People trained',
      measure: 'unit',
      unit: 'people',
      direction: 'ascending',
      ...fields,
    }),
    { schema: indicator },
  );

test('numbers take a point for decimals and commas only between groups of three', () => {
  expect(parseNumber('1,200.5')).toBe(1200.5);
  expect(parseNumber('1200.5')).toBe(1200.5);
  expect(parseNumber(' -3 ')).toBe(-3);
  expect(parseNumber('1,234,567')).toBe(1234567);
  expect(parseNumber('0.25')).toBe(0.25);
  for (const bad of [
    '1,5',
    '1.200,5',
    '12,34',
    'NaN',
    'Infinity',
    '-Infinity',
    '1e3',
    '1e309',
    '',
    '.5',
    '5.',
    'ten',
    '0x10',
    '2e15',
    '１２',
  ]) {
    expect(parseNumber(bad), bad).toBeNull();
  }
});

test('a quantitative indicator needs a unit, a qualitative one may have neither unit nor number', () => {
  expect(errorsOf(parseIndicator({ unit: '' }))).toEqual({
    unit: ['indicatorEditing.error.unitRequired'],
  });
  expect(errorsOf(parseIndicator({ measure: 'qualitative', baselineValue: '3' }))).toEqual({
    unit: ['indicatorEditing.error.unitOnlyQuantitative'],
    baselineValue: ['indicatorEditing.error.qualitativeNoNumber'],
  });
  const qualitative = parseIndicator({
    measure: 'qualitative',
    unit: '',
    baselineComment: 'No law yet',
  });
  expect(qualitative.status).toBe('success');
});

test('a baseline value that is not a number is refused next to it, in any spelling of NaN', () => {
  for (const baselineValue of ['NaN', 'Infinity', '1,5', 'abc']) {
    expect(errorsOf(parseIndicator({ baselineValue })), baselineValue).toEqual({
      baselineValue: ['indicatorEditing.error.number'],
    });
  }
  const ok = parseIndicator({
    baselineValue: '1,200.5',
    baselineYear: '2024',
    baselineDate: '2024-03-01',
  });
  expect(ok.status).toBe('success');
  if (ok.status === 'success') {
    expect(indicatorValuesOf(ok.value)).toMatchObject({
      baselineValue: 1200.5,
      baselineYear: 2024,
      baselineDate: '2024-03-01',
      isAscending: true,
      standardIndicatorId: null,
      position: 0,
    });
  }
  expect(errorsOf(parseIndicator({ baselineYear: '2024', baselineDate: '2023-12-31' }))).toEqual({
    baselineDate: ['indicatorEditing.error.baselineYearDate'],
  });
  expect(errorsOf(parseIndicator({ baselineDate: '2024-02-30' }))).toEqual({
    baselineDate: ['indicatorEditing.error.day'],
  });
});

test('a standard indicator with a unit takes only indicators in the same unit', () => {
  expect(errorsOf(parseIndicator({ standardIndicator: '1' }))).toEqual({
    standardIndicator: ['indicatorEditing.error.standardUnit'],
  });
  expect(parseIndicator({ standardIndicator: '1', unit: 'tCO2e' }).status).toBe('success');
  // A standard without a unit stated takes any.
  expect(parseIndicator({ standardIndicator: '2' }).status).toBe('success');
  expect(errorsOf(parseIndicator({ standardIndicator: '99' }))).toEqual({
    standardIndicator: ['form.error.choose'],
  });
});

test('the edit form needs the version it was opened on', () => {
  const edit = indicatorEditSchema({ standards });
  const sent = { title: 'X', measure: 'unit', unit: 'ha', direction: 'descending' };
  expect(errorsOf(parseWithZod(form(sent), { schema: edit }))).toEqual({
    version: ['form.error.stale'],
  });
  expect(parseWithZod(form({ ...sent, version: '2' }), { schema: edit }).status).toBe('success');
});

const period = (context: Partial<Parameters<typeof periodFormSchema>[0]> = {}) =>
  periodFormSchema({
    measure: 'unit',
    disaggregation: 'sex',
    takenPeriods: [{ start: '2024-01-01', end: '2024-12-31' }],
    editing: false,
    ...context,
  });
const parsePeriod = (
  fields: Record<string, string>,
  context: Partial<Parameters<typeof periodFormSchema>[0]> = {},
) =>
  parseWithZod(form({ periodStart: '2025', periodEnd: '2025', ...fields }), {
    schema: period(context),
  });

test('a period ends after it starts and is there once per indicator, comparing the days named', () => {
  expect(errorsOf(parsePeriod({ periodStart: '2025-06', periodEnd: '2025-05-31' }))).toEqual({
    periodEnd: ['form.error.endBeforeStart'],
  });
  // "2024" is 2024-01-01 … 2024-12-31: the period already there.
  expect(errorsOf(parsePeriod({ periodStart: '2024', periodEnd: '2024-12' }))).toEqual({
    periodStart: ['indicatorEditing.error.periodTaken'],
  });
  expect(errorsOf(parsePeriod({ periodStart: '2025-13' }))).toEqual({
    periodStart: ['form.error.partialDate'],
  });
  expect(parsePeriod({ periodStart: '2025-01', periodEnd: '2025-06' }).status).toBe('success');
});

test('dimension values are numbers, and only of the indicator’s disaggregation', () => {
  const ok = parsePeriod({
    targetValue: '100',
    'targetDimensions.female': '50',
    'targetDimensions.male': '50',
    actualValue: '1,040',
    'actualDimensions.female': '',
  });
  expect(ok.status).toBe('success');
  if (ok.status === 'success') {
    expect(periodValuesOf(ok.value)).toMatchObject({
      periodStart: '2025',
      periodStartPrecision: 'year',
      targetValue: 100,
      targetDimensions: { female: 50, male: 50 },
      actualValue: 1040,
      actualDimensions: null,
    });
  }
  expect(errorsOf(parsePeriod({ 'targetDimensions.female': 'many' }))).toEqual({
    'targetDimensions.female': ['indicatorEditing.error.number'],
  });
  expect(errorsOf(parsePeriod({ 'actualDimensions.children': '3' }))).toEqual({
    actualDimensions: ['indicatorEditing.error.dimensionNotAllowed'],
  });
  expect(
    errorsOf(parsePeriod({ 'actualDimensions.female': '3' }, { disaggregation: null })),
  ).toEqual({ actualDimensions: ['indicatorEditing.error.dimensionNotAllowed'] });
});

test('a qualitative indicator’s period takes comments, not numbers', () => {
  expect(
    errorsOf(parsePeriod({ targetValue: '1', actualValue: '2' }, { measure: 'qualitative' })),
  ).toEqual({
    targetValue: ['indicatorEditing.error.qualitativeNoNumber'],
    actualValue: ['indicatorEditing.error.qualitativeNoNumber'],
  });
  expect(
    parsePeriod(
      { targetComment: 'A provincial plan', actualComment: 'Drafted' },
      { measure: 'qualitative' },
    ).status,
  ).toBe('success');
});

test('a standard indicator’s code is used once, and its unit must fit the indicators linked', () => {
  const schema = standardFormSchema({ takenCodes: ['SI 1'], linkedUnits: ['ha'], editing: true });
  const parse = (fields: Record<string, string>) =>
    parseWithZod(form({ version: '1', code: 'SI 9', title: 'Area', ...fields }), { schema });
  expect(errorsOf(parse({ code: 'si 1' }))).toEqual({ code: ['indicatorEditing.error.codeTaken'] });
  expect(errorsOf(parse({ unit: 'tCO2e' }))).toEqual({
    unit: ['indicatorEditing.error.linkedUnits'],
  });
  const ok = parse({ unit: 'ha', isAdditive: 'on' });
  expect(ok.status).toBe('success');
  if (ok.status === 'success') expect(ok.value.isAdditive).toBe(true);
});
