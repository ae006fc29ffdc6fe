import { getSelectProps } from '@conform-to/react';

import { EntryForm, useEntryForm } from '../../core/ui/entry-form';
import { FormField, TextField } from '../../core/ui/form-field';
import { OfficialName } from '../../core/ui/official-name';
import { useTranslation } from '../../core/i18n/hooks';
import { addOrganisationSchema } from './project-link-forms';
import { type LinkSectionProps, useNames } from './links-common';
import { RemoveForm } from './links-remove-form';

/** The project's organisations, each with its role and a remove button, then the add form. */
export function OrganisationLinks({
  links,
  choices,
  keys,
  lastResult,
  done,
  formKey,
}: LinkSectionProps) {
  const { t } = useTranslation();
  return (
    <section className="links-section" aria-labelledby="organisations">
      <h2 id="organisations">{t('project.organisations')}</h2>
      {done}
      {links.organisations.length ? (
        <ul className="links-list">
          {links.organisations.map((o) => (
            <li key={`${o.slug}:${o.role}`}>
              <span>
                <OfficialName en={o.name} zh={o.nameZh} de={o.nameDe} />
                {o.acronym && !o.name.includes(o.acronym) ? ` (${o.acronym})` : null} —{' '}
                {t(`role.${o.role}`)}
                {o.nameAsWritten ? (
                  <span className="muted">
                    {' '}
                    · {t('project.writtenAs')} <span lang="en">“{o.nameAsWritten}”</span>
                  </span>
                ) : null}
              </span>
              <RemoveForm
                intent="remove-organisation"
                values={{ organisation: o.slug, role: o.role }}
                what={`${o.acronym ?? o.name} — ${t(`role.${o.role}`)}`}
              />
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('linksForm.noOrganisations')}</p>
      )}
      <AddOrganisationForm key={formKey} choices={choices} keys={keys} lastResult={lastResult} />
    </section>
  );
}

function AddOrganisationForm({
  choices,
  keys,
  lastResult,
}: Pick<LinkSectionProps, 'choices' | 'keys' | 'lastResult'>) {
  const { t } = useTranslation();
  const names = useNames();
  const schema = addOrganisationSchema(keys);
  const [form, fields] = useEntryForm(schema, {
    id: 'add-organisation',
    lastResult,
  });
  return (
    <EntryForm
      form={form}
      legend={t('linksForm.addOrganisation')}
      intent="add-organisation"
      submitLabel={t('linksForm.addOrganisationSubmit')}
    >
      <FormField field={fields.organisation} label={t('linksForm.organisation')}>
        <select {...getSelectProps(fields.organisation)}>
          <option value="">{t('form.choosePrompt')}</option>
          {choices.organisations.map((o) => (
            <option key={o.slug} value={o.slug}>
              {names.organisation(o)}
            </option>
          ))}
        </select>
      </FormField>
      <FormField field={fields.role} label={t('linksForm.role')}>
        <select {...getSelectProps(fields.role)}>
          <option value="">{t('form.choosePrompt')}</option>
          {choices.roles.map((role) => (
            <option key={role} value={role}>
              {t(`role.${role}`)}
            </option>
          ))}
        </select>
      </FormField>
      <TextField
        field={fields.nameAsWritten}
        label={t('linksForm.nameAsWritten')}
        hint={t('linksForm.nameAsWrittenHint')}
      />
      <TextField
        field={fields.asStatedBy}
        label={t('linksForm.asStatedBy')}
        hint={t('linksForm.asStatedByHint')}
      />
    </EntryForm>
  );
}
