import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

import {
  type MiddlewareFunction,
  type RouterContextProvider,
  createContext,
  data,
  redirect,
  redirectDocument,
} from 'react-router';

import { getSessionUser, listProjectOrganisationRoles, signOut } from '../auth/users.server';
import { langFromPath, localizePath, stripLang } from '../i18n/config';
import { SESSION_MAX_MS, type SessionUser } from '../auth/auth';
import {
  ACTION_ACCESS,
  type Access,
  type ActionRoute,
  PAGE_ACCESS,
  isAllowed,
} from '../auth/permissions';
import { now } from '../clock';
import { env } from '../env.server';
import {
  PRIVATE_CACHE_CONTROL,
  cacheDecision,
  inlineScriptHashes,
  notModifiedIfMatching,
  strongEtag,
} from './http-cache';
import { isStreamedUpload, maxFormBytes, refuseMethod } from './request-rules.server';
import { responseCache } from './response-cache.server';
import { safeRedirectPath } from './safe-redirect';
import { serverTiming, startTiming, timingContext } from './server-timing.server';

// The secure shell around every request: who is signed in, the CSRF check on every write, the
// CSP nonce, the security headers and HTTP caching. It runs as root middleware, before any loader
// or action.

export const SESSION_COOKIE = 'hub_session';
/**
 * The signed-out CSRF cookie. `__Host-` (wherever cookies are Secure, i.e. in production) means a
 * browser takes it only from this very origin over HTTPS, with Path=/ and no Domain: a sibling
 * subdomain or a plain-HTTP answer cannot plant one.
 */
export const csrfCookieName = () => (secure() ? '__Host-hub_csrf' : 'hub_csrf');
/** The hidden form field that carries the CSRF token. */
export const CSRF_FIELD = '_csrf';
export const CSRF_REFUSAL =
  'The form could not be checked (its security token is missing or out of date). Reload the page and send it again.';

export const userContext = createContext<SessionUser | null>(null);
export const sessionTokenContext = createContext<string | null>(null);
export const csrfContext = createContext<string>('');
/** This response's CSP nonce; empty for a public read, whose inline scripts are hashed instead. */
export const nonceContext = createContext<string>('');

/** Paths that stay open when public reading is switched off. */
const ALWAYS_OPEN = ['/login', '/language', '/favicon.svg'];
/** The only forms a signed-out visitor can send: these pages get the CSRF cookie and token. */
const SIGNED_OUT_FORMS = ['/login'];

