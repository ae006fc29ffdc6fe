import type { MiddlewareFunction } from 'react-router';

import { stripLang } from '../i18n/config';
import { env } from '../env.server';
import { SESSION_COOKIE, parseCookies } from './cookies.server';
import { inlineScriptHashes, strongEtag } from './http-cache';
import { responseCache } from './response-cache.server';
import { contentSecurityPolicy, withHeaders } from './security-headers.server';
import { serverTiming, startTiming } from './server-timing.server';

// Signed out, a page is the same for everyone: it is rendered once without a nonce, buffered,
// given an ETag and kept (response-cache.server.ts) for the next visitor.

/** The only forms a signed-out visitor can send: these pages get the CSRF cookie and token. */
export const SIGNED_OUT_FORMS = ['/login', '/reporting/unsubscribe'];

/**
 * A public read answered with a body: rendered without a nonce, so it is buffered and its inline
 * scripts are allowed by their hashes; a cacheable one gets an ETag.
 */
export async function publicRead(
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

/**
 * Answers a signed-out GET (or HEAD) from the server's kept copies
 * (app/core/http/response-cache.server.ts) before anything else of the app runs: no i18next
 * instance, no session lookup, no loader. (The production server asks cachedAnswer() even before
 * React Router; this catches the rest, and `npm run dev`.) Only a request without a session
 * cookie qualifies (one with a session, valid or not, goes through securityMiddleware), and never
 * a page holding a signed-out form; what is kept was stored by securityMiddleware.
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
