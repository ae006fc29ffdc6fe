import type { PageI18n } from './context';
import type { Lang } from './config';

// The browser's translator: the few i18next features the hub's texts use, in a page's one
// language, so that the browser loads no i18next (14 KB gzipped) — nested keys, `{{name}}`
// interpolation without escaping, plurals by count (`_zero` when given, then Intl.PluralRules'
// `_one`/`_other`…, then the bare key), `exists`, and the same report of a missing key.
// translator.test.ts checks it against i18next for every key of every language, so that a
// hydrated page says exactly what the server (i18next) rendered.

type Tree = { [key: string]: string | Tree };

const INTERPOLATION = /\{\{(.+?)\}\}/g;

function lookup(tree: Tree, key: string): string | Tree | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = Object.hasOwn(node, part) ? node[part] : undefined;
  }
  return node;
}

function valueAt(options: Record<string, unknown>, path: string): unknown {
  let value: unknown = options;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

export function createTranslator(
  lang: Lang,
  sent: Tree,
  onMissing: (languages: readonly string[], namespace: string, key: string) => void,
): PageI18n & { useWhole: (whole: Tree) => void } {
  // The page's share of the language, until the whole of it has loaded (page-translations.tsx).
  let translation = sent;
  const plurals = new Intl.PluralRules(lang);
  const resolve = (key: string, options?: Record<string, unknown>): string | undefined => {
    const count = options?.count;
    const candidates: string[] = [];
    if (typeof count === 'number') {
      if (count === 0) candidates.push(`${key}_zero`);
      candidates.push(`${key}_${plurals.select(count)}`);
    }
    candidates.push(key);
    for (const candidate of candidates) {
      const found = lookup(translation, candidate);
      if (typeof found === 'string') return found;
    }
    return undefined;
  };
  const t = (key: string, options?: Record<string, unknown>): string => {
    const text = resolve(key, options);
    if (text === undefined) {
      onMissing([lang], 'translation', key);
      return key;
    }
    if (!options) return text;
    return text.replace(INTERPOLATION, (whole, name: string) => {
      const value = valueAt(options, name.trim());
      // i18next leaves a placeholder without a value as it stands.
      return value === undefined ? whole : String(value);
    });
  };
  const translator = {
    language: lang,
    exists: (key: string, options?: Record<string, unknown>) => resolve(key, options) !== undefined,
    getFixedT: () => t,
    useWhole: (whole: Tree) => {
      translation = whole;
    },
  };
  return translator as unknown as PageI18n & { useWhole: (whole: Tree) => void };
}
