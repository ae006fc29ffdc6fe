// Starts the production build and Debian Chromium for browser tests and measurements.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { type BrowserContext, type Page, chromium } from 'playwright-core';

import { prepareDatabase } from '../db/prepare';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** The production server (the one `npm start` runs). */
const SERVE_BIN = join(ROOT, 'scripts/serve.mjs');
const SERVER_BUILD = join(ROOT, 'build/server/index.js');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** What Debian's Chromium needs here: no sandbox, no GPU, and nothing fetched on its own. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

export function makeTempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `iki-hub-${prefix}-`));
}

/** A fresh SQLite file holding the real portfolio, as `npm start` would create it. */
export function createSeededDatabase(): { path: string; dir: string } {
  const dir = makeTempDir('db');
  const path = join(dir, 'hub.sqlite');
  prepareDatabase(path).db.$client.close();
  return { path, dir };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

export interface TestServer {
  url: string;
  /** The primary (scripts/serve.mjs); it answers no requests itself. */
  process: ChildProcess;
  /** The primary's PID and its workers' (they answer the requests), from /proc. */
  pids: () => number[];
  /** Everything the server has printed so far (stdout and stderr). */
  output: () => string;
  stop: () => Promise<void>;
}

/** Runs the production build on 127.0.0.1 and a free port; stopped by its own PID. */
export async function startServer(options: {
  databaseUrl: string;
  hubToday?: string;
  /**
   * More settings for the server (e.g. HUB_PUBLIC_READ=false). HUB_WORKERS is 1 unless set here:
   * one worker keeps what a test sees of the in-memory caches the same from request to request.
   */
  env?: Record<string, string>;
}): Promise<TestServer> {
  if (!existsSync(SERVER_BUILD)) {
    throw new Error('No production build: run `npm run build` before the browser tests.');
  }
  const port = await freePort();
  const child = spawn(process.execPath, [SERVE_BIN, SERVER_BUILD], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: options.databaseUrl,
      HUB_TODAY: options.hubToday ?? '',
      HUB_WORKERS: '1',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server exited early:\n${output}`);
    try {
      const response = await fetch(`${url}/favicon.svg`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The server did not start within 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    process: child,
    pids: () => processTree(child.pid!),
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        // Gone already: exited, or killed by a signal (then exitCode stays null).
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** A process and its descendants, from /proc (the server's primary and its workers). */
export function processTree(pid: number): number[] {
  const children = (id: number): number[] => {
    try {
      return readFileSync(`/proc/${id}/task/${id}/children`, 'utf8')
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map(Number);
    } catch {
      return [];
    }
  };
  const all = [pid];
  for (let i = 0; i < all.length; i++) all.push(...children(all[i]!));
  return all;
}

/** Whether a process runs (a zombie, ended but not yet reaped, does not). */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

export interface TestBrowser {
  context: BrowserContext;
  close: () => Promise<void>;
}

export async function launchBrowser(): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium (or set CHROMIUM_PATH).`,
    );
  }
  const profile = makeTempDir('chromium');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface PageWatch {
  consoleErrors: string[];
  /** Requests to anything other than 127.0.0.1; they are blocked and recorded. */
  outsideRequests: string[];
}

/** Opens a page that records console errors and blocks (and records) requests leaving 127.0.0.1. */
export async function openWatchedPage(
  context: BrowserContext,
): Promise<{ page: Page; watch: PageWatch }> {
  const watch: PageWatch = { consoleErrors: [], outsideRequests: [] };
  const page = await context.newPage();
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' || url.protocol === 'data:') return route.continue();
    watch.outsideRequests.push(url.href);
    return route.abort();
  });
  page.on('console', (message) => {
    if (message.type() === 'error') watch.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => watch.consoleErrors.push(error.message));
  return { page, watch };
}

/** Waits until the page's browser-only maps are drawn, so checks see what a reader sees. */
export async function waitForMaps(page: Page): Promise<void> {
  // Locator maps are server-drawn SVG: drawn once their basemap file has arrived.
  if ((await page.locator('.locator-map').count()) > 0) {
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.locator-map use')].every(
        (use) => use.getBoundingClientRect().width > 0,
      ),
    );
  }
  if ((await page.locator('.map-frame').count()) > 0) {
    await page.locator('.map-canvas[data-state="ready"]').waitFor({ timeout: 20_000 });
  }
}
