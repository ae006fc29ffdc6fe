import { type FieldMetadata, getInputProps, getSelectProps } from '@conform-to/react';
import type { InputHTMLAttributes, ReactNode } from 'react';
import { useTranslation } from '../i18n/hooks';

/**
 * A labelled form control with its hint and its error right below, tied together with
 * aria-describedby (conform's ids), so a screen reader reads the error with the field.
 */
export function FormField({
  field,
  label,
  hint,
  children,
}: {
  field: FieldMetadata<unknown>;
  label: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <div className={field.errors?.length ? 'form-field form-field--invalid' : 'form-field'}>
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p className="form-field__hint" id={field.descriptionId}>
          {hint}
        </p>
      ) : null}
      {children}
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

/** Errors are translation keys (app/features/milestones/milestone-forms.ts); shown in the page's language. */
export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <p className="form-field__error" id={id} role="alert">
      {errors.map((key) => t(key as 'form.error.required')).join(' ')}
    </p>
  );
}

type InputExtras = Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'name' | 'id'>;

/** A labelled one-line input; its hint is read with it (aria-describedby). */
export function TextField({
  field,
  label,
  hint,
  type = 'text',
  ...extras
}: {
  field: FieldMetadata<unknown>;
  label: string;
  hint?: string;
  type?: 'text' | 'number' | 'url';
} & InputExtras) {
  return (
    <FormField field={field} label={label} hint={hint}>
      <input
        {...getInputProps(field, {
          type,
          ariaDescribedBy: hint ? field.descriptionId : undefined,
        })}
        {...extras}
      />
    </FormField>
  );
}

/** A date as precise as the person knows it: 2027, 2027-03 or 2027-03-15. */
export function PartialDateField(props: {
  field: FieldMetadata<unknown>;
  label: string;
  hint?: string;
}) {
  const { t } = useTranslation();
  return <TextField {...props} inputMode="numeric" placeholder={t('form.datePlaceholder')} />;
}

/**
 * A labelled choice among `options`; with a `prompt`, an empty first option that chooses nothing.
 * Its hint is read with it, as a text field's is.
 */
export function SelectField({
  field,
  label,
  hint,
  prompt,
  options,
  onChange,
}: {
  field: FieldMetadata<unknown>;
  label: string;
  hint?: string;
  prompt?: string;
  options: { value: string; label: ReactNode; lang?: string }[];
  /** With JavaScript: what choosing also does (choosing a place also chooses "place"). */
  onChange?: () => void;
}) {
  return (
    <FormField field={field} label={label} hint={hint}>
      <select
        {...getSelectProps(field, { ariaDescribedBy: hint ? field.descriptionId : undefined })}
        onChange={onChange}
      >
        {prompt === undefined ? null : <option value="">{prompt}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value} lang={option.lang}>
            {option.label}
          </option>
        ))}
      </select>
    </FormField>
  );
}
