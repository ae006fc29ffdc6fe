import i18next from 'i18next';
import { renderToString } from 'react-dom/server';
import { expect, test } from 'vitest';

import { I18nInstanceContext } from './context';
import { useTranslation } from './hooks';
import {
  PAGE_TRANSLATIONS_ID,
  PageTranslations,
  RenderedNamespacesContext,
  recordNamespaces,
} from './page-translations';
import { resources } from './resources';
import { I18N_SETTINGS } from './settings';

async function instance(lng: 'en' | 'zh') {
  const i18n = i18next.createInstance();
  await i18n.init({ ...I18N_SETTINGS, resources, lng });
  return i18n;
}

function Page() {
  const { t } = useTranslation();
  return (
    <p>
      {t('dashboard.title')} {t(['timeline.title', 'timeline.lead'] as unknown as 'site.name')}
    </p>
  );
}

/** The data block's JSON in a server render of a page and the block after it. */
function sentOf(html: string): Record<string, unknown> {
  const match = new RegExp(
    `<script type="application/json" id="${PAGE_TRANSLATIONS_ID}">(.*?)</script>`,
  ).exec(html);
  expect(match, html).not.toBeNull();
  return JSON.parse(match![1]!) as Record<string, unknown>;
}

test('a page sends the browser exactly the namespaces its render asked for, and the shared ones', async () => {
  for (const lng of ['en', 'zh'] as const) {
    const i18n = await instance(lng);
    const html = renderToString(
      <I18nInstanceContext value={i18n}>
        <RenderedNamespacesContext value={recordNamespaces()}>
          <Page />
          <PageTranslations />
        </RenderedNamespacesContext>
      </I18nInstanceContext>,
    );
    const sent = sentOf(html);
    expect(Object.keys(sent).sort()).toEqual(
      ['common', 'dashboard', 'error', 'form', 'map', 'pagination', 'site', 'timeline'].sort(),
    );
    // The language's own texts, whole namespaces of them.
    expect(sent.dashboard).toEqual(resources[lng].translation.dashboard);
    expect(sent.knowledge).toBeUndefined();
  }
});

test('the data block cannot end its <script> early', async () => {
  const i18n = i18next.createInstance();
  await i18n.init({
    ...I18N_SETTINGS,
    resources: { en: { translation: { site: { name: '</script><b>x</b>' } } } },
    lng: 'en',
  });
  const html = renderToString(
    <I18nInstanceContext value={i18n}>
      <RenderedNamespacesContext value={recordNamespaces()}>
        <PageTranslations />
      </RenderedNamespacesContext>
    </I18nInstanceContext>,
  );
  expect(html.match(/<\/script>/g)).toHaveLength(1);
  expect((sentOf(html).site as { name: string }).name).toBe('</script><b>x</b>');
});

test('two renders with one shared i18next instance each send their own namespaces', async () => {
  // One instance serves every request in its language (i18next.server.ts).
  const i18n = await instance('en');
  function Other() {
    const { t } = useTranslation();
    return <p>{t('knowledge.title' as 'site.name')}</p>;
  }
  const render = (page: React.ReactNode) =>
    sentOf(
      renderToString(
        <I18nInstanceContext value={i18n}>
          <RenderedNamespacesContext value={recordNamespaces()}>
            {page}
            <PageTranslations />
          </RenderedNamespacesContext>
        </I18nInstanceContext>,
      ),
    );
  const first = render(<Page />);
  const second = render(<Other />);
  expect(Object.keys(first)).toContain('dashboard');
  expect(Object.keys(first)).not.toContain('knowledge');
  expect(Object.keys(second)).toContain('knowledge');
  expect(Object.keys(second)).not.toContain('dashboard');
});
