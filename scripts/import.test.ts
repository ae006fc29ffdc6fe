import { execFile } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { afterAll, expect, test } from 'vitest';

import { openDatabase } from '../db/client.server';
import { IATI_DATA_URL } from './shared-data';

// `npm run import` on a ~50 MB file with a 128 MB heap: the reader streams, the staging table
// takes batches, and the apply step pages through it, so memory does not grow with the file.

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SOURCE = new URL('dportal_114_incl_XM-DAC-5-7_CN.xml', IATI_DATA_URL);
const dirs: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};
// The 50 MB file and its database are not left behind.
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** IATI_IMPORT_TEST_MB overrides the size, e.g. for a quick run. */
const TARGET_BYTES = Number(process.env.IATI_IMPORT_TEST_MB ?? 50) * 1e6;

/** Copies of the real China activity of the Federal Foreign Office, each with its own identifier. */
async function writeLargeFile(path: string, bytes: number): Promise<number> {
  const source = readFileSync(SOURCE, 'utf8');
  const id = 'XM-DAC-5-7-6615032';
  const start = source.lastIndexOf('<iati-activity ', source.indexOf(`<iati-identifier>${id}<`));
  const block = source.slice(start, source.indexOf('</iati-activity>', start) + 16);
  const out = createWriteStream(path);
  out.write('<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03">\n');
  let written = 0;
  let count = 0;
  while (written < bytes) {
    const copy = ` ${block.replaceAll(id, `${id}-${count}`)}\n`;
    if (!out.write(copy)) await once(out, 'drain');
    written += Buffer.byteLength(copy);
    count += 1;
  }
  out.end('</iati-activities>\n');
  await once(out, 'finish');
  return count;
}

test(
  'a 50 MB file imports with a 128 MB heap, every activity in it',
  { timeout: 240_000 },
  async () => {
    const dir = tempDir('iati-large-');
    const file = join(dir, 'large.xml');
    const database = join(dir, 'hub.sqlite');
    const activities = await writeLargeFile(file, TARGET_BYTES);
    const { stdout } = await run(
      process.execPath,
      [
        '--max-old-space-size=128',
        '--import',
        'tsx',
        'scripts/import.ts',
        file,
        '--apply',
        '--database',
        database,
      ],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
    );
    const summary = stdout.split('\n').filter((l) => /activities\/s/.test(l));
    console.log(summary.join('\n'));
    expect(stdout).toContain(`Applied to ${database}: ${activities} created, 0 updated`);
    const db = openDatabase(database);
    const row = db.$client
      .prepare("SELECT count(*) AS n FROM projects WHERE origin = 'iati'")
      .get() as { n: number };
    const staged = db.$client.prepare('SELECT count(*) AS n FROM iati_staging').get() as {
      n: number;
    };
    db.$client.close();
    expect(row.n).toBe(activities);
    expect(staged.n).toBe(0);
  },
);

test('a refused file makes the command fail with exit code 1, naming the line', async () => {
  const dir = tempDir('iati-refused-');
  const file = join(dir, 'refused.xml');
  writeFileSync(
    file,
    '<?xml version="1.0"?>\n<iati-activities version="1.05">\n</iati-activities>\n',
  );
  const failure = await run(
    process.execPath,
    [
      '--import',
      'tsx',
      'scripts/import.ts',
      file,
      '--apply',
      '--database',
      join(dir, 'hub.sqlite'),
    ],
    { cwd: ROOT },
  ).then(
    () => null,
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
  expect(failure?.code).toBe(1);
  expect(failure?.stdout).toMatch(/line 2: error: IATI version 1\.05 is not read/);
  expect(failure?.stderr).toMatch(/Refused: .* nothing was written/);
});

test('a file nested 200 000 levels deep makes the command fail at once, naming the limit and the line', async () => {
  const dir = tempDir('iati-deep-');
  const file = join(dir, 'deep.xml');
  const database = join(dir, 'hub.sqlite');
  writeFileSync(
    file,
    `<?xml version="1.0"?>\n<iati-activities version="2.03">\n<iati-activity>\n${'<x>'.repeat(200_000)}${'</x>'.repeat(200_000)}</iati-activity></iati-activities>\n`,
  );
  const failure = await run(
    process.execPath,
    ['--import', 'tsx', 'scripts/import.ts', file, '--apply', '--database', database],
    { cwd: ROOT },
  ).then(
    () => null,
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
  expect(failure?.code).toBe(1);
  expect(failure?.stdout).toMatch(
    /line 4: error: <x> is nested 65 levels deep; at most 64 are read \(<iati-activities> is level 1\)/,
  );
  expect(failure?.stderr).toMatch(/Refused: .* nothing was written/);
  const db = openDatabase(database);
  const written = db.$client
    .prepare(
      "SELECT (SELECT count(*) FROM projects WHERE origin = 'iati') + (SELECT count(*) FROM iati_staging) AS n",
    )
    .get() as { n: number };
  db.$client.close();
  expect(written.n).toBe(0);
});
