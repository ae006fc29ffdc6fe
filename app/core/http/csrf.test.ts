import { expect, test } from 'vitest';

import { isWellFormedUrlEncoded } from './csrf.server';

const form = (body: string, type = 'application/x-www-form-urlencoded') =>
  new Request('http://hub.test/events/new', {
    method: 'POST',
    headers: { 'Content-Type': type },
    body,
  });

test('a form encoded as browsers encode it is well-formed, Chinese and plus signs included', async () => {
  const body = new URLSearchParams({ _csrf: 'x', title: '开放空间 + Gruppe ü', empty: '' });
  expect(await isWellFormedUrlEncoded(form(body.toString()))).toBe(true);
});

test('a broken percent sequence anywhere makes the form malformed', async () => {
  for (const piece of ['%', '%E0%A4%A', '%zz', '%C0%AE', '%FF%FE', '%ED%A0%80', '%2', '%u0041']) {
    expect(await isWellFormedUrlEncoded(form(`_csrf=x&title=${piece}`)), piece).toBe(false);
    expect(await isWellFormedUrlEncoded(form(`_csrf=x&${piece}=1`)), piece).toBe(false);
  }
});

test('bodies of other types are left to their own readers', async () => {
  expect(await isWellFormedUrlEncoded(form('%zz', 'text/plain'))).toBe(true);
});
