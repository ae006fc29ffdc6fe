import i18next from 'i18next';
import { StrictMode, startTransition } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { HydratedRouter } from 'react-router/dom';

import { type Lang, langFromPath } from './i18n/config';
import type { Translation } from './i18n/locales/en';
import { I18N_SETTINGS } from './i18n/settings';

// Each language is its own chunk: a page loads only the one its URL names (switching language
// loads a new document, see /language).
const TRANSLATIONS: Record<Lang, () => Promise<Translation>> = {
  en: () => import('./i18n/locales/en').then((m) => m.en),
  zh: () => import('./i18n/locales/zh').then((m) => m.zh),
  de: () => import('./i18n/locales/de').then((m) => m.de),
};

// The server rendered this page in the language of its URL; the client takes the same one.
const lang = langFromPath(window.location.pathname);
await i18next.use(initReactI18next).init({
  ...I18N_SETTINGS,
  lng: lang,
  resources: { [lang]: { translation: await TRANSLATIONS[lang]() } },
});

startTransition(() => {
  hydrateRoot(
    document,
    <I18nextProvider i18n={i18next}>
      <StrictMode>
        <HydratedRouter />
      </StrictMode>
    </I18nextProvider>,
  );
});
