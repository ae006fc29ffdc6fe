// Hands an Express request to React Router, as @react-router/express does (the same URL, headers,
// abort signal and response writing), with two things that adapter cannot do:
// - the body is counted as it arrives, chunked bodies included, against the limit of its path
//   (app/core/http/request-rules.server.ts), and refused with 413 past it, before anything parses it. A
//   form's body is read whole (it is at most HUB_MAX_BODY_KB); a file sent to the upload page is
//   passed on as a stream, counted on its way, so the upload page writes it to a temporary file
//   and never holds it in memory;
// - the router context carries the client's address, as Express works it out from the connection
//   and HUB_TRUST_PROXY (req.ip).
import { Transform } from 'node:stream';

import {
  createReadableStreamFromReadable,
  writeReadableStreamToWritable,
} from '@react-router/node';
import { RouterContextProvider, createRequestHandler } from 'react-router';

/**
 * What a file upload's body may hold beyond the file: its other fields, the framing, and what the
 * streams between here and the upload page hold when the page finds the file too large.
 */
const UPLOAD_FRAMING_BYTES = 1024 * 1024;

/** How long, and for how many more bytes, a connection answered early is read before closing. */
const LINGER_MS = 2_000;
const LINGER_BYTES = 32 * 1024 * 1024;

/**
 * For an answer sent before the request's body was read (a refusal): the connection closes after
 * it, but lingers first. What the client still sends is read and dropped, for at most LINGER_MS
 * and LINGER_BYTES: closing a socket with unread data sends a reset, which can make the client
 * lose the answer before it reads it (a browser then shows "connection reset", not the message).
 */
export function closeAfterAnswer(req, res) {
  res.set('Connection', 'close');
  // Nothing of the body is wanted any more: drop it as it comes, never keep it.
  req.unpipe();
  req.on('data', () => {});
  req.resume();
  const socket = req.socket;
  if (socket.hubLingers) return;
  socket.hubLingers = true;
  // Node calls destroySoon() once the answer is sent with Connection: close.
  socket.destroySoon = function lingeringClose() {
    if (this.writable) this.end();
    const readBefore = this.bytesRead;
    const close = () => {
      clearTimeout(timer);
      clearInterval(watch);
      this.destroy();
    };
    const timer = setTimeout(close, LINGER_MS);
    const watch = setInterval(() => this.bytesRead - readBefore > LINGER_BYTES && close(), 100);
    this.once('end', close);
    this.once('close', close);
  };
}

/** A refusal the server writes itself: plain text, never kept by a cache. */
export function refuse(res, status, message, headers = {}) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.status(status);
  res.set({
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(message);
}

/** 413, and the connection closes: the only way to stop a client that keeps sending. */
function tooLarge(req, res, limit) {
  if (!res.headersSent) closeAfterAnswer(req, res);
  refuse(
    res,
    413,
    `The request is larger than the ${Math.round(limit / 1024)} KiB this address accepts.`,
  );
}

/** The whole body, at most `limit` bytes; null once the request was refused or abandoned. */
function readWhole(req, res, limit) {
  return new Promise((resolve) => {
    const chunks = [];
    let size = 0;
    let settled = false;
    const settle = (value) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      resolve(value);
    };
    const onData = (chunk) => {
      size += chunk.length;
      if (size > limit) {
        settle(null);
        tooLarge(req, res, limit);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => settle(Buffer.concat(chunks, size)));
    req.once('error', () => settle(null));
    req.once('close', () => settle(null));
  });
}

/** The body as a stream that fails, and answers 413, once more than `limit` bytes have come. */
function countedStream(req, res, limit) {
  let size = 0;
  const counter = new Transform({
    transform(chunk, _encoding, callback) {
      size += chunk.length;
      if (size > limit) {
        tooLarge(req, res, limit);
        callback(new Error(`The upload is larger than ${limit} bytes.`));
        return;
      }
      callback(null, chunk);
    },
  });
  req.once('error', (error) => counter.destroy(error));
  req.once('aborted', () => counter.destroy(new Error('The client abandoned the request.')));
  req.pipe(counter);
  return createReadableStreamFromReadable(counter);
}

/** The request's header fields as a Headers object, in the order they came. */
export function requestHeaders(req) {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  }
  return headers;
}

