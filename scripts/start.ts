import { env } from '../app/core/env.server';
import { prepareDatabase } from '../db/prepare';

// `npm start`: prepares the database, then this process becomes the production server's primary
// (scripts/serve.mjs), which starts the workers. npm's script `exec`s this process, so a SIGTERM
// or SIGINT sent to `npm start` reaches the primary, which stops the workers cleanly and exits 0.
const { db, isSeeded } = prepareDatabase(env.DATABASE_URL);
db.$client.close();
console.log(
  isSeeded
    ? `Database ${env.DATABASE_URL}: created and loaded with the real IKI China portfolio.`
    : `Database ${env.DATABASE_URL}: kept as it is (it already holds projects).`,
);

process.env.NODE_ENV = 'production';
// @ts-expect-error the server is plain JavaScript (scripts/serve.mjs), with no declarations
await import('./serve.mjs');
