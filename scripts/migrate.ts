import { env } from '../app/core/env.server';
import { openDatabase } from '../db/client.server';
import { migrateDatabase } from '../db/migrate';

const db = openDatabase(env.DATABASE_URL);
migrateDatabase(db);
db.$client.close();
console.log(`Migrated ${env.DATABASE_URL}`);
