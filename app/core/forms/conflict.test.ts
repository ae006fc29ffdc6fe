import { expect, test } from 'vitest';

import { conflictRows } from './conflict';

test('a conflict lists only the fields where the sent value differs from the saved one', () => {
  expect(
    conflictRows(
      { title: 'Mine', titleZh: '同', note: undefined, version: '3' },
      { title: 'Theirs', titleZh: '同', note: '' },
    ),
  ).toEqual([{ field: 'title', yours: 'Mine', saved: 'Theirs' }]);
});

test('lists are compared as their joined text', () => {
  expect(conflictRows({ projects: ['a', 'b'] }, { projects: ['a'] })).toEqual([
    { field: 'projects', yours: 'a, b', saved: 'a' },
  ]);
});
