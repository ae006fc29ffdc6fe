import { expect, test } from 'vitest';

import { eventPlaceText } from './event-place';

const chengdu = {
  places: [{ name: 'Chengdu', nameZh: '成都市' }],
  city: 'Chengdu',
  provinceNameEn: 'Sichuan',
  provinceNameZh: '四川省',
};
const beijing = {
  places: [{ name: 'Beijing', nameZh: '北京市' }],
  city: 'Beijing',
  provinceNameEn: 'Beijing',
  provinceNameZh: '北京市',
};
const abroad = {
  places: [
    { name: 'Berlin', nameZh: null },
    { name: 'Cologne', nameZh: null },
  ],
  city: 'Berlin, Cologne',
  provinceNameEn: null,
  provinceNameZh: null,
};

test('a place reads as its language writes it: the larger unit first in Chinese, each name once', () => {
  expect(eventPlaceText('en', chengdu)).toBe('Chengdu, Sichuan');
  expect(eventPlaceText('de', chengdu)).toBe('Chengdu, Sichuan');
  expect(eventPlaceText('zh', chengdu)).toBe('四川省成都市');
  expect(eventPlaceText('zh', beijing)).toBe('北京市');
  expect(eventPlaceText('en', beijing)).toBe('Beijing');
  expect(eventPlaceText('en', abroad)).toBe('Berlin, Cologne');
  expect(eventPlaceText('zh', abroad)).toBe('Berlin、Cologne');
});

test('without places, the city as the source wrote it stands for them', () => {
  const e = { places: [], city: 'Hangzhou', provinceNameEn: 'Zhejiang', provinceNameZh: '浙江省' };
  expect(eventPlaceText('en', e)).toBe('Hangzhou, Zhejiang');
  expect(eventPlaceText('zh', e)).toBe('Hangzhou，浙江省');
  expect(eventPlaceText('zh', { ...e, city: null })).toBe('浙江省');
});
