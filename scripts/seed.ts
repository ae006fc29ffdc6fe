import { env } from '../app/core/env.server';
import { openDatabase } from '../db/client.server';
import { migrateDatabase } from '../db/migrate';
import { SeedValidationError, seedPortfolio } from '../db/seed/load';

// Loads the real portfolio into an empty database; refuses one that already holds projects.
const db = openDatabase(env.DATABASE_URL);
try {
  migrateDatabase(db);
  const counts = seedPortfolio(db);
  console.log(`Seeded ${env.DATABASE_URL}:`, counts);
} catch (error) {
  console.error(
    error instanceof SeedValidationError || error instanceof Error ? error.message : error,
  );
  process.exitCode = 1;
} finally {
  db.$client.close();
}
