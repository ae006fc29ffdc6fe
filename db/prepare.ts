import { type Db, openDatabase } from './client.server';
import { migrateDatabase } from './migrate';
import { countProjects, seedPortfolio } from './seed/load';

export interface PreparedDatabase {
  db: Db;
  /** True when this call loaded the real portfolio into an empty database. */
  isSeeded: boolean;
}

/** Creates or migrates the file and, only when it holds no projects, loads the real portfolio. */
export function prepareDatabase(path: string): PreparedDatabase {
  const db = openDatabase(path);
  migrateDatabase(db);
  if (countProjects(db) > 0) return { db, isSeeded: false };
  seedPortfolio(db);
  return { db, isSeeded: true };
}
