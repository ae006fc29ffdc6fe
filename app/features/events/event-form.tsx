import {
  type FieldMetadata,
  getCollectionProps,
  getInputProps,
  getTextareaProps,
} from '@conform-to/react';

import { RecordForm, type RecordFormProps } from '../../core/ui/record-form';
import {
  FieldErrors,
  FormField,
  PartialDateField,
  SelectField,
  TextField,
} from '../../core/ui/form-field';
import { officialNameText } from '../../core/ui/official-name';
import { useEnglishOnly, useLang, useTranslation } from '../../core/i18n/hooks';
import type { EventFormOptions } from './event-forms';
import { useEventTypeLabel } from './event-type';

// The event form, shared by new and edit (not a route).

/** Field labels, also used by the 409 table. */
export function useEventFieldLabels() {
  const { t } = useTranslation();
  return {
    slug: t('eventForm.slug'),
    title: t('eventForm.title'),
    titleZh: t('eventForm.titleZh'),
    titleDe: t('eventForm.titleDe'),
    type: t('events.type'),
    startDate: t('eventForm.startDate'),
    endDate: t('eventForm.endDate'),
    dateText: t('eventForm.dateText'),
    isDateVerified: t('eventForm.isDateVerified'),
    city: t('eventForm.city'),
    provinceCode: t('eventForm.province'),
    format: t('events.format'),
    description: t('eventForm.description'),
    participants: t('events.participants'),
    organisers: t('events.organisers'),
    projects: t('events.projects'),
    changeSource: t('edit.changeSource'),
  };
}

type EventFormShape = Omit<
  Record<keyof ReturnType<typeof useEventFieldLabels>, string>,
  'projects'
> & {
  projects: string[];
};

function Area({
  field,
  label,
  hint,
}: {
  field: FieldMetadata<unknown>;
  label: string;
  hint?: string;
}) {
  const englishOnly = useEnglishOnly();
  return (
    <FormField field={field} label={label} hint={hint}>
      <textarea
        {...getTextareaProps(field, { ariaDescribedBy: hint ? field.descriptionId : undefined })}
        rows={4}
        lang={englishOnly}
      />
    </FormField>
  );
}

export function EventForm({
  options,
  ...form
}: RecordFormProps<Record<string, string | string[]>> & { options: EventFormOptions }) {
  const { t } = useTranslation();
  const lang = useLang();
  const labels = useEventFieldLabels();
  const typeLabel = useEventTypeLabel();
  const projectTitles = new Map(
    options.projects.map((p) => [
      p.slug,
      officialNameText(lang, { en: p.title, zh: p.titleZh, de: p.titleDe }),
    ]),
  );
  return (
    <RecordForm<EventFormShape>
      {...form}
      labels={labels}
      createLabel={t('eventForm.create')}
      slugHint={t('eventForm.slugHint')}
    >
      {(fields) => (
        <>
          <fieldset>
            <legend>{t('eventForm.what')}</legend>
            <TextField field={fields.title} label={labels.title} lang="en" />
            <TextField
              field={fields.titleZh}
              label={labels.titleZh}
              hint={t('eventForm.translationsHint')}
              lang="zh-Hans"
            />
            <TextField field={fields.titleDe} label={labels.titleDe} lang="de" />
            <SelectField
              field={fields.type}
              label={labels.type}
              prompt={t('form.choosePrompt')}
              options={options.types.map((type) => ({
                value: type,
                label: typeLabel(type),
              }))}
            />
            <TextField
              field={fields.format}
              label={labels.format}
              hint={t('eventForm.formatHint')}
              lang="en"
            />
          </fieldset>
          <fieldset>
            <legend>{t('eventForm.when')}</legend>
            <PartialDateField
              field={fields.startDate}
              label={labels.startDate}
              hint={t('eventForm.dateHint')}
            />
            <PartialDateField
              field={fields.endDate}
              label={labels.endDate}
              hint={t('eventForm.endDateHint')}
            />
            <TextField
              field={fields.dateText}
              label={labels.dateText}
              hint={t('eventForm.dateTextHint')}
              lang="en"
            />
            <div className="form-field form-field--check">
              <input {...getInputProps(fields.isDateVerified, { type: 'checkbox' })} />
              <label htmlFor={fields.isDateVerified.id}>{labels.isDateVerified}</label>
              <FieldErrors
                id={fields.isDateVerified.errorId}
                errors={fields.isDateVerified.errors}
              />
            </div>
          </fieldset>
          <fieldset>
            <legend>{t('eventForm.where')}</legend>
            <TextField field={fields.city} label={labels.city} />
            <SelectField
              field={fields.provinceCode}
              label={labels.provinceCode}
              prompt={t('eventForm.noProvince')}
              options={options.provinces.map((p) => ({
                value: p.code,
                label: lang === 'zh' ? p.nameZh : p.nameEn,
              }))}
            />
          </fieldset>
          <fieldset>
            <legend>{t('eventForm.about')}</legend>
            <Area field={fields.description} label={labels.description} />
            <Area field={fields.participants} label={labels.participants} />
            <Area
              field={fields.organisers}
              label={labels.organisers}
              hint={t('eventForm.organisersHint')}
            />
          </fieldset>
          <fieldset aria-describedby={fields.projects.descriptionId}>
            <legend>{labels.projects}</legend>
            <p className="form-field__hint" id={fields.projects.descriptionId}>
              {t('eventForm.projectsHint')}
            </p>
            {getCollectionProps(fields.projects, {
              type: 'checkbox',
              options: options.projects.map((p) => p.slug),
            }).map(({ key, ...props }) => (
              <div key={key} className="form-field form-field--check">
                <input {...props} />
                <label htmlFor={props.id}>{projectTitles.get(props.value)}</label>
              </div>
            ))}
            <FieldErrors
              id={fields.projects.errorId}
              errors={[...new Set(Object.values(fields.projects.allErrors).flat())]}
            />
          </fieldset>
        </>
      )}
    </RecordForm>
  );
}
