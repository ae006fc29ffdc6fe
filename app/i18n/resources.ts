import type { Lang } from './config';
import { de } from './locales/de';
import { type Translation, en } from './locales/en';
import { zh } from './locales/zh';

// Bundled with the app: no translation files are fetched at run time.
export const resources: Record<Lang, { translation: Translation }> = {
  en: { translation: en },
  zh: { translation: zh },
  de: { translation: de },
};

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Translation };
  }
}
