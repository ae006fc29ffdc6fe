import { EntryForm, useEntryForm } from '../../core/ui/entry-form';
import { SelectField, TextField } from '../../core/ui/form-field';
import { OfficialName } from '../../core/ui/official-name';
import { useTranslation } from '../../core/i18n/hooks';
import { addOrganisationSchema } from './project-link-forms';
import { type AddFormProps, type LinkSectionProps, useNames } from './links-common';
import { LinkItem, LinkSection } from './links-section';

/** The project's organisations, each with its role and a remove button, then the add form. */
export function OrganisationLinks({ links, done, formKey, ...form }: LinkSectionProps) {
  const { t } = useTranslation();
  return (
    <LinkSection
      id="organisations"
      title={t('project.organisations')}
      done={done}
      empty={t('linksForm.noOrganisations')}
      form={<AddOrganisationForm key={formKey} {...form} />}
    >
      {links.organisations.map((o) => (
        <LinkItem
          key={`${o.slug}:${o.role}`}
          remove={{
            intent: 'remove-organisation',
            values: { organisation: o.slug, role: o.role },
            what: `${o.acronym ?? o.name} — ${t(`role.${o.role}`)}`,
          }}
        >
          <OfficialName en={o.name} zh={o.nameZh} de={o.nameDe} />
          {o.acronym && !o.name.includes(o.acronym) ? ` (${o.acronym})` : null} —{' '}
          {t(`role.${o.role}`)}
          {o.nameAsWritten ? (
            <span className="muted">
              {' '}
              · {t('project.writtenAs')} <span lang="en">“{o.nameAsWritten}”</span>
            </span>
          ) : null}
        </LinkItem>
      ))}
    </LinkSection>
  );
}

function AddOrganisationForm({ choices, keys, lastResult }: AddFormProps) {
  const { t } = useTranslation();
  const names = useNames();
  const [form, fields] = useEntryForm(addOrganisationSchema(keys), {
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
      <SelectField
        field={fields.organisation}
        label={t('linksForm.organisation')}
        prompt={t('form.choosePrompt')}
        options={choices.organisations.map((o) => ({
          value: o.slug,
          label: names.organisation(o),
        }))}
      />
      <SelectField
        field={fields.role}
        label={t('linksForm.role')}
        prompt={t('form.choosePrompt')}
        options={choices.roles.map((role) => ({ value: role, label: t(`role.${role}`) }))}
      />
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
