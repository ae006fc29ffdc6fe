import { StrictMode, startTransition } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { HydratedRouter } from 'react-router/dom';

import { type Lang, langFromPath } from './core/i18n/config';
import { I18nInstanceContext } from './core/i18n/context';
import type { Translation } from './core/i18n/locales/en';
import { PAGE_TRANSLATIONS_ID, setWholeLanguage } from './core/i18n/page-translations';
import { reportMissingKey } from './core/i18n/settings';
import { createTranslator } from './core/i18n/translator';

// Each language is its own chunk: a page loads only the one its URL names (switching language
// loads a new document, see /language), and only before its first client-side navigation: it
// hydrates with the texts the server sent in the page (decision 0084).
const TRANSLATIONS: Record<Lang, () => Promise<Translation>> = {
  en: () => import('./core/i18n/locales/en').then((m) => m.en),
  zh: () => import('./core/i18n/locales/zh').then((m) => m.zh),
  de: () => import('./core/i18n/locales/de').then((m) => m.de),
};

// The server rendered this page in the language of its URL; the client takes the same one.
const lang = langFromPath(window.location.pathname);
const sent = document.getElementById(PAGE_TRANSLATIONS_ID)?.textContent;
const i18n = createTranslator(
  lang,
  sent ? (JSON.parse(sent) as Translation) : await TRANSLATIONS[lang](),
  reportMissingKey,
);
setWholeLanguage(() => TRANSLATIONS[lang]().then((whole) => i18n.useWhole(whole)));

startTransition(() => {
  hydrateRoot(
    document,
    <I18nInstanceContext value={i18n}>
      <StrictMode>
        <HydratedRouter />
      </StrictMode>
    </I18nInstanceContext>,
  );
});
