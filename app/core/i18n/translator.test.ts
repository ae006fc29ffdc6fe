import i18next from 'i18next';
import { expect, test, vi } from 'vitest';

import { LANGS } from './config';
import { resources } from './resources';
import { I18N_SETTINGS } from './settings';
import { createTranslator } from './translator';

type Tree = { [key: string]: string | Tree };

/** Every leaf key of a translation tree, dotted. */
function leafKeys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : leafKeys(value, `${prefix}${key}.`),
  );
}

/** Options that exercise a text: every placeholder it names, and plural counts. */
function optionSets(text: string): (Record<string, unknown> | undefined)[] {
  const names = [...text.matchAll(/\{\{(.+?)\}\}/g)].map((m) => m[1]!.trim());
  const values = Object.fromEntries(names.map((name, i) => [name, `«${name} ${i}»`]));
  return [
    undefined,
    values,
    ...[0, 1, 2, 3, 5, 11, 21, 1.5].map((count) => ({ ...values, count })),
    // A placeholder without its value stays as it is in both.
    names.length ? { unrelated: 1 } : { count: 1 },
  ];
}

// Some ten thousand comparisons: several seconds on a busy machine (hence the time limit).
test('the browser’s translator says exactly what i18next says, for every key of every language', async () => {
  for (const lang of LANGS) {
    const server = i18next.createInstance();
    await server.init({ ...I18N_SETTINGS, lng: lang, resources });
    const serverT = server.getFixedT(lang) as unknown as (k: string, o?: object) => string;
    const tree = resources[lang].translation as unknown as Tree;
    const translator = createTranslator(lang, tree, () => {});
    const browserT = translator.getFixedT(null, 'translation') as unknown as (
      k: string,
      o?: object,
    ) => string;
    const keys = new Set(leafKeys(tree));
    // Plural forms are asked for by their base key.
    for (const key of [...keys]) keys.add(key.replace(/_(?:zero|one|two|few|many|other)$/, ''));
    let compared = 0;
    for (const key of keys) {
      const text = browserT(key) ?? '';
      for (const options of optionSets(String(text))) {
        expect(browserT(key, options), `${lang} ${key} ${JSON.stringify(options)}`).toBe(
          serverT(key, options),
        );
        compared++;
      }
      expect(translator.exists(key), `${lang} ${key}`).toBe(server.exists(key));
    }
    expect(compared).toBeGreaterThan(500);
  }
}, 60_000);

test('a missing key is reported and answered with the key, as i18next does', () => {
  const report = vi.fn();
  const t = createTranslator('de', resources.de.translation as never, report).getFixedT(
    null,
    'translation',
  ) as unknown as (k: string) => string;
  expect(t('nav.nothingHere')).toBe('nav.nothingHere');
  expect(report).toHaveBeenCalledWith(['de'], 'translation', 'nav.nothingHere');
  // A key naming a branch of the tree is not a text either.
  expect(createTranslator('de', { a: { b: 'x' } }, report).exists('a')).toBe(false);
});
