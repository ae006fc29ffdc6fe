import type { i18n as I18n } from 'i18next';
import { createContext } from 'react';

/**
 * The page's translations, for the hooks in hooks.ts: the request's i18next instance on the
 * server, the small translator of translator.ts in the browser. The hub's own context rather
 * than react-i18next's provider, so the browser loads neither react-i18next nor i18next.
 */
export const I18nInstanceContext = createContext<PageI18n | null>(null);

/** What the hooks use of an i18next instance (the server's) or of the browser's translator. */
export type PageI18n = Pick<I18n, 'language' | 'exists' | 'getFixedT'>;
