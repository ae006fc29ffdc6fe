import { EntryForm, useEntryForm } from '../../core/ui/entry-form';
import { SelectField, TextField } from '../../core/ui/form-field';
import { useTranslation } from '../../core/i18n/hooks';
import { addTopicSchema } from './project-link-forms';
import { type AddFormProps, type LinkSectionProps, useNames } from './links-common';
import { LinkItem, LinkSection } from './links-section';

/** The project's topic tags, each with why it was given and a remove button, then the add form. */
export function TopicLinks({ links, done, formKey, ...form }: LinkSectionProps) {
  const { t } = useTranslation();
  const names = useNames();
  return (
    <LinkSection
      id="topics"
      title={t('project.topics')}
      done={done}
      empty={t('linksForm.noTopics')}
      form={<AddTopicForm key={formKey} {...form} />}
    >
      {links.topics.map((topic) => (
        <LinkItem
          key={topic.slug}
          remove={{
            intent: 'remove-topic',
            values: { topic: topic.slug },
            what: names.topic(topic),
          }}
        >
          {names.topic(topic)}
          {topic.reason ? (
            <span className="muted">
              {' '}
              · <span lang="en">{topic.reason}</span>
            </span>
          ) : null}
        </LinkItem>
      ))}
    </LinkSection>
  );
}

function AddTopicForm({ choices, keys, lastResult }: AddFormProps) {
  const { t } = useTranslation();
  const names = useNames();
  const [form, fields] = useEntryForm(addTopicSchema(keys), { id: 'add-topic', lastResult });
  return (
    <EntryForm
      form={form}
      legend={t('linksForm.addTopic')}
      intent="add-topic"
      submitLabel={t('linksForm.addTopicSubmit')}
    >
      <SelectField
        field={fields.topic}
        label={t('linksForm.topic')}
        prompt={t('form.choosePrompt')}
        options={choices.topics.map((topic) => ({ value: topic.slug, label: names.topic(topic) }))}
      />
      <TextField
        field={fields.reason}
        label={t('linksForm.reason')}
        hint={t('linksForm.reasonHint')}
      />
    </EntryForm>
  );
}
