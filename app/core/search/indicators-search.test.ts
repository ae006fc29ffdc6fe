import { expect, test } from 'vitest';

import { createTestDb, insertIndicator, insertProject } from '../../../db/test-factories';
import { searchPortfolio } from './search.server';

// Indicator titles are indexed with their project: a search for one finds the project, and the
// snippet is the indicator's title alone (the result then opens the project at #indicators).

const db = createTestDb();
const wetlands = insertProject(db, {
  title: 'Wetland restoration in the Yellow River delta',
  summary: 'Restoring wetlands with local partners.',
});
insertIndicator(db, wetlands.id, { title: 'Households with improved water supply' });
insertIndicator(db, wetlands.id, {
  title: 'Officials trained in carbon accounting',
  titleZh: '接受碳核算培训的官员',
  titleDe: 'In CO₂-Bilanzierung geschulte Beamte',
});
const other = insertProject(db, { title: 'Clean heating in northern cities' });
insertIndicator(db, other.id, { title: 'Boilers replaced', titleZh: '更换的锅炉' });

const find = (q: string) => searchPortfolio(q, 20, db).filter((r) => r.type === 'project');
const text = (parts: { text: string }[]) => parts.map((p) => p.text).join('');

test('an indicator’s English title finds its project, with that title alone as the snippet', () => {
  const [hit, ...rest] = find('carbon accounting');
  expect(hit?.slug).toBe(wetlands.slug);
  expect(rest).toEqual([]);
  expect(hit!.isIndicatorMatch).toBe(true);
  expect(text(hit!.snippet)).toBe('Officials trained in carbon accounting');
  expect(hit!.snippet.filter((p) => p.isMatch).map((p) => p.text)).toEqual(['carbon', 'accounting']);
});

test('German titles are stemmed as German (geschulten finds geschulte)', () => {
  const [hit] = find('geschulten Beamten');
  expect(hit?.slug).toBe(wetlands.slug);
  expect(hit!.isIndicatorMatch).toBe(true);
  expect(hit!.snippetLang).toBe('de');
  expect(text(hit!.snippet)).toBe('In CO₂-Bilanzierung geschulte Beamte');
});

test('Chinese titles are found by their character pairs, and only the pair is marked', () => {
  const [hit, ...rest] = find('碳核算');
  expect(hit?.slug).toBe(wetlands.slug);
  expect(rest).toEqual([]);
  expect(hit!.snippetLang).toBe('zh');
  expect(text(hit!.snippet)).toBe('接受碳核算培训的官员');
  expect(hit!.snippet.filter((p) => p.isMatch).map((p) => p.text)).toEqual(['碳核算']);
  // 锅炉 is a pair of the other project's indicator; 锅 alone is no pair of either title here.
  expect(find('锅炉').map((r) => r.slug)).toEqual([other.slug]);
});

test('a match in the project’s own texts is no indicator match', () => {
  const [hit] = find('wetland restoration');
  expect(hit?.slug).toBe(wetlands.slug);
  expect(hit!.isIndicatorMatch).toBe(false);
});
