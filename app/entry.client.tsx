import { StrictMode, startTransition } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { HydratedRouter } from 'react-router/dom';

import { type Lang, langFromPath } from './core/i18n/config';
import { I18nInstanceContext } from './core/i18n/context';
import type { Translation } from './core/i18n/locales/en';
import { reportMissingKey } from './core/i18n/settings';
import { createTranslator } from './core/i18n/translator';

// Each language is its own chunk: a page loads only the one its URL names (switching language
// loads a new document, see /language).
const TRANSLATIONS: Record<Lang, () => Promise<Translation>> = {
  en: () => import('./core/i18n/locales/en').then((m) => m.en),
  zh: () => import('./core/i18n/locales/zh').then((m) => m.zh),
  de: () => import('./core/i18n/locales/de').then((m) => m.de),
};

// The server rendered this page in the language of its URL; the client takes the same one.
const lang = langFromPath(window.location.pathname);
const i18n = createTranslator(lang, await TRANSLATIONS[lang](), reportMissingKey);

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
