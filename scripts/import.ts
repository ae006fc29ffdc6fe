import { statSync } from 'node:fs';

import cliProgress from 'cli-progress';

import { now } from '../app/core/clock';
import { env } from '../app/core/env.server';
import { DEFAULT_CHINA_REGIONS, type IatiProblem } from '../app/features/iati/read';
import { openDatabase } from '../db/client.server';
import { migrateDatabase } from '../db/migrate';
import { reviewIatiFile } from '../app/features/iati/import.server';
import { discardImport } from '../app/features/iati/import-stage.server';
import { applyImport } from '../app/features/iati/import-apply.server';
import { countryChoiceText, parseCountryChoice } from '../app/features/iati/country-choice';
import { fail, parseCommand, usageError } from './cli';

// A dry run by default: reads the file as a stream, says what would be created, updated or left
// unchanged, and lists every problem with its line. --apply writes it all in one transaction.
// Exit code 1 when the file has hard errors (then nothing is written).

const { values, positionals } = parseCommand({
  script: 'import',
  summary:
    'Reads an IATI activity file and says what importing it would create, update or leave ' +
    'unchanged, with every problem and its line. Nothing is written without --apply; a file with ' +
    'hard errors is refused whole (exit 1).',
  arguments: [{ name: 'FILE', help: 'the IATI XML file (iati-activities, 2.0x)' }],
  options: {
    apply: { type: 'boolean', help: 'write the changes, in one transaction' },
    database: {
      type: 'string',
      value: 'PATH',
      help: 'the SQLite file to import into (default: DATABASE_URL)',
    },
    countries: {
      type: 'string',
      value: 'CODES',
      help:
        'recipient countries whose activities are read: CN (the default), a comma-separated ' +
        'list of ISO 3166-1 codes such as ET,PH,BD, or all. Activities of other countries are ' +
        'stored as imported (origin iati), outside every IKI count',
    },
    regions: {
      type: 'string',
      value: 'CODES',
      help:
        'DAC region codes that also count as China, comma-separated, e.g. 789,798 (default: ' +
        'none; only recipient-country CN counts)',
    },
  },
  environment: ['DATABASE_URL  the database when --database is not given (db/data/hub.sqlite)'],
  examples: [
    'npm run import -- activities.xml            # a dry run',
    'npm run import -- activities.xml --apply',
    'npm run import -- activities.xml --countries ET,PH,BD',
    'npm run import -- activities.xml --countries all --apply',
  ],
});
/** Activities listed one per line; beyond this only the counts are printed. */
const LISTED = 200;
const file = positionals[0]!;
const regions =
  values.regions === undefined
    ? DEFAULT_CHINA_REGIONS
    : values.regions
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean);
if (regions.some((r) => !/^\d{1,5}$/.test(r))) {
  usageError(`--regions takes DAC region codes separated by commas, e.g. 789,798`);
}
const choice = parseCountryChoice(values.countries);
if (!choice.ok) {
  usageError(
    `--countries takes CN, all, or ISO 3166-1 codes separated by commas (e.g. ET,PH,BD)${choice.unknown.length ? `; not a country code: ${choice.unknown.join(', ')}` : ''}`,
  );
}
const countries = choice.countries;
let size: number;
try {
  size = statSync(file).size;
} catch {
  fail(`${file}: no such file`);
}

const path = values.database ?? env.DATABASE_URL;
const db = openDatabase(path);
migrateDatabase(db);

const bar = new cliProgress.SingleBar(
  {
    format: 'Reading {bar} {percentage}% | {value}/{total} MB',
    hideCursor: true,
    clearOnComplete: true,
  },
  cliProgress.Presets.shades_classic,
);
const mb = (bytes: number) => Math.round((bytes / 1e6) * 10) / 10;
let peakHeap = 0;
let peakRss = 0;
bar.start(mb(size), 0);
const reviewed = await reviewIatiFile(
  file,
  {
    countries,
    regions,
    onProgress: (bytes) => {
      bar.update(mb(bytes));
      const memory = process.memoryUsage();
      peakHeap = Math.max(peakHeap, memory.heapUsed);
      peakRss = Math.max(peakRss, memory.rss);
    },
  },
  db,
);
bar.stop();

const { staged, plan } = reviewed;
const show = (p: IatiProblem) =>
  `  line ${p.line}: ${p.severity}: ${p.message}${p.identifier && !p.message.includes(p.identifier) ? ` [${p.identifier}]` : ''}`;
const problems = [...staged.problems, ...(plan?.problems ?? [])].sort((a, b) => a.line - b.line);
const total = staged.errors + staged.warnings + (plan?.problemCount ?? 0);
if (total > 0) {
  console.log(`Problems (${staged.errors} errors, ${total - staged.errors} warnings):`);
  for (const p of problems) console.log(show(p));
  if (total > problems.length) console.log(`  … and ${total - problems.length} more not listed`);
}

const perSecond = Math.round(staged.activities / Math.max(reviewed.seconds, 1e-3));
const chosen = countryChoiceText(countries);
const summary = `${staged.activities} activities (${chosen === 'all' ? 'all countries' : `recipient countries ${chosen}`}), ${staged.skipped} others skipped, ${mb(staged.bytesRead)} MB in ${reviewed.seconds.toFixed(1)} s (${perSecond} activities/s, peak heap ${mb(peakHeap)} MB, peak RSS ${mb(peakRss)} MB)`;

if (staged.isRefused || !plan) {
  console.error(`Refused: ${file} has ${staged.errors} hard errors; nothing was written.`);
  console.log(summary);
  db.$client.close();
  process.exit(1);
}

const changing = plan.entries.filter((e) => e.action !== 'unchanged');
if (changing.length) console.log(values.apply ? 'Changes:' : 'Would change:');
for (const e of changing.slice(0, LISTED)) {
  const what = e.action === 'create' ? 'create' : `update ${e.fields.join(', ')}`;
  console.log(`  line ${e.line}: ${e.identifier} → ${e.origin} /projects/${e.slug}: ${what}`);
}
if (changing.length > LISTED) console.log(`  … and ${changing.length - LISTED} more`);
console.log(
  `${plan.counts.create} to create, ${plan.counts.update} to update, ${plan.counts.unchanged} unchanged`,
);
console.log(
  `Document links: ${plan.documents.create} to create, ${plan.documents.update} to update, ${plan.documents.remove} to remove`,
);
console.log(summary);

if (values.apply) {
  const started = performance.now();
  const applied = applyImport(db, staged.importId, {
    at: now(),
    actor: { id: null, name: 'IATI import (command line)' },
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `Applied to ${path}: ${applied.counts.create} created, ${applied.counts.update} updated, ${applied.counts.unchanged} unchanged in ${seconds.toFixed(1)} s (${Math.round(staged.activities / Math.max(seconds, 1e-3))} activities/s)`,
  );
} else {
  discardImport(db, staged.importId);
  console.log('Dry run: nothing was written. Add --apply to import.');
}
db.$client.close();
