import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import { env } from '../../core/env.server';

// The file store: each uploaded file kept once, named by its SHA-256, under
// <files dir>/<first two hex digits>/<sha256>. A file arrives in <files dir>/tmp/ (written and
// fsynced while hashed, app/core/http/upload.server.ts), and is renamed into place only once it
// is known good; the directory is fsynced so the rename survives a crash. What is left in tmp/ by
// a crash is removed when the server starts (prepareFileStore, before any worker runs).

const HASH = /^[0-9a-f]{64}$/;

/** The files directory: HUB_FILES_DIR, else a folder `files` next to the database file. */
export function filesDir(): string {
  return env.HUB_FILES_DIR ?? join(dirname(env.DATABASE_URL), 'files');
}

/** Where uploads are written before they are kept (created if missing). */
export async function tmpDirOf(root: string = filesDir()): Promise<string> {
  const dir = join(root, 'tmp');
  await mkdir(dir, { recursive: true });
  return dir;
}

export function isFileHash(text: string): boolean {
  return HASH.test(text);
}

/** The path of the stored file with this hash. */
export function storedPath(hash: string, root: string = filesDir()): string {
  if (!HASH.test(hash)) throw new Error(`Not a SHA-256: ${hash}`);
  return join(root, hash.slice(0, 2), hash);
}

async function fsyncDir(dir: string) {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Moves a flushed temporary file into the store under its hash. The same content already stored
 * is kept once: the temporary file is dropped. Returns the stored path.
 */
export async function keepFile(
  tmpPath: string,
  hash: string,
  root: string = filesDir(),
): Promise<string> {
  const target = storedPath(hash, root);
  const dir = dirname(target);
  await mkdir(dir, { recursive: true });
  if (existsSync(target)) {
    await rm(tmpPath, { force: true });
    return target;
  }
  await rename(tmpPath, target);
  await fsyncDir(dir);
  return target;
}

/** Removes a stored file (nothing when it is gone already). */
export async function removeStoredFile(hash: string, root: string = filesDir()): Promise<void> {
  if (!HASH.test(hash)) return;
  await unlink(storedPath(hash, root)).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}

/** Empties tmp/: run when no upload can be under way (the server's start, before its workers). */
export async function cleanTmp(root: string = filesDir()): Promise<number> {
  const dir = join(root, 'tmp');
  if (!existsSync(dir)) return 0;
  const names = await readdir(dir);
  await Promise.all(names.map((name) => rm(join(dir, name), { recursive: true, force: true })));
  return names.length;
}

/** Every stored file's hash (for the check command and backups); tmp/ left out. */
export async function listStoredHashes(root: string = filesDir()): Promise<string[]> {
  if (!existsSync(root)) return [];
  const hashes: string[] = [];
  for (const dir of await readdir(root, { withFileTypes: true })) {
    if (!dir.isDirectory() || !/^[0-9a-f]{2}$/.test(dir.name)) continue;
    for (const name of await readdir(join(root, dir.name))) {
      if (HASH.test(name) && name.startsWith(dir.name)) hashes.push(name);
    }
  }
  return hashes.sort();
}

/** The SHA-256 of a file on disk, read as a stream. */
export function hashFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });
}

/** At the server's start, before any worker: what a crash left half-written in tmp/ goes. */
export async function prepareFileStore(root: string = filesDir()): Promise<void> {
  await mkdir(root, { recursive: true });
  await cleanTmp(root);
}
