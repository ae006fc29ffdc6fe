import { getSelectProps } from '@conform-to/react';

import { EntryForm, useEntryForm } from '../../core/ui/entry-form';
import { FormField, TextField } from '../../core/ui/form-field';
import { useTranslation } from '../../core/i18n/hooks';
import { addTopicSchema } from './project-link-forms';
import { type LinkSectionProps, useNames } from './links-common';
import { RemoveForm } from './links-remove-form';

/** The project's topic tags, each with why it was given and a remove button, then the add form. */
export function TopicLinks({ links, choices, keys, lastResult, done, formKey }: LinkSectionProps) {
  const { t } = useTranslation();
  const names = useNames();
  return (
    <section className="links-section" aria-labelledby="topics">
      <h2 id="topics">{t('project.topics')}</h2>
      {done}
      {links.topics.length ? (
        <ul className="links-list">
          {links.topics.map((topic) => (
            <li key={topic.slug}>
              <span>
                {names.topic(topic)}
                {topic.reason ? (
                  <span className="muted">
                    {' '}
                    · <span lang="en">{topic.reason}</span>
                  </span>
                ) : null}
              </span>
              <RemoveForm
                intent="remove-topic"
                values={{ topic: topic.slug }}
                what={names.topic(topic)}
              />
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('linksForm.noTopics')}</p>
      )}
      <AddTopicForm key={formKey} choices={choices} keys={keys} lastResult={lastResult} />
    </section>
  );
}

function AddTopicForm({
  choices,
  keys,
  lastResult,
}: Pick<LinkSectionProps, 'choices' | 'keys' | 'lastResult'>) {
  const { t } = useTranslation();
  const names = useNames();
  const schema = addTopicSchema(keys);
  const [form, fields] = useEntryForm(schema, {
    id: 'add-topic',
    lastResult,
  });
  return (
    <EntryForm
      form={form}
      legend={t('linksForm.addTopic')}
      intent="add-topic"
      submitLabel={t('linksForm.addTopicSubmit')}
    >
      <FormField field={fields.topic} label={t('linksForm.topic')}>
        <select {...getSelectProps(fields.topic)}>
          <option value="">{t('form.choosePrompt')}</option>
          {choices.topics.map((topic) => (
            <option key={topic.slug} value={topic.slug}>
              {names.topic(topic)}
            </option>
          ))}
        </select>
      </FormField>
      <TextField
        field={fields.reason}
        label={t('linksForm.reason')}
        hint={t('linksForm.reasonHint')}
      />
    </EntryForm>
  );
}
