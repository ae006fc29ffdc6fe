// One serving process: react-router-serve's stack (gzip, the same static folders and headers, a
// log line per request), a method guard, kept answers served before React Router, and React
// Router's handler with counted bodies (request-handler.mjs). It stops cleanly on request: no new
// connections, requests in flight finished (at most SHUTDOWN_MS), the database checkpointed and
// closed, exit 0. An error no request caught ends this process the same way (exit 1); under the
// primary (primary.mjs) another process takes its place.
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, posix, relative, sep } from 'node:path';

import compression from 'compression';
import express from 'express';
import morgan from 'morgan';

import { reactRouterHandler, refuse, requestHeaders, requestUrl } from './request-handler.mjs';

/**
 * gzip's level for every answer. zlib's default (6) took about a millisecond of a 50–90 KB page's
 * CPU on its own; level 3 takes a third of that for 5–10 % more bytes (decision 0081).
 */
export const GZIP_LEVEL = 3;

/** How long a stop waits for requests in flight. */
export const SHUTDOWN_MS = 10_000;

/**
 * The files under `dir` as URL paths (`/favicon.svg`, `/geo/…`), listed once at start: the build's
 * and `public/`'s files do not change while the server runs.
 */
function filesUnder(dir) {
  if (!existsSync(dir)) return new Set();
  return new Set(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => `/${relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/')}`),
  );
}

/**
 * express.static for the files of `dir` only: every other address (every page) goes on without
 * the file system being asked for it (two stat calls a page cost 5 % of a small page's CPU).
 */
function staticFilesOf(dir, options) {
  const files = filesUnder(dir);
  const serveFile = express.static(dir, options);
  return (req, res, next) => {
    let path = req.path;
    try {
      path = decodeURIComponent(path);
    } catch {
      return next();
    }
    return files.has(path) ? serveFile(req, res, next) : next();
  };
}

/**
 * Serves `build` until stop() is called. `worker` (the cluster's worker id) ends each line of the
 * request log, so that one can tell which process answered.
 */
export function serve(build, { worker = 0, onListening = () => {} } = {}) {
  const label = `[hub ${worker}]`;
  const rules = build.entry.module;
  const settings = rules.serverSettings;
  let isStopping = false;

  async function keptAnswer(req, res, next) {
    let kept = null;
    try {
      kept = await rules.cachedAnswer(
        { method: req.method, url: requestUrl(req), headers: requestHeaders(req) },
        'hit, before React Router',
      );
    } catch {
      // A URL or header React Router would refuse too: it answers as it always does.
    }
    if (!kept) return next();
    res.status(kept.status);
    // As React Router's adapter sets them (Express adds a charset to a text Content-Type), so a
    // kept answer's headers are the rendered one's.
    for (const [name, value] of kept.headers) res.append(name, value);
    res.end(kept.body ? Buffer.from(await kept.arrayBuffer()) : undefined);
  }

  /** Methods a path does not answer are refused here; React Router would render an error page. */
  function methodGuard(req, res, next) {
    const refusal = rules.refuseMethod(req.method, req.path);
    if (!refusal) return next();
    if (refusal.status === 204) {
      res.status(204).set({ Allow: refusal.allow, 'Cache-Control': 'no-store' }).end();
      return;
    }
    refuse(res, 405, `This address does not answer ${req.method} requests.`, {
      Allow: refusal.allow,
    });
  }

  const app = express();
  app.disable('x-powered-by');
  // 0: the connection's address; n: the n-th address from the right of X-Forwarded-For.
  app.set('trust proxy', settings.trustProxy === 0 ? false : settings.trustProxy);
  app.use((_req, res, next) => {
    if (isStopping) res.set('Connection', 'close');
    next();
  });
  app.use(compression({ level: GZIP_LEVEL }));
  app.use(
    posix.join(build.publicPath, 'assets'),
    express.static(join(build.assetsBuildDirectory, 'assets'), { immutable: true, maxAge: '1y' }),
  );
  app.use(build.publicPath, staticFilesOf(build.assetsBuildDirectory));
  app.use(staticFilesOf('public', { maxAge: '1h' }));
  // morgan's `tiny` format, and which worker answered.
  app.use(morgan(`:method :url :status :res[content-length] - :response-time ms w${worker}`));
  app.use(methodGuard);
  app.get('*', keptAnswer);
  app.all('*', reactRouterHandler(build, rules, settings.mode));
  // Whatever a request throws ends that request, never the process: a client's error that Express
  // names (a path that is not valid percent-encoding is 400) with its status, anything else with a
  // 500, logged.
  app.use((error, req, res, _next) => {
    const status = Number(error?.status ?? error?.statusCode);
    if (status >= 400 && status < 500) {
      refuse(res, status, 'This request could not be read.');
      return;
    }
    console.error(`${label} ${req.method} ${req.originalUrl} failed:`, error);
    refuse(res, 500, 'The server could not answer this request.');
  });

  const server = createServer(app);
  server.listen(settings.port, settings.host, onListening);
  rules.warmUp();

  /** Stops accepting, finishes what is in flight, closes the database; resolves when done. */
  function stop() {
    if (isStopping) return stopped;
    isStopping = true;
    stopped = new Promise((resolve) => {
      let isDone = false;
      const done = () => {
        if (isDone) return;
        isDone = true;
        clearTimeout(deadline);
        try {
          rules.closeDatabase();
        } catch (error) {
          console.error(`${label} the database did not close cleanly:`, error);
        }
        resolve();
      };
      const deadline = setTimeout(() => {
        console.error(`${label} requests still open after ${SHUTDOWN_MS / 1000} s: closed.`);
        server.closeAllConnections();
        done();
      }, SHUTDOWN_MS);
      // close() stops accepting and drops idle keep-alive connections; busy ones end after their
      // response (Connection: close, above).
      server.close(done);
    });
    return stopped;
  }
  let stopped = Promise.resolve();

  return { server, stop };
}
