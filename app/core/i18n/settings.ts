import type { InitOptions } from 'i18next';

import { LANGS } from './config';
import type { Translation } from './locales/en';

/** Every key asked for but not translated is logged; the browser tests fail on any such line. */
export function reportMissingKey(languages: readonly string[], namespace: string, key: string) {
  console.error(`[i18n] missing key "${namespace}:${key}" for ${languages.join(', ')}`);
}

/**
 * The same i18next settings on the server (per request, all languages: resources.ts) and in the
 * browser (the page's language only: entry.client.tsx), without the translations themselves.
 */
export const I18N_SETTINGS = {
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
