import { parseWithZod } from '@conform-to/zod/v4';
import { expect, test } from 'vitest';

import {
  organisationColumns,
  organisationEditSchema,
  organisationFormValues,
  organisationNewSchema,
} from './organisation-forms';

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
}

const context = {
  countryCodes: ['CN', 'DE'],
  organisationSlugs: ['bmub', 'bmu', 'bmuv', 'giz'],
};
// Editing BMU, which BMUB preceded.
const editSchema = organisationEditSchema({
  ...context,
  ownSlug: 'bmu',
  predecessorSlugs: ['bmub'],
});
const parseEdit = (fields: Record<string, string>) =>
  parseWithZod(
    form({ version: '1', name: 'Federal Ministry', kind: 'german-ministry', ...fields }),
    {
      schema: editSchema,
    },
  );
const errorsOf = (submission: { status?: string; error?: unknown }) =>
  submission.status === 'error' ? submission.error : null;

test('an organisation cannot be its own successor', () => {
  expect(errorsOf(parseEdit({ successor: 'bmu' }))).toEqual({
    successor: ['organisationForm.error.successorSelf'],
  });
  const newSchema = organisationNewSchema({ ...context, takenSlugs: context.organisationSlugs });
  const created = parseWithZod(
    form({ slug: 'ncsc', name: 'NCSC', kind: 'agency', successor: 'ncsc' }),
    { schema: newSchema },
  );
  expect(errorsOf(created)).toEqual({ successor: ['form.error.unknownOrganisation'] });
});

test('a successor it preceded, or one that does not exist, is refused', () => {
  expect(errorsOf(parseEdit({ successor: 'bmub' }))).toEqual({
    successor: ['organisationForm.error.successorLoop'],
  });
  expect(errorsOf(parseEdit({ successor: 'nowhere' }))).toEqual({
    successor: ['form.error.unknownOrganisation'],
  });
  expect(parseEdit({ successor: 'bmuv', successionYear: '2021' }).status).toBe('success');
});

test('a succession year is a whole year from 1949 to 2100, and only with a successor', () => {
  for (const year of ['1948', '2101', '2021.5', 'twenty']) {
    expect(errorsOf(parseEdit({ successor: 'bmuv', successionYear: year })), year).toEqual({
      successionYear: ['organisationForm.error.successionYear'],
    });
  }
  expect(errorsOf(parseEdit({ successionYear: '2021' }))).toEqual({
    successionYear: ['organisationForm.error.yearNeedsSuccessor'],
  });
});

test('a badly written slug, an unknown country or kind is refused on a new organisation', () => {
  const schema = organisationNewSchema({ ...context, takenSlugs: context.organisationSlugs });
  const parseNew = (fields: Record<string, string>) =>
    parseWithZod(form({ slug: 'ncsc', name: 'NCSC', kind: 'agency', ...fields }), { schema });
  expect(errorsOf(parseNew({ slug: 'NCSC China' }))).toEqual({ slug: ['form.error.slug'] });
  expect(errorsOf(parseNew({ countryCode: 'XX' }))).toEqual({
    countryCode: ['form.error.choose'],
  });
  expect(errorsOf(parseNew({ kind: 'club' }))).toEqual({ kind: ['form.error.choose'] });
  expect(parseNew({ countryCode: 'CN' }).status).toBe('success');
});

test('the form opens with what it saves: values survive a round trip', () => {
  const submission = parseEdit({
    acronym: 'BMU',
    nameZh: '德国联邦环境部',
    countryCode: 'DE',
    isInternational: 'on',
    successor: 'bmuv',
    successionYear: '2021',
  });
  if (submission.status !== 'success') throw new Error('expected success');
  expect(organisationColumns(submission.value)).toMatchObject({
    isInternational: true,
    successor: 'bmuv',
    successionYear: 2021,
    nameDe: null,
  });
  const reopened = parseEdit(organisationFormValues(organisationColumns(submission.value)));
  expect(reopened.status === 'success' && reopened.value).toEqual(submission.value);
});
