import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';

import { type ParsedMail, parseMail } from './eml';
import { outboxDirOf } from './transport.server';

// The outbox as admins read it at /admin/outbox: the .eml files the default transport wrote.

export interface OutboxEntry {
  /** The file name, which is also the mail's address on the outbox page. */
  name: string;
  /** When it was written (Date header, ISO 8601), to whom, about what. */
  date: string;
  to: string;
  subject: string;
}

/** A file name the outbox could hold: nothing that leaves the folder. */
export const OUTBOX_NAME = /^[0-9TZ]+-[0-9a-f]+\.eml$/;

async function names(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => OUTBOX_NAME.test(name));
  } catch (error) {
    // No mail written yet: no folder.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

function isoDate(value: string): string {
  const time = Date.parse(value);
  return Number.isNaN(time) ? '' : new Date(time).toISOString();
}

/** One page of the outbox, newest first (the names sort as the moments they were written). */
export async function listOutbox(
  page: { limit: number; offset: number },
  dir: string = outboxDirOf(),
): Promise<{ total: number; entries: OutboxEntry[] }> {
  const all = (await names(dir)).sort().reverse();
  const entries = await Promise.all(
    all.slice(page.offset, page.offset + page.limit).map(async (name) => {
      const mail = parseMail(await readFile(join(dir, name), 'utf8'));
      return { name, date: isoDate(mail.date), to: mail.to, subject: mail.subject };
    }),
  );
  return { total: all.length, entries };
}

/** One mail of the outbox, or undefined when there is none by that name. */
export async function readOutboxMail(
  name: string,
  dir: string = outboxDirOf(),
): Promise<(ParsedMail & { name: string }) | undefined> {
  if (!OUTBOX_NAME.test(name)) return undefined;
  try {
    return { name, ...parseMail(await readFile(join(dir, name), 'utf8')) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
