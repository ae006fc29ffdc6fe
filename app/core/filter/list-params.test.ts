import { expect, test } from 'vitest';

import { PAGE_SIZE, clampPage, listSearch, parseListParams } from './list-params';

const parse = (query: string) => parseListParams(new URLSearchParams(query));

test('no parameters mean page 1 in the default order (ongoing first, then the newest start)', () => {
  expect(parse('')).toEqual({ page: 1, sort: 'current', dir: 'asc', adjustments: [] });
});

test('valid page, sort and direction are taken as given', () => {
  expect(parse('page=2&sort=funding&dir=desc')).toMatchObject({
    page: 2,
    sort: 'funding',
    dir: 'desc',
    adjustments: [],
  });
});

test('bad values fall back to defaults and say which were replaced', () => {
  const params = parse('page=-3&sort=%3Cscript%3Ealert(1)%3C/script%3E&dir=sideways');
  expect(params).toMatchObject({ page: 1, sort: 'current', dir: 'asc' });
  expect(params.adjustments).toEqual([
    { key: 'pageInvalid' },
    { key: 'sortInvalid' },
    { key: 'dirInvalid' },
  ]);
  for (const page of ['0', '1.5', 'abc', '99999999999']) {
    expect(parse(`page=${page}`).page, page).toBe(1);
  }
});

test('a page beyond the last is clamped to the last page', () => {
  const clamped = clampPage(parse('page=9'), PAGE_SIZE + 1);
  expect(clamped.page).toBe(2);
  expect(clamped.adjustments).toEqual([{ key: 'pageBeyond', count: 2 }]);
  expect(clampPage(parse('page=2'), PAGE_SIZE + 1).adjustments).toHaveLength(0);
  expect(clampPage(parse('page=3'), 0).page).toBe(1);
});

test('list links leave defaults out', () => {
  expect(listSearch({ page: 1, sort: 'current', dir: 'asc' })).toBe('');
  // Title order, no longer the default, is said in the link.
  expect(listSearch({ page: 1, sort: 'title', dir: 'asc' })).toBe('?sort=title');
  expect(listSearch({ page: 3, sort: 'end', dir: 'desc' })).toBe('?sort=end&dir=desc&page=3');
});