/** The URL React Router's Express adapter gives the request (createRemixRequest), so keys match. */
export function requestUrl(req) {
  const [, forwardedPortText] = req.app.enabled('trust proxy')
    ? (req.get('X-Forwarded-Host')?.split(':') ?? [])
    : [];
  const [, hostPortText] = req.get('host')?.split(':') ?? [];
  const forwardedPort = Number.parseInt(forwardedPortText, 10);
  const hostPort = Number.parseInt(hostPortText, 10);
  const port = Number.isSafeInteger(forwardedPort)
    ? forwardedPort
    : Number.isSafeInteger(hostPort)
      ? hostPort
      : '';
  const hostname = req.hostname.split(/[\\/?#@]/)[0] || 'localhost';
  return new URL(`${req.protocol}://${hostname}${port ? `:${port}` : ''}${req.originalUrl}`).href;
}

/** `::ffff:127.0.0.1` → `127.0.0.1`: one spelling per address, for the sign-in limits. */
const plainAddress = (ip) => (ip?.startsWith('::ffff:') ? ip.slice(7) : ip) || null;

async function send(req, res, response) {
  if (res.destroyed || res.writableEnded) {
    await response.body?.cancel();
    return;
  }
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers.entries()) res.append(name, value);
  // Answered before the body was read (a refusal): do not wait for the rest of it.
  if (!req.complete) closeAfterAnswer(req, res);
  if (response.body) {
    try {
      await writeReadableStreamToWritable(response.body, res);
    } catch (error) {
      if (res.destroyed || res.writableEnded) return;
      throw error;
    }
  } else {
    res.end();
  }
}

/** `build` with only the routes `keep(id)` accepts, in both the server's and the browser's manifest. */
export function buildWithRoutes(build, keep) {
  const only = (routes) => Object.fromEntries(Object.entries(routes).filter(([id]) => keep(id)));
  return {
    ...build,
    routes: only(build.routes),
    assets: { ...build.assets, routes: only(build.assets.routes) },
  };
}

/**
 * The build each language's requests are answered with: that language's pages and the routes of no
 * language (`rules.languageOfRouteId`), in a Map by language.
 */
export function languageBuilds(build, rules) {
  const builds = new Map();
  for (const lang of rules.LANGS) {
    const keep = (id) => {
      const of = rules.languageOfRouteId(id);
      return of === null || of === lang;
    };
    builds.set(lang, buildWithRoutes(build, keep));
  }
  return builds;
}

/**
 * One React Router handler per language (decision 0087): React Router matches a path against every
 * route, several times per request, so a third of the routes is a third of that work. A path goes
 * to the handler of the language `rules.routeLanguageOfPath` names; a path it cannot place, and the
 * browser's route discovery (`/__manifest`, which asks about any paths), go to the handler that
 * knows every route.
 */
export function languageHandlers(build, rules, mode) {
  const all = createRequestHandler(build, mode);
  const byLanguage = new Map();
  for (const [lang, only] of languageBuilds(build, rules)) {
    byLanguage.set(lang, createRequestHandler(only, mode));
  }
  const manifestPath = build.routeDiscovery?.manifestPath ?? '/__manifest';
  return (pathname) =>
    pathname === manifestPath ? all : (byLanguage.get(rules.routeLanguageOfPath(pathname)) ?? all);
}

/**
 * The Express handler that answers through React Router. `rules` are the app's request rules and
 * context keys, exported by entry.server.tsx.
 */
export function reactRouterHandler(build, rules, mode) {
  const handlerFor = languageHandlers(build, rules, mode);
  return async (req, res, next) => {
    try {
      const init = {
        method: req.method,
        headers: requestHeaders(req),
        signal: undefined,
      };
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        const contentType = req.get('content-type') ?? null;
        const limit = rules.bodyLimit(req.path, contentType);
        const declared = Number(req.get('content-length') ?? 0);
        if (declared > limit && !rules.isStreamedUpload(req.path, contentType)) {
          // Known too large before a byte is read (an upload's own page says so next to its field).
          return tooLarge(req, res, limit);
        }
        if (rules.isStreamedUpload(req.path, contentType)) {
          // The file itself is limited by the upload page, which says so on the page; this counts
          // the whole body, with room for the form's other fields and the multipart framing.
          init.body = countedStream(req, res, limit + UPLOAD_FRAMING_BYTES);
          init.duplex = 'half';
        } else {
          const body = await readWhole(req, res, limit);
          if (body === null) return;
          init.body = body;
        }
      }
      let controller = new AbortController();
      init.signal = controller.signal;
      res.on('finish', () => (controller = null));
      res.on('close', () => controller?.abort());
      const request = new Request(requestUrl(req), init);
      const context = new RouterContextProvider();
      context.set(rules.clientAddressContext, plainAddress(req.ip));
      await send(req, res, await handlerFor(req.path)(request, context));
    } catch (error) {
      next(error);
    }
  };
}
