import { expect, test } from 'vitest';

import {
  MAX_LIST_VALUES,
  filterSearchParams,
  isFilterEmpty,
  parseFilter,
  withValue,
  withoutValue,
} from './filter';

const parse = (query: string) => parseFilter(new URLSearchParams(query));

test('an empty query is the empty filter', () => {
  const { filter, problems } = parse('');
  expect(problems).toEqual([]);
  expect(isFilterEmpty(filter)).toBe(true);
});

test('valid values are read, repeated parameters give several values, codes are normalised', () => {
  const { filter, problems } = parse(
    'topic=transport&topic=buildings&topic=transport&type=regional&province=cn-ah&country=de&from=2015&to=2020&fundingMin=1000000&q=%20emission%20',
  );
  expect(problems).toEqual([]);
  expect(filter).toMatchObject({
    topic: ['transport', 'buildings'],
    type: ['regional'],
    province: ['CN-AH'],
    country: ['DE'],
    from: 2015,
    to: 2020,
    fundingMin: 1_000_000,
    q: 'emission',
  });
});

test('invalid values are dropped and named; unknown parameters are ignored', () => {
  const { filter, problems } = parse(
    'type=alien&status=done&province=Anhui&from=abc&fundingMax=-5&topic=Bad%20Slug!&overdue=yes&page=2&utm=x',
  );
  expect(isFilterEmpty(filter)).toBe(true);
  expect(problems.map((p) => p.parameter).sort()).toEqual(
    ['from', 'fundingMax', 'overdue', 'province', 'status', 'topic', 'type'].sort(),
  );
});

test('a range that ends before it starts keeps only its start', () => {
  const { filter, problems } = parse('from=2020&to=2010&fundingMin=5&fundingMax=1');
  expect(filter.from).toBe(2020);
  expect(filter.to).toBeUndefined();
  expect(filter.fundingMax).toBeUndefined();
  expect(problems.map((p) => p.parameter)).toEqual(['to', 'fundingMax']);
});

test('a filter round-trips through its query string, and values come and go one at a time', () => {
  const { filter } = parse('topic=transport&ministry=bmuv&to=2030');
  expect(parse(filterSearchParams(filter).toString()).filter).toEqual(filter);
  const more = withValue(filter, 'topic', 'buildings');
  expect(more.topic).toEqual(['transport', 'buildings']);
  expect(withoutValue(more, 'topic', 'transport').topic).toEqual(['buildings']);
  expect(withoutValue(filter, 'to').to).toBeUndefined();
  expect(filter.topic).toEqual(['transport']);
});

test('a list parameter keeps at most MAX_LIST_VALUES values and names the rest as ignored', () => {
  const search = new URLSearchParams();
  for (let i = 0; i < MAX_LIST_VALUES + 30; i++) search.append('org', `org-${i}`);
  search.append('org', 'org-0');
  const { filter, problems } = parseFilter(search);
  expect(filter.org).toEqual(Array.from({ length: MAX_LIST_VALUES }, (_, i) => `org-${i}`));
  expect(problems).toEqual([
    { parameter: 'org', message: `org may be given at most ${MAX_LIST_VALUES} times` },
  ]);
});
