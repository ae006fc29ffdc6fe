import { getInputProps } from '@conform-to/react';

import { RecordForm, type RecordFormProps } from '../../core/ui/record-form';
import { FieldErrors, SelectField, TextField } from '../../core/ui/form-field';
import { useFormat, useLang, useTranslation } from '../../core/i18n/hooks';
import { type OrganisationFormOptions, SUCCESSION_YEARS } from './organisation-forms';
import { ORGANISATION_KINDS } from '../../../db/vocabulary';

// The organisation form, shared by new and edit (not a route).

/** Field labels, also used by the 409 table. */
export function useOrganisationFieldLabels() {
  const { t } = useTranslation();
  return {
    slug: t('organisationForm.slug'),
    name: t('organisationForm.name'),
    acronym: t('organisationForm.acronym'),
    nameZh: t('organisationForm.nameZh'),
    nameDe: t('organisationForm.nameDe'),
    kind: t('organisationForm.kind'),
    countryCode: t('organisations.country'),
    isInternational: t('organisationForm.isInternational'),
    successor: t('organisations.successor'),
    successionYear: t('organisationForm.successionYear'),
    changeSource: t('edit.changeSource'),
  };
}

type OrganisationFormShape = Record<keyof ReturnType<typeof useOrganisationFieldLabels>, string>;

export function OrganisationForm({
  options,
  ownSlug,
  ...form
}: RecordFormProps & {
  options: OrganisationFormOptions;
  /** Editing: the organisation itself, never offered as its own successor. */
  ownSlug?: string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const format = useFormat();
  const labels = useOrganisationFieldLabels();
  const countries = options.countryCodes
    .map((code) => ({ code, name: format.country(code) }))
    .sort((a, b) => a.name.localeCompare(b.name, lang));
  // Neither itself nor one it succeeded can be its successor (the line would loop).
  const successors = options.organisations.filter(
    (o) =>
      (o.slug !== ownSlug && !options.predecessorSlugs.includes(o.slug)) ||
      o.slug === form.defaultValue.successor,
  );
  return (
    <RecordForm<OrganisationFormShape>
      {...form}
      labels={labels}
      createLabel={t('organisationForm.create')}
      slugHint={t('organisationForm.slugHint')}
    >
      {(fields) => (
        <>
          <fieldset>
            <legend>{t('organisationForm.names')}</legend>
            <TextField
              field={fields.name}
              label={labels.name}
              hint={t('organisationForm.nameHint')}
            />
            <TextField field={fields.acronym} label={labels.acronym} />
            <TextField
              field={fields.nameZh}
              label={labels.nameZh}
              hint={t('organisationForm.nameZhHint')}
              lang="zh-Hans"
            />
            <TextField
              field={fields.nameDe}
              label={labels.nameDe}
              hint={t('organisationForm.nameDeHint')}
              lang="de"
            />
          </fieldset>
          <fieldset>
            <legend>{t('organisationForm.facts')}</legend>
            <SelectField
              field={fields.kind}
              label={labels.kind}
              prompt={t('form.choosePrompt')}
              options={ORGANISATION_KINDS.map((kind) => ({
                value: kind,
                label: t(`organisationForm.kinds.${kind}`),
              }))}
            />
            <SelectField
              field={fields.countryCode}
              label={labels.countryCode}
              prompt={t('organisationForm.noCountry')}
              options={countries.map((c) => ({ value: c.code, label: c.name }))}
            />
            <div className="form-field form-field--check">
              <input {...getInputProps(fields.isInternational, { type: 'checkbox' })} />
              <label htmlFor={fields.isInternational.id}>{labels.isInternational}</label>
              <FieldErrors
                id={fields.isInternational.errorId}
                errors={fields.isInternational.errors}
              />
            </div>
          </fieldset>
          <fieldset>
            <legend>{t('organisationForm.succession')}</legend>
            <p className="form-field__hint">{t('organisationForm.successionLead')}</p>
            <SelectField
              field={fields.successor}
              label={labels.successor}
              prompt={t('organisationForm.noSuccessor')}
              options={successors.map((o) => ({
                value: o.slug,
                label: o.acronym ? `${o.acronym} — ${o.name}` : o.name,
              }))}
            />
            <TextField
              field={fields.successionYear}
              label={labels.successionYear}
              hint={t('organisationForm.successionYearHint')}
              type="number"
              step="1"
              min={SUCCESSION_YEARS.min}
              max={SUCCESSION_YEARS.max}
            />
          </fieldset>
        </>
      )}
    </RecordForm>
  );
}
