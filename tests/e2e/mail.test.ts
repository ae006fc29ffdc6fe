import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import Database from 'better-sqlite3';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, test } from 'vitest';

import { parseMail } from '../../app/core/mail/eml';
import {
  type TestBrowser,
  type TestServer,
  axeViolations,
  createAccount,
  createSeededDatabase,
  httpSession,
  launchBrowser,
  openWatchedPage,
  readDatabase,
  signIn,
  startServer,
} from './support';

// The mail component in the production server: the hourly pass (its first one soon after start,
// in the primary) writes the round-opened mails to the outbox next to the database, admins read
// them at /admin/outbox, the unsubscribe link works signed out, a person sets their mail language
// and reminders on /account; with SMTP_URL the same mails reach a real SMTP server in this
// process, once, whatever restarts; `npm run reminders -- --dry-run` sends nothing.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PASSWORD = 'mail test password';
const ADMIN = { email: 'admin@mail.example', password: PASSWORD };
const EDITOR = { email: 'editor@mail.example', password: PASSWORD };
const AUTHOR_ZH = { email: 'li@mail.example', password: PASSWORD };
const AUTHOR_EN = { email: 'jo@mail.example', password: PASSWORD };

/** An open round over two projects GIZ implements; returns their slugs. */
function openRound(path: string): string[] {
  const db = new Database(path);
  try {
    const projects = db
      .prepare(
        `SELECT DISTINCT p.id, p.slug FROM projects p
         JOIN project_organisations po ON po.project_id = p.id
         JOIN organisations o ON o.id = po.organisation_id
         WHERE o.slug = 'giz' AND po.role IN ('implementing-organisation', 'implementing-partner')
         ORDER BY p.id LIMIT 2`,
      )
      .all() as { id: number; slug: string }[];
    const round = db
      .prepare(
        `INSERT INTO reporting_rounds (slug, title, title_zh, period_start, period_end, due_on, state, opened_at, created_at)
         VALUES ('workshop-2026', 'Interface Workshop 2026', '2026 年对接研讨会', '2026-01-01', '2026-06-30', '2026-07-31', 'open', '2026-07-01T08:00:00Z', '2026-06-30T08:00:00Z')`,
      )
      .run().lastInsertRowid;
    const closed = db
      .prepare(
        `INSERT INTO reporting_rounds (slug, title, period_start, period_end, due_on, state, opened_at, closed_at, created_at)
         VALUES ('closed-2025', 'Closed 2025', '2025-01-01', '2025-06-30', '2026-07-31', 'closed', '2025-07-01T08:00:00Z', '2025-08-01T08:00:00Z', '2025-06-30T08:00:00Z')`,
      )
      .run().lastInsertRowid;
    for (const p of projects) {
      db.prepare('INSERT INTO reports (round_id, project_id) VALUES (?, ?)').run(round, p.id);
      db.prepare('INSERT INTO reports (round_id, project_id) VALUES (?, ?)').run(closed, p.id);
    }
    return projects.map((p) => p.slug);
  } finally {
    db.close();
  }
}

async function accounts(path: string) {
  await createAccount(path, { ...ADMIN, role: 'admin' });
  await createAccount(path, { ...EDITOR, role: 'editor' });
  await createAccount(path, { ...AUTHOR_ZH, role: 'implementer', organisationSlug: 'giz' });
  await createAccount(path, { ...AUTHOR_EN, role: 'implementer', organisationSlug: 'giz' });
  const db = new Database(path);
  db.prepare("UPDATE users SET language = 'zh' WHERE email = ?").run(AUTHOR_ZH.email);
  db.close();
}

const outboxFiles = (dir: string) =>
  existsSync(join(dir, 'outbox'))
    ? readdirSync(join(dir, 'outbox')).filter((f) => f.endsWith('.eml'))
    : [];

