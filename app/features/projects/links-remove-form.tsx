import { Form } from 'react-router';

import { CsrfInput } from '../../core/ui/csrf-input';
import { useTranslation } from '../../core/i18n/hooks';
import type { LinkIntent } from './project-link-forms';

/** One button that removes one link; the link is named for screen readers. */
export function RemoveForm({
  intent,
  values,
  what,
}: {
  intent: LinkIntent;
  values: Record<string, string>;
  what: string;
}) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="links-list__remove">
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(values).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit">
        {t('linksForm.remove')}
        <span className="visually-hidden">: {what}</span>
      </button>
    </Form>
  );
}
