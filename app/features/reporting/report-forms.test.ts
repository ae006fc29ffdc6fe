import { parseWithZod } from '@conform-to/zod/v4';
import { expect, test } from 'vitest';

import { toReportContent } from './report-form-values';
import { reportFormSchema, reviewFormSchema } from './report-forms';

const schema = reportFormSchema({
  today: '2026-11-29',
  projectStartsOn: '2020-01-01',
  organisationSlugs: ['giz'],
  milestoneIds: [5, 6],
  indicators: [
    { id: 7, measure: 'unit', disaggregation: 'sex' },
    { id: 8, measure: 'unit', disaggregation: null },
    { id: 9, measure: 'qualitative', disaggregation: null },
  ],
});
const indicators = [
  { id: 7, version: 2, measure: 'unit' as const, disaggregation: 'sex' as const },
  { id: 8, version: 1, measure: 'unit' as const, disaggregation: null },
  { id: 9, version: 4, measure: 'qualitative' as const, disaggregation: null },
];

function formData(fields: Record<string, string>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return form;
}

const parse = (fields: Record<string, string>) => parseWithZod(formData(fields), { schema });
const parseReview = (fields: Record<string, string>) =>
  parseWithZod(formData(fields), { schema: reviewFormSchema });
/** The errors by field name (undefined when the form passed). */
const errorsOf = (result: { status?: string; error?: unknown }) =>
  result.status === 'error' ? result.error : undefined;

const base = { intent: 'save-draft', version: '3', language: 'zh' };

test('milestones left at "no change" and an empty new milestone add nothing and pass', () => {
  const result = parse({
    ...base,
    'updates[0].milestoneId': '5',
    'updates[1].milestoneId': '6',
    'newMilestones[0].title': '',
    'newMilestones[0].kind': '',
  });
  expect(result.status).toBe('success');
  if (result.status === 'success') {
    expect(result.value.updates?.map((u) => u.status)).toEqual([undefined, undefined]);
    expect(result.value.newMilestones).toEqual([undefined]);
  }
});

test('a milestone update follows the progress form’s rules, field by field', () => {
  const result = parse({
    ...base,
    'updates[0].milestoneId': '5',
    'updates[0].status': 'achieved',
    'updates[0].progress': '100',
    'updates[1].milestoneId': '6',
    'updates[1].status': 'delayed',
    'updates[1].progress': '150',
    'updates[1].revisedDate': '2019',
  });
  expect(result.status).toBe('error');
  expect(errorsOf(result)).toEqual({
    'updates[0].actualDate': ['form.error.achievedNeedsActual'],
    'updates[1].progress': ['form.error.progressRange'],
    'updates[1].revisedDate': ['form.error.revisedBeforeStart'],
  });
});

test('a milestone given a comment but no status, or one the project does not have, is refused', () => {
  const result = parse({
    ...base,
    'updates[0].milestoneId': '5',
    'updates[0].comment': 'Going well',
    'updates[1].milestoneId': '99',
  });
  expect(errorsOf(result)).toEqual({
    'updates[0].status': ['report.error.chooseStatus'],
    'updates[1].milestoneId': ['form.error.invalid'],
  });
});

test('a new milestone follows the "add a milestone" rules', () => {
  const result = parse({
    ...base,
    'newMilestones[0].title': 'Follow-up workshop',
    'newMilestones[0].plannedDate': '2027-13',
    'newMilestones[0].responsibleOrganisation': 'nobody',
  });
  expect(errorsOf(result)).toEqual({
    'newMilestones[0].kind': ['form.error.choose'],
    'newMilestones[0].plannedDate': ['form.error.partialDate'],
    'newMilestones[0].responsibleOrganisation': ['form.error.unknownOrganisation'],
  });
});

test('submitting needs achievements, challenges and next steps in the original language; a draft does not', () => {
  const texts = { 'texts.en.achievements': 'Done', 'texts.en.challenges': 'None' };
  expect(parse({ ...base, ...texts }).status).toBe('success');
  expect(errorsOf(parse({ ...base, ...texts, intent: 'submit' }))).toEqual({
    'texts.zh.achievements': ['report.error.requiredToSubmit'],
    'texts.zh.challenges': ['report.error.requiredToSubmit'],
    'texts.zh.nextSteps': ['report.error.requiredToSubmit'],
  });
  const long = 'x'.repeat(5001);
  expect(errorsOf(parse({ ...base, 'texts.de.supportNeeded': long }))).toEqual({
    'texts.de.supportNeeded': ['form.error.tooLong'],
  });
});

