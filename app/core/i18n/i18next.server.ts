import { type i18n, createInstance } from 'i18next';
import type { RouterContextProvider } from 'react-router';
import { initReactI18next } from 'react-i18next';
import { createI18nextMiddleware } from 'remix-i18next/middleware';

import { DEFAULT_LANG, LANGS, type Lang, langFromPath } from './config';
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

const langInstances = new Map<Lang, i18n>();

/**
 * An i18next instance for one language, made once: where no request's middleware ran (a job in a
 * worker thread, app/core/jobs/), or a refusal rendered before it did (requestInstance).
 */
export function langInstance(lang: Lang): i18n {
  let instance = langInstances.get(lang);
  if (!instance) {
    instance = createInstance({ ...I18N_OPTIONS, lng: lang, initAsync: false });
    instance.use(initReactI18next);
    void instance.init();
    langInstances.set(lang, instance);
  }
  return instance;
}

/**
 * The request's i18next instance; where the middleware never ran (React Router refuses a method
 * it does not know before any middleware, then still renders its error page), one for the URL's
 * language, so that rendering the refusal cannot fail.
 */
export function requestInstance(context: Readonly<RouterContextProvider>, url: string): i18n {
  try {
    return getInstance(context);
  } catch {
    return langInstance(langFromPath(new URL(url).pathname));
  }
}
