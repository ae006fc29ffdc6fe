import { expect, test } from 'vitest';

import { safeRedirectPath } from './safe-redirect';

const FALLBACK = '/fallback';
const HUB = 'https://hub.example';

/** Targets that must never be followed: every one gives the fallback. */
const HOSTILE = [
  '',
  ' ',
  '//evil.example',
  '///evil.example',
  '////evil.example',
  '/\\evil.example',
  '\\\\evil.example',
  '\\/evil.example',
  '/\\/evil.example',
  '/./\\evil.example',
  '/.//evil.example',
  '/././/evil.example',
  '/..//evil.example',
  '/../..//evil.example',
  '/a/..//evil.example',
  '/%2F/evil.example',
  '/%2F%2Fevil.example',
  '/%2f%2fevil.example',
  '/%252F%252Fevil.example',
  '/%25252F%25252Fevil.example',
  '/%5Cevil.example',
  '/%5cevil.example',
  '/%255Cevil.example',
  '/.%2F%2Fevil.example',
  '/%2E%2F%2Fevil.example',
  '/%2e%2e%2F%2Fevil.example',
  '/\t/evil.example',
  '/%09/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '/%0D%0ALocation:%20https://evil.example',
  '/projects\r\nSet-Cookie: x=1',
  '/\u0000/evil.example',
  '/%00/evil.example',
  '/\u3000/evil.example',
  '/projects\u3000',
  '/\u2028/evil.example',
  '/\u2029/evil.example',
  '/\u00a0/evil.example',
  '/\u200b/evil.example',
  '/\ufeff/evil.example',
  '/%E3%80%80/evil.example',
  '/%E2%80%A8/evil.example',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'https://evil.example',
  'https:evil.example',
  'http://hub.example@evil.example',
  'https:/evil.example',
  '//hub.example@evil.example',
  'evil.example',
  '.',
  './projects',
  '../projects',
  '?next=//evil.example',
  '#top',
  `/${'a'.repeat(3000)}`,
];

test('hostile redirect targets all give the fallback', () => {
  const followed = HOSTILE.filter((value) => safeRedirectPath(value, FALLBACK) !== FALLBACK);
  expect(followed).toEqual([]);
});

test('whatever it is given, the answer resolves on the hub’s own origin and reads the same in a header', () => {
  const values = [
    ...HOSTILE,
    ...HOSTILE.map((v) => `/projects${v}`),
    ...HOSTILE.map((v) => encodeURIComponent(v)),
  ];
  for (const value of values) {
    const target = safeRedirectPath(value, FALLBACK);
    const resolved = new URL(target, HUB);
    expect(resolved.origin, JSON.stringify(value)).toBe(HUB);
    expect(resolved.pathname.startsWith('//'), JSON.stringify(value)).toBe(false);
    // Printable ASCII only: a Location header with it is valid and means one thing.
    expect(target, JSON.stringify(value)).toMatch(/^\/[\x21-\x7e]*$/);
    // Followed again, it stays what it is (the answer is already normalised).
    expect(safeRedirectPath(target, FALLBACK)).toBe(target);
  }
});

test('paths on the hub are kept, with their query and fragment, normalised', () => {
  expect(safeRedirectPath('/', FALLBACK)).toBe('/');
  expect(safeRedirectPath('/projects?page=2&topic=energy', FALLBACK)).toBe(
    '/projects?page=2&topic=energy',
  );
  expect(safeRedirectPath('/zh/projects/clct#milestones', FALLBACK)).toBe(
    '/zh/projects/clct#milestones',
  );
  expect(safeRedirectPath('/search?q=climate%20change', FALLBACK)).toBe(
    '/search?q=climate%20change',
  );
  expect(safeRedirectPath('/projects/./clct/../clct', FALLBACK)).toBe('/projects/clct');
  expect(safeRedirectPath('/../projects', FALLBACK)).toBe('/projects');
  expect(safeRedirectPath('/项目', FALLBACK)).toBe('/%E9%A1%B9%E7%9B%AE');
  expect(safeRedirectPath('/a%2F%2Fb', FALLBACK)).toBe('/a%2F%2Fb');
  // Not a string (a file field, a missing parameter): the fallback.
  expect(safeRedirectPath(null, FALLBACK)).toBe(FALLBACK);
  expect(safeRedirectPath(undefined, FALLBACK)).toBe(FALLBACK);
  expect(safeRedirectPath(new Blob(['/projects']), FALLBACK)).toBe(FALLBACK);
});
