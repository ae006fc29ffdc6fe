import {
  type FieldMetadata,
  type SubmissionResult,
  getCollectionProps,
  getInputProps,
  getTextareaProps,
} from '@conform-to/react';

import { DOCUMENT_CATEGORIES, DOCUMENT_VISIBILITIES } from '../../../db/vocabulary';
import type { Conflict } from '../../core/forms/conflict';
import { useLang, useTranslation } from '../../core/i18n/hooks';
import { EntryForm, useEntryForm } from '../../core/ui/entry-form';
import {
  FieldErrors,
  FormField,
  PartialDateField,
  SelectField,
  TextField,
} from '../../core/ui/form-field';
import { officialNameText } from '../../core/ui/official-name';
import { DOCUMENT_LANGUAGES } from './document-kinds';
import { useDocumentLabels } from './document-table';
import type { DocumentFormOptions } from './document-writes.server';
import { type DocumentFormContext, documentEditSchema, documentNewSchema } from './document-forms';

// The document form: on /documents/new with the file (or link) first, on the edit page without
// it (a stored file is not replaced: a new version is a new document).

function Checkboxes({
  field,
  legend,
  hint,
  options,
}: {
  field: FieldMetadata<string[]>;
  legend: string;
  hint?: string;
  options: { value: string; label: string; group?: string }[];
}) {
  if (options.length === 0) return null;
  const labels = new Map(
    options.map((o, i) => [o.value, { ...o, isFirstOfGroup: o.group !== options[i - 1]?.group }]),
  );
  return (
    <fieldset className="checkbox-list" aria-describedby={hint ? field.descriptionId : undefined}>
      <legend>{legend}</legend>
      {hint ? (
        <p className="form-field__hint" id={field.descriptionId}>
          {hint}
        </p>
      ) : null}
      {getCollectionProps(field, {
        type: 'checkbox',
        options: options.map((o) => o.value),
      }).map(({ key, ...props }) => {
        const option = labels.get(props.value);
        const heading = option?.isFirstOfGroup ? option.group : undefined;
        return (
          <div key={key}>
            {heading ? <p className="checkbox-list__group">{heading}</p> : null}
            <div className="form-field form-field--check">
              <input {...props} />
              <label htmlFor={props.id}>{option?.label}</label>
            </div>
          </div>
        );
      })}
      <FieldErrors
        id={field.errorId}
        errors={[...new Set(Object.values(field.allErrors).flat())]}
      />
    </fieldset>
  );
}

/** The fields' names in the 409 table (what was sent beside what is saved now). */
function useConflictLabels(): Record<string, string> {
  const { t } = useTranslation();
  return {
    title: t('documents.titleField'),
    language: t('documents.languageField'),
    category: t('documents.categoryField'),
    documentDate: t('documents.dateField'),
    visibility: t('documents.visibilityField'),
    description: t('documents.descriptionField'),
    projects: t('documents.projects'),
    topics: t('documents.topics'),
    events: t('documents.events'),
    entries: t('documents.entries'),
  };
}

export function DocumentForm({
  mode,
  options,
  context,
  lastResult,
  defaultValue,
  version,
  conflict,
  cancelTo,
  maxMb,
}: {
  mode: 'new' | 'edit';
  options: Omit<DocumentFormOptions, 'projects'> & {
    projects: (DocumentFormOptions['projects'][number] & { isOwn: boolean })[];
  };
  context: DocumentFormContext;
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: Record<string, string | string[]>;
  version?: number | null;
  conflict?: Conflict | null;
  cancelTo: string;
  maxMb: number;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const labels = useDocumentLabels();
  const schema = mode === 'new' ? documentNewSchema(context) : documentEditSchema(context);
  const [form, fields] = useEntryForm(schema, {
    id: `document-${mode}`,
    lastResult,
    defaultValue: defaultValue ?? { visibility: 'public' },
  });
  const f = fields as unknown as Record<string, FieldMetadata<unknown>> & {
    projects: FieldMetadata<string[]>;
    topics: FieldMetadata<string[]>;
    events: FieldMetadata<string[]>;
    entries: FieldMetadata<string[]>;
  };
  const hasOwn = options.projects.some((p) => p.isOwn);
  return (
    <EntryForm
      form={form}
      encType={mode === 'new' ? 'multipart/form-data' : undefined}
      submitLabel={mode === 'new' ? t('documents.create') : t('edit.save')}
      cancelTo={cancelTo}
      version={version}
      conflict={conflict}
      conflictLabels={useConflictLabels()}
      changeSource={mode === 'edit' ? f.changeSource : undefined}
    >
      <fieldset>
        <legend>{t('documents.what')}</legend>
        {mode === 'new' ? (
          <>
            <FormField
              field={f.file!}
              label={t('documents.file')}
              hint={t('documents.fileHint', { max: maxMb })}
            >
              <input
                {...getInputProps(f.file!, {
                  type: 'file',
                  ariaDescribedBy: f.file!.descriptionId,
                })}
                accept=".pdf,.docx,.pptx,.xlsx,.png,.jpg,.jpeg,.gif,.webp"
              />
            </FormField>
            <TextField
              field={f.url!}
              label={t('documents.url')}
              hint={t('documents.urlHint')}
              type="url"
            />
          </>
        ) : null}
        <TextField field={f.title!} label={t('documents.titleField')} />
        <SelectField
          field={f.language!}
          label={t('documents.languageField')}
          prompt={t('documents.notStated')}
          options={DOCUMENT_LANGUAGES.map((code) => ({
            value: code,
            label: labels.language(code),
          }))}
        />
        <SelectField
          field={f.category!}
          label={t('documents.categoryField')}
          prompt={t('documents.notStated')}
          options={DOCUMENT_CATEGORIES.map((code) => ({
            value: code,
            label: `${code} · ${labels.category(code)}`,
          }))}
        />
        <PartialDateField
          field={f.documentDate!}
          label={t('documents.dateField')}
          hint={t('documents.dateHint')}
        />
        <SelectField
          field={f.visibility!}
          label={t('documents.visibilityField')}
          hint={t('documents.visibilityHint')}
          options={DOCUMENT_VISIBILITIES.map((v) => ({ value: v, label: labels.visibility(v) }))}
        />
        <FormField field={f.description!} label={t('documents.descriptionField')}>
          <textarea {...getTextareaProps(f.description!)} rows={4} />
        </FormField>
      </fieldset>
      <h2>{t('documents.links')}</h2>
      <Checkboxes
        field={f.projects}
        legend={t('documents.projects')}
        hint={hasOwn ? t('documents.projectsHint') : undefined}
        options={options.projects.map((p) => ({
          value: p.slug,
          label: officialNameText(lang, { en: p.title, zh: p.titleZh, de: p.titleDe }),
          group: hasOwn
            ? t(p.isOwn ? 'documents.ownProjects' : 'documents.otherProjects')
            : undefined,
        }))}
      />
      <Checkboxes
        field={f.topics}
        legend={t('documents.topics')}
        options={options.topics.map((topic) => ({
          value: topic.slug,
          label: officialNameText(lang, { en: topic.name, zh: topic.nameZh, de: topic.nameDe }),
        }))}
      />
      <Checkboxes
        field={f.events}
        legend={t('documents.events')}
        options={options.events.map((e) => ({
          value: e.slug,
          label: officialNameText(lang, { en: e.title, zh: e.titleZh, de: e.titleDe }),
        }))}
      />
      <Checkboxes
        field={f.entries}
        legend={t('documents.entries')}
        options={options.entries.map((e) => ({ value: e.slug, label: e.title }))}
      />
    </EntryForm>
  );
}
