import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { env } from '../app/lib/env.server';
import { prepareDatabase } from '../db/prepare';

// Prepares the database, then hands over to the production server (scripts/serve.mjs).
const { db, isSeeded } = prepareDatabase(env.DATABASE_URL);
db.$client.close();
console.log(
  isSeeded
    ? `Database ${env.DATABASE_URL}: created and loaded with the real IKI China portfolio.`
    : `Database ${env.DATABASE_URL}: kept as it is (it already holds projects).`,
);

const serveBin = fileURLToPath(new URL('./serve.mjs', import.meta.url));
const server = spawn(process.execPath, [serveBin, 'build/server/index.js'], {
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production' },
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => server.kill(signal));
}
server.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 1 : 0));
});
