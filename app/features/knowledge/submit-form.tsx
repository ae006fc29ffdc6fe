import type { SubmissionResult } from '@conform-to/react';

import { EntryForm, useEntryForm } from '../../core/ui/entry-form';
import { useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { submitSchema } from './knowledge-forms';

/**
 * The author's "submit for review" button, on the entry's page and its edit page; it posts to
 * the edit page's action (works without JavaScript).
 */
export function SubmitForm({
  slug,
  version,
  lastResult = null,
}: {
  slug: string;
  version: number;
  lastResult?: SubmissionResult<string[]> | null;
}) {
  const { t } = useTranslation();
  const to = useLocalizePath();
  const [form] = useEntryForm(submitSchema, { id: 'submit-entry', lastResult });
  return (
    <section aria-labelledby="submit-entry-title" className="entry-submit">
      <h2 id="submit-entry-title">{t('knowledge.form.submitTitle')}</h2>
      <p>{t('knowledge.form.submitLead')}</p>
      <EntryForm
        form={form}
        intent="submit"
        version={version}
        action={to(`/knowledge/${slug}/edit`)}
        submitLabel={t('knowledge.form.submit')}
      >
        {null}
      </EntryForm>
    </section>
  );
}