test('returning a report needs a comment; approving does not', () => {
  expect(errorsOf(parseReview({ intent: 'return', version: '2' }))).toEqual({
    'comments.general': ['report.error.commentToReturn'],
  });
  expect(
    parseReview({ intent: 'return', version: '2', 'comments.challenges': 'More detail' }).status,
  ).toBe('success');
  expect(parseReview({ intent: 'approve', version: '2' }).status).toBe('success');
  expect(errorsOf(parseReview({ intent: 'submit', version: '2' }))).toEqual({
    intent: ['form.error.invalid'],
  });
});

test('indicators left empty are "no value this period" and store nothing', () => {
  const result = parse({
    ...base,
    'indicators[0].indicatorId': '7',
    'indicators[1].indicatorId': '8',
    'indicators[2].indicatorId': '9',
  });
  expect(result.status).toBe('success');
  if (result.status !== 'success') return;
  expect(toReportContent(result.value, [], [], indicators).indicatorUpdates).toEqual([]);
});

test('a split indicator’s empty total is the sum by sex; a given total must match it', () => {
  const derived = parse({
    ...base,
    'indicators[0].indicatorId': '7',
    'indicators[0].dimensions.female': '70',
    'indicators[0].dimensions.male': '50.5',
    'indicators[1].indicatorId': '8',
    'indicators[1].value': '12.25',
    'indicators[1].evidenceUrl': 'https://example.org/report.pdf',
    'indicators[2].indicatorId': '9',
    'indicators[2].comment': 'Guideline adopted',
  });
  expect(derived.status).toBe('success');
  if (derived.status !== 'success') return;
  expect(toReportContent(derived.value, [], [], indicators).indicatorUpdates).toEqual([
    {
      indicatorId: 7,
      indicatorVersion: 2,
      actualValue: 120.5,
      actualDimensions: { female: 70, male: 50.5 },
      comment: null,
      evidenceUrl: null,
    },
    {
      indicatorId: 8,
      indicatorVersion: 1,
      actualValue: 12.25,
      actualDimensions: null,
      comment: null,
      evidenceUrl: 'https://example.org/report.pdf',
    },
    {
      indicatorId: 9,
      indicatorVersion: 4,
      actualValue: null,
      actualDimensions: null,
      comment: 'Guideline adopted',
      evidenceUrl: null,
    },
  ]);
  const all = {
    'indicators[0].indicatorId': '7',
    'indicators[0].dimensions.female': '0.1',
    'indicators[0].dimensions.male': '0.2',
    'indicators[0].dimensions.other': '0',
  };
  expect(parse({ ...base, ...all, 'indicators[0].value': '0.3' }).status).toBe('success');
  expect(errorsOf(parse({ ...base, ...all, 'indicators[0].value': '1' }))).toEqual({
    'indicators[0].value': ['indicatorReporting.error.totalNotSum'],
  });
  // With a dimension missing, the total may be larger (the rest is unknown), never smaller.
  const some = {
    'indicators[0].indicatorId': '7',
    'indicators[0].dimensions.female': '40',
    'indicators[0].dimensions.male': '30',
  };
  expect(parse({ ...base, ...some, 'indicators[0].value': '100' }).status).toBe('success');
  expect(errorsOf(parse({ ...base, ...some, 'indicators[0].value': '60' }))).toEqual({
    'indicators[0].value': ['indicatorReporting.error.totalBelowSum'],
  });
});

test('an actual must be a number, by sex not negative, qualitative ones a comment, and the project’s own', () => {
  const result = parse({
    ...base,
    'indicators[0].indicatorId': '7',
    'indicators[0].dimensions.female': '-3',
    'indicators[1].indicatorId': '8',
    'indicators[1].value': '12,5',
    'indicators[1].evidenceUrl': 'javascript:alert(1)',
    'indicators[2].indicatorId': '9',
    'indicators[2].value': '3',
    'indicators[3].indicatorId': '99',
  });
  expect(errorsOf(result)).toEqual({
    'indicators[0].dimensions.female': ['indicatorReporting.error.dimension'],
    'indicators[1].value': ['indicatorReporting.error.number'],
    'indicators[1].evidenceUrl': ['form.error.url'],
    'indicators[2].value': ['indicatorReporting.error.qualitative'],
    'indicators[3].indicatorId': ['form.error.invalid'],
  });
  expect(
    errorsOf(parse({ ...base, 'indicators[0].indicatorId': '8', 'indicators[0].value': '1e16' })),
  ).toEqual({ 'indicators[0].value': ['indicatorReporting.error.number'] });
});

test('a reviewer may comment on the indicators', () => {
  const result = parseReview({ intent: 'return', version: '2', 'comments.indicators': 'Sources?' });
  expect(result.status).toBe('success');
});
