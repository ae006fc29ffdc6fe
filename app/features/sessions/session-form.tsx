import {
  type FieldMetadata,
  type SubmissionResult,
  getCollectionProps,
  getTextareaProps,
} from '@conform-to/react';

import type { Conflict } from '../../core/forms/conflict';
import { useLang, useTranslation } from '../../core/i18n/hooks';
import { EntryForm, useEntryForm } from '../../core/ui/entry-form';
import { FieldErrors, FormField, SelectField, TextField } from '../../core/ui/form-field';
import { officialNameText } from '../../core/ui/official-name';
import { type SessionFormOptions, sessionEditSchema, sessionNewSchema } from './session-forms';

// The session form, shared by the new and the edit page (not a route). The multi-choices are
// checkboxes: they work without JavaScript.

/** Field labels, also used by the 409 table. */
export function useSessionFieldLabels() {
  const { t } = useTranslation();
  return {
    title: t('sessions.form.title'),
    titleZh: t('sessions.form.titleZh'),
    titleDe: t('sessions.form.titleDe'),
    topic: t('sessions.form.topic'),
    organisations: t('sessions.form.organisations'),
    projects: t('sessions.form.projects'),
    outcomes: t('sessions.form.outcomes'),
    source: t('sessions.form.source'),
    changeSource: t('edit.changeSource'),
  };
}

function Checkboxes({
  field,
  legend,
  hint,
  options,
}: {
  field: FieldMetadata<string[]>;
  legend: string;
  hint: string;
  options: { value: string; label: string }[];
}) {
  return (
    <fieldset aria-describedby={field.descriptionId} className="check-list">
      <legend>{legend}</legend>
      <p className="form-field__hint" id={field.descriptionId}>
        {hint}
      </p>
      {getCollectionProps(field, {
        type: 'checkbox',
        options: options.map((o) => o.value),
      }).map(({ key, ...props }, i) => (
        <div key={key} className="form-field form-field--check">
          <input {...props} />
          <label htmlFor={props.id}>{options[i]!.label}</label>
        </div>
      ))}
      <FieldErrors
        id={field.errorId}
        errors={[...new Set(Object.values(field.allErrors).flat())]}
      />
    </fieldset>
  );
}

export function SessionForm({
  options,
  lastResult,
  defaultValue,
  conflict,
  version,
  cancelTo,
}: {
  options: SessionFormOptions;
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue: Record<string, string | string[]>;
  conflict: Conflict | null;
  /** null on the new page. */
  version: number | null;
  cancelTo: string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const labels = useSessionFieldLabels();
  const schema = version === null ? sessionNewSchema(options) : sessionEditSchema(options);
  const [form, fields] = useEntryForm(schema, { lastResult, defaultValue });
  return (
    <EntryForm
      form={form}
      submitLabel={version === null ? t('sessions.create') : t('edit.save')}
      cancelTo={cancelTo}
      version={version}
      conflict={conflict}
      conflictLabels={labels}
      changeSource={version === null ? undefined : fields.changeSource}
    >
      <fieldset>
        <legend>{t('sessions.form.what')}</legend>
        <TextField field={fields.title} label={labels.title} lang="en" />
        <TextField
          field={fields.titleZh}
          label={labels.titleZh}
          hint={t('sessions.form.translationsHint')}
          lang="zh-Hans"
        />
        <TextField field={fields.titleDe} label={labels.titleDe} lang="de" />
        <SelectField
          field={fields.topic}
          label={labels.topic}
          prompt={t('sessions.form.noTopic')}
          options={options.topics.map((topic) => ({
            value: topic.slug,
            label: officialNameText(lang, { en: topic.name, zh: topic.nameZh, de: topic.nameDe }),
          }))}
        />
        <FormField
          field={fields.outcomes}
          label={labels.outcomes}
          hint={t('sessions.form.outcomesHint')}
        >
          <textarea
            {...getTextareaProps(fields.outcomes, {
              ariaDescribedBy: fields.outcomes.descriptionId,
            })}
            rows={5}
          />
        </FormField>
        <TextField
          field={fields.source}
          label={labels.source}
          hint={t('sessions.form.sourceHint')}
          type="url"
        />
      </fieldset>
      <Checkboxes
        field={fields.organisations}
        legend={labels.organisations}
        hint={t('sessions.form.organisationsHint')}
        options={options.organisations.map((o) => ({
          value: o.slug,
          label: officialNameText(lang, { en: o.name, zh: o.nameZh, de: o.nameDe }),
        }))}
      />
      <Checkboxes
        field={fields.projects}
        legend={labels.projects}
        hint={t('sessions.form.projectsHint')}
        options={options.projects.map((p) => ({
          value: p.slug,
          label: officialNameText(lang, { en: p.title, zh: p.titleZh, de: p.titleDe }),
        }))}
      />
    </EntryForm>
  );
}
