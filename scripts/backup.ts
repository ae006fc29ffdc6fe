import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import Database from 'better-sqlite3';

import { env } from '../app/core/env.server';
import { backupToNewFile, checkDatabase, describeRows, isHealthy, timestamp } from './backup-tools';
import { fail, parseCommand } from './cli';
import { backupFilesDir, copyFiles, filesDirFor, namedHashes } from './files-tools';

// Restore with `npm run db:restore -- FILE` (see docs/operations.md, "Backup and restore").

const ROOT = fileURLToPath(new URL('../', import.meta.url));

const { values } = parseCommand({
  script: 'db:backup',
  summary:
    "Copies the database with SQLite's online backup while the server keeps serving and " +
    'writing, then checks the copy (integrity, foreign keys, rows), and copies the document files ' +
    'its rows name into <copy>.files/ (each checked by its SHA-256). Never overwrites a file.',
  options: {
    out: {
      type: 'string',
      value: 'PATH',
      help: 'the copy (default: db/data/backups/hub-<UTC time>.sqlite)',
    },
  },
  environment: [
    'DATABASE_URL   the database to copy (db/data/hub.sqlite)',
    'HUB_FILES_DIR  its document files (default: files/ beside the database)',
  ],
  examples: ['npm run db:backup', 'npm run db:backup -- --out /srv/backups/hub.sqlite'],
});
const source = resolve(env.DATABASE_URL);
const out = resolve(values.out ?? join(ROOT, 'db/data/backups', `hub-${timestamp()}.sqlite`));
if (!existsSync(source)) fail(`${source}: no database to back up (DATABASE_URL)`);
if (existsSync(out)) fail(`${out} exists already: a backup never overwrites a file`);
if (existsSync(backupFilesDir(out))) {
  fail(`${backupFilesDir(out)} exists already: a backup never overwrites a file`);
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
  fail(
    `the copy ${out} failed its check: integrity ${check.integrity}, ${check.foreignKeyProblems} foreign key problems. Keep the database and look into it.`,
  );
}
// The files the copy's rows name: a stored file never changes, so copying them after the
// database gives the files of that moment (one deleted since is reported as missing).
const files = await copyFiles(namedHashes(out), filesDirFor(source), backupFilesDir(out));
const mb = (statSync(out).size / 1e6).toFixed(1);
console.log(`Backed up ${source}`);
console.log(`      to ${out} (${mb} MB in ${seconds.toFixed(1)} s)`);
console.log(`Checked: integrity ok, foreign keys ok; ${describeRows(check.rows)}`);
console.log(
  `Document files: ${files.copied.length} copied to ${backupFilesDir(out)}, each checked by its SHA-256`,
);
if (files.missing.length) {
  console.log(
    `${files.missing.length} files the copy names are missing (deleted since, or lost: npm run files:check):`,
  );
  for (const hash of files.missing) console.log(`  missing  ${hash}`);
}
