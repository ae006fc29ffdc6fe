import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

import { Presets, SingleBar } from 'cli-progress';

import { env } from '../app/core/env.server';
import { openDatabase } from '../db/client.server';
import { generateDemoPortfolio } from '../db/demo';
import { migrateDatabase } from '../db/migrate';
import { fail, parseCommand, usageError, wholeNumber } from './cli';

const { values } = parseCommand({
  script: 'db:demo',
  summary:
    'Writes a synthetic portfolio, labelled synthetic on every page, into a new SQLite file of ' +
    "its own (never the hub's database): for tests and measurements at scale. The same --seed " +
    'gives the same data.',
  options: {
    projects: { type: 'string', value: 'N', default: '1000', help: 'how many projects' },
    out: {
      type: 'string',
      value: 'FILE',
      help: 'the new SQLite file (default: db/data/demo-N.sqlite); must not exist yet',
    },
    seed: { type: 'string', value: 'N', default: '2026', help: 'the random seed' },
    documents: {
      type: 'string',
      value: 'N',
      default: '0',
      help: 'how many documents with extracted text (English and Chinese pages)',
    },
    entries: {
      type: 'string',
      value: 'N',
      default: '0',
      help: 'how many published knowledge entries (English and Chinese texts)',
    },
  },
  examples: [
    'npm run db:demo -- --projects 10000 --out db/data/demo-10k.sqlite',
    'npm run db:demo -- --projects 10000 --documents 2000 --entries 500',
  ],
});
const projects = wholeNumber(values.projects, '--projects');
const seed = wholeNumber(values.seed, '--seed', 0);
const documents = wholeNumber(values.documents, '--documents', 0);
const entries = wholeNumber(values.entries, '--entries', 0);
const out = values.out ?? `db/data/demo-${projects}.sqlite`;

if (resolve(out) === resolve(env.DATABASE_URL)) {
  usageError(`--out ${out} is the hub's database (DATABASE_URL); demo data goes into another file`);
}
if (existsSync(out)) fail(`${out} exists already; demo data only goes into a new file`);

const db = openDatabase(out);
migrateDatabase(db);
const bar = new SingleBar(
  { format: 'Generating {bar} {value}/{total} projects' },
  Presets.shades_classic,
);
bar.start(projects, 0);
const counts = generateDemoPortfolio(db, {
  projects,
  seed,
  documents,
  entries,
  onProgress: (done) => (done % 250 === 0 || done === projects ? bar.update(done) : undefined),
});
bar.stop();
db.$client.close();
console.log(`Wrote synthetic demo data to ${out}:`, counts);
console.log(`Serve it with: DATABASE_URL=${out} npm start`);
