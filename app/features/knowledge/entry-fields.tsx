import { type FieldMetadata, getInputProps, getTextareaProps } from '@conform-to/react';

import { FieldErrors, FormField, SelectField } from '../../core/ui/form-field';
import { useLang, useTranslation } from '../../core/i18n/hooks';
import { HTML_LANG } from '../../core/i18n/config';
import { KNOWLEDGE_KINDS, KNOWLEDGE_SECTIONS, type KnowledgeKind } from '../../../db/vocabulary';
import { ENTRY_LANGUAGES, ENTRY_TEXT_FIELDS, type EntryTextField } from './knowledge-rules';
import { textName } from './knowledge-forms';
import type { EntryChoices } from './knowledge-entries.server';
import { useSectionLabel } from './knowledge-labels';

// The fields of a knowledge entry (not a route): kind, original language, the texts per language
// (the original, then optional translations), its session and its links. Every part works
// without JavaScript: the lists are checkboxes, the translations open <details>.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Fields = Record<string, FieldMetadata<any>>;

/** The labels of the form's fields (the 409 table names the fields with them too). */
export function useEntryLabels(kind: KnowledgeKind): Record<string, string> {
  const { t } = useTranslation();
  const section = useSectionLabel(kind);
  const labels: Record<string, string> = {
    kind: t('knowledge.field.kind'),
    language: t('knowledge.field.language'),
    isResolved: t('knowledge.field.isResolved'),
    session: t('knowledge.field.session'),
    topics: t('knowledge.field.topics'),
    projects: t('knowledge.field.projects'),
    organisations: t('knowledge.field.organisations'),
    events: t('knowledge.field.events'),
  };
  for (const lang of ENTRY_LANGUAGES) {
    const language = t(`knowledge.languageName.${lang}`);
    for (const field of ENTRY_TEXT_FIELDS) {
      labels[textName(field, lang)] = `${section(field)} (${language})`;
    }
    labels[textName('translatedBy', lang)] = `${t('knowledge.field.translatedBy')} (${language})`;
  }
  return labels;
}

const initialList = (field: FieldMetadata<unknown>): string[] => {
  const value = field.initialValue as unknown;
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
};

const filled = (fields: Fields, lang: string) =>
  [...ENTRY_TEXT_FIELDS, 'translatedBy' as const].some(
    (f) => String(fields[textName(f, lang as 'en')]!.initialValue ?? '').trim() !== '',
  );

