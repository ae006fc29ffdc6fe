import { execFile } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import Database from 'better-sqlite3';
import { afterAll, expect, test } from 'vitest';

import {
  contentHashes,
  createAccount,
  createSeededDatabase,
  httpSession,
  makeTempDir,
  startServer,
  type TestServer,
} from './support';

// `npm run db:backup` while the server serves and writes, then `npm run db:restore` into a new
// file and over a stopped database, and a server on the restored copy. The copy must be one
// consistent state: exactly the writes committed before some moment, all of each of them.

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TODAY = '2026-11-29';
const EDITOR = { email: 'backup@hub.example', password: 'backs up the hub', name: 'Backup Editor' };
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function serve(path: string): Promise<TestServer> {
  const server = await startServer({ databaseUrl: path, hubToday: TODAY });
  cleanups.push(() => server.stop());
  return server;
}

/** Runs one of our scripts as npm would, with DATABASE_URL set; never throws on exit code 1. */
async function script(name: string, args: string[], databaseUrl: string) {
  return run(process.execPath, ['--import', 'tsx', `scripts/${name}`, ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

function withDb<T>(path: string, read: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** Each table's content hash in the file at `path` (support.ts: contentHashes). */
const tableHashes = (path: string, except: string[], upTo?: Record<string, number>) =>
  withDb(path, (db) => contentHashes(db, { except, upTo }));

const maxIds = (path: string, tables: string[]) =>
  withDb(path, (db) =>
    Object.fromEntries(
      tables.map((t) => [
        t,
        (db.prepare(`SELECT max(id) FROM "${t}"`).pluck().get() as number) ?? 0,
      ]),
    ),
  );

const writtenTitles = (path: string) =>
  withDb(
    path,
    (db) =>
      db
        .prepare("SELECT title FROM milestones WHERE title LIKE 'Backup write %' ORDER BY id")
        .pluck()
        .all() as string[],
  );

/** Tables the writes touch (compared up to the copy's last row); sessions are touched by reading. */
const WRITTEN = ['milestones', 'progress_updates', 'audit_log'];

test(
  'a backup taken while the server writes is one consistent state, restores into a new file and over a stopped database, and serves the same pages',
  { timeout: 120_000 },
  async () => {
    const dir = makeTempDir('backup');
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const database = createSeededDatabase();
    cleanups.push(() => rmSync(database.dir, { recursive: true, force: true }));
    await createAccount(database.path, { ...EDITOR, role: 'editor' });
    const server = await serve(database.path);
    const { cookie, csrf } = await httpSession(server.url, EDITOR);

    // Milestones added one after another, before, during and after the backup.
    let stop = false;
    const completed: string[] = [];
    const writing = (async () => {
      for (let i = 0; !stop; i++) {
        const title = `Backup write ${i}`;
        const response = await fetch(`${server.url}/projects/clct/milestones/new`, {
          method: 'POST',
          redirect: 'manual',
          headers: { Cookie: cookie },
          body: new URLSearchParams({
            _csrf: csrf,
            title,
            kind: 'deliverable',
            recordedBy: 'Backup',
          }),
        });
        await response.arrayBuffer();
        expect(response.status).toBe(303);
        completed.push(title);
      }
    })();
    while (completed.length < 3) await new Promise((resolve) => setTimeout(resolve, 10));
    const copy = join(dir, 'copy.sqlite');
    const backup = await script('backup.ts', ['--out', copy], database.path);
    const duringBackup = completed.length;
    while (completed.length < duringBackup + 3)
      await new Promise((resolve) => setTimeout(resolve, 10));
    stop = true;
    await writing;

    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toContain(`to ${copy}`);
    expect(backup.stdout).toContain('Checked: integrity ok, foreign keys ok');
    // A second backup to the same file is refused: a backup never overwrites.
    const again = await script('backup.ts', ['--out', copy], database.path);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('never overwrites');

    // The copy holds the writes committed before one moment, in order: some, not all.
    const inCopy = writtenTitles(copy);
    expect(inCopy.length).toBeGreaterThanOrEqual(3);
    expect(inCopy.length).toBeLessThan(completed.length);
    expect(inCopy).toEqual(completed.slice(0, inCopy.length));
    // Every table equals the live database as it was then: unwritten tables whole, the written
    // ones up to the copy's last row (ids grow with each write).
    await server.stop();
    const upTo = maxIds(copy, WRITTEN);
    expect(tableHashes(copy, ['sessions'])).toEqual(tableHashes(database.path, ['sessions'], upTo));
    // Each write in the copy is whole: its milestone, its log entry and its audit entry.
    withDb(copy, (db) => {
      const ids = db
        .prepare("SELECT id FROM milestones WHERE title LIKE 'Backup write %'")
        .pluck()
        .all() as number[];
      for (const id of ids) {
        expect(
          db
            .prepare("SELECT count(*) FROM audit_log WHERE entity = 'milestone' AND entity_id = ?")
            .pluck()
            .get(id),
        ).toBe(1);
        expect(
          db
            .prepare('SELECT count(*) FROM progress_updates WHERE milestone_id = ?')
            .pluck()
            .get(id),
        ).toBe(1);
      }
    });

    // Restore into a new file.
    const restoredPath = join(dir, 'restored', 'hub.sqlite');
    const restore = await script('restore.ts', [copy, '--database', restoredPath], database.path);
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toContain('Checked: integrity ok, foreign keys ok');
    expect(tableHashes(restoredPath, [])).toEqual(tableHashes(copy, []));

    // A server on the restored file serves the same project pages as the original did.
    const original = await serve(database.path);
    const restored = await serve(restoredPath);
    for (const path of ['/projects/sgep-iii', '/zh/projects/sgep-iii', '/api/projects/sgep-iii']) {
      const [a, b] = await Promise.all(
        [original, restored].map(async (s) => {
          const response = await fetch(`${s.url}${path}`);
          // Pages name their own origin (hreflang links); the rest must be the same.
          return {
            status: response.status,
            body: (await response.text()).replaceAll(s.url, 'ORIGIN'),
          };
        }),
      );
      expect(b?.status, path).toBe(200);
      expect(b, path).toEqual(a);
    }
    const clct = await (await fetch(`${restored.url}/projects/clct`)).text();
    expect(clct).toContain(inCopy.at(-1));
    expect(clct).not.toContain(`>${completed.at(-1)}<`);

    // Restoring over a database in use is refused and changes nothing.
    const live = tableHashes(database.path, ['sessions']);
    const refused = await script('restore.ts', [copy, '--database', database.path], database.path);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is in use');
    expect(refused.stderr).toContain('Nothing was changed');
    expect(tableHashes(database.path, ['sessions'])).toEqual(live);

    // A file that is no database is refused before anything is touched.
    const garbage = join(dir, 'not-a-backup.sqlite');
    writeFileSync(garbage, 'this is not a database');
    const bad = await script('restore.ts', [garbage, '--database', restoredPath], database.path);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('cannot be read as a SQLite database');
    expect(tableHashes(restoredPath, [])).toEqual(tableHashes(copy, []));

    // Over a stopped database: the restore keeps a safety copy of it, then holds the backup.
    await original.stop();
    const over = await script('restore.ts', [copy], database.path);
    expect(over.code, over.stderr).toBe(0);
    const kept = readdirSync(join(database.dir, 'backups')).filter((f) =>
      f.startsWith('before-restore-'),
    );
    expect(kept).toHaveLength(1);
    expect(tableHashes(join(database.dir, 'backups', kept[0]!), ['sessions'])).toEqual(live);
    expect(tableHashes(database.path, [])).toEqual(tableHashes(copy, []));
    expect(over.stdout).toContain(
      `The database it replaced is kept in ${join(database.dir, 'backups', kept[0]!)}`,
    );
  },
);
