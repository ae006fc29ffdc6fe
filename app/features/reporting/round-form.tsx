import { type FieldMetadata, getInputProps } from '@conform-to/react';

import type { DatePrecision } from '../../../db/vocabulary';
import { useFormat, useTranslation } from '../../core/i18n/hooks';
import { FormField, SelectField, TextField } from '../../core/ui/form-field';

// The round form's fields, shared by the new and the edit page (not a route).

/** Field labels, also those of the 409 table. */
export function useRoundFieldLabels() {
  const { t } = useTranslation();
  return {
    title: t('reporting.form.title'),
    titleZh: t('reporting.form.titleZh'),
    titleDe: t('reporting.form.titleDe'),
    periodStart: t('reporting.form.periodStart'),
    periodEnd: t('reporting.form.periodEnd'),
    dueOn: t('reporting.form.dueOn'),
    event: t('reporting.form.event'),
  };
}

function DateField({ field, label }: { field: FieldMetadata<unknown>; label: string }) {
  return (
    <FormField field={field} label={label}>
      <input {...getInputProps(field, { type: 'date' })} />
    </FormField>
  );
}

type RoundFields = Record<keyof ReturnType<typeof useRoundFieldLabels>, FieldMetadata<unknown>>;

export function RoundFields({
  fields,
  events,
}: {
  fields: RoundFields;
  events: {
    slug: string;
    title: string;
    startDate: string | null;
    startPrecision: DatePrecision | null;
  }[];
}) {
  const { t } = useTranslation();
  const labels = useRoundFieldLabels();
  const format = useFormat();
  return (
    <>
      <TextField field={fields.title} label={labels.title} lang="en" />
      <TextField
        field={fields.titleZh}
        label={labels.titleZh}
        hint={t('reporting.form.translationsHint')}
        lang="zh-Hans"
      />
      <TextField field={fields.titleDe} label={labels.titleDe} lang="de" />
      <DateField field={fields.periodStart} label={labels.periodStart} />
      <DateField field={fields.periodEnd} label={labels.periodEnd} />
      <DateField field={fields.dueOn} label={labels.dueOn} />
      <SelectField
        field={fields.event}
        label={labels.event}
        prompt={t('reporting.form.noEvent')}
        options={events.map((e) => ({
          value: e.slug,
          label: e.startDate
            ? `${e.title} (${format.date(e.startDate, e.startPrecision)})`
            : e.title,
          lang: 'en',
        }))}
      />
    </>
  );
}
