import { readFileSync } from 'node:fs';

import { expect, test } from 'vitest';

import { type SearchDocument, buildSearchIndex, searchIndex } from './engine';

/** A document with a Chinese title and summary; every other text empty. */
const doc = (slug: string, titleZh: string, summaryZh: string | null = null): SearchDocument => ({
  type: 'project',
  slug,
  number: null,
  title: slug,
  titleZh,
  titleDe: null,
  summary: null,
  summaryZh,
  summaryDe: null,
  keywords: [],
});

const INDEX = buildSearchIndex([
  doc('resources', '自然资源部', '负责自然资源的管理。'),
  doc('capacity', '能力建设项目'),
  doc('energy', '能源合作项目'),
  doc('energy-transition', '能源转型伙伴关系', '支持中国的能源转型。'),
  doc('transition', '经济转型研究'),
  doc('ndc-energy', 'NDC实施与能源规划'),
  doc('ndc', 'NDC实施项目'),
]);

const slugs = (query: string) => searchIndex(INDEX, query).map((r) => r.slug);

test('能源 finds the texts with 能源, not those with 源 or 能 alone', () => {
  expect(new Set(slugs('能源'))).toEqual(new Set(['energy', 'energy-transition', 'ndc-energy']));
});

test('a text holding the whole longer query ranks above one holding only part of it', () => {
  const found = slugs('能源转型');
  expect(found[0]).toBe('energy-transition');
  // The parts still match, below the whole: 能源 alone, 转型 alone.
  expect(found).toEqual(expect.arrayContaining(['energy', 'transition']));
  expect(found).not.toContain('capacity');
  expect(found).not.toContain('resources');
});

test('a one-character query still finds every text with that character', () => {
  expect(new Set(slugs('源'))).toEqual(
    new Set(['resources', 'energy', 'energy-transition', 'ndc-energy']),
  );
});

test('a mixed Latin and Chinese query ranks the text with both first, and finds each part', () => {
  const found = slugs('NDC 能源');
  expect(found[0]).toBe('ndc-energy');
  expect(found).toEqual(expect.arrayContaining(['ndc', 'energy', 'energy-transition']));
  expect(found).not.toContain('resources');
});

test('the snippet of a Chinese query marks the pairs it matched, not stray characters', () => {
  const result = searchIndex(INDEX, '能源转型').find((r) => r.slug === 'energy-transition');
  const marked = result!.snippet.filter((p) => p.isMatch).map((p) => p.text);
  expect(marked).toEqual(['能源转型']);
  const resources = buildSearchIndex([doc('r', '自然资源与能源')]);
  expect(searchIndex(resources, '能源')[0]!.snippet.filter((p) => p.isMatch)).toEqual([
    { text: '能源', isMatch: true },
  ]);
});

interface RawProject {
  id: string;
  title: string;
  titleZh: string | null;
}
interface RawOrganisation {
  id: string;
  name: string;
  nameZh: string | null;
}

test('on the real portfolio, 能源 finds only records whose Chinese names or summaries hold 能源', () => {
  const raw = JSON.parse(
    readFileSync(new URL('../../../db/seed/iki-china-projects.json', import.meta.url), 'utf8'),
  ) as { projects: RawProject[]; organisations: RawOrganisation[] };
  const translations = JSON.parse(
    readFileSync(new URL('../../../db/seed/summary-translations.json', import.meta.url), 'utf8'),
  ) as { translations: { projectId: string; zh: string }[] };
  const summaryZh = new Map(translations.translations.map((t) => [t.projectId, t.zh]));
  const docs = [
    ...raw.projects.map((p) => doc(p.id, p.titleZh ?? '', summaryZh.get(p.id) ?? null)),
    ...raw.organisations.map((o) => ({
      ...doc(o.id, o.nameZh ?? ''),
      type: 'organisation' as const,
    })),
  ];
  const texts = (d: SearchDocument) => `${d.titleZh} ${d.summaryZh ?? ''}`;
  const expected = docs.filter((d) => texts(d).includes('能源')).map((d) => `${d.type}:${d.slug}`);
  // The portfolio has records with 源 but not 能源 (自然资源部): the ones that must stay out.
  expect(docs.some((d) => texts(d).includes('源') && !texts(d).includes('能源'))).toBe(true);
  expect(expected.length).toBeGreaterThan(0);
  const index = buildSearchIndex(docs);
  const found = searchIndex(index, '能源', 1000).map((r) => `${r.type}:${r.slug}`);
  expect(new Set(found)).toEqual(new Set(expected));
});
