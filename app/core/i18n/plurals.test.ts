import { expect, test } from 'vitest';

import { de } from './locales/de';
import { en } from './locales/en';
import { zh } from './locales/zh';

// Every text that puts a number before a word that agrees with it ("1 projects", "1 Projekte")
// must be a plural pair chosen by `count` (i18next's Intl.PluralRules): `_one` and `_other` in
// English and German; Chinese has one form, `_other` (its `_one` exists only because every
// language has the English keys).

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** The placeholders that hold a number of things. */
const NUMBERS = new Set([
  'count', 'n', 'total', 'known', 'unknown', 'updates', 'organisations', 'activities',
  'skipped', 'create', 'update', 'unchanged', 'bilateral', 'regional', 'pages', 'pageCount',
  'page', 'first', 'last', 'seconds', 'max', 'percent',
]); // prettier-ignore

/** Words that may follow a number without agreeing with it: "1 of 3", units. */
const NEUTRAL_AFTER = new Set(['of', 'von', 's', 'MB', '%']);

/** Texts whose number stands before a word that does not change with it, and why. */
const EXCEPTIONS: Record<string, string> = {
  'home.global': 'an adjective of type ("1 global", "2 global"), the same for any number',
  'home.typeUnknown': 'describes the projects’ type ("3 type not published"), not a noun counted',
  'home.byType': 'adjectives of type ("1 bilateral · 2 regional"), the same for any number',
};

const en_ = flatten(en as unknown as Tree);
const locales = { en: en_, de: flatten(de as unknown as Tree), zh: flatten(zh as unknown as Tree) };

/** The keys of texts with a number directly before a word that agrees with it. */
function countedKeys(texts: Map<string, string>): string[] {
  const keys: string[] = [];
  for (const [key, text] of texts) {
    for (const m of text.matchAll(/\{\{(\w+)\}\}\s*([\p{L}%]+)/gu)) {
      if (NUMBERS.has(m[1]!) && !NEUTRAL_AFTER.has(m[2]!)) keys.push(key);
    }
  }
  return [...new Set(keys)];
}

const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');

test('every text with a number before a word it agrees with is a plural pair, in en, de and zh', () => {
  const keys = new Set([...countedKeys(en_), ...countedKeys(locales.de)].map(base));
  expect(keys.size).toBeGreaterThan(20);
  for (const key of keys) {
    if (key in EXCEPTIONS) continue;
    for (const lang of ['en', 'de'] as const) {
      expect(locales[lang].has(`${key}_one`), `${lang} ${key}_one`).toBe(true);
      expect(locales[lang].has(`${key}_other`), `${lang} ${key}_other`).toBe(true);
      expect(locales[lang].has(key), `${lang} ${key} without a plural suffix`).toBe(false);
    }
    expect(locales.zh.has(`${key}_other`), `zh ${key}_other`).toBe(true);
  }
});

test('the singular and plural of a pair differ in English and German wherever the number precedes a noun', () => {
  for (const [key, one] of en_) {
    if (!key.endsWith('_one')) continue;
    const stem = base(key);
    for (const lang of ['en', 'de'] as const) {
      const texts = locales[lang];
      const singular = texts.get(`${stem}_one`)!;
      const plural = texts.get(`${stem}_other`)!;
      // "N more …" in English keeps its form; every other pair says the singular differently.
      if (lang === 'en' && /\{\{\w+\}\} more\b/.test(one)) continue;
      expect(singular, `${lang} ${stem}`).not.toBe(plural);
    }
  }
});

test('every exception is still a text, so the list does not outlive its reason', () => {
  for (const key of Object.keys(EXCEPTIONS)) expect(en_.has(key), key).toBe(true);
});

test('a plural pair chosen by count reads right for 1 and for 2 in English and German', async () => {
  const { default: i18next } = await import('i18next');
  const { resources } = await import('./resources');
  for (const lang of ['en', 'de'] as const) {
    const i18n = i18next.createInstance();
    await i18n.init({ lng: lang, resources, interpolation: { escapeValue: false } });
    expect(i18n.t('organisations.projects', { count: 1 })).toBe(
      lang === 'en' ? '1 project' : '1 Projekt',
    );
    expect(i18n.t('topics.projects', { count: 2 })).toBe(
      lang === 'en' ? '2 projects' : '2 Projekte',
    );
  }
});