function parseCookies(header: string | null): Record<string, string> {
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

/** The CSP, allowing inline scripts by this response's nonce or by the hashes of their text. */
function contentSecurityPolicy(scriptSources: string[]): string {
  const tileHost = env.MAP_TILE_URL
    ? new URL(env.MAP_TILE_URL.replace(/\{[a-z]\}/g, 'x')).origin
    : '';
  return [
    "default-src 'self'",
    ["script-src 'self'", ...scriptSources].join(' '),
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

/**
 * A public read answered with a body: rendered without a nonce, so it is buffered and its inline
 * scripts are allowed by their hashes; a cacheable one gets an ETag.
 */
async function publicRead(
  response: Response,
  headers: Record<string, string>,
  cookies: string[],
  withEtag: boolean,
): Promise<{ response: Response; body: Uint8Array<ArrayBuffer> }> {
  const body = new Uint8Array(await response.arrayBuffer());
  const out = { ...headers };
  if (
    out['Content-Security-Policy'] &&
    response.headers.get('Content-Type')?.startsWith('text/html')
  ) {
    out['Content-Security-Policy'] = contentSecurityPolicy(
      inlineScriptHashes(new TextDecoder().decode(body)),
    );
  }
  const buffered = withHeaders(
    new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    }),
    out,
    cookies,
  );
  // Known now that it is whole; a HEAD, whose body React Router drops, still says how long it is.
  buffered.headers.set('Content-Length', String(body.byteLength));
  if (withEtag) buffered.headers.set('ETag', strongEtag(body));
  return { response: buffered, body };
}

/** Whether a response starts a session (sets a non-empty session cookie). */
const startsSession = (response: Response) =>
  response.headers
    .getSetCookie()
    .some((c) => c.startsWith(`${SESSION_COOKIE}=`) && !c.startsWith(`${SESSION_COOKIE}=;`));

export const securityMiddleware: MiddlewareFunction<Response> = async (
  { request, context },
  next,
) => {
  const timing = startTiming();
  context.set(timingContext, timing);
  const cookies = parseCookies(request.headers.get('Cookie'));
  const url = new URL(request.url);
  const method = request.method.toUpperCase();
  const setCookies: string[] = [];

  const token = cookies[SESSION_COOKIE];
  const user = token ? getSessionUser(token, now()) : null;
  if (token && !user) setCookies.push(clearSessionCookie());
  context.set(userContext, user);
  context.set(sessionTokenContext, user ? token! : null);

  // Signed out, a page is the same for everyone unless it holds a form: render it without a nonce
  // or CSRF token (and set no cookie), so that one copy can be cached and shared.
  const isPublicRead =
    !user &&
    (method === 'GET' || method === 'HEAD') &&
    !SIGNED_OUT_FORMS.includes(stripLang(url.pathname));
  const nonce = isPublicRead ? '' : randomBytes(16).toString('base64');
  context.set(nonceContext, nonce);

  // Signed in, the token is the session's own (sessionCsrfToken); signed out, it is repeated from a
  // cookie set for this browser (double submit).
  let csrf = '';
  let hasCsrfCookie = false;
  if (user) {
    csrf = sessionCsrfToken(token!);
  } else {
    csrf = cookies[csrfCookieName()] ?? '';
    hasCsrfCookie = /^[A-Za-z0-9_-]{43}$/.test(csrf);
    if (!hasCsrfCookie && !isPublicRead) {
      csrf = randomBytes(32).toString('base64url');
      setCookies.push(cookie(csrfCookieName(), csrf, null));
    }
  }
  const isCsrfKnown = user !== null || hasCsrfCookie;
  context.set(csrfContext, isPublicRead ? '' : csrf);

  const securityHeaders: Record<string, string> = {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'DENY',
  };
  // Vite's dev server injects scripts of its own; the policy applies to the built hub.
  if (env.NODE_ENV !== 'development') {
    securityHeaders['Content-Security-Policy'] = contentSecurityPolicy(
      nonce ? [`'nonce-${nonce}'`] : [],
    );
  }
  const refuse = (status: number, message: string) =>
    withHeaders(
      new Response(message, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } }),
      { ...securityHeaders, 'Cache-Control': PRIVATE_CACHE_CONTROL },
      setCookies,
    );

  // The production server refuses these before the app runs (scripts/server/); here they hold
  // under `npm run dev` too.
  const refusal = refuseMethod(method, url.pathname);
  if (refusal?.status === 204) {
    return new Response(null, {
      status: 204,
      headers: { Allow: refusal.allow, 'Cache-Control': 'no-store' },
    });
  }
  if (refusal) {
    const answer = refuse(405, `This address does not answer ${method} requests.`);
    answer.headers.set('Allow', refusal.allow);
    return answer;
  }
  const contentType = request.headers.get('Content-Type');
  const isUpload = isStreamedUpload(url.pathname, contentType);
  // An upload's own page answers an upload that is too large (with the form and its message).
  if (!isUpload && Number(request.headers.get('Content-Length') ?? 0) > maxFormBytes()) {
    return refuse(413, 'The request is larger than this address accepts.');
  }

  if (method === 'POST') {
    // A write must come from this site's own pages: same Origin (when the browser sends one) and
    // the CSRF token of this browser in the form.
    const origin = request.headers.get('Origin');
    if (origin && origin !== url.origin) {
      return refuse(403, 'This form was sent from another site and was refused.');
    }
    if (isUpload) {
      // An upload is read as a stream by its page (app/core/http/upload.server.ts), which checks the
      // token before taking the file. Nobody signed out may upload: refused before reading.
      if (!user) return refuse(401, 'Sign in to do this.');
    } else {
      // At most HUB_MAX_BODY_KB, counted by the server before the app runs.
      const form = await request
        .clone()
        .formData()
        .catch(() => null);
      const sent = form?.get(CSRF_FIELD);
      if (!isCsrfKnown || typeof sent !== 'string' || !sameToken(sent, csrf)) {
        return refuse(403, CSRF_REFUSAL);
      }
    }
  }

  if (!env.HUB_PUBLIC_READ && !user && !ALWAYS_OPEN.some((p) => stripLang(url.pathname) === p)) {
    const lang = langFromPath(url.pathname);
    return withHeaders(
      redirect(localizePath(`/login?next=${encodeURIComponent(returnPath(url))}`, lang)),
      securityHeaders,
      setCookies,
    );
  }

  // A public read is kept for the next visitor (answered by cachedAnswerMiddleware). A HEAD is
  // rendered as its GET (entry.server.tsx) and kept as that, for either to be answered from.
  const cacheable = isPublicRead && (method === 'GET' || method === 'HEAD');
  const stamp = cacheable ? responseCache().stamp() : '';

  const response = await next();
  const decision = cacheDecision({
    isPublicRead,
    method,
    status: response.status,
    setsCookie: setCookies.length > 0 || response.headers.has('Set-Cookie'),
    cacheControl: response.headers.get('Cache-Control'),
  });
  const headers = { ...securityHeaders };
  if (decision.cacheControl) headers['Cache-Control'] = decision.cacheControl;
  // Signing in changes pages this browser may hold as public copies (the header, edit links):
  // drop them, so that every page after it comes fresh with the session.
  if (startsSession(response)) headers['Clear-Site-Data'] = '"cache"';
  if (cacheable && response.body) {
    const read = await publicRead(response, headers, setCookies, decision.etag);
    if (decision.etag && read.response.status === 200) {
      responseCache().put(request, read.response, read.body, stamp);
    }
    read.response.headers.set('Server-Timing', serverTiming(timing));
    return notModifiedIfMatching(request, read.response);
  }
  return withHeaders(response, { ...headers, 'Server-Timing': serverTiming(timing) }, setCookies);
};