async function waitFor<T>(read: () => T, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Waited 30 s for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// ── The default outbox ─────────────────────────────────────────────────────────────────────────

let database: { path: string; dir: string };
let server: TestServer;
let browser: TestBrowser;
let slugs: string[] = [];

beforeAll(async () => {
  database = createSeededDatabase();
  slugs = openRound(database.path);
  await accounts(database.path);
  server = await startServer({
    databaseUrl: database.path,
    hubToday: '2026-07-01',
    env: { HUB_PUBLIC_URL: 'https://hub.example.org', SMTP_URL: '' },
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (database) rmSync(database.dir, { recursive: true, force: true });
});

const url = (path: string) => `${server.url}${path}`;

test('the server writes the round-opened mails to the outbox next to the database, each in its reader’s language', async () => {
  // Two authors × two reports of the open round; nothing for the closed round.
  const files = await waitFor(
    () => outboxFiles(database.dir),
    (f) => f.length >= 4,
    'four mails in the outbox',
  );
  await new Promise((r) => setTimeout(r, 1_000));
  expect(outboxFiles(database.dir)).toHaveLength(4);
  const mails = files.map((f) => parseMail(readFileSync(join(database.dir, 'outbox', f), 'utf8')));
  const chinese = mails.filter((m) => m.to === AUTHOR_ZH.email);
  expect(chinese).toHaveLength(2);
  for (const mail of chinese) {
    expect(mail.subject).toMatch(/^请提交进展报告：/);
    expect(mail.text).toContain('报告轮次“2026 年对接研讨会”已开启');
  }
  expect(
    chinese
      .map(
        (m) => /https:\/\/hub\.example\.org\/zh\/reporting\/workshop-2026\/(\S+)/.exec(m.text)?.[1],
      )
      .sort(),
  ).toEqual([...slugs].sort());
  const english = mails.filter((m) => m.to === AUTHOR_EN.email);
  expect(
    english.map((m) => m.subject).every((s) => s.startsWith('Progress report requested: ')),
  ).toBe(true);
  const rows = readDatabase(
    database.path,
    (db) =>
      db.prepare('SELECT kind, sent_at FROM notifications').all() as {
        kind: string;
        sent_at: string | null;
      }[],
  );
  expect(rows).toHaveLength(4);
  expect(rows.every((r) => r.kind === 'round-opened' && r.sent_at)).toBe(true);
});

test('admins read the outbox at /admin/outbox, newest first, and each mail as text; nobody else may', async () => {
  const admin = await httpSession(server.url, ADMIN);
  const list = await fetch(url('/zh/admin/outbox'), { headers: { Cookie: admin.cookie } });
  expect(list.status).toBe(200);
  const html = await list.text();
  expect(html).toContain('请提交进展报告：');
  expect(html).toContain(AUTHOR_EN.email);
  const link = /href="(\/zh\/admin\/outbox\?mail=[^"]+)"/.exec(html)![1]!.replace(/&amp;/g, '&');
  const one = await (await fetch(url(link), { headers: { Cookie: admin.cookie } })).text();
  expect(one).toContain('https://hub.example.org/');
  // The HTML part is shown as its source: its tags arrive escaped, never as markup.
  expect(one).toContain('&lt;p&gt;');
  for (const bad of [
    '/admin/outbox?mail=..%2Fhub.sqlite',
    '/admin/outbox?mail=20260101T000000000Z-abc.eml',
  ]) {
    expect((await fetch(url(bad), { headers: { Cookie: admin.cookie } })).status).toBe(404);
  }
  expect(
    (await fetch(url('/admin/outbox?page=zero'), { headers: { Cookie: admin.cookie } })).status,
  ).toBe(400);
  const editor = await httpSession(server.url, EDITOR);
  expect((await fetch(url('/admin/outbox'), { headers: { Cookie: editor.cookie } })).status).toBe(
    403,
  );
  const out = await fetch(url('/admin/outbox'), { redirect: 'manual' });
  expect(out.status).toBe(302);
  expect(out.headers.get('location')).toMatch(/^\/login\?next=/);
});

test('the unsubscribe link of a mail stops that person’s reminders, signed out, after a button; a bad token is a 400', async () => {
  const mail = outboxFiles(database.dir)
    .map((f) => parseMail(readFileSync(join(database.dir, 'outbox', f), 'utf8')))
    .find((m) => m.to === AUTHOR_ZH.email)!;
  const link = /https:\/\/hub\.example\.org(\/zh\/reporting\/unsubscribe\?token=\S+)/.exec(
    mail.text,
  )![1]!;
  const { page, watch } = await openWatchedPage(browser.context);
  const response = await page.goto(url(link));
  expect(response!.status()).toBe(200);
  expect(response!.headers()['cache-control']).toContain('no-store');
  // Following the link changes nothing (mail scanners follow links).
  const off = () =>
    readDatabase(
      database.path,
      (db) =>
        (
          db
            .prepare('SELECT reminders_off AS off FROM users WHERE email = ?')
            .get(AUTHOR_ZH.email) as { off: number }
        ).off,
    );
  expect(off()).toBe(0);
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: '停止提醒邮件' }).click();
  await page.getByRole('status').waitFor();
  expect(await page.getByRole('status').textContent()).toContain(AUTHOR_ZH.email);
  expect(off()).toBe(1);
  const audit = readDatabase(database.path, (db) =>
    db
      .prepare(
        "SELECT action, changes FROM audit_log WHERE entity = 'account' AND action = 'update' AND label = ?",
      )
      .all(AUTHOR_ZH.email),
  );
  expect(audit).toHaveLength(1);
  expect(watch.consoleErrors).toEqual([]);
  for (const token of ['', 'nonsense', `${link.split('=')[1]!.slice(0, -2)}xx`]) {
    const bad = await fetch(url(`/reporting/unsubscribe?token=${token}`));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('This link is not valid');
  }
  await page.close();
});

