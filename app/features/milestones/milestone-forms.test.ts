import { parseWithZod } from '@conform-to/zod/v4';
import { expect, test } from 'vitest';

import { milestoneFormSchema, progressUpdateSchema } from './milestone-forms';

// The forms are parsed exactly as the actions parse them: FormData through conform.
function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
}

const update = progressUpdateSchema({ today: '2026-06-15', projectStartsOn: '2024-03-01' });
const parseUpdate = (fields: Record<string, string>) =>
  parseWithZod(form({ version: '3', recordedBy: 'Li Wei, GIZ', ...fields }), { schema: update });
const errorsOf = (submission: ReturnType<typeof parseUpdate>) =>
  submission.status === 'error' ? submission.error : null;

test('progress outside 0–100 or not whole is refused next to the progress field', () => {
  for (const progress of ['-1', '101', '150', '12.5', 'ten']) {
    expect(errorsOf(parseUpdate({ status: 'in-progress', progress })), progress).toEqual({
      progress: ['form.error.progressRange'],
    });
  }
  for (const progress of ['0', '100', '42']) {
    expect(parseUpdate({ status: 'in-progress', progress }).status, progress).toBe('success');
  }
});

test('an actual date after today is refused, comparing the whole period it names', () => {
  const achieved = (actualDate: string) =>
    parseUpdate({ status: 'achieved', progress: '100', actualDate });
  expect(errorsOf(achieved('2026-06-16'))).toEqual({ actualDate: ['form.error.actualAfterToday'] });
  expect(errorsOf(achieved('2026-07'))).toEqual({ actualDate: ['form.error.actualAfterToday'] });
  // "2026-06" and "2026" have begun by 15 June 2026: they may be the actual date.
  expect(achieved('2026-06').status).toBe('success');
  expect(achieved('2026').status).toBe('success');
  expect(achieved('2026-06-15').status).toBe('success');
});

test('a revised date before the project start is refused; one in the start period is not', () => {
  const revised = (revisedDate: string) =>
    parseUpdate({ status: 'delayed', progress: '20', revisedDate });
  expect(errorsOf(revised('2024-02-29'))).toEqual({
    revisedDate: ['form.error.revisedBeforeStart'],
  });
  expect(errorsOf(revised('2023'))).toEqual({ revisedDate: ['form.error.revisedBeforeStart'] });
  expect(revised('2024').status).toBe('success');
  expect(revised('2024-03').status).toBe('success');
  const noStart = progressUpdateSchema({ today: '2026-06-15', projectStartsOn: null });
  expect(
    parseWithZod(
      form({
        version: '1',
        recordedBy: 'A',
        status: 'delayed',
        progress: '0',
        revisedDate: '2001',
      }),
      { schema: noStart },
    ).status,
  ).toBe('success');
});

test('"achieved" needs an actual date, and an actual date needs "achieved"', () => {
  expect(errorsOf(parseUpdate({ status: 'achieved', progress: '100' }))).toEqual({
    actualDate: ['form.error.achievedNeedsActual'],
  });
  expect(
    errorsOf(parseUpdate({ status: 'in-progress', progress: '50', actualDate: '2026-01' })),
  ).toEqual({ actualDate: ['form.error.actualOnlyAchieved'] });
});

test('impossible or malformed dates are refused, and the precision is what was written', () => {
  for (const revisedDate of ['2025-02-30', '2025-13', '25', '2025/06', 'soon']) {
    expect(
      errorsOf(parseUpdate({ status: 'delayed', progress: '0', revisedDate })),
      revisedDate,
    ).toEqual({ revisedDate: ['form.error.partialDate'] });
  }
  const ok = parseUpdate({ status: 'delayed', progress: '0', revisedDate: ' 2027-03 ' });
  expect(ok.status === 'success' && ok.value.revisedDate).toEqual({
    value: '2027-03',
    precision: 'month',
  });
});

test('a missing name, status or version is refused by field', () => {
  const submission = parseWithZod(form({ progress: '10' }), { schema: update });
  expect(errorsOf(submission)).toEqual({
    version: ['form.error.stale'],
    status: ['form.error.choose'],
    recordedBy: ['form.error.required'],
  });
});

test('a new milestone needs a title and a kind; dates, organisation and link are checked', () => {
  const schema = milestoneFormSchema({ organisationSlugs: ['giz', 'mee'] });
  const parse = (fields: Record<string, string>) =>
    parseWithZod(form({ recordedBy: 'Hub team', ...fields }), { schema });
  const errors = (fields: Record<string, string>) => {
    const submission = parse(fields);
    return submission.status === 'error' ? submission.error : null;
  };
  expect(errors({ title: '  ', kind: 'deliverable' })).toEqual({
    title: ['form.error.required'],
  });
  expect(errors({ title: 'Report', kind: 'start-ish' })).toEqual({
    kind: ['form.error.choose'],
  });
  expect(
    errors({
      title: 'Report',
      kind: 'deliverable',
      plannedDate: '2027-02-29',
      responsibleOrganisation: 'bmz',
      evidenceUrl: 'javascript:alert(1)',
    }),
  ).toEqual({
    plannedDate: ['form.error.partialDate'],
    responsibleOrganisation: ['form.error.unknownOrganisation'],
    evidenceUrl: ['form.error.url'],
  });
  const ok = parse({
    title: 'Mid-term review report',
    kind: 'mid-term-review',
    plannedDate: '2027',
    responsibleOrganisation: 'giz',
  });
  expect(ok.status).toBe('success');
  expect(ok.status === 'success' && ok.value.plannedDate).toEqual({
    value: '2027',
    precision: 'year',
  });
});
