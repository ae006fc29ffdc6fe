import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { stripVTControlCharacters } from 'node:util';

// `npm start`: builds the app for production (only warnings and errors shown), prepares the
// database, then this process becomes the production server's primary (scripts/serve.mjs), which
// starts the workers and prints where the hub answers. npm's script `exec`s this process, so a
// SIGTERM or SIGINT sent to `npm start` reaches the primary, which stops the workers cleanly and
// exits 0.

/**
 * Lines the build prints that say nothing about this app. @react-router/dev 7.18 passes Vite's
 * `envFile: false` to the Vite servers it starts for itself (reading react-router.config.ts,
 * compiling route modules), which Vite 8.1 deprecated; no configuration of ours reaches them.
 * React Router 8 passes `envDir: false` instead (remix-run/react-router#15230): drop this with
 * the move to React Router 8.
 */
const UPSTREAM_NOISE = ['The `envFile` option is deprecated, please use `envDir: false` instead.'];

/** The path of a package's command-line script. */
function packageBin(name: string, bin: string): string {
  const pkg = createRequire(import.meta.url).resolve(`${name}/package.json`);
  return join(dirname(pkg), bin);
}

/** One build step for production, its output passed on without the upstream noise. */
function build(args: string[]): Promise<void> {
  const child = spawn(process.execPath, [...args, '--logLevel', 'warn'], {
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const [from, to] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ] as const) {
    createInterface({ input: from }).on('line', (line) => {
      // Compared without colour codes: Vite colours the notice when FORCE_COLOR or a terminal asks.
      if (!UPSTREAM_NOISE.includes(stripVTControlCharacters(line).trim())) to.write(`${line}\n`);
    });
  }
  // Stopped while building: the build stops too.
  const stop = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', stop).on('SIGTERM', stop);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      process.off('SIGINT', stop).off('SIGTERM', stop);
      if (code === 0) return resolve();
      console.error(signal ? `The build stopped (${signal}).` : 'The build failed (above).');
      process.exit(code ?? 1);
    });
  });
}

console.log('Building the app …');
// As `npm run build`: the server and the browser's code, then the jobs bundle (decision 0086).
await build([packageBin('@react-router/dev', 'bin.js'), 'build']);
await build([packageBin('vite', 'bin/vite.js'), 'build', '-c', 'vite.jobs.config.ts']);

process.env.NODE_ENV = 'production';
// Imported only now: the settings are read and checked once, for the server.
const { env } = await import('../app/core/env.server');
const { prepareDatabase } = await import('../db/prepare');
const { db, isSeeded } = prepareDatabase(env.DATABASE_URL);
db.$client.close();
if (isSeeded) console.log('The database was empty: the real IKI China portfolio is now loaded.');

// @ts-expect-error the server is plain JavaScript (scripts/serve.mjs), with no declarations
await import('./serve.mjs');
