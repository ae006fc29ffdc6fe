// The production server: `node scripts/serve.mjs [build/server/index.js]`, started by `npm start`
// and by every test and benchmark server. It is react-router-serve's stack, unchanged (gzip, the
// same static folders and headers, a log line per request, React Router's Express handler), plus
// one handler in front of React Router: a signed-out GET that the hub keeps an answer for
// (app/lib/response-cache.server.ts) is answered from memory before React Router matches the URL
// and runs its middleware. That work was most of what such a request cost (a kept page then went
// at about a third of a static file's rate; from here, at about the same rate). Everything else,
// and every request when nothing is kept, goes through React Router as before.
import { createServer } from 'node:http';
import { join, posix, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { createRequestHandler } from '@react-router/express';
import compression from 'compression';
import express from 'express';
import morgan from 'morgan';

const buildPath = resolve(process.argv[2] ?? 'build/server/index.js');
const build = await import(pathToFileURL(buildPath).href);
/** @type {(request: { method: string; url: string; headers: Headers }, desc?: string) => Promise<Response | null>} */
const cachedAnswer = build.entry.module.cachedAnswer;
if (typeof cachedAnswer !== 'function') {
  throw new Error(`${buildPath} exports no cachedAnswer from entry.server: run \`npm run build\`.`);
}

/** The URL React Router's Express adapter gives the request (createRemixRequest), so keys match. */
function requestUrl(req) {
  const [, hostPortText] = req.get('host')?.split(':') ?? [];
  const hostPort = Number.parseInt(hostPortText, 10);
  const port = Number.isSafeInteger(hostPort) ? hostPort : '';
  const hostname = req.hostname.split(/[\\/?#@]/)[0] || 'localhost';
  return new URL(`${req.protocol}://${hostname}${port ? `:${port}` : ''}${req.originalUrl}`).href;
}

async function keptAnswer(req, res, next) {
  let kept = null;
  try {
    const headers = new Headers();
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
    }
    kept = await cachedAnswer(
      { method: req.method, url: requestUrl(req), headers },
      'hit, before React Router',
    );
  } catch {
    // A URL or header the adapter would refuse too: React Router answers it as it always does.
  }
  if (!kept) return next();
  res.status(kept.status);
  // As React Router's adapter sets them (Express adds a charset to a text Content-Type), so a kept
  // answer's headers are the rendered one's.
  for (const [name, value] of kept.headers) res.append(name, value);
  res.end(kept.body ? Buffer.from(await kept.arrayBuffer()) : undefined);
}

const app = express();
app.disable('x-powered-by');
app.use(compression());
app.use(
  posix.join(build.publicPath, 'assets'),
  express.static(join(build.assetsBuildDirectory, 'assets'), { immutable: true, maxAge: '1y' }),
);
app.use(build.publicPath, express.static(build.assetsBuildDirectory));
app.use(express.static('public', { maxAge: '1h' }));
app.use(morgan('tiny'));
app.get('*', keptAnswer);
app.all('*', createRequestHandler({ build, mode: process.env.NODE_ENV }));

const port = Number(process.env.PORT) || 3000;
const server = createServer(app);
const onListen = () => console.log(`[hub] http://localhost:${port}`);
if (process.env.HOST) server.listen(port, process.env.HOST, onListen);
else server.listen(port, onListen);
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => server.close((error) => error && console.error(error)));
}
