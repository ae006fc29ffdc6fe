import { expect, test } from 'vitest';

import { queryTerms, tokenSpans, tokenize } from './tokenize';

test('Latin text is lower-cased and split into words at spaces, hyphens and punctuation', () => {
  expect(tokenize('Urban-Act: Low-Carbon, resilient CITIES (2022)')).toEqual([
    'urban',
    'act',
    'low',
    'carbon',
    'resilient',
    'cities',
    '2022',
  ]);
});

test('German umlauts and ß stay inside their word', () => {
  expect(tokenize('Klimapartnerschaft für Straßenverkehr')).toEqual([
    'klimapartnerschaft',
    'für',
    'straßenverkehr',
  ]);
});

test('an IKI project number is one token, with or without the plus', () => {
  expect(tokenize('Projekt 15_I_235 und 11_I+_002 sowie 08_II_013.')).toEqual([
    'projekt',
    '15_i_235',
    'und',
    '11_i+_002',
    'sowie',
    '08_ii_013',
  ]);
});

test('something that only resembles a project number is split into words', () => {
  expect(tokenize('a15_I_235 15_I_2350')).toEqual(['a15', 'i', '235', '15', 'i', '2350']);
});

test('a run of Chinese characters becomes its characters and overlapping pairs', () => {
  expect(tokenize('排放交易')).toEqual(['排', '放', '交', '易', '排放', '放交', '交易']);
});

test('Chinese punctuation separates runs and a lone character is one token', () => {
  expect(tokenize('中国，排放（ETS）与')).toEqual([
    '中',
    '国',
    '中国',
    '排',
    '放',
    '排放',
    'ets',
    '与',
  ]);
});

test('Chinese next to Latin letters and digits is split at the script boundary', () => {
  expect(tokenize('Urban-Act: 应对2022年')).toEqual([
    'urban',
    'act',
    '应',
    '对',
    '应对',
    '2022',
    '年',
  ]);
});

test('punctuation, query syntax and empty text give no tokens', () => {
  for (const text of ['', '   ', 'title:', '~~', '*^', '"', '+-', '。，！']) {
    expect(tokenize(text), text).toEqual(text === 'title:' ? ['title'] : []);
  }
});

test('spans give the offsets of each run in the original text', () => {
  const text = 'ETS 排放交易';
  expect(tokenSpans(text)).toEqual([
    { text: 'ets', kind: 'word', start: 0, end: 3 },
    { text: '排放交易', kind: 'han', start: 4, end: 8 },
  ]);
});

test('a long Han run also gives its dictionary words of three or more characters', () => {
  const tokens = tokenize('减少二氧化碳排放');
  expect(tokens).toContain('二氧化碳');
  // The characters and pairs stay, so one-character and two-character queries still match.
  expect(tokens).toEqual(expect.arrayContaining(['减', '碳', '二氧', '碳排', '排放']));
  // Two-character words are the run's bigrams already; they are not given twice.
  expect(tokenize('能源').filter((t) => t === '能源')).toHaveLength(1);
});

test('a query of two or more Han characters asks for its bigrams, never its single characters', () => {
  expect(queryTerms('能源')).toEqual({ units: ['能源'], words: [] });
  const { units } = queryTerms('能源转型');
  expect(units).toEqual(['能源', '源转', '转型']);
  expect(units).not.toContain('能');
});

test('a one-character Han query asks for that character', () => {
  expect(queryTerms('源')).toEqual({ units: ['源'], words: [] });
});

test('a query’s long dictionary words are the same words the index holds for that text', () => {
  const { words } = queryTerms('中华人民共和国');
  expect(words).toEqual(['共和国']);
  for (const word of words) expect(tokenize('中华人民共和国成立')).toContain(word);
});

test('a mixed query keeps its Latin words beside the Han bigrams', () => {
  expect(queryTerms('NDC 能源转型').units).toEqual(['ndc', '能源', '源转', '转型']);
});
