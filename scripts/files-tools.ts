import { constants, copyFileSync, existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';

import Database from 'better-sqlite3';

import { env } from '../app/core/env.server';
import {
  hashFile,
  isFileHash,
  listStoredHashes,
  storedPath,
} from '../app/features/documents/file-store.server';

// The document files next to a database, for db:backup, db:restore and files:check: which files
// the rows name, copying them with a backup and back with a restore, and checking the store
// against the rows.

/** The files directory of a database: HUB_FILES_DIR, else `files` beside the database file. */
export function filesDirFor(databasePath: string): string {
  return env.HUB_FILES_DIR ?? join(dirname(databasePath), 'files');
}

/** Where a backup's files go: beside the copy, as <copy>.files/. */
export const backupFilesDir = (backupPath: string) => `${backupPath}.files`;

/** The stored files a database's document rows name (hashes, distinct, sorted). */
export function namedHashes(databasePath: string): string[] {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    const hasTable = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'documents'")
      .get();
    if (!hasTable) return [];
    return (
      db
        .prepare(
          'SELECT DISTINCT file_hash FROM documents WHERE file_hash IS NOT NULL ORDER BY file_hash',
        )
        .pluck()
        .all() as string[]
    ).filter(isFileHash);
  } finally {
    db.close();
  }
}

/**
 * Copies the named files from one store to another (each written beside its place and renamed, so
 * a file is never half there), checking each copy's hash; a file already there is kept. Returns
 * the hashes copied and those the source does not have.
 */
export async function copyFiles(
  hashes: readonly string[],
  from: string,
  to: string,
): Promise<{ copied: string[]; missing: string[]; kept: string[] }> {
  const copied: string[] = [];
  const missing: string[] = [];
  const kept: string[] = [];
  for (const hash of hashes) {
    const source = storedPath(hash, from);
    const target = storedPath(hash, to);
    if (existsSync(target)) {
      kept.push(hash);
      continue;
    }
    if (!existsSync(source)) {
      missing.push(hash);
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    const partial = `${target}.partial`;
    // A copy-on-write clone where the file system has them; a plain copy elsewhere.
    copyFileSync(source, partial, constants.COPYFILE_FICLONE);
    if ((await hashFile(partial)) !== hash) {
      throw new Error(`${source} does not hold what its name says (its SHA-256 differs)`);
    }
    renameSync(partial, target);
    copied.push(hash);
  }
  return { copied, missing, kept };
}

export interface FilesCheck {
  /** Stored files no document row names. */
  orphans: string[];
  /** Files rows name that the store does not have. */
  missing: string[];
  /** Stored files whose content is not what their name (its SHA-256) says. */
  mismatched: string[];
  /** Files left in tmp/ (an upload under way, or one a crash cut short). */
  temporary: number;
  checked: number;
}

/** Checks a store against a database's rows: every file named there, every file named, intact. */
export async function checkFiles(databasePath: string, root: string): Promise<FilesCheck> {
  const named = new Set(namedHashes(databasePath));
  const stored = await listStoredHashes(root);
  const storedSet = new Set(stored);
  const mismatched: string[] = [];
  for (const hash of stored) {
    if ((await hashFile(storedPath(hash, root))) !== hash) mismatched.push(hash);
  }
  const tmp = join(root, 'tmp');
  return {
    orphans: stored.filter((hash) => !named.has(hash)),
    missing: [...named].filter((hash) => !storedSet.has(hash)),
    mismatched,
    temporary: existsSync(tmp) ? readdirSync(tmp).length : 0,
    checked: stored.length,
  };
}
