import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { Presets, SingleBar } from 'cli-progress';

import { env } from '../app/core/env.server';
import { openDatabase } from '../db/client.server';
import { generateDemoPortfolio } from '../db/demo';
import { migrateDatabase } from '../db/migrate';

// npm run db:demo -- --projects 10000 --out db/data/demo-10k.sqlite [--seed 2026]
const { values } = parseArgs({
  options: {
    projects: { type: 'string', default: '1000' },
    out: { type: 'string' },
    seed: { type: 'string', default: '2026' },
  },
});
const projects = Number(values.projects);
const seed = Number(values.seed);
const out = values.out ?? `db/data/demo-${projects}.sqlite`;

if (!Number.isInteger(projects) || projects < 1 || !Number.isInteger(seed)) {
  console.error('Usage: npm run db:demo -- --projects <n> --out <file.sqlite> [--seed <n>]');
  process.exit(2);
}
if (resolve(out) === resolve(env.DATABASE_URL)) {
  console.error(
    `Refusing to write demo data into the hub's database (${out}); pick another --out.`,
  );
  process.exit(2);
}
if (existsSync(out)) {
  console.error(`${out} exists already; demo data only goes into a new file. Delete it first.`);
  process.exit(2);
}

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
  onProgress: (done) => (done % 250 === 0 || done === projects ? bar.update(done) : undefined),
});
bar.stop();
db.$client.close();
console.log(`Wrote synthetic demo data to ${out}:`, counts);
console.log(`Serve it with: DATABASE_URL=${out} npm start`);
