import type { Lang } from './config';
import { de } from './locales/de';
import { type Translation, en } from './locales/en';
import { zh } from './locales/zh';
import { I18N_SETTINGS } from './settings';

// Bundled with the app: no translation files are fetched from elsewhere at run time. The server
// holds all three; the browser loads only its page's language (entry.client.tsx).
export const resources: Record<Lang, { translation: Translation }> = {
  en: { translation: en },
  zh: { translation: zh },
  de: { translation: de },
};

/** The server's i18next options: the shared settings with every language. */
export const I18N_OPTIONS = { ...I18N_SETTINGS, resources };