/**
 * Answers a signed-out GET (or HEAD) from the server's kept copies
 * (app/core/http/response-cache.server.ts) before anything else of the app runs: no i18next instance, no
 * session lookup, no loader. (The production server asks cachedAnswer() even before React Router;
 * this catches the rest, and `npm run dev`.) Only a request without a session cookie qualifies (one
 * with a session, valid or not, goes through securityMiddleware), and never a page holding a
 * signed-out form; what is kept was stored by securityMiddleware.
 */
export const cachedAnswerMiddleware: MiddlewareFunction<Response> = async ({ request }, next) =>
  (await cachedAnswer(request)) ?? next();

/**
 * The kept answer to this request, if it is a signed-out GET or HEAD that has one (see above).
 * Also called by the production server (scripts/serve.mjs, through entry.server.tsx) before React
 * Router runs at all; `desc` says in Server-Timing which of the two answered.
 */
export async function cachedAnswer(
  request: Pick<Request, 'method' | 'url' | 'headers'>,
  desc = 'hit',
): Promise<Response | null> {
  if (
    (request.method === 'GET' || request.method === 'HEAD') &&
    env.HUB_PUBLIC_READ &&
    !(SESSION_COOKIE in parseCookies(request.headers.get('Cookie'))) &&
    !SIGNED_OUT_FORMS.includes(stripLang(new URL(request.url).pathname))
  ) {
    const timing = startTiming();
    const kept = await responseCache().match(request);
    if (kept) {
      kept.headers.set('Server-Timing', `${serverTiming(timing)}, cache;desc="${desc}"`);
      // The GET's header fields (ETag, Content-Length of the body it would get), without the body.
      if (request.method === 'HEAD') {
        return new Response(null, { status: kept.status, headers: kept.headers });
      }
      return kept;
    }
  }
  return null;
}

/** The page to come back to after signing in: this one, if it is a safe target. */
const returnPath = (url: URL) => safeRedirectPath(url.pathname + url.search, '/');

/** The signed-in user, or a redirect to the sign-in page (GET) / 401 (writes). */
export function requireUser(
  context: Readonly<RouterContextProvider>,
  request: Request,
): SessionUser {
  const user = context.get(userContext);
  if (user) return user;
  const url = new URL(request.url);
  if (request.method.toUpperCase() === 'GET') {
    // A full page load even from a client-side navigation: the sign-in page must come from the
    // server with this browser's CSRF token, which public pages do not carry.
    throw redirectDocument(
      localizePath(
        `/login?next=${encodeURIComponent(returnPath(url))}`,
        langFromPath(url.pathname),
      ),
    );
  }
  throw data('Sign in to do this.', { status: 401 });
}

/**
 * The user, who must pass the access rule of this route module (app/core/auth/permissions.ts): a
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

/** Ends the session of this request (recorded in the audit log as a sign-out). */
export function endSession(context: Readonly<RouterContextProvider>): void {
  const token = context.get(sessionTokenContext);
  const user = context.get(userContext);
  if (token && user) signOut(token, user, now());
}
