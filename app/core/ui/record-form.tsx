import type { DefaultValue, FormMetadata, SubmissionResult } from '@conform-to/react';
import type { ReactNode } from 'react';
import type { z } from 'zod';

import type { Conflict } from '../forms/conflict';
import { EntryForm, useEntryForm } from './entry-form';
import { TextField } from './form-field';
import { useTranslation } from '../i18n/hooks';

/** What a record's new and edit pages give its form; the two pages differ only in these. */
export interface RecordFormProps<Values = Record<string, string>> {
  /** The new page's schema (a free slug) or the edit page's (a version); the fields are the same. */
  schema: z.ZodType;
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue: Values;
  conflict: Conflict | null;
  version: number | null;
  isNew: boolean;
  cancelTo: string;
}

/** Every record form has these fields: the URL name (new only) and the change's source. */
interface RecordShape {
  slug: string;
  changeSource: string;
}

type Fields<Shape extends Record<string, unknown>> = ReturnType<
  FormMetadata<Shape, string[]>['getFieldset']
>;

/**
 * The form of a record (a project, an organisation, an event), on its new and its edit page: the
 * URL name when the record is new, its own fields (`children`, given the form's fields), the source
 * of the change, save and cancel, and after a 409 both versions above it.
 */
export function RecordForm<Shape extends RecordShape & Record<string, unknown>>({
  schema,
  lastResult,
  defaultValue,
  conflict,
  version,
  isNew,
  cancelTo,
  labels,
  createLabel,
  slugHint,
  children,
}: RecordFormProps<Record<string, string | string[]>> & {
  /** Field labels, also those of the 409 table. */
  labels: Record<keyof Shape, string> & RecordShape;
  /** The submit button's words on the new page (the edit page saves). */
  createLabel: string;
  slugHint: string;
  children: (fields: Fields<Shape>) => ReactNode;
}) {
  const { t } = useTranslation();
  // The schema differs between new and edit; the fields are the same.
  const [form, fields] = useEntryForm(schema as z.ZodType<Shape, Shape>, {
    lastResult,
    defaultValue: defaultValue as DefaultValue<Shape>,
  });
  return (
    <EntryForm
      form={form}
      submitLabel={isNew ? createLabel : t('edit.save')}
      cancelTo={cancelTo}
      version={version}
      conflict={conflict}
      conflictLabels={labels}
      changeSource={fields.changeSource}
    >
      {isNew ? <TextField field={fields.slug} label={labels.slug} hint={slugHint} /> : null}
      {children(fields)}
    </EntryForm>
  );
}
