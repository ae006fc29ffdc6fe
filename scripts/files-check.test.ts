import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { expect, test } from 'vitest';

import { createTestDb, insertDocument } from '../db/test-factories';
import { storedPath } from '../app/features/documents/file-store.server';

// db:backup and db:restore carry the document files with the database; files:check finds an
// orphan, a missing and a damaged file, and --remove-orphans removes the orphan.

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const run = promisify(execFile);

async function script(name: string, args: string[], databaseUrl: string) {
  return run(process.execPath, ['--import', 'tsx', `scripts/${name}`, ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, HUB_FILES_DIR: '' },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

/** A hub database with two uploaded documents whose files are in its store. */
function hubWithFiles() {
  const db = createTestDb();
  const path = db.$client.name;
  const files = join(dirname(path), 'files');
  const hashes: string[] = [];
  for (const content of ['first file', '第二个文件']) {
    const bytes = Buffer.from(content);
    const hash = createHash('sha256').update(bytes).digest('hex');
    mkdirSync(dirname(storedPath(hash, files)), { recursive: true });
    writeFileSync(storedPath(hash, files), bytes);
    insertDocument(db, {
      origin: 'upload',
      url: null,
      fileHash: hash,
      fileSize: bytes.length,
      mediaType: 'application/pdf',
    });
    hashes.push(hash);
  }
  db.$client.close();
  return { path, files, hashes, dir: dirname(path) };
}

test('a backup copies the files its rows name, and a restore into a new place puts them back', async () => {
  const hub = hubWithFiles();
  try {
    const out = join(hub.dir, 'backups', 'copy.sqlite');
    const backup = await script('backup.ts', ['--out', out], hub.path);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toContain(`Document files: 2 copied to ${out}.files`);
    for (const hash of hub.hashes) expect(existsSync(storedPath(hash, `${out}.files`))).toBe(true);

    const target = join(hub.dir, 'restored', 'hub.sqlite');
    const restore = await script('restore.ts', [out, '--database', target], hub.path);
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toContain('Document files: 2 put back');
    const check = await script('files-check.ts', [], target);
    expect(check.code, check.stdout).toBe(0);
    expect(check.stdout).toContain('All document files are in order.');
  } finally {
    rmSync(hub.dir, { recursive: true, force: true });
  }
}, 60_000);

test('files:check reports an orphan, a missing and a damaged file, and exits 1', async () => {
  const hub = hubWithFiles();
  try {
    expect((await script('files-check.ts', [], hub.path)).code).toBe(0);
    const orphan = createHash('sha256').update('nobody names me').digest('hex');
    mkdirSync(dirname(storedPath(orphan, hub.files)), { recursive: true });
    writeFileSync(storedPath(orphan, hub.files), 'nobody names me');
    rmSync(storedPath(hub.hashes[0]!, hub.files));
    writeFileSync(storedPath(hub.hashes[1]!, hub.files), 'changed on disk');

    const check = await script('files-check.ts', [], hub.path);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(`orphan   ${orphan}`);
    expect(check.stdout).toContain(`missing  ${hub.hashes[0]}`);
    expect(check.stdout).toContain(`damaged  ${hub.hashes[1]}`);

    const removed = await script('files-check.ts', ['--remove-orphans'], hub.path);
    expect(removed.stdout).toContain('Removed 1 files no document names');
    expect(existsSync(storedPath(orphan, hub.files))).toBe(false);
    // Still wrong: the missing and the damaged file.
    expect(removed.code).toBe(1);
  } finally {
    rmSync(hub.dir, { recursive: true, force: true });
  }
}, 60_000);
