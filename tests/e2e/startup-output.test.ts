import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, expect, test } from 'vitest';

import {
  createSeededDatabase,
  freePort,
  isRunning,
  makeTempDir,
  processTree,
  readDatabase,
  readSeed,
  startServer,
} from './support';

// What `npm start` says (issue #27): the build's own warnings and errors only, then one block
// naming the address really served, the database file, what it holds, the workers and how to stop.

const ROOT = new URL('../../', import.meta.url).pathname;
const SEED = readSeed<{ projects: unknown[]; events: unknown[]; organisations: unknown[] }>(
  'iki-china-projects.json',
);
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function waitFor(condition: () => boolean, what: string, ms: number) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const milestonesIn = (path: string) =>
  readDatabase(path, (db) => db.prepare('SELECT count(*) FROM milestones').pluck().get());

test('`npm start` prints, in under 25 lines and with no deprecation notice, the URL it serves, the database file, its projects, milestones, events and organisations, the workers, where mails go and how to stop', async () => {
  const dir = makeTempDir('npm-start-output');
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const databaseUrl = join(dir, 'hub.sqlite');
  const port = await freePort();
  const { NODE_ENV: _testEnv, ...shellEnv } = process.env;
  const npm = spawn('npm', ['start'], {
    cwd: ROOT,
    env: {
      ...shellEnv,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      HUB_WORKERS: '2',
      // As on CI (where `CI` is set): the build's tools colour what they print.
      FORCE_COLOR: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  npm.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  npm.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  cleanups.push(() => {
    for (const pid of processTree(npm.pid!).reverse()) {
      if (isRunning(pid)) process.kill(pid, 'SIGKILL');
    }
  });
  await waitFor(() => /^ {2}Stop .*$/m.test(output), 'the start-up block', 150_000);

  const lines = output.slice(0, output.search(/^ {2}Stop .*$/m)).split('\n');
  expect(lines.length, output).toBeLessThan(25);
  expect(output).not.toMatch(/deprecat/i);
  expect(output).not.toMatch(/Future Flag/i);
  expect(output).toContain('The database was empty: the real IKI China portfolio is now loaded.');

  const url = `http://127.0.0.1:${port}`;
  expect(output).toMatch(new RegExp(`^ {2}Address {3}${url.replace(/\./g, '\\.')}$`, 'm'));
  expect(output).toMatch(new RegExp(`^ {2}Database {2}${databaseUrl}$`, 'm'));
  expect(output).toMatch(
    new RegExp(
      `^ {2}Data {6}${SEED.projects.length} projects, ${milestonesIn(databaseUrl)} milestones, ` +
        `${SEED.events.length} events, ${SEED.organisations.length} organisations$`,
      'm',
    ),
  );
  const primary = processTree(npm.pid!)[1];
  expect(output).toMatch(
    new RegExp(`^ {2}Workers {3}2 \\(and the primary, pid ${primary}\\b`, 'm'),
  );
  expect(output).toMatch(new RegExp(`^ {2}Stop {6}Ctrl-C here, or kill -TERM ${primary}:`, 'm'));
  // Where mails go: with no SMTP_URL, .eml files in the outbox beside the database.
  expect(output).toContain(
    `  Mail      written as .eml files to ${join(dir, 'outbox')} (SMTP_URL sends them)\n`,
  );
  // The address printed is the one that answers.
  expect((await fetch(`${url}/projects`)).status).toBe(200);
});

test('listening on every interface (HOST=0.0.0.0), the server says so and prints a URL for this machine that answers', async () => {
  const database = createSeededDatabase();
  cleanups.push(() => rmSync(database.dir, { recursive: true, force: true }));
  const server = await startServer({ databaseUrl: database.path, env: { HOST: '0.0.0.0' } });
  cleanups.push(() => server.stop());
  const port = new URL(server.url).port;
  await waitFor(() => /^ {2}Stop /m.test(server.output()), 'the start-up block', 10_000);
  expect(server.output()).toMatch(
    new RegExp(
      `^ {2}Address {3}http://127\\.0\\.0\\.1:${port} on this machine; listening on all interfaces \\(0\\.0\\.0\\.0\\)$`,
      'm',
    ),
  );
  expect(server.output()).toContain(`  Database  ${database.path}\n`);
  expect(server.output()).toMatch(/^ {2}Workers {3}1 \(/m);
  expect((await fetch(`http://127.0.0.1:${port}/projects`)).status).toBe(200);
});

test('on a port the system picks (PORT=0), the server prints the port it got, and that URL answers', async () => {
  const database = createSeededDatabase();
  cleanups.push(() => rmSync(database.dir, { recursive: true, force: true }));
  const server = spawn(process.execPath, ['scripts/serve.mjs', 'build/server/index.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      DATABASE_URL: database.path,
      HUB_WORKERS: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  cleanups.push(() => {
    if (server.exitCode === null) server.kill('SIGTERM');
  });
  await waitFor(() => /^ {2}Stop /m.test(output), 'the start-up block', 30_000);
  const printed = /^ {2}Address {3}(http:\/\/127\.0\.0\.1:(\d+))$/m.exec(output);
  expect(printed, output).not.toBeNull();
  expect(Number(printed![2])).toBeGreaterThan(0);
  expect((await fetch(`${printed![1]}/projects`)).status).toBe(200);
});
