import { existsSync } from 'node:fs';

import { env } from '../app/core/env.server';
import { createMailTransport, outboxDirOf } from '../app/core/mail/transport.server';
import { runNotificationPass, summarisePass } from '../app/features/reporting/notifications.server';
import { openDatabase } from '../db/client.server';
import { migrateDatabase } from '../db/migrate';
import { fail, parseCommand } from './cli';

// One notification pass, for a system timer (the server also runs one every hour); --dry-run
// prints what would be sent and sends and records nothing.
const { values } = parseCommand({
  script: 'reminders',
  summary:
    'Sends the mails that are due now (round opened, reminders, overdue, report returned or ' +
    'approved), each once: what the server or an earlier run sent is not sent again. Exits 1 ' +
    'when a mail could not be sent (a later run tries it again).',
  options: {
    'dry-run': {
      type: 'boolean',
      help: 'print what would be sent; send and record nothing',
    },
  },
  environment: [
    'DATABASE_URL       the database (db/data/hub.sqlite)',
    'SMTP_URL           send through this SMTP server (default: .eml files in the outbox next to the database)',
    'MAIL_FROM          the sender',
    'HUB_PUBLIC_URL     the base of the links in the mails',
    'HUB_REMINDER_DAYS  days before the due date that reminders go out (14,7,1)',
    'HUB_TODAY          pins today (YYYY-MM-DD)',
  ],
  examples: ['npm run reminders', 'npm run reminders -- --dry-run'],
});

if (!existsSync(env.DATABASE_URL)) fail(`no database at ${env.DATABASE_URL}`);
const db = openDatabase(env.DATABASE_URL);
migrateDatabase(db);
const transport = values['dry-run'] ? undefined : createMailTransport();
try {
  const entries = await runNotificationPass({ db, dryRun: values['dry-run'], transport });
  for (const e of entries) {
    const status = { sent: 'sent', failed: 'FAILED', 'would-send': 'would send' }[e.status];
    console.log(
      `${status}\t${e.kind}\t${e.day}\t${e.to} (${e.language})\t${e.subject}${e.error ? `\t${e.error}` : ''}`,
    );
  }
  const where = values['dry-run']
    ? ''
    : ` through ${env.SMTP_URL ? transport!.description : `the outbox ${outboxDirOf()}`}`;
  console.log(entries.length === 0 ? 'No mail is due.' : `${summarisePass(entries)}${where}.`);
  if (entries.some((e) => e.status === 'failed')) process.exitCode = 1;
} finally {
  transport?.close();
  db.$client.close();
}
