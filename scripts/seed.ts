import { env } from '../app/core/env.server';
import { openDatabase } from '../db/client.server';
import { migrateDatabase } from '../db/migrate';
import { seedPortfolio } from '../db/seed/load';
import { fail, parseCommand } from './cli';

parseCommand({
  script: 'db:seed',
  summary:
    'Loads the real IKI China portfolio (db/seed/) into an empty database (DATABASE_URL), ' +
    'migrating it first; refuses a database that already holds projects. `npm start` does this ' +
    'by itself when the database is empty.',
  options: {},
  environment: ['DATABASE_URL  the database (db/data/hub.sqlite)'],
});

const db = openDatabase(env.DATABASE_URL);
try {
  migrateDatabase(db);
  const counts = seedPortfolio(db);
  console.log(`Seeded ${env.DATABASE_URL}:`, counts);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
} finally {
  db.$client.close();
}