test('a person sets the language of their mails and turns reminders off and on at /account', async () => {
  const { page, watch } = await openWatchedPage(browser.context);
  await signIn(page, server.url, AUTHOR_EN.email, AUTHOR_EN.password);
  await page.goto(url('/account'));
  await page.getByLabel('Language of mails').selectOption('de');
  await page.getByLabel('Send me reminders before and after a report’s due date').uncheck();
  await page.getByRole('button', { name: 'Save mail settings' }).click();
  await page.getByText('Mail settings saved.').waitFor();
  const settings = () =>
    readDatabase(database.path, (db) =>
      db
        .prepare('SELECT language, reminders_off AS off FROM users WHERE email = ?')
        .get(AUTHOR_EN.email),
    );
  expect(settings()).toEqual({ language: 'de', off: 1 });
  expect(await axeViolations(page)).toEqual([]);
  await page.getByLabel('Send me reminders before and after a report’s due date').check();
  // The first save's message is still on the page: wait for the second save itself.
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/account')),
    page.getByRole('button', { name: 'Save mail settings' }).click(),
  ]);
  await page.getByText('Mail settings saved.').waitFor();
  await expect.poll(settings).toEqual({ language: 'de', off: 0 });
  // A language the hub does not speak: 400, said next to the field.
  const session = await httpSession(server.url, AUTHOR_EN);
  const bad = await fetch(url('/account'), {
    method: 'POST',
    headers: { Cookie: session.cookie },
    body: new URLSearchParams({ _csrf: session.csrf, intent: 'mail-settings', language: 'fr' }),
  });
  expect(bad.status).toBe(400);
  expect(await bad.text()).toContain('Choose English, 中文 or Deutsch.');
  expect(settings()).toEqual({ language: 'de', off: 0 });
  expect(watch.consoleErrors).toEqual([]);
  await page.close();
});

// ── SMTP, restarts and the command ─────────────────────────────────────────────────────────────

test('with SMTP_URL the server sends through SMTP, once: a restart and `npm run reminders` send nothing again; --dry-run sends nothing', async () => {
  const received: { to: string[]; raw: string }[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (raw += chunk));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}?tls=off`;
  const db = createSeededDatabase();
  try {
    openRound(db.path);
    await accounts(db.path);
    const env = {
      SMTP_URL: smtpUrl,
      HUB_PUBLIC_URL: 'https://hub.example.org',
      MAIL_FROM: 'Hub <hub@mail.example>',
    };
    const reminders = (args: string[], today: string) =>
      new Promise<{ code: number; stdout: string }>((resolve) =>
        execFile(
          process.execPath,
          ['--import', 'tsx', 'scripts/reminders.ts', ...args],
          {
            cwd: ROOT,
            env: { ...process.env, ...env, DATABASE_URL: db.path, HUB_TODAY: today },
            timeout: 60_000,
          },
          (error, stdout) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout }),
        ),
      );
    // Before any server ran: the dry run lists the four mails and sends and records nothing.
    const dry = await reminders(['--dry-run'], '2026-07-01');
    expect(dry.code).toBe(0);
    expect(dry.stdout.match(/^would send\tround-opened/gm)).toHaveLength(4);
    expect(received).toEqual([]);
    expect(
      readDatabase(db.path, (d) => d.prepare('SELECT count(*) AS n FROM notifications').get()),
    ).toEqual({ n: 0 });

    const first = await startServer({ databaseUrl: db.path, hubToday: '2026-07-01', env });
    await waitFor(
      () => received.length,
      (n) => n >= 4,
      'four mails over SMTP',
    );
    await new Promise((r) => setTimeout(r, 1_000));
    await first.stop();
    expect(received).toHaveLength(4);
    const mails = received.map((m) => ({ ...parseMail(m.raw), rcpt: m.to }));
    expect(mails.map((m) => m.rcpt[0]).sort()).toEqual(
      [AUTHOR_EN.email, AUTHOR_EN.email, AUTHOR_ZH.email, AUTHOR_ZH.email].sort(),
    );
    expect(mails.every((m) => m.from === 'Hub <hub@mail.example>')).toBe(true);
    expect(outboxFiles(db.dir)).toEqual([]);

    // A restart, two workers: its first pass finds everything sent.
    const second = await startServer({
      databaseUrl: db.path,
      hubToday: '2026-07-01',
      env: { ...env, HUB_WORKERS: '2' },
    });
    await new Promise((r) => setTimeout(r, 4_000));
    await second.stop();
    expect(received).toHaveLength(4);
    const again = await reminders([], '2026-07-01');
    expect(again.code).toBe(0);
    expect(again.stdout.trim()).toBe('No mail is due.');
    expect(received).toHaveLength(4);

    // 14 days before the due date: the command sends the reminders (nothing to the person who
    // turned them off).
    const rdb = new Database(db.path);
    rdb.prepare('UPDATE users SET reminders_off = 1 WHERE email = ?').run(AUTHOR_EN.email);
    rdb.close();
    const reminded = await reminders([], '2026-07-17');
    expect(reminded.code).toBe(0);
    expect(
      reminded.stdout.match(/^sent\treminder\t2026-07-17\tli@mail\.example \(zh\)/gm),
    ).toHaveLength(2);
    expect(received).toHaveLength(6);
    expect(parseMail(received[5]!.raw).subject).toMatch(/^提醒：.* 的进展报告将于 14 天后截止$/);
  } finally {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    rmSync(db.dir, { recursive: true, force: true });
  }
}, 180_000);
