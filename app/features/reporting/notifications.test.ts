import { readdirSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';

import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';

import { openDatabase } from '../../../db/client.server';
import { notifications, reportingRounds, reports, users } from '../../../db/schema';
import {
  createTestDb,
  insertOrganisation,
  insertProject,
  linkOrganisation,
} from '../../../db/test-factories';
import { parseMail } from '../../core/mail/eml';
import { listOutbox, readOutboxMail } from '../../core/mail/outbox.server';
import { createOutboxTransport, createSmtpTransport } from '../../core/mail/transport.server';
import { updateMailSettings } from '../../core/auth/users.server';
import { dueKinds, followReportingChanges, runNotificationPass } from './notifications.server';
import { reportingChanged } from './report-events.server';
import { readUnsubscribeToken } from './unsubscribe-token.server';

// The notification pass against a real SQLite file and a real SMTP server in this process: what
// arrives, to whom, in which language, with which links, and never twice.

interface Received {
  to: string[];
  raw: string;
}
const inbox: Received[] = [];
let smtp: SMTPServer;
let smtpUrl = '';

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (raw += chunk));
      stream.on('end', () => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}?tls=off`;
});
afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));
beforeEach(() => {
  inbox.length = 0;
});

const FROM = 'IKI China portfolio hub <hub@example.org>';
const BASE = 'https://hub.example.org';

let counter = 0;
function insertUser(
  db: ReturnType<typeof createTestDb>,
  values: {
    organisationId: number | null;
    language?: 'en' | 'zh' | 'de';
    role?: 'implementer' | 'editor';
  },
) {
  counter += 1;
  return db
    .insert(users)
    .values({
      email: `person${counter}@example.org`,
      name: `Person ${counter}`,
      passwordHash: 'x',
      role: values.role ?? 'implementer',
      organisationId: values.organisationId,
      createdAt: '2026-01-01T00:00:00Z',
      language: values.language ?? 'en',
    })
    .returning()
    .get();
}

/** A hub with one open round over two projects, their implementers, and a draft and a closed round. */
function hubWithRounds() {
  const db = createTestDb();
  const giz = insertOrganisation(db, { slug: 'giz-test' });
  const other = insertOrganisation(db, { slug: 'other-test' });
  const first = insertProject(db, { title: 'Clean air', titleZh: '清洁空气' });
  const second = insertProject(db, { title: 'Green ports' });
  linkOrganisation(db, first.id, giz.id, 'implementing-organisation');
  linkOrganisation(db, second.id, other.id, 'implementing-partner');
  const en = insertUser(db, { organisationId: giz.id });
  const zh = insertUser(db, { organisationId: giz.id, language: 'zh' });
  const partner = insertUser(db, { organisationId: other.id, language: 'de' });
  // Asked by nobody: an editor, and an implementer of no project in the round.
  insertUser(db, { organisationId: giz.id, role: 'editor' });
  insertUser(db, { organisationId: insertOrganisation(db).id });
  const round = (slug: string, state: 'draft' | 'open' | 'closed') =>
    db
      .insert(reportingRounds)
      .values({
        slug,
        title: `Round ${slug}`,
        titleZh: `轮次 ${slug}`,
        periodStart: '2026-01-01',
        periodEnd: '2026-06-30',
        dueOn: '2026-07-31',
        state,
        openedAt: state === 'draft' ? null : '2026-07-01T08:00:00Z',
        createdAt: '2026-06-20T08:00:00Z',
      })
      .returning()
      .get();
  const open = round('workshop-2026', 'open');
  const draft = round('draft-round', 'draft');
  const closed = round('closed-round', 'closed');
  const report = (roundId: number, projectId: number) =>
    db.insert(reports).values({ roundId, projectId }).returning().get();
  const reportFirst = report(open.id, first.id);
  const reportSecond = report(open.id, second.id);
  for (const r of [draft, closed]) {
    report(r.id, first.id);
    report(r.id, second.id);
  }
  return { db, open, first, second, en, zh, partner, reportFirst, reportSecond };
}

const pass = (
  hub: ReturnType<typeof hubWithRounds>,
  now: string,
  extra: Partial<Parameters<typeof runNotificationPass>[0]> = {},
) =>
  runNotificationPass({
    db: hub.db,
    now,
    transport: createSmtpTransport(smtpUrl, FROM),
    reminderDays: [14, 7, 1],
    baseUrl: BASE,
    ...extra,
  });

const mails = () => inbox.map((m) => ({ ...parseMail(m.raw), to: m.to }));

test('an open round tells each report’s authors, each in their language, with the report’s and the unsubscribe link', async () => {
  const hub = hubWithRounds();
  const sent = await pass(hub, '2026-07-01T09:00:00Z');
  expect(sent.map((e) => [e.kind, e.to, e.status]).sort()).toEqual(
    [
      ['round-opened', hub.en.email, 'sent'],
      ['round-opened', hub.zh.email, 'sent'],
      ['round-opened', hub.partner.email, 'sent'],
    ].sort(),
  );
  // Exactly these three arrived: nothing for the draft or the closed round, nobody else.
  expect(
    mails()
      .map((m) => m.to)
      .sort(),
  ).toEqual([[hub.en.email], [hub.zh.email], [hub.partner.email]].sort());
  const byTo = new Map(mails().map((m) => [m.to[0], m]));
  const english = byTo.get(hub.en.email)!;
  expect(english.subject).toBe('Progress report requested: Clean air');
  expect(english.text).toContain('The reporting round “Round workshop-2026” is open.');
  expect(english.text).toContain(`${BASE}/reporting/workshop-2026/${hub.first.slug}`);
  expect(english.html).toContain(`href="${BASE}/reporting/workshop-2026/${hub.first.slug}"`);
  expect(english.from).toBe(FROM);

  const chinese = byTo.get(hub.zh.email)!;
  expect(chinese.subject).toBe('请提交进展报告：清洁空气');
  expect(chinese.text).toContain('报告轮次“轮次 workshop-2026”已开启');
  expect(chinese.text).toContain('2026年7月31日');
  expect(chinese.text).toContain(`${BASE}/zh/reporting/workshop-2026/${hub.first.slug}`);
  expect(chinese.html).toContain('<html lang="zh-Hans">');

  const german = byTo.get(hub.partner.email)!;
  expect(german.subject).toBe('Fortschrittsbericht erbeten: Green ports');
  expect(german.text).toContain(`${BASE}/de/reporting/workshop-2026/${hub.second.slug}`);

  // The unsubscribe link carries a token that names its recipient, and only them.
  const token = /\/zh\/reporting\/unsubscribe\?token=([^\s"]+)/.exec(chinese.text)?.[1];
  expect(token).toBeDefined();
  expect(readUnsubscribeToken(token!, hub.db)).toBe(hub.zh.id);
  expect(
    readUnsubscribeToken(`${hub.en.id}${token!.slice(String(hub.zh.id).length)}`, hub.db),
  ).toBeNull();
  expect(chinese.headers.get('list-unsubscribe')).toContain(token);
});

test('a second pass, and a second process after a restart, send nothing again', async () => {
  const hub = hubWithRounds();
  expect(await pass(hub, '2026-07-01T09:00:00Z')).toHaveLength(3);
  expect(await pass(hub, '2026-07-01T10:00:00Z')).toEqual([]);
  // Another connection to the same file, as another server process or `npm run reminders` has.
  const other = openDatabase(hub.db.$client.name);
  const again = await runNotificationPass({
    db: other,
    now: '2026-07-02T09:00:00Z',
    transport: createSmtpTransport(smtpUrl, FROM),
    reminderDays: [14, 7, 1],
    baseUrl: BASE,
  });
  other.$client.close();
  expect(again).toEqual([]);
  expect(inbox).toHaveLength(3);
  expect(hub.db.select().from(notifications).all()).toHaveLength(3);
  expect(
    hub.db
      .select()
      .from(notifications)
      .all()
      .every((n) => n.sentAt && n.messageId),
  ).toBe(true);
});

test('two passes at the same moment send each mail once', async () => {
  const hub = hubWithRounds();
  const other = openDatabase(hub.db.$client.name);
  const [a, b] = await Promise.all([
    pass(hub, '2026-07-01T09:00:00Z'),
    pass(hub, '2026-07-01T09:00:00Z', { db: other }),
  ]);
  other.$client.close();
  expect(a.length + b.length).toBe(3);
  expect(inbox).toHaveLength(3);
});

test('reminders come at the configured days before the due date, not to those who turned them off', async () => {
  const hub = hubWithRounds();
  await pass(hub, '2026-07-01T09:00:00Z');
  inbox.length = 0;
  updateMailSettings(
    hub.partner.id,
    { remindersOff: true },
    { at: '2026-07-02T00:00:00Z', actor: { id: hub.partner.id, name: hub.partner.email } },
    hub.db,
  );
  // 20 days before: none due.
  expect(await pass(hub, '2026-07-11T09:00:00Z')).toEqual([]);
  // 14 days before.
  const fourteen = await pass(hub, '2026-07-17T09:00:00Z');
  expect(fourteen.map((e) => [e.kind, e.day, e.to]).sort()).toEqual(
    [
      ['reminder', '2026-07-17', hub.en.email],
      ['reminder', '2026-07-17', hub.zh.email],
    ].sort(),
  );
  const english = mails().find((m) => m.to[0] === hub.en.email)!;
  expect(english.subject).toBe('Reminder: progress report for Clean air due in 14 days');
  const chinese = mails().find((m) => m.to[0] === hub.zh.email)!;
  expect(chinese.subject).toBe('提醒：清洁空气 的进展报告将于 14 天后截止');
  // Later the same week: the 14-day reminder went out already, the 7-day one is not due.
  expect(await pass(hub, '2026-07-20T09:00:00Z')).toEqual([]);
  // A pass that comes late (the server was down on the 24th) sends the 7-day reminder once.
  const late = await pass(hub, '2026-07-26T09:00:00Z');
  expect(late.map((e) => [e.kind, e.day])).toEqual([
    ['reminder', '2026-07-24'],
    ['reminder', '2026-07-24'],
  ]);
  expect(await pass(hub, '2026-07-26T10:00:00Z')).toEqual([]);
});

test('a submitted report gets no reminder; overdue mails come weekly after the due date', async () => {
  const hub = hubWithRounds();
  hub.db
    .update(reports)
    .set({ state: 'submitted' })
    .where(eq(reports.id, hub.reportSecond.id))
    .run();
  // The day before the due date: only the first project's authors are reminded.
  const before = await pass(hub, '2026-07-30T09:00:00Z');
  expect(new Set(before.map((e) => e.to))).toEqual(new Set([hub.en.email, hub.zh.email]));
  expect(before.filter((e) => e.kind === 'reminder')).toHaveLength(2);
  inbox.length = 0;
  const overdue = await pass(hub, '2026-08-01T09:00:00Z');
  expect(overdue.map((e) => [e.kind, e.day, e.to]).sort()).toEqual(
    [
      ['overdue', '2026-08-01', hub.en.email],
      ['overdue', '2026-08-01', hub.zh.email],
    ].sort(),
  );
  expect(mails().find((m) => m.to[0] === hub.en.email)!.subject).toBe(
    'Overdue: progress report for Clean air',
  );
  expect(await pass(hub, '2026-08-05T09:00:00Z')).toEqual([]);
  expect((await pass(hub, '2026-08-08T09:00:00Z')).map((e) => e.day)).toEqual([
    '2026-08-08',
    '2026-08-08',
  ]);
});

test('an approved report gets its approval mail and nothing else; a closed round gets nothing', async () => {
  const hub = hubWithRounds();
  hub.db
    .update(reports)
    .set({
      state: 'approved',
      approvedAt: '2026-07-29T10:00:00Z',
      stateChangedAt: '2026-07-29T10:00:00Z',
    })
    .where(eq(reports.id, hub.reportFirst.id))
    .run();
  hub.db
    .update(reports)
    .set({ state: 'returned', stateChangedAt: '2026-07-29T11:00:00Z' })
    .where(eq(reports.id, hub.reportSecond.id))
    .run();
  const sent = await pass(hub, '2026-07-30T09:00:00Z');
  expect(sent.map((e) => [e.kind, e.to]).sort()).toEqual(
    [
      ['report-approved', hub.en.email],
      ['report-approved', hub.zh.email],
      ['report-returned', hub.partner.email],
      ['reminder', hub.partner.email],
    ].sort(),
  );
  expect(mails().find((m) => m.to[0] === hub.zh.email)!.subject).toBe(
    '已批准：清洁空气 的进展报告',
  );
  expect(mails().find((m) => m.subject.startsWith('Zur Überarbeitung'))!.to).toEqual([
    hub.partner.email,
  ]);
  inbox.length = 0;
  // Closed: nothing more, not even for the report still returned after the due date.
  hub.db
    .update(reportingRounds)
    .set({ state: 'closed' })
    .where(eq(reportingRounds.id, hub.open.id))
    .run();
  expect(await pass(hub, '2026-08-02T09:00:00Z')).toEqual([]);
  expect(inbox).toEqual([]);
});

test('a failed send is kept with its error and sent by a later pass', async () => {
  const hub = hubWithRounds();
  // A port nothing listens on.
  const failed = await pass(hub, '2026-07-01T09:00:00Z', {
    transport: createSmtpTransport('smtp://127.0.0.1:1?tls=off', FROM),
  });
  expect(failed.map((e) => e.status)).toEqual(['failed', 'failed', 'failed']);
  const rows = hub.db.select().from(notifications).all();
  expect(rows.every((r) => r.error && !r.sentAt)).toBe(true);
  const retried = await pass(hub, '2026-07-01T10:00:00Z');
  expect(retried.map((e) => e.status)).toEqual(['sent', 'sent', 'sent']);
  expect(inbox).toHaveLength(3);
  expect(
    hub.db
      .select()
      .from(notifications)
      .all()
      .every((r) => r.sentAt && !r.error),
  ).toBe(true);
});

test('a dry run lists what would be sent and sends and records nothing', async () => {
  const hub = hubWithRounds();
  const dry = await pass(hub, '2026-07-01T09:00:00Z', { dryRun: true });
  expect(dry.map((e) => e.status)).toEqual(['would-send', 'would-send', 'would-send']);
  expect(inbox).toEqual([]);
  expect(hub.db.select().from(notifications).all()).toEqual([]);
  await pass(hub, '2026-07-01T09:00:00Z');
  expect(await pass(hub, '2026-07-01T09:30:00Z', { dryRun: true })).toEqual([]);
});

test('a state change sends its mails right away through the listener', async () => {
  const hub = hubWithRounds();
  const done: number[] = [];
  const stop = followReportingChanges(
    {
      db: hub.db,
      now: '2026-07-10T09:00:00Z',
      transport: createSmtpTransport(smtpUrl, FROM),
      reminderDays: [14, 7, 1],
      baseUrl: BASE,
    },
    (entries) => done.push(entries.length),
  );
  try {
    hub.db
      .update(reports)
      .set({ state: 'returned', stateChangedAt: '2026-07-10T08:59:00Z' })
      .where(eq(reports.id, hub.reportSecond.id))
      .run();
    reportingChanged({ kind: 'report-state', reportId: hub.reportSecond.id, state: 'returned' });
    // A change that sends nothing.
    reportingChanged({ kind: 'report-state', reportId: hub.reportFirst.id, state: 'submitted' });
    await expect.poll(() => done.length).toBe(1);
    expect(mails().map((m) => [m.to[0], m.subject])).toEqual([
      [hub.partner.email, 'Zur Überarbeitung zurückgegeben: Fortschrittsbericht für Green ports'],
    ]);
  } finally {
    stop();
  }
});

test('the default transport writes each mail as an .eml file that the outbox lists and reads', async () => {
  const hub = hubWithRounds();
  const dir = join(mkdtempSync(join(tmpdir(), 'iki-hub-outbox-')), 'outbox');
  const sent = await pass(hub, '2026-07-01T09:00:00Z', {
    transport: createOutboxTransport(dir, FROM),
  });
  expect(sent).toHaveLength(3);
  const files = readdirSync(dir);
  expect(files.filter((f) => f.endsWith('.eml'))).toHaveLength(3);
  expect(files.some((f) => f.endsWith('.tmp'))).toBe(false);
  const { total, entries } = await listOutbox({ limit: 10, offset: 0 }, dir);
  expect(total).toBe(3);
  expect(entries.map((e) => e.subject).sort()).toEqual(
    [
      'Fortschrittsbericht erbeten: Green ports',
      'Progress report requested: Clean air',
      '请提交进展报告：清洁空气',
    ].sort(),
  );
  const chinese = entries.find((e) => e.to === hub.zh.email)!;
  const mail = await readOutboxMail(chinese.name, dir);
  expect(mail!.text).toContain(`${BASE}/zh/reporting/workshop-2026/${hub.first.slug}`);
  expect(await readOutboxMail('../hub.sqlite', dir)).toBeUndefined();
  expect(await readOutboxMail('20260101T000000000Z-abcdef.eml', dir)).toBeUndefined();
});

const open = (
  state: 'not-started' | 'draft' | 'submitted' | 'returned' | 'approved',
  extra = {},
) => ({
  state,
  stateChangedAt: null,
  approvedAt: null,
  dueOn: '2026-07-31',
  openedAt: '2026-07-20T08:00:00Z',
  ...extra,
});

test('no reminder falls on a day before the round opened, none on the due date itself', () => {
  // Opened 11 days before the due date: the 14-day reminder never comes, the 7-day one does.
  expect(dueKinds(open('draft'), '2026-07-20', [14, 7, 1]).map((k) => k.kind)).toEqual([
    'round-opened',
  ]);
  expect(dueKinds(open('draft'), '2026-07-24', [14, 7, 1])).toContainEqual({
    kind: 'reminder',
    day: '2026-07-24',
    daysLeft: 7,
  });
  expect(dueKinds(open('draft'), '2026-07-31', [14, 7, 1]).map((k) => k.kind)).toEqual([
    'round-opened',
  ]);
  expect(dueKinds(open('submitted'), '2026-07-30', [14, 7, 1])).toEqual([]);
});

test('returned and approved mails are caught up for 7 days, then not', () => {
  const returned = open('returned', { stateChangedAt: '2026-08-01T10:00:00Z' });
  expect(dueKinds(returned, '2026-08-08', [7]).map((k) => k.kind)).toEqual([
    'report-returned',
    'overdue',
  ]);
  expect(dueKinds(returned, '2026-08-09', [7]).map((k) => k.kind)).toEqual(['overdue']);
  const approved = open('approved', { approvedAt: '2026-08-01T10:00:00Z' });
  expect(dueKinds(approved, '2026-08-02', [7])).toEqual([
    { kind: 'report-approved', day: '2026-08-01', daysLeft: -2 },
  ]);
  expect(dueKinds(approved, '2026-08-09', [7])).toEqual([]);
});
