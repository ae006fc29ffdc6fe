import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import type * as Nodemailer from 'nodemailer';

import { env } from '../env.server';

// How the hub sends mail (nodemailer). By default each mail becomes an .eml file in the outbox, a
// folder next to the database, so that `npm start` needs no mail server and an admin reads what
// went out at /admin/outbox. SMTP_URL switches to a real server: smtp:// with STARTTLS required
// (nodemailer's requireTLS: a server that offers no STARTTLS gets nothing), smtps:// with TLS from
// the first byte, and `?tls=off` for a relay on the same machine or a test server, in clear text.

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra header fields, e.g. List-Unsubscribe. */
  headers?: Record<string, string>;
}

export interface MailTransport {
  /** Where the mails go, for logs: "outbox /path" or "smtp host:port". */
  description: string;
  /** Resolves once the mail is accepted (written to the outbox, or taken by the SMTP server). */
  send(message: MailMessage): Promise<{ messageId: string }>;
  close(): void;
}

/** The outbox of a database: `<the database's folder>/outbox`. */
export function outboxDirOf(databaseUrl: string = env.DATABASE_URL): string {
  return join(dirname(resolve(databaseUrl)), 'outbox');
}

let nodemailerModule: Promise<typeof Nodemailer> | undefined;
/** nodemailer (some 15 MB of memory) is loaded with the first mail, not in every process at start. */
const loadNodemailer = () => (nodemailerModule ??= import('nodemailer'));

/** Text parts in base64: every line stays short and any language survives any relay unchanged. */
const COMPOSE = { textEncoding: 'base64' as const };

/** Writes each mail as `<moment>-<random>.eml` in `dir`: to a temporary name first, then renamed. */
export function createOutboxTransport(dir: string, from: string): MailTransport {
  let isReady = false;
  let composer: Nodemailer.Transporter | undefined;
  return {
    description: `outbox ${dir}`,
    async send(message) {
      composer ??= (await loadNodemailer()).default.createTransport({
        streamTransport: true,
        buffer: true,
        newline: 'unix',
      });
      const info = await composer.sendMail({ ...COMPOSE, from, ...message });
      if (!isReady) {
        mkdirSync(dir, { recursive: true });
        isReady = true;
      }
      // Named so that the names sort as the moments they were written.
      const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('.', '');
      const name = `${stamp}-${randomBytes(6).toString('hex')}.eml`;
      const temporary = join(dir, `.${name}.tmp`);
      // Written at once (a mail is a few KB; the thread pool's round trips cost more than the
      // write), to a temporary name: a reader of the outbox never sees half a file.
      writeFileSync(temporary, info.message as Buffer);
      renameSync(temporary, join(dir, name));
      return { messageId: String(info.messageId) };
    },
    close() {
      composer?.close();
    },
  };
}

/** Sends through the SMTP server of `smtpUrl` (see above for what the URL may say). */
export function createSmtpTransport(smtpUrl: string, from: string): MailTransport {
  const url = new URL(smtpUrl);
  const isSecure = url.protocol === 'smtps:';
  const isPlain = url.searchParams.get('tls') === 'off';
  const port = url.port ? Number(url.port) : isSecure ? 465 : 587;
  const options = {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port,
    secure: isSecure,
    requireTLS: !isSecure && !isPlain,
    ignoreTLS: isPlain,
    auth: url.username
      ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
      : undefined,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  };
  let transporter: Nodemailer.Transporter | undefined;
  return {
    description: `smtp ${url.hostname}:${port}${isPlain ? ' (no TLS)' : ''}`,
    async send(message) {
      transporter ??= (await loadNodemailer()).default.createTransport(options);
      const info = await transporter.sendMail({ ...COMPOSE, from, ...message });
      return { messageId: String(info.messageId) };
    },
    close() {
      transporter?.close();
    },
  };
}

/** The transport the settings ask for (SMTP_URL, MAIL_FROM, the outbox next to DATABASE_URL). */
export function createMailTransport(
  settings: { smtpUrl?: string; from?: string; outboxDir?: string } = {},
): MailTransport {
  const from = settings.from ?? env.MAIL_FROM;
  const smtpUrl = 'smtpUrl' in settings ? settings.smtpUrl : env.SMTP_URL;
  return smtpUrl
    ? createSmtpTransport(smtpUrl, from)
    : createOutboxTransport(settings.outboxDir ?? outboxDirOf(), from);
}

let appTransport: MailTransport | undefined;

/** This process's transport, made from the settings on first use. */
export function getMailTransport(): MailTransport {
  appTransport ??= createMailTransport();
  return appTransport;
}

/** Closes this process's transport (an SMTP connection pool), if one was made. */
export function closeMailTransport(): void {
  appTransport?.close();
  appTransport = undefined;
}

/** The base of every link in a mail: HUB_PUBLIC_URL, or this server on localhost. */
export function publicBaseUrl(): string {
  return env.HUB_PUBLIC_URL ?? `http://localhost:${env.PORT}`;
}
