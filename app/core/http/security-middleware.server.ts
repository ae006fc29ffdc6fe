import { randomBytes } from 'node:crypto';

import { type MiddlewareFunction, redirect } from 'react-router';

import { env } from '../env.server';
import { langFromPath, localizePath, stripLang } from '../i18n/config';
import { parseCookies, startsSession } from './cookies.server';
import {
  type BrowserCsrf,
  CSRF_REFUSAL,
  browserCsrf,
  csrfContext,
  hasValidCsrfField,
  isWellFormedUrlEncoded,
} from './csrf.server';
import { PRIVATE_CACHE_CONTROL, cacheDecision, notModifiedIfMatching } from './http-cache';
import { SIGNED_OUT_FORMS, publicRead } from './public-cache.server';
import { isStreamedUpload, maxFormBytes, refuseMethod } from './request-rules.server';
import { responseCache } from './response-cache.server';
import { nonceContext, securityHeaders, withHeaders } from './security-headers.server';
import { returnPath, startSession } from './session.server';
import { serverTiming, startTiming, timingContext } from './server-timing.server';

// The secure shell around every request: who is signed in, the CSRF check on every write, the
// CSP nonce, the security headers and HTTP caching. It runs as root middleware, before any loader
// or action; each concern lives in its own module beside this one.

/** Paths that stay open when public reading is switched off. */
// The unsubscribe link of a mail works signed out, also where public reading is off.
const ALWAYS_OPEN = ['/login', '/language', '/favicon.svg', '/reporting/unsubscribe'];

type Refuse = (status: number, message: string) => Response;

/**
 * What is refused before the app runs: methods an address does not answer, bodies over the limit,
 * and writes from another site or without this browser's CSRF token. Null: go on.
 */
async function refusal(
  request: Request,
  url: URL,
  method: string,
  signedIn: boolean,
  csrf: BrowserCsrf,
  refuse: Refuse,
): Promise<Response | null> {
  // The production server refuses these before the app runs (scripts/server/); here they hold
  // under `npm run dev` too.
  const methodRefusal = refuseMethod(method, url.pathname);
  if (methodRefusal?.status === 204) {
    return new Response(null, {
      status: 204,
      headers: { Allow: methodRefusal.allow, 'Cache-Control': 'no-store' },
    });
  }
  if (methodRefusal) {
    const answer = refuse(405, `This address does not answer ${method} requests.`);
    answer.headers.set('Allow', methodRefusal.allow);
    return answer;
  }
  const isUpload = isStreamedUpload(url.pathname, request.headers.get('Content-Type'));
  // An upload's own page answers an upload that is too large (with the form and its message).
  if (!isUpload && Number(request.headers.get('Content-Length') ?? 0) > maxFormBytes()) {
    return refuse(413, 'The request is larger than this address accepts.');
  }
  if (method !== 'POST') return null;
  // A write must come from this site's own pages: same Origin (when the browser sends one) and
  // the CSRF token of this browser in the form.
  const origin = request.headers.get('Origin');
  if (origin && origin !== url.origin) {
    return refuse(403, 'This form was sent from another site and was refused.');
  }
  if (isUpload) {
    // An upload is read as a stream by its page (app/core/http/upload.server.ts), which checks
    // the token before taking the file. Nobody signed out may upload: refused before reading.
    return signedIn ? null : refuse(401, 'Sign in to do this.');
  }
  if (!(await hasValidCsrfField(request, csrf))) return refuse(403, CSRF_REFUSAL);
  return (await isWellFormedUrlEncoded(request))
    ? null
    : refuse(400, 'This form could not be read: part of it is not well-formed text.');
}

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
  const { user, token } = startSession(context, cookies, setCookies);

  // Signed out, a page is the same for everyone unless it holds a form: render it without a nonce
  // or CSRF token (and set no cookie), so that one copy can be cached and shared.
  const isPublicRead =
    !user &&
    (method === 'GET' || method === 'HEAD') &&
    !SIGNED_OUT_FORMS.includes(stripLang(url.pathname));
  const nonce = isPublicRead ? '' : randomBytes(16).toString('base64');
  context.set(nonceContext, nonce);
  const csrf = browserCsrf(token, cookies, isPublicRead, setCookies);
  context.set(csrfContext, isPublicRead ? '' : csrf.token);

  const headers = securityHeaders(nonce);
  const refuse: Refuse = (status, message) =>
    withHeaders(
      new Response(message, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } }),
      { ...headers, 'Cache-Control': PRIVATE_CACHE_CONTROL },
      setCookies,
    );
  const refused = await refusal(request, url, method, user !== null, csrf, refuse);
  if (refused) return refused;

  if (!env.HUB_PUBLIC_READ && !user && !ALWAYS_OPEN.some((p) => stripLang(url.pathname) === p)) {
    const lang = langFromPath(url.pathname);
    return withHeaders(
      redirect(localizePath(`/login?next=${encodeURIComponent(returnPath(url))}`, lang)),
      headers,
      setCookies,
    );
  }

  // A public read is kept for the next visitor (answered by cachedAnswerMiddleware). A HEAD is
  // rendered as its GET (entry.server.tsx) and kept as that, for either to be answered from.
  const stamp = isPublicRead ? responseCache().stamp() : '';

  const response = await next();
  const decision = cacheDecision({
    isPublicRead,
    method,
    status: response.status,
    setsCookie: setCookies.length > 0 || response.headers.has('Set-Cookie'),
    cacheControl: response.headers.get('Cache-Control'),
  });
  if (decision.cacheControl) headers['Cache-Control'] = decision.cacheControl;
  // Signing in changes pages this browser may hold as public copies (the header, edit links):
  // drop them, so that every page after it comes fresh with the session.
  if (startsSession(response)) headers['Clear-Site-Data'] = '"cache"';
  // A download (a document's file) is streamed as it is, with its own stricter policy: never
  // buffered or kept as a public page is.
  const isDownload = /^attachment\b/i.test(response.headers.get('Content-Disposition') ?? '');
  if (isDownload) {
    const { 'Content-Security-Policy': _pagePolicy, ...rest } = headers;
    return withHeaders(response, { ...rest, 'Server-Timing': serverTiming(timing) }, setCookies);
  }
  if (isPublicRead && response.body) {
    const read = await publicRead(response, headers, setCookies, decision.etag);
    if (decision.etag && read.response.status === 200) {
      responseCache().put(request, read.response, read.body, stamp);
    }
    read.response.headers.set('Server-Timing', serverTiming(timing));
    return notModifiedIfMatching(request, read.response);
  }
  return withHeaders(response, { ...headers, 'Server-Timing': serverTiming(timing) }, setCookies);
};
