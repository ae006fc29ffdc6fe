import { parseWithZod } from '@conform-to/zod/v4';
import { expect, test } from 'vitest';

import { eventColumns, eventEditSchema, eventFormValues, eventNewSchema } from './event-forms';

// The forms are parsed exactly as the actions parse them: FormData through conform.
function form(fields: Record<string, string | string[]>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    for (const value of [v].flat()) data.append(k, value);
  }
  return data;
}

const context = {
  types: ['workshop', 'conference'],
  provinceCodes: ['CN-BJ', 'CN-JS'],
  projectSlugs: ['ets', 'ndc', 'sgep'],
};
const editSchema = eventEditSchema(context);
const parseEdit = (fields: Record<string, string | string[]>) =>
  parseWithZod(form({ version: '2', title: 'Workshop', type: 'workshop', ...fields }), {
    schema: editSchema,
  });
const errorsOf = (submission: { status?: string; error?: unknown }) =>
  submission.status === 'error' ? submission.error : null;

test('an end before the start is refused next to the end, comparing whole periods', () => {
  expect(errorsOf(parseEdit({ startDate: '2024-08-28', endDate: '2024-08-27' }))).toEqual({
    endDate: ['form.error.endBeforeStart'],
  });
  expect(errorsOf(parseEdit({ startDate: '2024-08', endDate: '2023' }))).toEqual({
    endDate: ['form.error.endBeforeStart'],
  });
  // "2024" ends on 31 December: an end in 2024 does not lie before it.
  expect(parseEdit({ startDate: '2024', endDate: '2024-03-01' }).status).toBe('success');
});

test('a slug that is badly written or taken is refused on a new event', () => {
  const schema = eventNewSchema({ ...context, takenSlugs: ['workshop-2024'] });
  const parseNew = (slug: string) =>
    parseWithZod(form({ slug, title: 'Workshop', type: 'workshop' }), { schema });
  for (const bad of ['Workshop 2024', 'workshop--2024', '-workshop', 'wörkshop']) {
    expect(errorsOf(parseNew(bad)), bad).toEqual({ slug: ['form.error.slug'] });
  }
  expect(errorsOf(parseNew('workshop-2024'))).toEqual({ slug: ['form.error.slugTaken'] });
  expect(parseNew('workshop-2025').status).toBe('success');
});

test('a type, province or project that is not on offer is refused', () => {
  expect(errorsOf(parseEdit({ type: 'party' }))).toEqual({ type: ['form.error.choose'] });
  expect(errorsOf(parseEdit({ type: '' }))).toEqual({ type: ['form.error.choose'] });
  expect(errorsOf(parseEdit({ provinceCode: 'CN-XX' }))).toEqual({
    provinceCode: ['form.error.choose'],
  });
  expect(errorsOf(parseEdit({ projects: ['ets', 'unknown'] }))).toEqual({
    'projects[1]': ['form.error.choose'],
  });
});

test('ticked projects, organisers by line and the checkbox become the stored columns', () => {
  const submission = parseEdit({
    projects: ['sgep', 'ets', 'sgep'],
    organisers: '  GIZ \r\n\r\nNCSC\n',
    isDateVerified: 'on',
    startDate: '2024-08',
  });
  expect(submission.status).toBe('success');
  if (submission.status !== 'success') return;
  expect(submission.value.projects).toEqual(['ets', 'sgep']);
  expect(eventColumns(submission.value)).toMatchObject({
    organisers: ['GIZ', 'NCSC'],
    isDateVerified: true,
    startDate: '2024-08',
    startPrecision: 'month',
    endDate: null,
    city: null,
  });
  // Nothing ticked or written: no projects, no organisers, not verified.
  const bare = parseEdit({});
  expect(bare.status === 'success' && bare.value.projects).toEqual([]);
  expect(bare.status === 'success' && eventColumns(bare.value)).toMatchObject({
    organisers: null,
    isDateVerified: false,
  });
});

test('the form opens with what it saves: values survive a round trip', () => {
  const submission = parseEdit({
    projects: ['ndc'],
    organisers: 'GIZ\nNCSC',
    isDateVerified: 'on',
    startDate: '2024-08-28',
    endDate: '2024-08-29',
    city: 'Beijing',
    provinceCode: 'CN-BJ',
  });
  if (submission.status !== 'success') throw new Error('expected success');
  const values = { ...eventColumns(submission.value), projects: submission.value.projects };
  const reopened = parseEdit(eventFormValues(values));
  expect(reopened.status === 'success' && reopened.value).toEqual(submission.value);
});

test('the title’s translations are saved as the hub team’s, and none is saved as none', () => {
  const submission = parseEdit({ titleZh: ' 对接研讨会 ', titleDe: 'Schnittstellen-Workshop' });
  if (submission.status !== 'success') throw new Error('expected success');
  expect(eventColumns(submission.value)).toMatchObject({
    titleZh: '对接研讨会',
    titleDe: 'Schnittstellen-Workshop',
    titleTranslatedBy: 'hub',
  });
  const reopened = parseEdit(eventFormValues({ ...eventColumns(submission.value), projects: [] }));
  expect(reopened.status === 'success' && reopened.value).toEqual(submission.value);
  const bare = parseEdit({ titleZh: '', titleDe: '' });
  expect(bare.status === 'success' && eventColumns(bare.value)).toMatchObject({
    titleZh: null,
    titleDe: null,
    titleTranslatedBy: null,
  });
});

test('a field sent twice or a checkbox with text gets a message of ours, never zod’s English', () => {
  expect(
    errorsOf(parseEdit({ city: ['Beijing', 'Nanjing'], startDate: ['2024', '2025'] })),
  ).toEqual({ city: ['form.error.invalid'], startDate: ['form.error.invalid'] });
  expect(errorsOf(parseEdit({ isDateVerified: 'yes please' }))).toEqual({
    isDateVerified: ['form.error.invalid'],
  });
});
