import type { SubmissionResult } from '@conform-to/react';
import type { ReactNode } from 'react';

import { useFormat, useLang } from '../../core/i18n/hooks';
import type { LinkChoiceKeys } from './project-link-forms';
import type { Route } from './+types/links';

// What the sections of the links page share (links.tsx lays them out; links-*-form.tsx are they).

type LoaderData = Route.ComponentProps['loaderData'];

/** What each section of the links page is given. */
export interface LinkSectionProps {
  links: LoaderData['links'];
  choices: LoaderData['choices'];
  keys: LinkChoiceKeys;
  /** The action's answer to this section's add form (its errors), if it was the one sent. */
  lastResult: SubmissionResult<string[]> | undefined;
  /** The notice that this section's change was saved, if it was. */
  done: ReactNode;
  /** A fresh one after each saved change: the add form starts empty again. */
  formKey: string;
}

/** What each section's add form is given. */
export type AddFormProps = Pick<LinkSectionProps, 'choices' | 'keys' | 'lastResult'>;

/** Names in the page's language: official names stay official, the hub's own are translated. */
export function useNames() {
  const lang = useLang();
  const format = useFormat();
  const local = (en: string, zh: string | null, de: string | null = null) =>
    (lang === 'zh' ? zh : lang === 'de' ? de : null) ?? en;
  return {
    organisation: (o: {
      name: string;
      acronym: string | null;
      nameZh: string | null;
      nameDe: string | null;
    }) => {
      const name = local(o.name, o.nameZh, o.nameDe);
      return o.acronym ? `${o.acronym} — ${name}` : name;
    },
    topic: (t: { name: string; nameZh: string | null; nameDe: string | null }) =>
      local(t.name, t.nameZh, t.nameDe),
    place: (nameEn: string, nameZh: string | null) => local(nameEn, nameZh),
    province: (p: { nameEn: string; nameZh: string }) => local(p.nameEn, p.nameZh),
    country: format.country,
  };
}
