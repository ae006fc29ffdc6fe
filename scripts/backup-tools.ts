import Database from 'better-sqlite3';

// What `npm run db:backup` and `npm run db:restore` share: SQLite's online backup and the check
// of a copy. The backup API copies through SQLite itself (WAL included), so the copy is one
// consistent state of the database even while the server writes; a file copy of hub.sqlite
// alone would miss what is still in hub.sqlite-wal, or catch it half-written.

/**
 * Copies `source` into `destination` with SQLite's online backup API, all pages in one step: one
 * read transaction, so the copy is a single consistent state. In WAL mode the step never blocks
 * the server's writers; copying page batches between writes instead would restart the copy after
 * every write another process commits, and might never finish under steady writing.
 */
export async function onlineBackup(source: Database.Database, destination: string) {
  return source.backup(destination, { progress: () => 0x7fffffff });
}

/**
 * onlineBackup into a new file, made one self-contained file: the copy inherits WAL mode, and a
 * WAL file opened later grows -wal and -shm companions that a copy-and-carry backup would lose.
 * (The app's connection switches a restored file back to WAL when it opens it.)
 */
export async function backupToNewFile(source: Database.Database, destination: string) {
  await onlineBackup(source, destination);
  const copy = new Database(destination, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

export interface DatabaseCheck {
  integrity: string;
  foreignKeyProblems: number;
  /** Rows per table. */
  rows: Record<string, number>;
}

/** integrity_check, foreign_key_check and the rows of every table of a SQLite file. */
export function checkDatabase(path: string): DatabaseCheck {
  // Read-write although it only reads: a read-only connection to a WAL file would leave -wal and
  // -shm files behind, which the last read-write connection removes when it closes.
  const db = new Database(path, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('; ');
    const foreignKeyProblems = (db.pragma('foreign_key_check') as unknown[]).length;
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .pluck()
      .all() as string[];
    const rows = Object.fromEntries(
      tables.map((t) => [t, db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number]),
    );
    return { integrity, foreignKeyProblems, rows };
  } finally {
    db.close();
  }
}

export const isHealthy = (check: DatabaseCheck) =>
  check.integrity === 'ok' && check.foreignKeyProblems === 0;

/** The tables a reader cares about, for the summary line. */
export function describeRows(rows: Record<string, number>): string {
  const shown = ['projects', 'milestones', 'progress_updates', 'events', 'organisations', 'users'];
  return shown
    .filter((t) => t in rows)
    .map((t) => `${rows[t]} ${t.replace('_', ' ')}`)
    .join(', ');
}

/** A file name part for now: 2026-11-29T10-15-00Z. */
export const timestamp = (at = new Date()) =>
  at
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
