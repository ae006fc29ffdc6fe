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

/** A route's pattern as React Router joins it: its parents' paths, then its own. */
function patternOf(routes, route) {
  const parts = [];
  for (let at = route; at; at = at.parentId ? routes[at.parentId] : undefined) {
    if (at.path) parts.unshift(at.path);
  }
  return parts.join('/').split('/').filter(Boolean);
}

/**
 * Where a route can match: its language (null: every language) and the section its pattern
 * begins with after the language's prefix (null: any section; "" a language's home). A route
 * that does not fit the convention (a language's page without its prefix) can match anywhere.
 */
function placeOfRoute(routes, route, rules) {
  const anywhere = { lang: null, section: null };
  const lang = rules.languageOfRouteId(route.id);
  let segments = patternOf(routes, route);
  if (lang !== null && lang !== rules.DEFAULT_LANG) {
    if (segments[0] !== lang) return anywhere;
    segments = segments.slice(1);
  } else if (rules.LANGS.includes(segments[0])) {
    return anywhere;
  }
  const first = segments[0];
  if (first === undefined) return { lang, section: route.index ? '' : null };
  if (/^[:*]/.test(first) || first.endsWith('?')) return { lang, section: null };
  return { lang, section: first.toLowerCase() };
}

/**
 * The builds requests are answered with (decision 0087): for each language and section (the
 * path's first segment after the prefix), only the routes that can match such a path — that
 * language's pages of that section, the routes of no language that begin with it (English
 * paths only: they have no prefix), and the routes that match anywhere (the root, the catch-all).
 * `buildFor(pathname)` gives the build for a path, or null for the whole build: a path
 * `rules.routePlaceOfPath` cannot place. Sections no route begins with share one build.
 */
export function routeSets(build, rules) {
  const places = new Map(
    Object.values(build.routes).map((route) => [
      route.id,
      placeOfRoute(build.routes, route, rules),
    ]),
  );
  const sections = new Map(rules.LANGS.map((lang) => [lang, new Set()]));
  for (const { lang, section } of places.values()) {
    if (section === null) continue;
    sections.get(lang ?? rules.DEFAULT_LANG)?.add(section);
  }
  const builds = new Map();
  const buildFor = (pathname) => {
    const place = rules.routePlaceOfPath(pathname);
    if (!place) return null;
    const section = sections.get(place.lang).has(place.section) ? place.section : null;
    const key = `${place.lang}/${section ?? '(none)'}`;
    let only = builds.get(key);
    if (!only) {
      only = buildWithRoutes(build, (id) => {
        const route = places.get(id);
        const inLanguage =
          route.lang === place.lang ||
          (route.lang === null && (route.section === null || place.lang === rules.DEFAULT_LANG));
        return inLanguage && (route.section === null || route.section === section);
      });
      builds.set(key, only);
    }
    return only;
  };
  return { buildFor };
}

/**
 * One React Router handler per route set (`routeSets`, decision 0087): React Router matches a
 * path against every route, several times per request, and builds every route's objects again,
 * so a handful of routes is a fraction of that work. A path it cannot place, and the browser's
 * route discovery (`/__manifest`, which asks about any paths), go to the handler that knows
 * every route.
 */
export function routeSetHandlers(build, rules, mode) {
  const all = createRequestHandler(build, mode);
  const { buildFor } = routeSets(build, rules);
  const handlers = new Map();
  const manifestPath = build.routeDiscovery?.manifestPath ?? '/__manifest';
  return (pathname) => {
    const only = pathname === manifestPath ? null : buildFor(pathname);
    if (!only) return all;
    let handler = handlers.get(only);
    if (!handler) {
      handler = createRequestHandler(only, mode);
      handlers.set(only, handler);
    }
    return handler;
  };
}

/**
 * The Express handler that answers through React Router. `rules` are the app's request rules and
 * context keys, exported by entry.server.tsx.
 */
export function reactRouterHandler(build, rules, mode) {
  const handlerFor = routeSetHandlers(build, rules, mode);
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
      const url = new URL(requestUrl(req));
      const request = new Request(url, init);
      const context = new RouterContextProvider();
      context.set(rules.clientAddressContext, plainAddress(req.ip));
      // The path as React Router reads it: the URL's, with "." and ".." segments and
      // backslashes resolved (Express's req.path keeps them as sent).
      await send(req, res, await handlerFor(url.pathname)(request, context));
    } catch (error) {
      next(error);
    }
  };
}
