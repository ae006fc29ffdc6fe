import { parseWithZod } from '@conform-to/zod/v4';
import { expect, test } from 'vitest';

import { reportFormSchema, reviewFormSchema } from './report-forms';

const schema = reportFormSchema({
  today: '2026-11-29',
  projectStartsOn: '2020-01-01',
  organisationSlugs: ['giz'],
  milestoneIds: [5, 6],
});

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
