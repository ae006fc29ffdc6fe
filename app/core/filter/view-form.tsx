import type { ReactNode } from 'react';
import { Form } from 'react-router';

import { type ProjectFilter, filterSearchParams } from './filter';
import { useTranslation } from '../i18n/hooks';

/**
 * A page's view settings (sort, grouping, zoom …) as a GET form that keeps the shared filter and
 * offers printing; works without JavaScript.
 */
export function ViewForm({
  action,
  filter,
  label,
  submit,
  hidden = {},
  children,
}: {
  action: string;
  filter: ProjectFilter;
  label: string;
  submit: string;
  /** View parameters the form carries without showing them. */
  hidden?: Record<string, string>;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const fields = [...filterSearchParams(filter).entries(), ...Object.entries(hidden)];
  return (
    <Form method="get" action={action} className="review-view" aria-label={label}>
      {fields.map(([name, value]) => (
        <input key={`${name}=${value}`} type="hidden" name={name} value={value} />
      ))}
      {children}
      <button type="submit">{submit}</button>{' '}
      <button type="button" className="print-button" onClick={() => window.print()}>
        {t('review.print')}
      </button>
    </Form>
  );
}

/** One labelled choice of a ViewForm. */
export function ViewSelect({
  label,
  name,
  value,
  options,
}: {
  label: string;
  name: string;
  value: string;
  options: { value: string; label: string }[];
}) {
  return (
    <>
      <label>
        {label}{' '}
        <select name={name} defaultValue={value}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </label>{' '}
    </>
  );
}
