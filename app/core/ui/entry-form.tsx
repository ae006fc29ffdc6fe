import {
  type DefaultValue,
  type FieldMetadata,
  type FormMetadata,
  type SubmissionResult,
  getFormProps,
  useForm,
} from '@conform-to/react';
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4';
import type { ReactNode } from 'react';
import { Form } from 'react-router';
import type { z } from 'zod';

import type { Conflict } from '../forms/conflict';
import { ConflictNotice } from './conflict-table';
import { CsrfInput } from './csrf-input';
import { FieldErrors, TextField } from './form-field';
import { useTranslation } from '../i18n/hooks';
import { AppLink } from './app-link';

/**
 * The frame every POST form of the hub shares: the CSRF field, the version it was opened on (a
 * stale one is refused with 409, and then both versions are shown above the form), the intent
 * when a page has several forms, the form-level errors, the fields, and send/cancel.
 */
export function EntryForm({
  form,
  children,
  submitLabel,
  cancelTo,
  version,
  conflict,
  conflictLabels = {},
  conflictMessage,
  intent,
  legend,
  danger = false,
  changeSource,
  encType,
  action,
}: {
  // Any form's metadata: conform's FormMetadata is invariant in its field shape (its context
  // takes and gives it), so no shape but `any` accepts every form; only id, errors and the form
  // props are read here.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  form: FormMetadata<any, string[]>;
  children: ReactNode;
  submitLabel: string;
  cancelTo?: string;
  /** The record's version; after a 409, the saved one, so sending again overwrites on purpose. */
  version?: number | null;
  conflict?: Conflict | null;
  conflictLabels?: Record<string, string>;
  conflictMessage?: string;
  intent?: string;
  legend?: string;
  danger?: boolean;
  /** The optional "source of this change" URL field of edit forms (kept in the audit log). */
  changeSource?: FieldMetadata<unknown>;
  /** 'multipart/form-data' for a form that uploads a file. */
  encType?: 'multipart/form-data';
  /** Where the form posts, when not to the page's own path (e.g. with its query string). */
  action?: string;
}) {
  const { t } = useTranslation();
  const body = (
    <>
      <CsrfInput />
      {version === undefined || version === null ? null : (
        <input type="hidden" name="version" value={conflict?.version ?? version} />
      )}
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      {conflict ? null : <FieldErrors id={form.errorId} errors={form.errors} />}
      {children}
      {changeSource ? (
        <TextField
          field={changeSource}
          label={t('edit.changeSource')}
          hint={t('edit.changeSourceHint')}
          type="url"
        />
      ) : null}
      <p>
        <button type="submit" className={danger ? 'button--danger' : undefined}>
          {submitLabel}
        </button>
        {cancelTo ? (
          <>
            {' '}
            <AppLink to={cancelTo}>{t('form.cancel')}</AppLink>
          </>
        ) : null}
      </p>
    </>
  );
  return (
    <>
      {conflict ? (
        <ConflictNotice conflict={conflict} labels={conflictLabels} message={conflictMessage} />
      ) : null}
      <Form
        method="post"
        className="entry-form"
        encType={encType}
        action={action}
        {...getFormProps(form)}
      >
        {legend ? (
          <fieldset>
            <legend>{legend}</legend>
            {body}
          </fieldset>
        ) : (
          body
        )}
      </Form>
    </>
  );
}

/**
 * conform's useForm with the hub's settings: the zod schema's constraints on the inputs, checked
 * on leaving a field and re-checked as one types, by the same schema the action decides with.
 */
export function useEntryForm<
  Schema extends z.ZodType<Record<string, unknown>, Record<string, unknown>>,
>(
  schema: Schema,
  options: {
    id?: string;
    lastResult?: SubmissionResult<string[]> | null;
    defaultValue?: DefaultValue<z.input<Schema>>;
  },
) {
  return useForm<z.input<Schema>, z.output<Schema>>({
    ...options,
    constraint: getZodConstraint(schema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
}
