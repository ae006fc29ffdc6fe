import { parseWithZod } from '@conform-to/zod/v4';
import { expect, test } from 'vitest';

import { entryEditSchema, entryFormSchema, entryValuesOf, reviewSchema } from './knowledge-forms';

// The entry form's rules as the action applies them to what a browser sends.

const choices = {
  topics: [{ id: 1 }, { id: 2 }],
  projects: [{ id: 10 }],
  organisations: [{ id: 20 }],
  events: [{ id: 30 }],
  sessions: [{ id: 40 }],
};

const form = (fields: [string, string][]) => {
  const data = new FormData();
  for (const [k, v] of fields) data.append(k, v);
  return data;
};

const parse = (fields: [string, string][], schema = entryFormSchema(choices)) =>
  parseWithZod(form(fields), { schema });

/** The errors by field of a refused form (undefined when it was taken). */
const errorsOf = (submission: { status?: string; error?: unknown }) =>
  submission.status === 'error' ? submission.error : undefined;

const base: [string, string][] = [
  ['kind', 'lesson'],
  ['language', 'en'],
  ['titleEn', 'Village assemblies first'],
];

test('a title of 200 characters is taken, 201 refused with its own message', () => {
  expect(parse([...base.slice(0, 2), ['titleEn', 'a'.repeat(200)]]).status).toBe('success');
  const refused = parse([...base.slice(0, 2), ['titleEn', 'a'.repeat(201)]]);
  expect(refused.status).toBe('error');
  expect(errorsOf(refused)).toEqual({ titleEn: ['knowledge.error.titleTooLong'] });
});

test('each section takes 10,000 characters and refuses more, in every language', () => {
  expect(parse([...base, ['lessonsEn', 'x'.repeat(10_000)]]).status).toBe('success');
  const refused = parse([
    ...base,
    ['contextEn', 'x'.repeat(10_001)],
    ['titleDe', 'Titel'],
    ['barriersDe', 'x'.repeat(10_001)],
  ]);
  expect(errorsOf(refused)).toEqual({
    contextEn: ['knowledge.error.sectionTooLong'],
    barriersDe: ['knowledge.error.sectionTooLong'],
  });
  expect(errorsOf(parse([...base, ['summaryEn', 'x'.repeat(1001)]]))).toEqual({
    summaryEn: ['knowledge.error.summaryTooLong'],
  });
});

test('the original needs a title; a translation with any text needs one too; an empty one is none', () => {
  expect(
    errorsOf(
      parse([
        ['kind', 'lesson'],
        ['language', 'zh'],
        ['titleEn', 'Only English'],
      ]),
    ),
  ).toEqual({
    titleZh: ['knowledge.error.originalTitle'],
  });
  expect(errorsOf(parse([...base, ['contextZh', '背景']]))).toEqual({
    titleZh: ['knowledge.error.translationTitle'],
  });
  expect(errorsOf(parse([...base, ['translatedByDe', 'Anna']]))).toEqual({
    titleDe: ['knowledge.error.translationTitle'],
  });
  expect(parse([...base, ['titleZh', '   '], ['contextZh', '']]).status).toBe('success');
});

test('kind, language and links must be among the offered ones', () => {
  expect(
    errorsOf(
      parse([
        ['kind', 'opinion'],
        ['language', 'en'],
        ['titleEn', 'x'],
      ]),
    ),
  ).toEqual({
    kind: ['form.error.choose'],
  });
  expect(errorsOf(parse([...base, ['topics', '3']]))).toEqual({ topics: ['form.error.choose'] });
  expect(errorsOf(parse([...base, ['session', '41']]))).toEqual({ session: ['form.error.choose'] });
  expect(errorsOf(parse([...base, ['projects', 'x']]))).toBeDefined();
});

test('one ticked box or several are a list; the values become what the write takes', () => {
  const one = parse([...base, ['topics', '2'], ['session', '40']]);
  const many = parse([
    ['kind', 'challenge'],
    ['language', 'en'],
    ['titleEn', 'Keeping women on the boards'],
    ['topics', '1'],
    ['topics', '2'],
    ['events', '30'],
    ['isResolved', 'on'],
    ['titleZh', '先开村民大会'],
  ]);
  expect(one.status).toBe('success');
  expect(many.status).toBe('success');
  if (one.status !== 'success' || many.status !== 'success') return;
  expect(entryValuesOf(one.value, 'Wang Fang')).toMatchObject({
    kind: 'lesson',
    sessionId: 40,
    topicIds: [2],
    projectIds: [],
    texts: { en: { title: 'Village assemblies first', translatedBy: null } },
  });
  const values = entryValuesOf(many.value, 'hub');
  expect(values.topicIds).toEqual([1, 2]);
  expect(values.isResolved).toBe(true);
  // A translation without a translator's name is credited to the one given (the hub for editors).
  expect(values.texts.zh).toMatchObject({ title: '先开村民大会', translatedBy: 'hub' });
});

test('only a challenge is marked solved', () => {
  const lesson = parse([...base, ['isResolved', 'on']]);
  if (lesson.status !== 'success') throw new Error('refused');
  expect(entryValuesOf(lesson.value, 'x').isResolved).toBe(false);
});

test('an edit needs the version it was opened on', () => {
  expect(errorsOf(parse(base, entryEditSchema(choices)))).toEqual({
    version: ['form.error.stale'],
  });
  expect(parse([...base, ['version', '3']], entryEditSchema(choices)).status).toBe('success');
});

test('returning an entry needs a comment; publishing does not', () => {
  expect(
    parseWithZod(
      form([
        ['intent', 'publish'],
        ['version', '2'],
      ]),
      { schema: reviewSchema },
    ).status,
  ).toBe('success');
  const refused = parseWithZod(
    form([
      ['intent', 'return'],
      ['version', '2'],
      ['reviewComment', '  '],
    ]),
    { schema: reviewSchema },
  );
  expect(errorsOf(refused)).toEqual({ reviewComment: ['knowledge.error.commentRequired'] });
});
