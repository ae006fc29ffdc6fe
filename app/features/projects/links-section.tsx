import type { ReactNode } from 'react';
import { Form } from 'react-router';

import { CsrfInput } from '../../core/ui/csrf-input';
import { useTranslation } from '../../core/i18n/hooks';
import type { LinkIntent } from './project-link-forms';

// The frame of each section of the links page (links-*-form.tsx fill it).

/** A section of the links page: the project's links of one kind, then the form adding one. */
export function LinkSection({
  id,
  title,
  done,
  empty,
  form,
  children,
}: {
  /** The heading's id, also where the page lands after a change here. */
  id: 'organisations' | 'topics' | 'locations';
  title: string;
  done: ReactNode;
  /** Said where there is no link of this kind yet. */
  empty: string;
  form: ReactNode;
  /** Its links, each a LinkItem. */
  children: ReactNode[];
}) {
  return (
    <section className="links-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {done}
      {children.length ? <ul className="links-list">{children}</ul> : <p>{empty}</p>}
      {form}
    </section>
  );
}

/** One link: what it links to, and the button removing it (`remove`: its form's values). */
export function LinkItem({
  remove,
  children,
}: {
  remove: Parameters<typeof RemoveForm>[0];
  children: ReactNode;
}) {
  return (
    <li>
      <span>{children}</span>
      <RemoveForm {...remove} />
    </li>
  );
}

/** One button that removes one link; the link is named for screen readers. */
function RemoveForm({
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
