import { type i18n, createInstance } from 'i18next';
import { type MiddlewareFunction, type RouterContextProvider, createContext } from 'react-router';
import { initReactI18next } from 'react-i18next';

import { LANGS, type Lang, langFromPath } from './config';
import { I18N_OPTIONS } from './resources';

// The language comes from the URL prefix alone; cookies and headers only steer the first visit to /.
// One i18next instance per language serves every request in it: the translations are bundled and
// never change while the process runs, and nothing changes an instance's language (switching
// language loads another URL). remix-i18next's middleware created and initialised an instance for
// every request, a twentieth of a signed-in page's server time at the real portfolio.

const instances = new Map<Lang, i18n>();

/** The process's i18next instance for a language, made (synchronously) on first use. */
export function languageInstance(lang: Lang): i18n {
  let instance = instances.get(lang);
  if (!instance) {
    instance = createInstance({ ...I18N_OPTIONS, lng: lang, initAsync: false });
    instance.use(initReactI18next);
    void instance.init();
    instances.set(lang, instance);
  }
  return instance;
}

const instanceContext = createContext<i18n | null>(null);

/** Puts the URL's language's instance into the request's context. */
export const i18nextMiddleware: MiddlewareFunction<Response> = ({ request, context }, next) => {
  context.set(instanceContext, languageInstance(langFromPath(new URL(request.url).pathname)));
  return next();
};

/** The request's i18next instance (set by i18nextMiddleware). */
export function getInstance(context: Readonly<RouterContextProvider>): i18n {
  const instance = context.get(instanceContext);
  if (!instance) throw new Error('getInstance() before i18nextMiddleware ran');
  return instance;
}

/**
 * The request's i18next instance; where the middleware never ran (React Router refuses a method
 * it does not know before any middleware, then still renders its error page), the one of the
 * URL's language, so that rendering the refusal cannot fail.
 */
export function requestInstance(context: Readonly<RouterContextProvider>, url: string): i18n {
  return context.get(instanceContext) ?? languageInstance(langFromPath(new URL(url).pathname));
}

/** Every language's instance made now, not on the first request in it. */
export function prepareLanguages(): void {
  for (const lang of LANGS) languageInstance(lang);
}
