import { type FieldMetadata, getSelectProps, getTextareaProps } from '@conform-to/react';

import { FormField, PartialDateField, SelectField, TextField } from '../../core/ui/form-field';
import { useLang, useTranslation } from '../../core/i18n/hooks';
import { ENTERED_MILESTONE_KINDS } from './milestone-forms';

// The fields of a milestone's plan, shared by "add a milestone" and "edit a milestone" (not a route).

type PlanField =
  'title' | 'titleZh' | 'kind' | 'plannedDate' | 'responsibleOrganisation' | 'evidenceUrl' | 'note';

export interface OrganisationChoice {
  slug: string;
  name: string;
  acronym: string | null;
  nameZh: string | null;
  isLinked: boolean;
}

export function MilestonePlanFields({
  fields,
  organisations,
}: {
  fields: Record<PlanField, FieldMetadata<unknown>>;
  organisations: OrganisationChoice[];
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const orgLabel = (o: OrganisationChoice) => {
    const name = (lang === 'zh' ? o.nameZh : null) ?? o.name;
    return o.acronym ? `${o.acronym} — ${name}` : name;
  };
  return (
    <>
      <TextField field={fields.title} label={t('milestoneForm.titleEn')} />
      <TextField
        field={fields.titleZh}
        label={t('milestoneForm.titleZh')}
        hint={t('milestoneForm.titleZhHint')}
        lang="zh-Hans"
      />
      <SelectField
        field={fields.kind}
        label={t('milestoneForm.kind')}
        prompt={t('form.choosePrompt')}
        options={ENTERED_MILESTONE_KINDS.map((kind) => ({
          value: kind,
          label: t(`milestone.kind.${kind}`),
        }))}
      />
      <PartialDateField
        field={fields.plannedDate}
        label={t('milestoneForm.plannedDate')}
        hint={t('milestoneForm.plannedHint')}
      />
      <FormField field={fields.responsibleOrganisation} label={t('milestoneForm.responsible')}>
        <select {...getSelectProps(fields.responsibleOrganisation)}>
          <option value="">{t('milestoneForm.noResponsible')}</option>
          <optgroup label={t('milestoneForm.projectOrganisations')}>
            {organisations
              .filter((o) => o.isLinked)
              .map((o) => (
                <option key={o.slug} value={o.slug}>
                  {orgLabel(o)}
                </option>
              ))}
          </optgroup>
          <optgroup label={t('milestoneForm.otherOrganisations')}>
            {organisations
              .filter((o) => !o.isLinked)
              .map((o) => (
                <option key={o.slug} value={o.slug}>
                  {orgLabel(o)}
                </option>
              ))}
          </optgroup>
        </select>
      </FormField>
      <TextField
        field={fields.evidenceUrl}
        label={t('milestoneForm.evidenceUrl')}
        hint={t('milestoneForm.evidenceHint')}
        type="url"
      />
      <FormField field={fields.note} label={t('milestoneForm.note')}>
        <textarea {...getTextareaProps(fields.note)} rows={3} />
      </FormField>
    </>
  );
}

/** Who reports: the name the progress log shows (filled in with the account's name). */
export function RecordedByField({ field }: { field: FieldMetadata<unknown> }) {
  const { t } = useTranslation();
  return (
    <TextField
      field={field}
      label={t('progressForm.recordedBy')}
      hint={t('progressForm.recordedByHint')}
      autoComplete="name"
    />
  );
}
