import { initReactI18next } from 'react-i18next';
import { createI18nextMiddleware } from 'remix-i18next/middleware';

import { DEFAULT_LANG, LANGS, langFromPath } from './config';
import { reportMissingKey } from './missing-keys';
import { resources } from './resources';

// The language comes from the URL prefix alone; cookies and headers only steer the first visit to /.
export const [i18nextMiddleware, getLocale, getInstance] = createI18nextMiddleware({
  detection: {
    supportedLanguages: [...LANGS],
    fallbackLanguage: DEFAULT_LANG,
    order: ['custom'],
    findLocale: async (request) => langFromPath(new URL(request.url).pathname),
  },
  i18next: {
    resources,
    supportedLngs: [...LANGS],
    fallbackLng: false,
    interpolation: { escapeValue: false },
    saveMissing: true,
    missingKeyHandler: reportMissingKey,
  },
  plugins: [initReactI18next],
});
