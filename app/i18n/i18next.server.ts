import { initReactI18next } from 'react-i18next';
import { createI18nextMiddleware } from 'remix-i18next/middleware';

import { DEFAULT_LANG, LANGS, langFromPath } from './config';
import { I18N_OPTIONS } from './resources';

// The language comes from the URL prefix alone; cookies and headers only steer the first visit to /.
export const [i18nextMiddleware, getLocale, getInstance] = createI18nextMiddleware({
  detection: {
    supportedLanguages: [...LANGS],
    fallbackLanguage: DEFAULT_LANG,
    order: ['custom'],
    findLocale: async (request) => langFromPath(new URL(request.url).pathname),
  },
  i18next: I18N_OPTIONS,
  plugins: [initReactI18next],
});
