import { expect, test } from 'vitest';

import { EMPTY_FILTER } from '../../core/filter/filter';
import type { Lang } from '../../core/i18n/config';
import { type PackRoundPeriod, parsePackRequest } from './pack-params';

const TODAY = '2026-12-01';
const ROUND: PackRoundPeriod = {
  slug: 'round-2026',
  periodStart: '2026-01-01',
  periodEnd: '2026-10-31',
};

const period = (query: string, pageLang: Lang = 'en') =>
  parsePackRequest(new URLSearchParams(query), { round: null, pageLang, today: TODAY });
const forRound = (query: string) =>
  parsePackRequest(new URLSearchParams(query), { round: ROUND, pageLang: 'en', today: TODAY });
const fields = (result: ReturnType<typeof period>) => result.problems.map((p) => p.field);

test('a period pack without parameters covers the calendar year of today, in the page language', () => {
  const { request, problems } = period('', 'de');
  expect(problems).toEqual([]);
  expect(request).toEqual({
    round: null,
    start: '2026-01-01',
    end: '2026-12-31',
    filter: EMPTY_FILTER,
    languages: ['de'],
  });
});

test('given dates are taken as they are', () => {
  const { request, problems } = period('start=2024-03-01&end=2025-02-28');
  expect(problems).toEqual([]);
  expect([request.start, request.end]).toEqual(['2024-03-01', '2025-02-28']);
});

test('one date alone keeps its partner in a year that fits', () => {
  expect(period('start=2024-05-01').request).toMatchObject({
    start: '2024-05-01',
    end: '2026-12-31',
  });
  expect(period('start=2030-03-01').request).toMatchObject({
    start: '2030-03-01',
    end: '2030-12-31',
  });
  expect(period('end=2023-06-30').request).toMatchObject({
    start: '2023-01-01',
    end: '2023-06-30',
  });
  expect(period('end=2027-06-30').request).toMatchObject({
    start: '2026-01-01',
    end: '2027-06-30',
  });
  expect(period('start=2030-03-01').problems).toEqual([]);
  expect(period('end=2023-06-30').problems).toEqual([]);
});

test('a date that is not a real YYYY-MM-DD day is a problem on its field', () => {
  for (const bad of [
    '2026-02-30',
    '2026-13-01',
    '2026-1-5',
    '2026',
    '2026-05',
    '01.05.2026',
    'x',
  ]) {
    const start = period(`start=${bad}`);
    expect(fields(start)).toEqual(['start']);
    expect(start.problems[0]!.message).toContain(bad);
    expect(start.request.start).toBe('2026-01-01');
    expect(fields(period(`end=${bad}`))).toEqual(['end']);
  }
  // 29 February exists in a leap year only.
  expect(period('start=2024-02-29').problems).toEqual([]);
  expect(fields(period('start=2025-02-29'))).toEqual(['start']);
});

test('an end before the start is a problem on end', () => {
  const { request, problems } = period('start=2025-06-01&end=2025-05-31');
  expect(problems.map((p) => p.field)).toEqual(['end']);
  expect(problems[0]!.message).toMatch(/before start/);
  expect(request.end >= request.start).toBe(true);
});

test('a period of more than 20 years is a problem on end; exactly 20 years is fine', () => {
  expect(period('start=2000-01-01&end=2020-01-01').problems).toEqual([]);
  const long = period('start=2000-01-01&end=2020-01-02');
  expect(fields(long)).toEqual(['end']);
  expect(long.problems[0]!.message).toMatch(/20 years/);
});

test('a round pack covers the round’s period and names the round', () => {
  const { request, problems } = forRound('lang=zh');
  expect(problems).toEqual([]);
  expect(request).toMatchObject({
    round: 'round-2026',
    start: '2026-01-01',
    end: '2026-10-31',
    languages: ['zh'],
  });
});

test('dates given for a round pack are a problem on each, and the round’s period stays', () => {
  const { request, problems } = forRound('start=2025-01-01&end=2025-12-31');
  expect(problems).toEqual([
    { field: 'start', message: 'a round’s pack covers the round’s period' },
    { field: 'end', message: 'a round’s pack covers the round’s period' },
  ]);
  expect([request.start, request.end]).toEqual(['2026-01-01', '2026-10-31']);
  expect(forRound('start=&end=').problems).toEqual([]);
});

test('every spelling of English with Chinese reads as en+zh', () => {
  for (const raw of ['en+zh', 'en zh', 'en,zh', 'zh+en', 'zh en', 'zh,en', ' EN+ZH ', 'en, zh']) {
    const search = new URLSearchParams();
    search.set('lang', raw);
    const { request, problems } = parsePackRequest(search, {
      round: null,
      pageLang: 'de',
      today: TODAY,
    });
    expect(problems, raw).toEqual([]);
    expect(request.languages, raw).toEqual(['en', 'zh']);
  }
  // As a browser's form sends it: `+` is a space in a query string, %2B a plus.
  expect(period('lang=en+zh').request.languages).toEqual(['en', 'zh']);
  expect(period('lang=en%2Bzh').request.languages).toEqual(['en', 'zh']);
});

test('one language is read as itself; none is the page language', () => {
  expect(period('lang=en', 'zh').request.languages).toEqual(['en']);
  expect(period('lang=zh').request.languages).toEqual(['zh']);
  expect(period('lang=de').request.languages).toEqual(['de']);
  expect(period('lang=', 'zh').request.languages).toEqual(['zh']);
});

test('any other language value is a problem listing the accepted values', () => {
  for (const bad of ['fr', 'en+de', 'de+zh', 'en+zh+de', 'en+en', 'zh-CN', '+']) {
    const search = new URLSearchParams();
    search.set('lang', bad);
    const { request, problems } = parsePackRequest(search, {
      round: null,
      pageLang: 'zh',
      today: TODAY,
    });
    expect(
      problems.map((p) => p.field),
      bad,
    ).toEqual(['lang']);
    expect(problems[0]!.message).toContain('en, zh, de or en+zh');
    expect(request.languages).toEqual(['zh']);
  }
});

test('the shared filter is read, and its problems are problems on their parameter', () => {
  const { request, problems } = period(
    'type=bilateral&type=regional&ministry=bmuv&status=nope&from=abc',
  );
  expect(request.filter.type).toEqual(['bilateral', 'regional']);
  expect(request.filter.ministry).toEqual(['bmuv']);
  expect(request.filter.status).toEqual([]);
  expect(problems.map((p) => p.field).sort()).toEqual(['from', 'status']);
  expect(problems.find((p) => p.field === 'status')!.message).toContain('nope');
});

test('problems from every field are reported together', () => {
  const { problems } = period('start=2026-02-31&lang=fr&type=mystery');
  expect(problems.map((p) => p.field).sort()).toEqual(['lang', 'start', 'type']);
});
