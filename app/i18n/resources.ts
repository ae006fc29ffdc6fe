import type { InitOptions } from 'i18next';

import { LANGS, type Lang } from './config';
import { de } from './locales/de';
import { type Translation, en } from './locales/en';
import { zh } from './locales/zh';

// Bundled with the app: no translation files are fetched at run time.
export const resources: Record<Lang, { translation: Translation }> = {
  en: { translation: en },
  zh: { translation: zh },
  de: { translation: de },
};

/** Every key asked for but not translated is logged; the browser tests fail on any such line. */
function reportMissingKey(languages: readonly string[], namespace: string, key: string) {
  console.error(`[i18n] missing key "${namespace}:${key}" for ${languages.join(', ')}`);
}

/** The same i18next settings on the server (per request) and in the browser. */
export const I18N_OPTIONS = {
  resources,
  supportedLngs: [...LANGS],
  fallbackLng: false,
  interpolation: { escapeValue: false },
  saveMissing: true,
  missingKeyHandler: reportMissingKey,
} satisfies InitOptions;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Translation };
  }
}
