import { readFileSync } from 'node:fs';

import { expect, test } from 'vitest';

import {
  type SearchDocument,
  buildSearchIndex,
  documentCount,
  lunrReferenceMatches,
  searchAll,
  searchIndex,
} from './engine';

interface RawDataset {
  projects: {
    id: string;
    ikiProjectNumber: string | null;
    title: string;
    titleZh: string | null;
    titleDe: string | null;
    summary: string | null;
    topics: string[];
  }[];
  events: { id: string; title: string; description: string | null }[];
  organisations: { id: string; name: string; nameZh: string | null; acronym: string | null }[];
}

interface RawTranslations {
  translations: { projectId: string; zh: string; de: string }[];
}

// The real portfolio; expected values are computed from these files, never from the engine.
const readJson = <T>(path: string): T =>
  JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as T;
const RAW = readJson<RawDataset>('../../../db/seed/iki-china-projects.json');
const TRANSLATIONS = new Map(
  readJson<RawTranslations>('../../../db/seed/summary-translations.json').translations.map((t) => [
    t.projectId,
    t,
  ]),
);

/** A document with the fields given; every other text empty. */
const searchDocument = (
  fields: Pick<SearchDocument, 'type' | 'slug' | 'title'> & Partial<SearchDocument>,
): SearchDocument => ({
  number: null,
  titleZh: null,
  titleDe: null,
  summary: null,
  summaryZh: null,
  summaryDe: null,
  keywords: [],
  ...fields,
});

const DOCUMENTS: SearchDocument[] = [
  ...RAW.projects.map((p) =>
    searchDocument({
      type: 'project',
      slug: p.id,
      number: p.ikiProjectNumber,
      title: p.title,
      titleZh: p.titleZh,
      titleDe: p.titleDe,
      summary: p.summary,
      summaryZh: TRANSLATIONS.get(p.id)?.zh ?? null,
      summaryDe: TRANSLATIONS.get(p.id)?.de ?? null,
      keywords: p.topics,
    }),
  ),
  ...RAW.events.map((e) =>
    searchDocument({ type: 'event', slug: e.id, title: e.title, summary: e.description }),
  ),
  ...RAW.organisations.map((o) =>
    searchDocument({
      type: 'organisation',
      slug: o.id,
      title: o.name,
      titleZh: o.nameZh,
      keywords: o.acronym ? [o.acronym] : [],
    }),
  ),
];

const INDEX = buildSearchIndex(DOCUMENTS);

const projectSlugs = (query: string) =>
  searchIndex(INDEX, query)
    .filter((r) => r.type === 'project')
    .map((r) => r.slug);

const numberOf = (slug: string) => RAW.projects.find((p) => p.id === slug)?.ikiProjectNumber;

test('the index holds every project, event and organisation of the seed', () => {
  expect(documentCount(INDEX)).toBe(
    RAW.projects.length + RAW.events.length + RAW.organisations.length,
  );
});

test('排放交易 puts the emissions trading project first', () => {
  const ets = RAW.projects.find((p) => p.id === 'ets-capacity-building');
  expect(ets?.titleZh).toContain('排放交易');
  const results = searchIndex(INDEX, '排放交易');
  expect(results[0]).toMatchObject({ type: 'project', slug: 'ets-capacity-building' });
});

test('伙伴关系 finds every project whose Chinese title names a partnership', () => {
  const expected = RAW.projects.filter((p) => p.titleZh?.includes('伙伴关系')).map((p) => p.id);
  expect(expected.length).toBeGreaterThan(1);
  const found = projectSlugs('伙伴关系');
  expect(found).toEqual(expect.arrayContaining(expected));
  // Titles weigh more than summaries: the partnerships lead the list.
  expect(new Set(found.slice(0, expected.length))).toEqual(new Set(expected));
});

