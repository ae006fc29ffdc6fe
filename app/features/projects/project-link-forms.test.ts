import { parseWithZod } from '@conform-to/zod/v4';
import { expect, test } from 'vitest';

import {
  addLocationSchema,
  addOrganisationSchema,
  duplicateField,
  projectLinkSchema,
} from './project-link-forms';

// Parsed exactly as the action parses them: FormData through conform.
function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
}

const keys = {
  organisations: ['giz', 'icct'],
  topics: ['gender'],
  places: ['beijing', 'hefei'],
  provinces: ['CN-AH', 'CN-BJ'],
  countries: ['CN'],
};
const parse = (fields: Record<string, string>) =>
  parseWithZod(form(fields), { schema: projectLinkSchema(keys) });
const errorsOf = (submission: ReturnType<typeof parse>) =>
  submission.status === 'error' ? submission.error : null;

test('an organisation must be one of the list and a role must be chosen', () => {
  expect(errorsOf(parse({ intent: 'add-organisation', organisation: 'nobody' }))).toEqual({
    organisation: ['form.error.unknownOrganisation'],
    role: ['form.error.choose'],
  });
  expect(errorsOf(parse({ intent: 'add-organisation', role: 'mentioned' }))).toEqual({
    organisation: ['form.error.unknownOrganisation'],
  });
  const ok = parse({
    intent: 'add-organisation',
    organisation: 'giz',
    role: 'implementing-organisation',
    nameAsWritten: '  GIZ GmbH ',
  });
  expect(ok.status === 'success' && ok.value).toEqual({
    intent: 'add-organisation',
    organisation: 'giz',
    role: 'implementing-organisation',
    nameAsWritten: 'GIZ GmbH',
  });
});

test('a location needs the place, province or country its kind names, and only that one', () => {
  expect(errorsOf(parse({ intent: 'add-location', kind: 'province', place: 'beijing' }))).toEqual({
    province: ['linksForm.error.province'],
  });
  expect(errorsOf(parse({ intent: 'add-location', kind: 'place', country: 'CN' }))).toEqual({
    place: ['linksForm.error.place'],
  });
  expect(errorsOf(parse({ intent: 'add-location', kind: 'place', place: 'atlantis' }))).toEqual({
    place: ['form.error.choose'],
  });
  expect(errorsOf(parse({ intent: 'add-location', place: 'beijing' }))).toEqual({
    kind: ['form.error.choose'],
  });
  const ok = parse({ intent: 'add-location', kind: 'country', country: 'CN', place: 'hefei' });
  expect(ok.status).toBe('success');
  expect(ok.status === 'success' && duplicateField(ok.value)).toBe('country');
});

test('removals name the link by hidden fields; a location id arrives as a number', () => {
  const removal = parse({ intent: 'remove-location', location: '42' });
  expect(removal.status === 'success' && removal.value).toEqual({
    intent: 'remove-location',
    location: 42,
  });
  expect(errorsOf(parse({ intent: 'remove-location', location: 'x' }))).toEqual({
    location: ['linksForm.error.removal'],
  });
  // An organisation not in the list is still a valid removal request: the action answers 404.
  expect(
    parse({ intent: 'remove-organisation', organisation: 'gone', role: 'mentioned' }).status,
  ).toBe('success');
  expect(parse({ intent: 'remove-topic', topic: 'gender' }).status).toBe('success');
});

test('a form without a known intent is refused', () => {
  expect(parse({ organisation: 'giz', role: 'mentioned' }).status).toBe('error');
  expect(parse({ intent: 'delete-project' }).status).toBe('error');
});

test('each add form alone validates the same way in the browser, with required selects', () => {
  const organisation = parseWithZod(form({ intent: 'add-organisation', organisation: 'icct' }), {
    schema: addOrganisationSchema(keys),
  });
  expect(organisation.status === 'error' && organisation.error).toEqual({
    role: ['form.error.choose'],
  });
  const location = parseWithZod(form({ intent: 'add-location', kind: 'place', place: 'hefei' }), {
    schema: addLocationSchema(keys),
  });
  expect(location.status).toBe('success');
});
