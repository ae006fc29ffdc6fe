import { PassThrough } from 'node:stream';

import {
  type EntryContext,
  type HandleErrorFunction,
  type RouterContextProvider,
  ServerRouter,
  isRouteErrorResponse,
} from 'react-router';
import { createReadableStreamFromReadable } from '@react-router/node';
import { isbot } from 'isbot';
import type { RenderToPipeableStreamOptions } from 'react-dom/server';
import { renderToPipeableStream } from 'react-dom/server';

import { getSearchIndexes } from './core/search/search.server';
import { nonceContext } from './core/http/security-headers.server';
import { I18nInstanceContext } from './core/i18n/context';
import { prepareLanguages, requestInstance } from './core/i18n/i18next.server';
import { RenderedNamespacesContext, recordNamespaces } from './core/i18n/page-translations';
import { followReportingChanges } from './features/reporting/notifications.server';

export { instrumentations } from './core/http/server-timing.server';
export { cachedAnswer } from './core/http/public-cache.server';
// The production server (scripts/serve.mjs) applies these before React Router runs.
export {
  bodyLimit,
  clientAddressContext,
  isStreamedUpload,
  refuseMethod,
} from './core/http/request-rules.server';
export { DEFAULT_LANG, LANGS, languageOfRouteId, routePlaceOfPath } from './core/i18n/config';
export { serverSettings } from './core/http/server-settings.server';
export { closeDatabase } from './core/db.server';
// The threads of app/core/jobs/ and the primary's tasks load the jobs bundle (app/jobs.server.ts).

// The mails a reporting change calls for go out right after it, from the process that made it.
followReportingChanges();

/**
 * Called by the production server in each process that answers requests (not in the cluster's
 * primary): builds the search indexes and the languages' i18next instances at start, not on the
 * first request that needs them.
 */
export function warmUp(): void {
  setImmediate(() => {
    prepareLanguages();
    try {
      getSearchIndexes();
    } catch (error) {
      console.error('The search index could not be built at start-up:', error);
    }
  });
}

export const streamTimeout = 5_000;

/**
 * Errors are logged as React Router logs them, except one 404: a path with a line separator
 * (U+2028, U+2029) escapes even the catch-all route's pattern, and React Router answers it with
 * its own 404 page and a "No route matches URL" error. That is a refused request, not a failure.
 */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  const inner: unknown =
    isRouteErrorResponse(error) && 'error' in error ? (error as { error?: unknown }).error : error;
  const unmatched =
    isRouteErrorResponse(error) &&
    error.status === 404 &&
    inner instanceof Error &&
    inner.message.startsWith('No route matches URL');
  if (unmatched) return;
  console.error(inner ?? error);
};

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  entryContext: EntryContext,
  // With middleware on, the router context carries the request's i18next instance.
  routerContext: RouterContextProvider,
) {
  // No nonce means a public read: the middleware buffers the whole page to hash its scripts.
  const nonce = routerContext.get(nonceContext) || undefined;

  // https://httpwg.org/specs/rfc9110.html#HEAD: the header fields a GET would get. A public read
  // is rendered whole, so that its ETag, Content-Length and kept copy are those of the GET (React
  // Router drops the body afterwards); anything else, rendered per request, is not rendered.
  if (request.method.toUpperCase() === 'HEAD' && nonce) {
    return new Response(null, {
      status: responseStatusCode,
      headers: responseHeaders,
    });
  }

  // Resolved before rendering starts: nothing below may throw before the stream exists.
  const i18n = requestInstance(routerContext, request.url);
  const namespaces = recordNamespaces();

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const userAgent = request.headers.get('user-agent');

    // Ensure requests from bots and SPA Mode renders wait for all content to load before responding
    // https://react.dev/reference/react-dom/server/renderToPipeableStream#waiting-for-all-content-to-load-for-crawlers-and-static-generation
    // So does a public read: it is buffered anyway, and rendered whole it is the same bytes (and
    // ETag) every time, whenever its data resolves.
    const readyOption: keyof RenderToPipeableStreamOptions =
      !nonce || (userAgent && isbot(userAgent)) || entryContext.isSpaMode
        ? 'onAllReady'
        : 'onShellReady';

    let timeoutId: ReturnType<typeof setTimeout> | undefined;
    let isFinished = false;
    const { pipe, abort } = renderToPipeableStream(
      <I18nInstanceContext value={i18n}>
        <RenderedNamespacesContext value={namespaces}>
          <ServerRouter context={entryContext} url={request.url} nonce={nonce} />
        </RenderedNamespacesContext>
      </I18nInstanceContext>,
      {
        // The Content-Security-Policy allows inline scripts only with this request's nonce (or,
        // without one, by the hashes of exactly these scripts).
        nonce,
        [readyOption]() {
          shellRendered = true;
          const body = new PassThrough({
            final(callback) {
              // Clear the timeout to prevent retaining the closure and memory leak
              clearTimeout(timeoutId);
              timeoutId = undefined;
              isFinished = true;
              callback();
            },
          });
          const stream = createReadableStreamFromReadable(body);

          responseHeaders.set('Content-Type', 'text/html');

          pipe(body);

          resolve(
            new Response(stream, {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Log streaming rendering errors from inside the shell.  Don't log
          // errors encountered during initial shell rendering since they'll
          // reject and get logged in handleDocumentRequest.
          if (shellRendered) {
            console.error(error);
          }
        },
      },
    );
    // Abort the rendering stream after the `streamTimeout` so it has time to flush down the
    // rejected boundaries. Set only now that `abort` exists: a timer that fired on a render that
    // never started threw a ReferenceError outside any request and ended the process.
    if (!isFinished) timeoutId = setTimeout(() => abort(), streamTimeout + 1000);
  });
}
