import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import Database from 'better-sqlite3';

import { env } from '../app/core/env.server';
import {
  backupToNewFile,
  checkDatabase,
  describeRows,
  isHealthy,
  onlineBackup,
  timestamp,
} from './backup-tools';
import { fail as failWith, parseCommand } from './cli';
import { backupFilesDir, copyFiles, filesDirFor, namedHashes } from './files-tools';

// npm run db:restore -- FILE [--database PATH]
// Puts a backup back as the database (DATABASE_URL, or --database). Stop the server first: the
// restore refuses a database another process has open. It checks the backup before anything
// else, keeps a safety copy of the database it replaces (backups/before-restore-….sqlite beside it),
// and writes the backup in through SQLite's backup API, so the database's own -wal and -shm files
// stay consistent with it (copying a file over hub.sqlite beside a stale hub.sqlite-wal would
// mix two databases).

const { values, positionals } = parseCommand({
  script: 'db:restore',
  summary:
    'Puts a backup back as the database. Stop the server first: a database in use is refused. ' +
    'The backup is checked before anything else, the database it replaces is kept as a safety ' +
    'copy (backups/before-restore-<time>.sqlite beside it), and nothing changes on any error. ' +
    'The document files of the backup (<FILE>.files/) are put back into the files directory first.',
  arguments: [{ name: 'FILE', help: 'the backup (a SQLite file made by npm run db:backup)' }],
  options: {
    database: {
      type: 'string',
      value: 'PATH',
      help: 'the database to replace (default: DATABASE_URL)',
    },
  },
  environment: [
    'DATABASE_URL   the database when --database is not given (db/data/hub.sqlite)',
    'HUB_FILES_DIR  where the document files go (default: files/ beside the database)',
  ],
  examples: ['npm run db:restore -- db/data/backups/hub-20260601T120000Z.sqlite'],
});
const backup = resolve(positionals[0]!);
const target = resolve(values.database ?? env.DATABASE_URL);
const fail = (message: string): never =>
  failWith(`${message.replace(/\.$/, '')}. Nothing was changed.`);

if (!existsSync(backup)) fail(`${backup}: no such file`);
if (backup === target) fail('The backup and the database are the same file.');
let check: ReturnType<typeof checkDatabase>;
try {
  check = checkDatabase(backup);
} catch (error) {
  check = fail(`${backup} cannot be read as a SQLite database: ${(error as Error).message}`);
}
if (!isHealthy(check)) {
  fail(
    `${backup} failed its check: integrity ${check.integrity}, ${check.foreignKeyProblems} foreign key problems.`,
  );
}
if (!('projects' in check.rows && '__drizzle_migrations' in check.rows)) {
  fail(`${backup} is not a hub database (no projects or migrations table).`);
}

let safetyCopy: string | null = null;
if (existsSync(target)) {
  const current = new Database(target, { fileMustExist: true, timeout: 0 });
  try {
    // An exclusive lock is only granted when no other connection has the file open: a running
    // server (even an idle one) keeps it, so this refuses to restore under it.
    current.pragma('locking_mode = EXCLUSIVE');
    try {
      current.exec('BEGIN EXCLUSIVE');
      current.exec('COMMIT');
    } catch {
      fail(`${target} is in use (is the server running?). Stop it, then restore.`);
    }
    safetyCopy = join(dirname(target), 'backups', `before-restore-${timestamp()}.sqlite`);
    mkdirSync(dirname(safetyCopy), { recursive: true });
    await backupToNewFile(current, safetyCopy);
  } finally {
    current.close();
  }
  if (!isHealthy(checkDatabase(safetyCopy)))
    fail(`The safety copy ${safetyCopy} failed its check.`);
} else {
  mkdirSync(dirname(target), { recursive: true });
}

// The backup's document files go in first: adding a file the old rows do not name harms nothing,
// and the restored rows find theirs from the moment they are back. Each is checked by its hash.
const files = await copyFiles(
  namedHashes(backup),
  backupFilesDir(backup),
  filesDirFor(target),
).catch((error: Error) => fail(`The backup's files could not be put back: ${error.message}`));

const source = new Database(backup, { readonly: true, fileMustExist: true });
try {
  if (existsSync(target)) {
    await onlineBackup(source, target);
  } else {
    // A new database: a plain copy of the checked file is the same thing.
    source.close();
    copyFileSync(backup, target);
  }
} finally {
  if (source.open) source.close();
}
const restored = checkDatabase(target);
const same = JSON.stringify(restored.rows) === JSON.stringify(check.rows);
if (!isHealthy(restored) || !same) {
  failWith(
    `the restored ${target} does not match the backup${safetyCopy ? `; the previous database is in ${safetyCopy}` : ''}.`,
  );
}
console.log(`Restored ${backup}`);
console.log(`      to ${target}`);
if (safetyCopy) console.log(`The database it replaced is kept in ${safetyCopy}`);
console.log(`Checked: integrity ok, foreign keys ok; ${describeRows(restored.rows)}`);
console.log(
  `Document files: ${files.copied.length} put back into ${filesDirFor(target)}, ${files.kept.length} were there already`,
);
if (files.missing.length) {
  console.log(
    `${files.missing.length} files the backup names are not in ${backupFilesDir(backup)} (npm run files:check lists them)`,
  );
}
