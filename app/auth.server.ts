import { randomBytes, timingSafeEqual } from 'node:crypto';

import {
  type MiddlewareFunction,
  type RouterContextProvider,
  createContext,
  data,
  redirect,
} from 'react-router';

import {
  deleteSession,
  getSessionUser,
  listProjectOrganisationRoles,
} from '../db/queries/users.server';
import { langFromPath, localizePath, stripLang } from './i18n/config';
import { SESSION_MAX_MS, type SessionUser } from './lib/auth';
import {
  ACTION_ACCESS,
  type Access,
  type ActionRoute,
  PAGE_ACCESS,
  isAllowed,
} from './lib/permissions';
import { now } from './lib/clock';
import { env } from './lib/env.server';

// The secure shell around every request: who is signed in, the CSRF check on every write, the
// CSP nonce, and the security headers. It runs as root middleware, before any loader or action.

export const SESSION_COOKIE = 'hub_session';
export const CSRF_COOKIE = 'hub_csrf';
/** The hidden form field that must repeat the CSRF cookie. */
export const CSRF_FIELD = '_csrf';

export const userContext = createContext<SessionUser | null>(null);
export const sessionTokenContext = createContext<string | null>(null);
export const csrfContext = createContext<string>('');
export const nonceContext = createContext<string>('');

/** Paths that stay open when public reading is switched off. */
const ALWAYS_OPEN = ['/login', '/language', '/favicon.svg'];

function parseCookies(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

const secure = () => env.HUB_COOKIE_SECURE ?? env.NODE_ENV === 'production';

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

const sameToken = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

function contentSecurityPolicy(nonce: string): string {
  const tileHost = env.MAP_TILE_URL
    ? new URL(env.MAP_TILE_URL.replace(/\{[a-z]\}/g, 'x')).origin
    : '';
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    // Leaflet positions its panes with style attributes.
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${tileHost ? ` ${tileHost}` : ''}`,
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function withHeaders(response: Response, headers: Record<string, string>, cookies: string[]) {
  // A redirect made with Response.redirect() has immutable headers: copy it first.
  let out = response;
  try {
    for (const [k, v] of Object.entries(headers)) out.headers.set(k, v);
  } catch {
    out = new Response(response.body, response);
    for (const [k, v] of Object.entries(headers)) out.headers.set(k, v);
  }
  for (const c of cookies) out.headers.append('Set-Cookie', c);
  return out;
}

export const securityMiddleware: MiddlewareFunction<Response> = async (
  { request, context },
  next,
) => {
  const cookies = parseCookies(request.headers.get('Cookie'));
  const url = new URL(request.url);
  const nonce = randomBytes(16).toString('base64');
  context.set(nonceContext, nonce);

  const setCookies: string[] = [];
  let csrf = cookies[CSRF_COOKIE] ?? '';
  const hadCsrf = /^[A-Za-z0-9_-]{43}$/.test(csrf);
  if (!hadCsrf) {
    csrf = randomBytes(32).toString('base64url');
    setCookies.push(cookie(CSRF_COOKIE, csrf, null));
  }
  context.set(csrfContext, csrf);

  const token = cookies[SESSION_COOKIE];
  const user = token ? getSessionUser(token, now()) : null;
  if (token && !user) setCookies.push(clearSessionCookie());
  context.set(userContext, user);
  context.set(sessionTokenContext, user ? token! : null);

  const securityHeaders: Record<string, string> = {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'DENY',
  };
  // Vite's dev server injects scripts of its own; the policy applies to the built hub.
  if (env.NODE_ENV !== 'development') {
    securityHeaders['Content-Security-Policy'] = contentSecurityPolicy(nonce);
  }
  const refuse = (status: number, message: string) =>
    withHeaders(
      new Response(message, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } }),
      securityHeaders,
      setCookies,
    );

  if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method.toUpperCase())) {
    // A write must come from this site's own pages: same Origin (when the browser sends one) and
    // the CSRF token of this browser's cookie in the form.
    const origin = request.headers.get('Origin');
    if (origin && origin !== url.origin) {
      return refuse(403, 'This form was sent from another site and was refused.');
    }
    const form = await request
      .clone()
      .formData()
      .catch(() => null);
    const sent = form?.get(CSRF_FIELD);
    if (!hadCsrf || typeof sent !== 'string' || !sameToken(sent, csrf)) {
      return refuse(
        403,
        'The form could not be checked (its security token is missing or out of date). Reload the page and send it again.',
      );
    }
  }

  if (!env.HUB_PUBLIC_READ && !user && !ALWAYS_OPEN.some((p) => stripLang(url.pathname) === p)) {
    const lang = langFromPath(url.pathname);
    return withHeaders(
      redirect(localizePath(`/login?next=${encodeURIComponent(url.pathname + url.search)}`, lang)),
      securityHeaders,
      setCookies,
    );
  }

  const response = await next();
  // Pages for a signed-in person are theirs alone: never stored by a browser or a proxy.
  const headers = user
    ? { ...securityHeaders, 'Cache-Control': 'private, no-store' }
    : securityHeaders;
  return withHeaders(response, headers, setCookies);
};

/** The signed-in user, or a redirect to the sign-in page (GET) / 401 (writes). */
export function requireUser(
  context: Readonly<RouterContextProvider>,
  request: Request,
): SessionUser {
  const user = context.get(userContext);
  if (user) return user;
  const url = new URL(request.url);
  if (request.method.toUpperCase() === 'GET') {
    throw redirect(
      localizePath(
        `/login?next=${encodeURIComponent(url.pathname + url.search)}`,
        langFromPath(url.pathname),
      ),
    );
  }
  throw data('Sign in to do this.', { status: 401 });
}

/**
 * The user, who must pass the access rule of this route module (app/lib/permissions.ts): a
 * redirect to sign-in (GET) or 401 when signed out, 403 when the account may not. Loaders of the
 * forms call it too, so a page never offers what its action would refuse.
 */
export function authorize(
  context: Readonly<RouterContextProvider>,
  request: Request,
  route: ActionRoute | keyof typeof PAGE_ACCESS,
  scope: { projectId?: number } = {},
): SessionUser {
  const access: Access =
    route in ACTION_ACCESS
      ? ACTION_ACCESS[route as ActionRoute]
      : PAGE_ACCESS[route as keyof typeof PAGE_ACCESS];
  const user = access === 'anyone' ? context.get(userContext) : requireUser(context, request);
  const links = scope.projectId === undefined ? [] : listProjectOrganisationRoles(scope.projectId);
  if (!isAllowed(access, user, links)) {
    throw data('Your account may not do this.', { status: 403 });
  }
  return user!;
}

/** Ends the session of this request. */
export function endSession(context: Readonly<RouterContextProvider>): void {
  const token = context.get(sessionTokenContext);
  if (token) deleteSession(token);
}
