import { expect, test } from 'vitest';

import { createAccount, httpSession, seededHub } from './support';

// CSRF tokens are bound to what an attacker cannot plant (issue #25): signed in, the token is an
// HMAC of the session's own secret token; signed out (only the sign-in form), it repeats a
// `__Host-` cookie, which a sibling subdomain or a plain-HTTP answer cannot set. Before, any
// `hub_csrf` cookie with the same value in the form was accepted.

const hub = seededHub();
const EDITOR = { email: 'csrf@hub.example', password: 'bound to the session' };
const OTHER = { email: 'csrf-other@hub.example', password: 'another session, too' };

async function ready() {
  await createAccount(hub.database.path, { ...EDITOR, role: 'editor' });
  await createAccount(hub.database.path, { ...OTHER, role: 'editor' });
}

/** Signing out: a write with a token that checks out is 303; one that does not is 403. */
const signOut = (cookie: string, token: string) =>
  fetch(`${hub.server.url}/logout`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Cookie: cookie },
    body: new URLSearchParams({ _csrf: token }),
  }).then((r) => r.status);

test('a planted CSRF cookie repeated in the form, or another session’s token, is refused; the session’s own token works', async () => {
  await ready();
  const editor = await httpSession(hub.server.url, EDITOR);
  const other = await httpSession(hub.server.url, OTHER);
  const planted = 'P'.repeat(43);
  for (const name of ['hub_csrf', '__Host-hub_csrf']) {
    expect(await signOut(`${editor.cookie}; ${name}=${planted}`, planted)).toBe(403);
  }
  // A token taken from another signed-in browser does not fit this session.
  expect(await signOut(editor.cookie, other.csrf)).toBe(403);
  expect(other.csrf).not.toBe(editor.csrf);
  // The session's own token, as its pages carry it.
  expect(await signOut(editor.cookie, editor.csrf)).toBe(303);
});

test('signed out, the sign-in form’s token comes from a __Host- cookie; a plain hub_csrf cookie is not read', async () => {
  const login = await fetch(`${hub.server.url}/login`);
  const cookie = login.headers.getSetCookie().find((c) => c.startsWith('__Host-hub_csrf='));
  expect(cookie).toBeDefined();
  // __Host-: Secure, Path=/ and no Domain, or a browser would refuse it.
  expect(cookie).toMatch(/; Secure/);
  expect(cookie).toMatch(/; Path=\//);
  expect(cookie).not.toMatch(/Domain=/i);
  const planted = 'Q'.repeat(43);
  const withPlanted = await fetch(`${hub.server.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Cookie: `hub_csrf=${planted}` },
    body: new URLSearchParams({ ...EDITOR, _csrf: planted }),
  });
  expect(withPlanted.status).toBe(403);
  const signedOut = await httpSession(hub.server.url);
  const real = await fetch(`${hub.server.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Cookie: signedOut.cookie },
    body: new URLSearchParams({ ...EDITOR, _csrf: signedOut.csrf }),
  });
  expect(real.status).toBe(303);
});
