import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import Database from 'better-sqlite3';

import { env } from '../app/core/env.server';
import { backupToNewFile, checkDatabase, describeRows, isHealthy, timestamp } from './backup-tools';

// npm run db:backup [-- --out PATH]
// Copies the database (DATABASE_URL, as the app reads it) with SQLite's online backup API while
// the server keeps serving and writing, then checks the copy (integrity_check, foreign keys,
// rows). Default: db/data/backups/hub-<UTC time>.sqlite (git-ignored). Never overwrites a file.
// Restore with `npm run db:restore -- FILE` (see README, "Reliability").

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const USAGE = 'Usage: npm run db:backup [-- --out PATH]';

const { values } = parseArgs({
  options: { out: { type: 'string' }, help: { type: 'boolean', default: false } },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const source = resolve(env.DATABASE_URL);
const out = resolve(values.out ?? join(ROOT, 'db/data/backups', `hub-${timestamp()}.sqlite`));
if (!existsSync(source)) {
  console.error(`${source}: no database to back up (DATABASE_URL)\n${USAGE}`);
  process.exit(1);
}
if (existsSync(out)) {
  console.error(`${out} exists already: a backup never overwrites a file\n${USAGE}`);
  process.exit(1);
}
mkdirSync(dirname(out), { recursive: true });

const started = performance.now();
const db = new Database(source, { fileMustExist: true });
try {
  // The server may hold a write lock for a moment; wait for it rather than fail.
  db.pragma('busy_timeout = 5000');
  await backupToNewFile(db, out);
} finally {
  db.close();
}
const seconds = (performance.now() - started) / 1000;
const check = checkDatabase(out);
if (!isHealthy(check)) {
  console.error(
    `The copy ${out} failed its check: integrity ${check.integrity}, ${check.foreignKeyProblems} foreign key problems. Keep the database and look into it.`,
  );
  process.exit(1);
}
const mb = (statSync(out).size / 1e6).toFixed(1);
console.log(`Backed up ${source}`);
console.log(`      to ${out} (${mb} MB in ${seconds.toFixed(1)} s)`);
console.log(`Checked: integrity ok, foreign keys ok; ${describeRows(check.rows)}`);
