import { SESSION_MAX_MS } from '../auth/auth';
import { env } from '../env.server';

// The hub's two cookies: the session (signed in) and the CSRF token of a signed-out browser.

export const SESSION_COOKIE = 'hub_session';

/** Cookies are Secure wherever the hub runs behind HTTPS: in production, unless told otherwise. */
const secure = () => env.HUB_COOKIE_SECURE ?? env.NODE_ENV === 'production';

/**
 * The signed-out CSRF cookie. `__Host-` (wherever cookies are Secure, i.e. in production) means a
 * browser takes it only from this very origin over HTTPS, with Path=/ and no Domain: a sibling
 * subdomain or a plain-HTTP answer cannot plant one.
 */
export const csrfCookieName = () => (secure() ? '__Host-hub_csrf' : 'hub_csrf');

export function parseCookies(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    // A value that is not valid percent-encoding was not set by us: read it as absent.
    try {
      out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      continue;
    }
  }
  return out;
}

export function cookie(name: string, value: string, maxAgeSeconds: number | null): string {
  return [
    `${name}=${encodeURIComponent(value)}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    secure() ? 'Secure' : null,
    maxAgeSeconds === null ? null : `Max-Age=${maxAgeSeconds}`,
  ]
    .filter(Boolean)
    .join('; ');
}

export const sessionCookie = (token: string) =>
  cookie(SESSION_COOKIE, token, Math.floor(SESSION_MAX_MS / 1000));
export const clearSessionCookie = () => cookie(SESSION_COOKIE, '', 0);

/** Whether a response starts a session (sets a non-empty session cookie). */
export const startsSession = (response: Response) =>
  response.headers
    .getSetCookie()
    .some((c) => c.startsWith(`${SESSION_COOKIE}=`) && !c.startsWith(`${SESSION_COOKIE}=;`));
