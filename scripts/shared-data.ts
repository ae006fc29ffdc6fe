import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fileURLToPath } from 'node:url';

// Where the tests find the real IATI files and schema: ../shared/data/iati beside the checkout.
// They are never copied into the repository. A checkout cloned somewhere else (a CI clone in a
// temporary folder) finds them in the nearest ancestor folder that has shared/data/iati, then in
// this workplace's /work/shared; HUB_SHARED_DATA names the data folder outright.

const ROOT = fileURLToPath(new URL('../', import.meta.url));

function findIatiDir(): string {
  const candidates: string[] = [];
  if (process.env.HUB_SHARED_DATA) candidates.push(join(process.env.HUB_SHARED_DATA, 'iati'));
  for (let dir = dirname(ROOT); ; dir = dirname(dir)) {
    candidates.push(join(dir, 'shared', 'data', 'iati'));
    if (dirname(dir) === dir) break;
  }
  candidates.push('/work/shared/data/iati');
  const found = candidates.find((dir) =>
    existsSync(join(dir, 'schema', 'iati-activities-schema.xsd')),
  );
  if (!found) {
    throw new Error(
      `The shared IATI data (../shared/data/iati) was not found; looked in:\n${candidates.join('\n')}\nSet HUB_SHARED_DATA to the shared data folder.`,
    );
  }
  return found;
}

/** The folder of the real IATI files (absolute path). */
export const IATI_DATA_DIR = findIatiDir();
/** The same as a file: URL ending in "/", for new URL(name, IATI_DATA_URL). */
export const IATI_DATA_URL = pathToFileURL(`${IATI_DATA_DIR}/`);
/** The IATI 2.03 schema folder as a file: URL ending in "/". */
export const IATI_SCHEMA_URL = new URL('schema/', IATI_DATA_URL);
