import { createHash } from 'node:crypto';

import { expect, test } from 'vitest';

import {
  PRIVATE_CACHE_CONTROL,
  PUBLIC_CACHE_CONTROL,
  cacheDecision,
  ifNoneMatchMatches,
  inlineScriptHashes,
  parseEntityTags,
  strongEtag,
} from './http-cache';

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

test('the ETag is a strong, quoted tag that stays the same for the same bytes and changes with one byte', () => {
  const tag = strongEtag('<p>hello</p>');
  expect(tag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
  expect(strongEtag(new TextEncoder().encode('<p>hello</p>'))).toBe(tag);
  expect(strongEtag('<p>hellO</p>')).not.toBe(tag);
});

test('If-None-Match matches the same tag, its weak form, and any tag of a list', () => {
  const tag = strongEtag('body');
  expect(ifNoneMatchMatches(tag, tag)).toBe(true);
  expect(ifNoneMatchMatches(`W/${tag}`, tag)).toBe(true);
  expect(ifNoneMatchMatches(`"other", W/"more",${tag}`, tag)).toBe(true);
  expect(ifNoneMatchMatches(`  "other" ,  ${tag}  `, tag)).toBe(true);
  expect(ifNoneMatchMatches('*', tag)).toBe(true);
});

test('If-None-Match does not match another tag, a missing header, or a tag without quotes', () => {
  const tag = strongEtag('body');
  expect(ifNoneMatchMatches(null, tag)).toBe(false);
  expect(ifNoneMatchMatches('', tag)).toBe(false);
  expect(ifNoneMatchMatches('"other"', tag)).toBe(false);
  expect(ifNoneMatchMatches(tag.slice(1, -1), tag)).toBe(false);
  // A prefix of the tag is not the tag.
  expect(ifNoneMatchMatches(`${tag.slice(0, -2)}"`, tag)).toBe(false);
});

test('entity-tag lists keep commas inside quotes and stop at the first malformed entry', () => {
  expect(parseEntityTags('"a,b", W/"c"')).toEqual(['"a,b"', '"c"']);
  expect(parseEntityTags('"a", , "b"')).toEqual(['"a"', '"b"']);
  expect(parseEntityTags('"a", junk, "b"')).toEqual(['"a"']);
  expect(parseEntityTags('"unterminated')).toEqual([]);
  expect(parseEntityTags(' * ')).toBe('*');
});

test('every inline script is hashed as the browser reads it; scripts with a src are not', () => {
  const first = 'window.__context = {"a":1};';
  const module = 'import * as route0 from "/assets/root.js";\nwindow.x = route0;';
  const html = [
    '<!DOCTYPE html><html><head><script src="/assets/entry.js" type="module"></script></head><body>',
    `<script>${first}</script>`,
    `<script type="module" async="">${module}</script>`,
    // The same script twice needs one source.
    `<SCRIPT>${first}</SCRIPT >`,
    '<script>line one\r\nline two\rline three</script>',
    '<script></script>',
    '</body></html>',
  ].join('');
  expect(inlineScriptHashes(html)).toEqual([
    sha256(first),
    sha256(module),
    sha256('line one\nline two\nline three'),
    sha256(''),
  ]);
  expect(inlineScriptHashes('<p>no scripts</p>')).toEqual([]);
});

test('a signed-out 200 answer to a GET is public and gets an ETag', () => {
  expect(
    cacheDecision({
      isPublicRead: true,
      method: 'GET',
      status: 200,
      setsCookie: false,
      cacheControl: null,
    }),
  ).toEqual({ cacheControl: PUBLIC_CACHE_CONTROL, etag: true });
  expect(PUBLIC_CACHE_CONTROL).toBe('public, max-age=60, stale-while-revalidate=600');
});

test('a personal answer, or one that sets a cookie, is private and never stored', () => {
  const personal = { cacheControl: PRIVATE_CACHE_CONTROL, etag: false };
  expect(PRIVATE_CACHE_CONTROL).toBe('private, no-store');
  for (const isPublicRead of [true, false]) {
    expect(
      cacheDecision({
        isPublicRead,
        method: 'GET',
        status: 200,
        setsCookie: true,
        cacheControl: null,
      }),
    ).toEqual(personal);
  }
  expect(
    cacheDecision({
      isPublicRead: false,
      method: 'GET',
      status: 200,
      setsCookie: false,
      cacheControl: null,
    }),
  ).toEqual(personal);
  expect(
    cacheDecision({
      isPublicRead: false,
      method: 'POST',
      status: 400,
      setsCookie: false,
      cacheControl: null,
    }),
  ).toEqual(personal);
});

test('errors, redirects and answers a route marked private are left as they are; a HEAD is its GET', () => {
  const untouched = { cacheControl: null, etag: false };
  const read = { isPublicRead: true, setsCookie: false, cacheControl: null };
  expect(cacheDecision({ ...read, method: 'GET', status: 404 })).toEqual(untouched);
  expect(cacheDecision({ ...read, method: 'GET', status: 302 })).toEqual(untouched);
  expect(cacheDecision({ ...read, method: 'HEAD', status: 404 })).toEqual(untouched);
  expect(cacheDecision({ ...read, method: 'HEAD', status: 200 })).toEqual({
    cacheControl: PUBLIC_CACHE_CONTROL,
    etag: true,
  });
  expect(
    cacheDecision({ ...read, method: 'GET', status: 200, cacheControl: 'private, max-age=5' }),
  ).toEqual(untouched);
  expect(cacheDecision({ ...read, method: 'GET', status: 200, cacheControl: 'no-store' })).toEqual(
    untouched,
  );
  // A route's "no-cache" still allows a public copy that is revalidated: the hub's policy wins.
  expect(cacheDecision({ ...read, method: 'GET', status: 200, cacheControl: 'no-cache' })).toEqual({
    cacheControl: PUBLIC_CACHE_CONTROL,
    etag: true,
  });
});
