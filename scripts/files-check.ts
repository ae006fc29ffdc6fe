import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

import { env } from '../app/core/env.server';
import { removeStoredFile } from '../app/features/documents/file-store.server';
import { checkFiles, filesDirFor } from './files-tools';
import { fail, parseCommand } from './cli';

// npm run files:check [-- --remove-orphans]
// The document file store against the database: a stored file no row names (an orphan), a row
// whose file is gone, a file whose content no longer matches its SHA-256. Exit 1 when anything is
// wrong, so a cron job or a monitor notices.

const { values } = parseCommand({
  script: 'files:check',
  summary:
    'Checks the document files against the database: files no document names (orphans), ' +
    'documents whose file is missing, files whose content does not match their SHA-256. ' +
    'Exits 1 when anything is wrong.',
  options: {
    'remove-orphans': {
      type: 'boolean',
      help: 'remove the files no document names (stop the server first: an upload being kept is named a moment later)',
    },
  },
  environment: [
    'DATABASE_URL   the database (db/data/hub.sqlite)',
    'HUB_FILES_DIR  the files (default: files/ beside the database)',
  ],
  examples: ['npm run files:check', 'npm run files:check -- --remove-orphans'],
});

const database = resolve(env.DATABASE_URL);
if (!existsSync(database)) fail(`${database}: no database (DATABASE_URL)`);
const root = filesDirFor(database);
const check = await checkFiles(database, root);

console.log(`Files: ${root}`);
console.log(`Checked ${check.checked} stored files against ${database}.`);
let problems = 0;
if (check.orphans.length) {
  if (values['remove-orphans']) {
    for (const hash of check.orphans) await removeStoredFile(hash, root);
    console.log(`Removed ${check.orphans.length} files no document names:`);
  } else {
    problems += check.orphans.length;
    console.log(
      `${check.orphans.length} files no document names (orphans; --remove-orphans removes them):`,
    );
  }
  for (const hash of check.orphans) console.log(`  orphan   ${hash}`);
}
if (check.missing.length) {
  problems += check.missing.length;
  console.log(
    `${check.missing.length} documents name a file that is missing (restore it from a backup):`,
  );
  for (const hash of check.missing) console.log(`  missing  ${hash}`);
}
if (check.mismatched.length) {
  problems += check.mismatched.length;
  console.log(`${check.mismatched.length} files do not hold what their SHA-256 says (damaged):`);
  for (const hash of check.mismatched) console.log(`  damaged  ${hash}`);
}
if (check.temporary)
  console.log(
    `${check.temporary} uploads in tmp/ (under way, or left by a crash: removed when the server starts).`,
  );
if (problems === 0) console.log('All document files are in order.');
process.exitCode = problems === 0 ? 0 : 1;