export function EntryFields({
  fields,
  choices,
  kind,
  original,
  isNew = false,
}: {
  fields: Fields;
  choices: EntryChoices;
  /** A new entry: not yet solved, so the "solved" box is not offered. */
  isNew?: boolean;
  /** The kind the section labels follow (the one chosen before the form, or saved). */
  kind: KnowledgeKind;
  /** The original language the form opened with (its texts come first and open). */
  original: (typeof ENTRY_LANGUAGES)[number];
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const languages = [original, ...ENTRY_LANGUAGES.filter((l) => l !== original)];
  const name = (n: { title: string; titleZh?: string | null; titleDe?: string | null }) =>
    (lang === 'zh' ? n.titleZh : lang === 'de' ? n.titleDe : null) || n.title;
  const topicName = (n: { name: string; nameZh: string | null; nameDe: string | null }) =>
    (lang === 'zh' ? n.nameZh : lang === 'de' ? n.nameDe : null) || n.name;
  return (
    <>
      <SelectField
        field={fields.kind!}
        label={t('knowledge.field.kind')}
        hint={t('knowledge.form.kindHint')}
        options={KNOWLEDGE_KINDS.map((k) => ({ value: k, label: t(`knowledge.kinds.${k}`) }))}
      />
      <SelectField
        field={fields.language!}
        label={t('knowledge.field.language')}
        hint={t('knowledge.form.languageHint')}
        options={ENTRY_LANGUAGES.map((l) => ({
          value: l,
          label: t(`knowledge.languageName.${l}`),
        }))}
      />
      {languages.map((l) => (
        <LanguageTexts
          key={l}
          lang={l}
          fields={fields}
          kind={kind}
          isOriginal={l === original}
          open={l === original || filled(fields, l)}
        />
      ))}
      {kind === 'challenge' && !isNew ? (
        <div className="form-field form-field--check">
          <input
            {...getInputProps(fields.isResolved!, {
              type: 'checkbox',
              ariaDescribedBy: fields.isResolved!.descriptionId,
            })}
          />
          <label htmlFor={fields.isResolved!.id}>{t('knowledge.field.isResolved')}</label>
          <p className="form-field__hint" id={fields.isResolved!.descriptionId}>
            {t('knowledge.form.isResolvedHint')}
          </p>
          <FieldErrors id={fields.isResolved!.errorId} errors={fields.isResolved!.errors} />
        </div>
      ) : null}
      <SelectField
        field={fields.session!}
        label={t('knowledge.field.session')}
        hint={t('knowledge.form.sessionHint')}
        prompt={t('knowledge.form.noSession')}
        options={choices.sessions.map((s) => ({
          value: String(s.id),
          label: `${name(s)} — ${s.eventTitle}`,
        }))}
      />
      <CheckList
        field={fields.topics!}
        legend={t('knowledge.field.topics')}
        options={choices.topics.map((o) => ({ id: o.id, label: topicName(o) }))}
      />
      <CheckList
        field={fields.projects!}
        legend={t('knowledge.field.projects')}
        options={choices.projects.map((o) => ({ id: o.id, label: name(o) }))}
      />
      <CheckList
        field={fields.organisations!}
        legend={t('knowledge.field.organisations')}
        options={choices.organisations.map((o) => ({
          id: o.id,
          label: o.acronym ? `${o.name} (${o.acronym})` : o.name,
        }))}
      />
      <CheckList
        field={fields.events!}
        legend={t('knowledge.field.events')}
        options={choices.events.map((o) => ({
          id: o.id,
          label: o.startDate ? `${name(o)} (${o.startDate.slice(0, 4)})` : name(o),
        }))}
      />
    </>
  );
}

/** One language's texts: the original (title required) or an optional translation. */
function LanguageTexts({
  lang,
  fields,
  kind,
  isOriginal,
  open,
}: {
  lang: (typeof ENTRY_LANGUAGES)[number];
  fields: Fields;
  kind: KnowledgeKind;
  isOriginal: boolean;
  open: boolean;
}) {
  const { t } = useTranslation();
  const section = useSectionLabel(kind);
  const language = t(`knowledge.languageName.${lang}`);
  const heading = isOriginal
    ? t('knowledge.form.original', { language })
    : t('knowledge.form.translation', { language });
  const text = (field: EntryTextField, rows: number) => {
    const f = fields[textName(field, lang)]!;
    const hint =
      field === 'title'
        ? t('knowledge.form.titleHint')
        : field === 'summary'
          ? t('knowledge.form.summaryHint')
          : t(
              `knowledge.hint.${kind === 'challenge' ? 'challenge' : 'default'}.${field}` as 'knowledge.hint.default.context',
            );
    return (
      <FormField key={field} field={f} label={section(field)} hint={hint}>
        {field === 'title' ? (
          <input
            {...getInputProps(f, { type: 'text', ariaDescribedBy: f.descriptionId })}
            lang={HTML_LANG[lang]}
          />
        ) : (
          <textarea
            {...getTextareaProps(f, { ariaDescribedBy: f.descriptionId })}
            rows={rows}
            lang={HTML_LANG[lang]}
          />
        )}
      </FormField>
    );
  };
  const translator = fields[textName('translatedBy', lang)]!;
  return (
    <details className="entry-language" open={open}>
      <summary>{heading}</summary>
      <fieldset>
        <legend className="visually-hidden">{heading}</legend>
        {isOriginal ? null : (
          <p className="form-field__hint">{t('knowledge.form.translationHint')}</p>
        )}
        {text('title', 1)}
        {text('summary', 3)}
        {KNOWLEDGE_SECTIONS.map((s) => text(s, 5))}
        {isOriginal ? null : (
          <FormField
            field={translator}
            label={t('knowledge.field.translatedBy')}
            hint={t('knowledge.form.translatedByHint')}
          >
            <input
              {...getInputProps(translator, {
                type: 'text',
                ariaDescribedBy: translator.descriptionId,
              })}
            />
          </FormField>
        )}
      </fieldset>
    </details>
  );
}

/** A list of boxes to tick (works without JavaScript), folded when long. */
function CheckList({
  field,
  legend,
  options,
}: {
  field: FieldMetadata<unknown>;
  legend: string;
  options: { id: number; label: string }[];
}) {
  const { t } = useTranslation();
  const chosen = new Set(initialList(field));
  return (
    <details className="entry-links" open={chosen.size > 0 || Boolean(field.errors?.length)}>
      <summary>
        {legend}{' '}
        <span className="muted">({t('knowledge.form.chosen', { count: chosen.size })})</span>
      </summary>
      <fieldset aria-describedby={field.errors?.length ? field.errorId : undefined}>
        <legend className="visually-hidden">{legend}</legend>
        <FieldErrors id={field.errorId} errors={field.errors} />
        <ul className="plain-list entry-links__list">
          {options.map((o) => {
            const id = `${field.id}-${o.id}`;
            return (
              <li key={o.id}>
                <input
                  type="checkbox"
                  id={id}
                  name={field.name}
                  value={String(o.id)}
                  defaultChecked={chosen.has(String(o.id))}
                />{' '}
                <label htmlFor={id}>{o.label}</label>
              </li>
            );
          })}
        </ul>
      </fieldset>
    </details>
  );
}
