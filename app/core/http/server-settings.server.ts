import { resolve } from 'node:path';

import { openDatabase } from '../../../db/client.server';
import {
  type DatasetInfo,
  type RecordCounts,
  getDatasetInfo,
  getRecordCounts,
} from '../../../db/meta.server';
import { env } from '../env.server';
import { outboxDirOf } from '../mail/transport.server';

/** Where the hub's mails go, as the start-up lines say it (never the SMTP password). */
function mailDestination(): string {
  if (!env.SMTP_URL) return `written as .eml files to ${outboxDirOf()} (SMTP_URL sends them)`;
  const url = new URL(env.SMTP_URL);
  const port = url.port || (url.protocol === 'smtps:' ? '465' : '587');
  return `sent by SMTP to ${url.hostname}:${port}`;
}

/** The validated settings the production server (scripts/serve.mjs) runs with. */
export const serverSettings = {
  port: env.PORT,
  host: env.HOST,
  workers: env.HUB_WORKERS,
  trustProxy: env.HUB_TRUST_PROXY,
  mode: env.NODE_ENV,
  databaseUrl: env.DATABASE_URL,
  mail: mailDestination(),
} as const;

export type DatabaseDescription = { path: string } & (
  ({ isReadable: true; counts: RecordCounts } & DatasetInfo) | { isReadable: false; error: string }
);

/**
 * The database file and what it holds, for the lines the server prints when it starts (read by
 * the primary, which answers no requests, through a connection of its own that it closes again).
 */
export function describeDatabase(): DatabaseDescription {
  const path = resolve(env.DATABASE_URL);
  try {
    const db = openDatabase(env.DATABASE_URL);
    try {
      return { path, isReadable: true, counts: getRecordCounts(db), ...getDatasetInfo(db) };
    } finally {
      db.$client.close();
    }
  } catch (error) {
    return {
      path,
      isReadable: false,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}
