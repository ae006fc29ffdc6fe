import { env } from '../app/core/env.server';
import { openDatabase } from '../db/client.server';
import { migrateDatabase } from '../db/migrate';
import { parseCommand } from './cli';

parseCommand({
  script: 'db:migrate',
  summary:
    'Applies the migrations in db/migrations to the database (DATABASE_URL), creating the file ' +
    'if there is none. A database that is up to date is left as it is.',
  options: {},
  environment: ['DATABASE_URL  the database (db/data/hub.sqlite)'],
});

const db = openDatabase(env.DATABASE_URL);
migrateDatabase(db);
db.$client.close();
console.log(`Migrated ${env.DATABASE_URL}`);
