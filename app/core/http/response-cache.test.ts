import { gunzipSync } from 'node:zlib';

import { expect, test } from 'vitest';

import { ResponseCache, acceptsGzip } from './response-cache.server';

const URL_A = 'http://hub.test/projects?topic=energy';

function answer(text: string, headers: Record<string, string> = {}) {
  const body = new Uint8Array(new TextEncoder().encode(text));
  const response = new Response(body, {
    status: 200,
    headers: { 'Content-Type': 'text/html; charset=utf-8', ETag: `"${text.length}"`, ...headers },
  });
  return { response, body };
}

function cacheAt(stamp: { value: string }, maxBytes = 1 << 20) {
  return new ResponseCache({ maxBytes, stamp: () => stamp.value });
}

function keep(cache: ResponseCache, request: Request, text: string, headers = {}) {
  const { response, body } = answer(text, headers);
  cache.put(request, response, body, cache.stamp());
}

test('a kept answer is served to the next GET of the same URL with the same bytes and headers', async () => {
  const cache = cacheAt({ value: '1' });
  await expect(cache.match(new Request(URL_A))).resolves.toBeNull();
  keep(cache, new Request(URL_A), '<p>energy</p>');
  const hit = (await cache.match(new Request(URL_A)))!;
  expect(hit.status).toBe(200);
  expect(hit.headers.get('etag')).toBe('"13"');
  expect(hit.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(hit.headers.get('x-hub-cache')).toBe('hit');
  await expect(hit.text()).resolves.toBe('<p>energy</p>');
  // A body can be read once: each hit gets its own.
  await expect((await cache.match(new Request(URL_A)))!.text()).resolves.toBe('<p>energy</p>');
  // Another query string is another answer.
  await expect(cache.match(new Request(`${URL_A}&topic=water`))).resolves.toBeNull();
});

test('a new data stamp empties the cache, and an answer computed under an old stamp is not kept', async () => {
  const stamp = { value: 'v1' };
  const cache = cacheAt(stamp);
  keep(cache, new Request(URL_A), 'before the write');
  stamp.value = 'v2';
  await expect(cache.match(new Request(URL_A))).resolves.toBeNull();

  // A render that began before a write and finished after it.
  const began = cache.stamp();
  stamp.value = 'v3';
  const { response, body } = answer('rendered from v2');
  cache.put(new Request(URL_A), response, body, began);
  await expect(cache.match(new Request(URL_A))).resolves.toBeNull();
  expect(cache.size.answers).toBe(0);
});

test('an answer that varies on a header is served only to requests with the same value', async () => {
  const cache = cacheAt({ value: '1' });
  const english = new Request('http://hub.test/', { headers: { 'Accept-Language': 'en' } });
  keep(cache, english, 'English front door', { Vary: 'Cookie, Accept-Language' });
  const german = new Request('http://hub.test/', { headers: { 'Accept-Language': 'de' } });
  await expect(cache.match(german)).resolves.toBeNull();
  const withCookie = new Request('http://hub.test/', {
    headers: { 'Accept-Language': 'en', Cookie: 'hub_lang=zh' },
  });
  await expect(cache.match(withCookie)).resolves.toBeNull();
  const again = new Request('http://hub.test/', { headers: { 'Accept-Language': 'en' } });
  await expect((await cache.match(again))!.text()).resolves.toBe('English front door');

  keep(cache, new Request('http://hub.test/anything'), 'varies on all', { Vary: '*' });
  await expect(cache.match(new Request('http://hub.test/anything'))).resolves.toBeNull();
  keep(cache, new Request('http://hub.test/cookie'), 'sets one', { 'Set-Cookie': 'a=b' });
  await expect(cache.match(new Request('http://hub.test/cookie'))).resolves.toBeNull();
});

test('a matching If-None-Match gets a 304 without a body from the cache', async () => {
  const cache = cacheAt({ value: '1' });
  keep(cache, new Request(URL_A), 'twelve bytes');
  const revalidated = (await cache.match(
    new Request(URL_A, { headers: { 'If-None-Match': 'W/"12"' } }),
  ))!;
  expect(revalidated.status).toBe(304);
  expect(revalidated.headers.get('etag')).toBe('"12"');
  expect(revalidated.headers.get('content-type')).toBeNull();
  await expect(revalidated.text()).resolves.toBe('');
  const other = (await cache.match(new Request(URL_A, { headers: { 'If-None-Match': '"x"' } })))!;
  expect(other.status).toBe(200);
});

test('a client that accepts gzip gets the same answer gzipped, once compressed and then kept', async () => {
  const cache = cacheAt({ value: '1' });
  const text = '<li>Climate-friendly transport</li>'.repeat(200);
  keep(cache, new Request(URL_A), text);
  const plainBytes = cache.size.bytes;
  const gz = { headers: { 'Accept-Encoding': 'br;q=1, gzip;q=0.8' } };
  const hit = (await cache.match(new Request(URL_A, gz)))!;
  expect(hit.headers.get('content-encoding')).toBe('gzip');
  expect(hit.headers.get('vary')).toMatch(/Accept-Encoding/);
  const bytes = new Uint8Array(await hit.arrayBuffer());
  expect(Number(hit.headers.get('content-length'))).toBe(bytes.byteLength);
  expect(gunzipSync(bytes).toString('utf8')).toBe(text);
  expect(cache.size.bytes).toBe(plainBytes + bytes.byteLength);
  // Without gzip in Accept-Encoding (or with q=0): the bytes as rendered.
  for (const header of [null, 'gzip;q=0, identity', 'br']) {
    const request = new Request(URL_A, header ? { headers: { 'Accept-Encoding': header } } : {});
    const plain = (await cache.match(request))!;
    expect(plain.headers.get('content-encoding'), String(header)).toBeNull();
    await expect(plain.text()).resolves.toBe(text);
  }
});

test('the byte budget holds: the least recently used URL goes first', async () => {
  const cache = cacheAt({ value: '1' }, 8_000);
  const url = (n: number) => `http://hub.test/projects/${n}`;
  for (const n of [1, 2, 3]) keep(cache, new Request(url(n)), 'x'.repeat(900));
  // Reading 1 makes 2 the least recently used.
  expect(await cache.match(new Request(url(1)))).not.toBeNull();
  for (const n of [4, 5, 6, 7, 8, 9]) keep(cache, new Request(url(n)), 'x'.repeat(900));
  expect(cache.size.bytes).toBeLessThanOrEqual(8_000);
  await expect(cache.match(new Request(url(2)))).resolves.toBeNull();
  expect(await cache.match(new Request(url(1)))).not.toBeNull();
  expect(await cache.match(new Request(url(9)))).not.toBeNull();

  const off = cacheAt({ value: '1' }, 0);
  keep(off, new Request(url(1)), 'kept nowhere');
  await expect(off.match(new Request(url(1)))).resolves.toBeNull();
});

test('an answer too large to keep as it is is kept gzipped only, if that copy fits, and served to every client', async () => {
  const cache = cacheAt({ value: '1' }, 8_000);
  // 20 000 bytes of text that compresses well: over the 1 000-byte share of one answer.
  const text = '<activity>transport</activity>\n'.repeat(650);
  expect(text.length).toBeGreaterThan(20_000);
  keep(cache, new Request(URL_A), text, { 'Content-Type': 'application/xml; charset=utf-8' });
  const gz = { headers: { 'Accept-Encoding': 'gzip' } };
  const zipped = (await cache.match(new Request(URL_A, gz)))!;
  expect(zipped.headers.get('content-encoding')).toBe('gzip');
  expect(zipped.headers.get('x-hub-cache')).toBe('hit');
  const bytes = new Uint8Array(await zipped.arrayBuffer());
  expect(gunzipSync(bytes).toString('utf8')).toBe(text);
  // Only the compressed copy (and the headers) counts against the budget.
  expect(cache.size.bytes).toBeLessThan(1_000);
  expect(cache.size.bytes).toBeGreaterThan(bytes.byteLength);
  const plain = (await cache.match(new Request(URL_A)))!;
  expect(plain.headers.get('content-encoding')).toBeNull();
  expect(Number(plain.headers.get('content-length'))).toBe(text.length);
  await expect(plain.text()).resolves.toBe(text);

  // Random bytes do not compress: too large either way, so not kept.
  const noise = Array.from({ length: 6_000 }, (_, i) => ((i * 7919) % 65_521).toString(36)).join(
    '',
  );
  const other = 'http://hub.test/export/iati.xml';
  keep(cache, new Request(other), noise, { 'Content-Type': 'application/xml; charset=utf-8' });
  await expect(cache.match(new Request(other, gz))).resolves.toBeNull();
  expect(cache.size.answers).toBe(1);
  // A large answer of a type gzip is not tried on is not kept at all.
  keep(cache, new Request(other), text, { 'Content-Type': 'image/png' });
  await expect(cache.match(new Request(other))).resolves.toBeNull();
});

test('Accept-Encoding is read with its q-values', () => {
  expect(acceptsGzip('gzip, deflate, br')).toBe(true);
  expect(acceptsGzip('GZIP;q=0.5')).toBe(true);
  expect(acceptsGzip('*')).toBe(true);
  expect(acceptsGzip('*;q=0, gzip')).toBe(true);
  expect(acceptsGzip('gzip;q=0')).toBe(false);
  expect(acceptsGzip('gzip;q=0.0, *')).toBe(false);
  expect(acceptsGzip('br, identity')).toBe(false);
  expect(acceptsGzip(null)).toBe(false);
});
