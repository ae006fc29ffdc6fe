import { expect, test } from 'vitest';

import { de } from './locales/de';
import { en } from './locales/en';
import { zh } from './locales/zh';

function flatten(tree: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value as object, path)) out.set(k, v);
  }
  return out;
}

const variables = (text: string) => [...text.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();

test.each([
  ['zh', zh],
  ['de', de],
])('%s has exactly the English keys, each translated, with the same placeholders', (_, locale) => {
  const source = flatten(en);
  const target = flatten(locale);
  expect([...target.keys()].sort()).toEqual([...source.keys()].sort());
  for (const [key, text] of target) {
    expect(text.trim(), key).not.toBe('');
    expect(variables(text), key).toEqual(variables(source.get(key)!));
  }
});
