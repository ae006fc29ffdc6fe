import { expect, test } from 'vitest';

import { EMPTY_FILTER } from '../../core/filter/filter';
import { parseReviewParams, reviewSearch } from './review-params';

const parse = (query: string) => parseReviewParams(new URLSearchParams(query));

test('the review view defaults to due order, one list, no paging', () => {
  expect(parse('')).toEqual({
    sort: 'due',
    dir: undefined,
    by: undefined,
    group: undefined,
    page: 1,
    ignored: [],
  });
});

test('bad view values fall back to the default and are named, never echoed', () => {
  expect(parse('sort=<b>&dir=up&by=province&group=late&page=0')).toEqual({
    sort: 'due',
    dir: undefined,
    by: undefined,
    group: undefined,
    page: 1,
    ignored: ['group', 'by', 'sort', 'dir'],
  });
});

test('one group is paged; the sectioned layout does not combine with it', () => {
  expect(parse('group=overdue&page=3&by=ministry')).toMatchObject({
    group: 'overdue',
    page: 3,
    by: undefined,
    ignored: ['by'],
  });
  // Without a group there is nothing to page.
  expect(parse('page=3').page).toBe(1);
});

test('the view keeps the filter first and leaves defaults out of the URL', () => {
  const filter = { ...EMPTY_FILTER, type: ['bilateral' as const] };
  expect(reviewSearch({ sort: 'due', page: 1 }, filter)).toBe('?type=bilateral');
  expect(reviewSearch({ sort: 'status', dir: 'desc', by: 'topic' })).toBe(
    '?sort=status&dir=desc&by=topic',
  );
  expect(reviewSearch({ group: 'not-reported', page: 2 }, filter)).toBe(
    '?type=bilateral&group=not-reported&page=2',
  );
});
