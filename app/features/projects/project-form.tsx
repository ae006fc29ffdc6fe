import { type FieldMetadata, getTextareaProps } from '@conform-to/react';

import { RecordForm, type RecordFormProps } from '../../core/ui/record-form';
import { FormField, PartialDateField, SelectField, TextField } from '../../core/ui/form-field';
import { PROJECT_STATUSES, PROJECT_TYPES } from '../../../db/vocabulary';
import { useTranslation } from '../../core/i18n/hooks';

// The project form, shared by new and edit (not a route).

/** Field labels, also used by the 409 table. */
export function useProjectFieldLabels() {
  const { t } = useTranslation();
  const labels = {
    slug: t('projectForm.slug'),
    title: t('projectForm.title'),
    titleZh: t('projectForm.titleZh'),
    titleDe: t('projectForm.titleDe'),
    shortName: t('project.shortName'),
    summary: t('projectForm.summary'),
    summaryZh: t('projectForm.summaryZh'),
    summaryDe: t('projectForm.summaryDe'),
    type: t('project.type'),
    statusStated: t('projectForm.statusStated'),
    statusSource: t('projectForm.statusSource'),
    startDate: t('project.start'),
    endDate: t('project.end'),
    durationNotes: t('project.datesNote'),
    ikiFundingEur: t('projectForm.funding'),
    fundingNotes: t('projectForm.fundingNotes'),
    programme: t('projectForm.programme'),
    changeSource: t('edit.changeSource'),
  };
  return labels;
}

type ProjectFormShape = Record<keyof ReturnType<typeof useProjectFieldLabels>, string>;

function Area({
  field,
  label,
  lang,
}: {
  field: FieldMetadata<unknown>;
  label: string;
  lang?: string;
}) {
  return (
    <FormField field={field} label={label}>
      <textarea {...getTextareaProps(field)} rows={4} lang={lang} />
    </FormField>
  );
}

export function ProjectForm(form: RecordFormProps) {
  const { t } = useTranslation();
  const labels = useProjectFieldLabels();
  return (
    <RecordForm<ProjectFormShape>
      {...form}
      labels={labels}
      createLabel={t('projectForm.create')}
      slugHint={t('projectForm.slugHint')}
    >
      {(fields) => (
        <>
          <fieldset>
            <legend>{t('projectForm.titles')}</legend>
            <TextField field={fields.title} label={labels.title} lang="en" />
            <TextField field={fields.titleZh} label={labels.titleZh} lang="zh-Hans" />
            <TextField field={fields.titleDe} label={labels.titleDe} lang="de" />
            <TextField field={fields.shortName} label={labels.shortName} />
          </fieldset>
          <fieldset>
            <legend>{t('projectForm.summaries')}</legend>
            <Area field={fields.summary} label={labels.summary} lang="en" />
            <Area field={fields.summaryZh} label={labels.summaryZh} lang="zh-Hans" />
            <Area field={fields.summaryDe} label={labels.summaryDe} lang="de" />
          </fieldset>
          <fieldset>
            <legend>{t('projectForm.facts')}</legend>
            <SelectField
              field={fields.type}
              label={labels.type}
              options={PROJECT_TYPES.map((type) => ({ value: type, label: t(`type.${type}`) }))}
            />
            <SelectField
              field={fields.statusStated}
              label={labels.statusStated}
              prompt={t('projectForm.statusFromDates')}
              options={PROJECT_STATUSES.map((status) => ({
                value: status,
                label: t(`status.${status}`),
              }))}
            />
            <TextField
              field={fields.statusSource}
              label={labels.statusSource}
              hint={t('projectForm.statusSourceHint')}
            />
            <PartialDateField
              field={fields.startDate}
              label={labels.startDate}
              hint={t('projectForm.dateHint')}
            />
            <PartialDateField
              field={fields.endDate}
              label={labels.endDate}
              hint={t('projectForm.dateHint')}
            />
            <Area field={fields.durationNotes} label={labels.durationNotes} />
            <TextField
              field={fields.ikiFundingEur}
              label={labels.ikiFundingEur}
              hint={t('projectForm.fundingHint')}
              type="number"
              step="any"
            />
            <Area field={fields.fundingNotes} label={labels.fundingNotes} />
            <TextField field={fields.programme} label={labels.programme} />
          </fieldset>
        </>
      )}
    </RecordForm>
  );
}
