import i18next from 'i18next';
import { StrictMode, startTransition } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { HydratedRouter } from 'react-router/dom';

import { langFromPath } from './i18n/config';
import { I18N_OPTIONS } from './i18n/resources';

// The server rendered this page in the language of its URL; the client takes the same one.
await i18next
  .use(initReactI18next)
  .init({ ...I18N_OPTIONS, lng: langFromPath(window.location.pathname) });

startTransition(() => {
  hydrateRoot(
    document,
    <I18nextProvider i18n={i18next}>
      <StrictMode>
        <HydratedRouter />
      </StrictMode>
    </I18nextProvider>,
  );
});
