import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

import { createOutboxTransport } from '../app/core/mail/transport.server';
import { runNotificationPass } from '../app/features/reporting/notifications.server';
import { openDatabase } from '../db/client.server';
import { migrateDatabase } from '../db/migrate';
import {
  organisations,
  projectOrganisations,
  projects,
  reportingRounds,
  reports,
  users,
} from '../db/schema';
import { parseCommand, wholeNumber } from './cli';
import { makeTempDir } from './harness';

// A notification pass over a round of many reports, in a synthetic database (never the real one):
// how long the pass takes and the longest the event loop waited meanwhile (what a request would
// have waited, had the pass run in a serving process). Goal: 2 000 reports under 5 s.

const { positionals } = parseCommand({
  script: 'measure:reminders',
  summary:
    'Times notification passes (round opened, then a reminder day, then a pass with nothing ' +
    'due) over a synthetic round with two authors per report; mails go to a temporary outbox.',
  arguments: [{ name: 'REPORTS', help: 'reports in the round (default: 2000)', isOptional: true }],
  options: {},
  examples: ['npm run measure:reminders', 'npm run measure:reminders -- 500'],
});
const count = wholeNumber(positionals[0] ?? '2000', 'REPORTS');
const GOAL_MS = 5_000;

const dir = makeTempDir('reminders');
const db = openDatabase(join(dir, 'hub.sqlite'));
migrateDatabase(db);
db.transaction((tx) => {
  const round = tx
    .insert(reportingRounds)
    .values({
      slug: 'scale',
      title: 'Scale round',
      titleZh: '规模测试',
      periodStart: '2026-01-01',
      periodEnd: '2026-06-30',
      dueOn: '2026-07-31',
      state: 'open',
      openedAt: '2026-07-01T08:00:00Z',
      createdAt: '2026-07-01T08:00:00Z',
    })
    .returning()
    .get();
  for (let i = 1; i <= count; i++) {
    const project = tx
      .insert(projects)
      .values({ slug: `scale-${i}`, title: `Synthetic project ${i}` })
      .returning({ id: projects.id })
      .get();
    const org = tx
      .insert(organisations)
      .values({ slug: `scale-org-${i}`, name: `Synthetic organisation ${i}`, kind: 'partner' })
      .returning({ id: organisations.id })
      .get();
    tx.insert(projectOrganisations)
      .values({ projectId: project.id, organisationId: org.id, role: 'implementing-organisation' })
      .run();
    for (const language of ['en', 'zh'] as const) {
      tx.insert(users)
        .values({
          email: `author-${i}-${language}@scale.example`,
          name: `Author ${i} ${language}`,
          passwordHash: 'x',
          role: 'implementer',
          organisationId: org.id,
          createdAt: '2026-01-01T00:00:00Z',
          language,
        })
        .run();
    }
    tx.insert(reports).values({ roundId: round.id, projectId: project.id }).run();
  }
});

const transport = createOutboxTransport(join(dir, 'outbox'), 'Hub <hub@scale.example>');
async function timed(name: string, now: string) {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const start = performance.now();
  const cpu = process.cpuUsage();
  const entries = await runNotificationPass({
    db,
    now,
    transport,
    reminderDays: [14, 7, 1],
    baseUrl: 'https://hub.example.org',
  });
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  delay.disable();
  return {
    name,
    mails: entries.length,
    ms,
    cpuMs: (used.user + used.system) / 1000,
    maxBlockMs: delay.max / 1e6,
  };
}

const rows = [
  await timed('round opened', '2026-07-01T09:00:00Z'),
  await timed('reminder day (7 days before)', '2026-07-24T09:00:00Z'),
  await timed('nothing due', '2026-07-24T10:00:00Z'),
];
transport.close();
db.$client.close();
rmSync(dir, { recursive: true, force: true });

// On a busy machine the time includes waiting for a core; the CPU time is the pass's own.
console.log(`| pass over ${count} reports | mails | time | CPU time | longest event-loop wait |`);
console.log('| --- | --- | --- | --- | --- |');
for (const r of rows) {
  console.log(
    `| ${r.name} | ${r.mails} | ${r.ms.toFixed(0)} ms | ${r.cpuMs.toFixed(0)} ms | ${r.maxBlockMs.toFixed(0)} ms |`,
  );
}
const slow = rows.filter((r) => r.ms > GOAL_MS);
if (slow.length > 0) {
  console.error(`Over the goal of ${GOAL_MS} ms: ${slow.map((r) => r.name).join(', ')}.`);
  process.exitCode = 1;
}