test('a German plural finds the projects whose German title or summary has the singular', () => {
  // "Klimapartnerschaften" is not in the data; "Klimapartnerschaft" is, in titles and summaries.
  const expected = RAW.projects
    .filter((p) =>
      [p.titleDe, TRANSLATIONS.get(p.id)?.de].some((text) => text?.includes('Klimapartnerschaft')),
    )
    .map((p) => p.id);
  expect(expected.length).toBeGreaterThan(0);
  expect(
    DOCUMENTS.some((d) =>
      [d.titleDe, d.summaryDe].some((t) => t?.includes('Klimapartnerschaften')),
    ),
  ).toBe(false);
  expect(projectSlugs('Klimapartnerschaften')).toEqual(expect.arrayContaining(expected));
});

test('a German inflected word matches its stem in the German title', () => {
  const xps = RAW.projects.find((p) => p.titleDe?.includes('fluorierten'));
  expect(xps).toBeDefined();
  expect(projectSlugs('fluoriertes')).toContain(xps?.id);
});

test('English words are stemmed: "trades" and "emission trades" find the emissions trading project', () => {
  const ets = RAW.projects.find((p) => p.id === 'ets-capacity-building');
  expect(ets?.summary).toMatch(/emissions trading/i);
  expect(projectSlugs('trades')).toContain('ets-capacity-building');
  expect(projectSlugs('emission trades')[0]).toBe('ets-capacity-building');
});

test('a prefix matches while the user is still typing', () => {
  expect(projectSlugs('electromob')).toEqual(
    expect.arrayContaining(
      RAW.projects.filter((p) => p.topics.some((t) => /electromob/i.test(t))).map((p) => p.id),
    ),
  );
});

test('an exact project number puts that project first, whatever its case', () => {
  expect(numberOf('clct')).toBe('15_I_235');
  expect(numberOf('ets-capacity-building')).toBe('11_I+_002');
  for (const [query, slug] of [
    ['15_I_235', 'clct'],
    ['15_i_235', 'clct'],
    ['  11_I+_002 ', 'ets-capacity-building'],
    ['11_i+_002', 'ets-capacity-building'],
  ] as const) {
    const [first, second] = searchIndex(INDEX, query);
    expect(first?.slug, query).toBe(slug);
    expect(first!.score, query).toBeGreaterThan(second?.score ?? 0);
  }
});

test('a project number whose plus arrived as a space still finds the project', () => {
  expect(searchIndex(INDEX, '11_I _002')[0]?.slug).toBe('ets-capacity-building');
});

test('query syntax, punctuation and empty input return arrays without throwing', () => {
  for (const query of [
    'title:',
    '~~',
    '*^',
    '"',
    '+-',
    '',
    '   ',
    ':',
    '^',
    '*',
    '-title:foo~2^3',
    '\\',
  ]) {
    expect(() => searchIndex(INDEX, query), query).not.toThrow();
    expect(Array.isArray(searchIndex(INDEX, query)), query).toBe(true);
  }
  expect(searchIndex(INDEX, '')).toEqual([]);
  expect(searchIndex(INDEX, '~~')).toEqual([]);
  expect(searchIndex(INDEX, '*^ "+-')).toEqual([]);
});

test('very long input and stop words alone do not throw', () => {
  expect(() => searchIndex(INDEX, 'climate '.repeat(10_000))).not.toThrow();
  expect(searchIndex(INDEX, 'the and of')).toEqual([]);
});

