import { expect, test } from 'vitest';

import { MAP_DEFAULT_VIEW, mapSearch, parseMapParams } from './map-params';

const parse = (query: string) => parseMapParams(new URLSearchParams(query));

test('no parameters give the default view of China with the projects layer', () => {
  expect(parse('')).toEqual({
    ...MAP_DEFAULT_VIEW,
    layers: ['projects'],
    shade: 'count',
    sel: null,
  });
});

test('a copied view comes back exactly', () => {
  const view = parse('lat=31.86&lon=117.28&z=7&layers=projects,events&shade=funding&sel=CN-AH');
  expect(view).toEqual({
    lat: 31.86,
    lon: 117.28,
    z: 7,
    layers: ['projects', 'events'],
    shade: 'funding',
    sel: 'CN-AH',
  });
  expect(parse(mapSearch(view).slice(1))).toEqual(view);
});

test('out-of-range numbers are clamped and nonsense is dropped', () => {
  expect(parse('lat=95&lon=-500&z=40')).toMatchObject({ lat: 85, lon: -180, z: 12 });
  expect(parse('lat=abc&lon=Infinity&z=-3')).toMatchObject({ lat: 33, lon: 105, z: 2 });
  expect(parse('layers=tiles,events,events&shade=rainbow&sel=<script>')).toMatchObject({
    layers: ['events'],
    shade: 'count',
    sel: null,
  });
  expect(parse('layers=').layers).toEqual([]);
});
