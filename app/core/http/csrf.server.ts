import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

import { type RouterContextProvider, createContext } from 'react-router';

import { cookie, csrfCookieName } from './cookies.server';

// Every write must carry this browser's CSRF token: signed in, an HMAC of the session token;
// signed out, the value of a cookie set for this browser, repeated in the form (double submit).

/** The hidden form field that carries the CSRF token. */
export const CSRF_FIELD = '_csrf';
export const CSRF_REFUSAL =
  'The form could not be checked (its security token is missing or out of date). Reload the page and send it again.';

/** This request's CSRF token, for the forms its page renders (empty on a public read). */
export const csrfContext = createContext<string>('');

export const sameToken = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * A signed-in browser's CSRF token: an HMAC of its session token (a secret only the browser's
 * httpOnly cookie and the server know), so it is bound to that session. A token copied from
 * another session, or a planted CSRF cookie with the same value in the form, does not match.
 */
const sessionCsrfToken = (sessionToken: string) =>
  createHmac('sha256', sessionToken).update('hub csrf v1').digest('base64url');

/** Whether a form's token is this request's (for forms read as a stream, e.g. an upload). */
export function isCsrfTokenValid(context: Readonly<RouterContextProvider>, sent: string): boolean {
  const expected = context.get(csrfContext);
  return expected !== '' && sameToken(sent, expected);
}

export interface BrowserCsrf {
  /** The token this browser's forms must carry. */
  token: string;
  /** Whether the token is one this browser already holds (a session, or a well-formed cookie). */
  isKnown: boolean;
}

/**
 * The CSRF token of this request's browser. Signed out, a browser without a well-formed cookie
 * gets a new one (appended to `setCookies`) — except on a public read, which sets no cookie so
 * that one copy of the page can be shared.
 */
export function browserCsrf(
  sessionToken: string | null,
  cookies: Record<string, string>,
  isPublicRead: boolean,
  setCookies: string[],
): BrowserCsrf {
  if (sessionToken) return { token: sessionCsrfToken(sessionToken), isKnown: true };
  let token = cookies[csrfCookieName()] ?? '';
  const isKnown = /^[A-Za-z0-9_-]{43}$/.test(token);
  if (!isKnown && !isPublicRead) {
    token = randomBytes(32).toString('base64url');
    setCookies.push(cookie(csrfCookieName(), token, null));
  }
  return { token, isKnown };
}

/** Whether a posted form (at most HUB_MAX_BODY_KB, counted by the server) carries the token. */
export async function hasValidCsrfField(request: Request, csrf: BrowserCsrf): Promise<boolean> {
  const form = await request
    .clone()
    .formData()
    .catch(() => null);
  const sent = form?.get(CSRF_FIELD);
  return csrf.isKnown && typeof sent === 'string' && sameToken(sent, csrf.token);
}

/**
 * Whether a URL-encoded form decodes: every name and value a well-formed percent-encoding of
 * UTF-8. Parsers replace a broken sequence with U+FFFD and go on, so a form could otherwise be
 * saved with text nobody typed; such a body is refused as malformed (400) instead.
 */
export async function isWellFormedUrlEncoded(request: Request): Promise<boolean> {
  if (!/^application\/x-www-form-urlencoded\b/i.test(request.headers.get('Content-Type') ?? '')) {
    return true;
  }
  const body = await request
    .clone()
    .text()
    .catch(() => null);
  if (body === null) return false;
  for (const piece of body.split(/[&=]/)) {
    try {
      decodeURIComponent(piece.replaceAll('+', ' '));
    } catch {
      return false;
    }
  }
  return true;
}