test('the direct scoring gives exactly lunr’s own matches and scores, in coverage then score order', () => {
  const queries = ['climate finance', '排放交易', '交通', 'emis', 'energie', 'NDC china', 'giz'];
  for (const q of queries) {
    const reference = lunrReferenceMatches(INDEX, q);
    expect(reference.length, q).toBeGreaterThan(0);
    const results = searchIndex(INDEX, q, 10_000);
    const ours = new Map(results.map((r) => [`${r.type}:${r.slug}`, r.score]));
    expect([...ours.keys()].sort(), q).toEqual(reference.map((m) => m.ref).sort());
    for (const { ref, score } of reference)
      expect(ours.get(ref), `${q} ${ref}`).toBeCloseTo(score, 9);
    const ranks = results.map((r) => [r.coverage, r.score] as const);
    expect(ranks, q).toEqual(
      [...ranks].sort(([coverA, scoreA], [coverB, scoreB]) => coverB - coverA || scoreB - scoreA),
    );
    // Without snippets, the filter's path finds the same documents in the same order.
    expect(
      searchAll(INDEX, q).map((d) => `${d.type}:${d.slug}`),
      q,
    ).toEqual([...ours.keys()]);
  }
});

test('the limit caps the number of results', () => {
  expect(searchIndex(INDEX, 'climate', 3)).toHaveLength(3);
  expect(searchIndex(INDEX, 'climate', 0)).toEqual([]);
});

test('a snippet marks the matched words and its text is cut from the matched field', () => {
  const [first] = searchIndex(INDEX, 'emissions trading');
  expect(first?.slug).toBe('ets-capacity-building');
  const marked = first!.snippet.filter((p) => p.isMatch).map((p) => p.text.toLowerCase());
  expect(marked.length).toBeGreaterThan(0);
  for (const word of marked) expect(word).toMatch(/emission|trading/);
  const text = first!.snippet.map((p) => p.text).join('');
  expect(text.length).toBeLessThanOrEqual(170);
});

test('a snippet is a slice of the document text itself, with ellipses where it was cut', () => {
  for (const query of ['emissions trading', '排放交易', 'Klimapartnerschaft', 'GIZ', '交']) {
    for (const result of searchIndex(INDEX, query, 10)) {
      const doc = DOCUMENTS.find((d) => d.type === result.type && d.slug === result.slug)!;
      const sources = [doc.number, doc.title, doc.titleZh, doc.titleDe, doc.summary]
        .concat([doc.summaryZh, doc.summaryDe, doc.keywords.join(' · ')])
        .filter((t): t is string => !!t);
      const text = result.snippet
        .map((p) => p.text)
        .join('')
        .replace(/^… ?| ?…$/g, '');
      expect(
        sources.some((source) => source.includes(text)),
        `${query} → ${result.slug}`,
      ).toBe(true);
    }
  }
});

test('a Chinese snippet marks the matched characters in the Chinese text', () => {
  const [first] = searchIndex(INDEX, '排放交易');
  expect(first?.snippetLang).toBe('zh');
  expect(first!.snippet.filter((p) => p.isMatch).map((p) => p.text)).toContain('排放交易');
});

test('a German match gives a German snippet', () => {
  const [first] = searchIndex(INDEX, 'Klimapartnerschaft');
  expect(first?.snippetLang).toBe('de');
  expect(first!.snippet.some((p) => p.isMatch && /klimapartnerschaft/i.test(p.text))).toBe(true);
});

test('organisations are found by acronym and by Chinese name', () => {
  const giz = RAW.organisations.find((o) => o.id === 'giz');
  expect(giz?.nameZh).toBeTruthy();
  const byAcronym = searchIndex(INDEX, 'GIZ').find((r) => r.type === 'organisation');
  expect(byAcronym?.slug).toBe('giz');
  expect(searchIndex(INDEX, giz!.nameZh!)[0]).toMatchObject({ type: 'organisation', slug: 'giz' });
});

test('building the real index and running one query are quick enough to do per server start', () => {
  const t0 = performance.now();
  const index = buildSearchIndex(DOCUMENTS);
  const t1 = performance.now();
  searchIndex(index, '排放交易 emissions Klimapartnerschaften');
  const t2 = performance.now();
  console.log(
    `[search] ${documentCount(index)} documents: build ${(t1 - t0).toFixed(1)} ms, query ${(t2 - t1).toFixed(1)} ms`,
  );
  expect(documentCount(index)).toBe(DOCUMENTS.length);
});
