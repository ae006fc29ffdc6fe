import { availableParallelism } from 'node:os';

import { z } from 'zod';

import { isValidIsoDay } from '../../db/dates';

// An empty variable counts as unset.
const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);

const EnvSchema = z.object({
  /** Path of the SQLite file (a `file:` prefix is accepted and dropped). */
  DATABASE_URL: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .default('db/data/hub.sqlite')
      .transform((value) => value.replace(/^file:/, '')),
  ),
  /** Pins "today" (YYYY-MM-DD) for tests and reproducible reports. */
  HUB_TODAY: z.preprocess(
    unsetIfEmpty,
    z.string().refine(isValidIsoDay, 'HUB_TODAY must be a real date written YYYY-MM-DD').optional(),
  ),
  /** Optional tile layer under the bundled basemap, e.g. https://tiles.example/{z}/{x}/{y}.png. */
  MAP_TILE_URL: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^https?:\/\/.*\{z\}.*\{x\}.*\{y\}/, 'MAP_TILE_URL needs {z}, {x} and {y}')
      .optional(),
  ),
  MAP_TILE_ATTRIBUTION: z.preprocess(unsetIfEmpty, z.string().optional()),
  /** `false` turns public reading off: then every page needs a signed-in account. */
  HUB_PUBLIC_READ: z.preprocess(
    unsetIfEmpty,
    z
      .enum(['true', 'false'], 'HUB_PUBLIC_READ must be true or false')
      .default('true')
      .transform((v) => v === 'true'),
  ),
  /** Whether cookies carry `Secure`; by default only in production. */
  HUB_COOKIE_SECURE: z.preprocess(
    unsetIfEmpty,
    z
      .enum(['true', 'false'], 'HUB_COOKIE_SECURE must be true or false')
      .optional()
      .transform((v) => (v === undefined ? undefined : v === 'true')),
  ),
  /**
   * The hub's IATI organisation identifier, name and OrganisationType code, written as the
   * reporting-org of /export/iati.xml. XX is IATI's registration agency prefix for "none": the hub
   * must never claim IKI's or ZUG's identifier. 90 is "Other".
   */
  HUB_IATI_REPORTING_ORG_REF: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^[A-Z0-9]{2,}-\S+$/, 'HUB_IATI_REPORTING_ORG_REF must look like XX-IKI-CHINA-HUB')
      .default('XX-IKI-CHINA-HUB'),
  ),
  HUB_IATI_REPORTING_ORG_NAME: z.preprocess(
    unsetIfEmpty,
    z.string().default('IKI China portfolio hub'),
  ),
  HUB_IATI_REPORTING_ORG_TYPE: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^\d{2}$/, 'HUB_IATI_REPORTING_ORG_TYPE must be an IATI OrganisationType code')
      .default('90'),
  ),
  /**
   * Megabytes of signed-out answers the server keeps in memory (app/core/http/response-cache.server.ts);
   * 0 turns the cache off.
   */
  HUB_RESPONSE_CACHE_MB: z.preprocess(
    unsetIfEmpty,
    z.coerce
      .number('HUB_RESPONSE_CACHE_MB must be a number of megabytes')
      .min(0, 'HUB_RESPONSE_CACHE_MB must be 0 or more')
      .max(4096, 'HUB_RESPONSE_CACHE_MB must be at most 4096')
      .default(64),
  ),
  /** Where the server listens: all hosts unless HOST names one. */
  PORT: z.preprocess(
    unsetIfEmpty,
    z.coerce
      .number('PORT must be a port number')
      .int('PORT must be a whole number')
      .min(0, 'PORT must be 0–65535')
      .max(65535, 'PORT must be 0–65535')
      .default(3000),
  ),
  HOST: z.preprocess(unsetIfEmpty, z.string().optional()),
  /**
   * Worker processes of the production server (scripts/serve.mjs); by default one per core. The
   * primary always runs beside them, to replace a worker that dies.
   */
  HUB_WORKERS: z.preprocess(
    unsetIfEmpty,
    z.coerce
      .number('HUB_WORKERS must be a number of processes')
      .int('HUB_WORKERS must be a whole number')
      .min(1, 'HUB_WORKERS must be at least 1')
      .max(64, 'HUB_WORKERS must be at most 64')
      .default(availableParallelism()),
  ),
  /**
   * How many proxies in front of the hub append to X-Forwarded-For. 0 (the default): the
   * client's address is the connection's, and X-Forwarded-For is ignored (anyone can write it).
   */
  HUB_TRUST_PROXY: z.preprocess(
    unsetIfEmpty,
    z.coerce
      .number('HUB_TRUST_PROXY must be a number of proxies')
      .int('HUB_TRUST_PROXY must be a whole number')
      .min(0, 'HUB_TRUST_PROXY must be 0 or more')
      .max(10, 'HUB_TRUST_PROXY must be at most 10')
      .default(0),
  ),
  /**
   * The milestone review flags a project whose last approved progress report is older than this
   * many days (or that never had one approved).
   */
  HUB_REPORT_MAX_AGE_DAYS: z.preprocess(
    unsetIfEmpty,
    z.coerce
      .number('HUB_REPORT_MAX_AGE_DAYS must be a number of days')
      .int('HUB_REPORT_MAX_AGE_DAYS must be a whole number')
      .min(1, 'HUB_REPORT_MAX_AGE_DAYS must be at least 1')
      .max(3650, 'HUB_REPORT_MAX_AGE_DAYS must be at most 3650')
      .default(365),
  ),
  /** The largest request body any form may send, in KiB (uploads have their own limit). */
  HUB_MAX_BODY_KB: z.preprocess(
    unsetIfEmpty,
    z.coerce
      .number('HUB_MAX_BODY_KB must be a number of KiB')
      .int('HUB_MAX_BODY_KB must be a whole number')
      .min(16, 'HUB_MAX_BODY_KB must be at least 16')
      .max(1024 * 1024, 'HUB_MAX_BODY_KB must be at most 1048576')
      .default(1024),
  ),
  /** The largest IATI file the upload page takes, in MiB (larger ones: `npm run import`). */
  HUB_MAX_UPLOAD_MB: z.preprocess(
    unsetIfEmpty,
    z.coerce
      .number('HUB_MAX_UPLOAD_MB must be a number of MiB')
      .int('HUB_MAX_UPLOAD_MB must be a whole number')
      .min(1, 'HUB_MAX_UPLOAD_MB must be at least 1')
      .max(4096, 'HUB_MAX_UPLOAD_MB must be at most 4096')
      .default(100),
  ),
  /** The largest document (/documents/new) the hub stores, in MiB. */
  HUB_MAX_DOCUMENT_MB: z.preprocess(
    unsetIfEmpty,
    z.coerce
      .number('HUB_MAX_DOCUMENT_MB must be a number of MiB')
      .int('HUB_MAX_DOCUMENT_MB must be a whole number')
      .min(1, 'HUB_MAX_DOCUMENT_MB must be at least 1')
      .max(4096, 'HUB_MAX_DOCUMENT_MB must be at most 4096')
      .default(25),
  ),
  /** Where uploaded documents are kept; by default a folder `files` next to the database file. */
  HUB_FILES_DIR: z.preprocess(unsetIfEmpty, z.string().optional()),
  /**
   * Where mails go. Unset: each mail is written as an .eml file into the outbox (a folder `outbox`
   * next to the database file), read by admins at /admin/outbox. smtp://user:pass@host:587 sends
   * through that server with STARTTLS required; smtps://…:465 with TLS from the start; `?tls=off`
   * (only for a relay on the same machine or a test server) sends in clear text.
   */
  SMTP_URL: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .refine((value) => {
        try {
          const url = new URL(value);
          return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
        } catch {
          return false;
        }
      }, 'SMTP_URL must look like smtp://user:password@host:587 or smtps://user:password@host:465')
      .optional(),
  ),
  /** The sender of the hub's mails: an address, or "Name <address>". */
  MAIL_FROM: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(
        /^(?:[^<>]*<[^@\s<>]+@[^@\s<>]+>|[^@\s<>]+@[^@\s<>]+)$/,
        'MAIL_FROM must be an address or "Name <address>"',
      )
      .default('IKI China portfolio hub <hub@localhost>'),
  ),
  /** The hub's address as readers reach it, for the links in mails; default http://localhost:PORT. */
  HUB_PUBLIC_URL: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(
        /^https?:\/\/[^/\s]+(\/[^\s]*)?$/,
        'HUB_PUBLIC_URL must be an http(s) address, e.g. https://hub.example.org',
      )
      .transform((value) => value.replace(/\/+$/, ''))
      .optional(),
  ),
  /** Days before a report's due date that its authors are reminded, e.g. "14,7,1". */
  HUB_REMINDER_DAYS: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(
        /^\s*\d{1,3}(\s*,\s*\d{1,3})*\s*$/,
        'HUB_REMINDER_DAYS must be whole numbers of days separated by commas, e.g. 14,7,1',
      )
      .default('14,7,1')
      .transform((value) =>
        [...new Set(value.split(',').map((d) => Number(d.trim())))]
          .filter((d) => d > 0)
          .sort((a, b) => b - a),
      ),
  ),
  /**
   * The built jobs bundle (build/jobs/index.js, beside the server bundle), set by the production
   * server (scripts/serve.mjs) before it loads the server bundle; not a setting. Where it is set,
   * pack files, large exports and import steps are done in a worker thread that loads it; unset
   * (vitest, `react-router dev`) they are done in the process that asks.
   */
  HUB_JOBS_BUILD: z.preprocess(unsetIfEmpty, z.string().optional()),
  /** Seconds one pack file (.pptx, .docx) may take to build before it is given up. */
  HUB_PACK_TIMEOUT_S: z.preprocess(
    unsetIfEmpty,
    z.coerce
      .number('HUB_PACK_TIMEOUT_S must be a number of seconds')
      .int('HUB_PACK_TIMEOUT_S must be a whole number')
      .min(5, 'HUB_PACK_TIMEOUT_S must be at least 5')
      .max(3600, 'HUB_PACK_TIMEOUT_S must be at most 3600')
      .default(120),
  ),
  /** The heap ceiling of the thread that builds pack files, in MiB. */
  HUB_PACK_HEAP_MB: z.preprocess(
    unsetIfEmpty,
    z.coerce
      .number('HUB_PACK_HEAP_MB must be a number of MiB')
      .int('HUB_PACK_HEAP_MB must be a whole number')
      .min(128, 'HUB_PACK_HEAP_MB must be at least 128')
      .max(16384, 'HUB_PACK_HEAP_MB must be at most 16384')
      .default(1024),
  ),
  /** Pack files that may wait behind the one being built (per server process); more are 429. */
  HUB_PACK_QUEUE: z.preprocess(
    unsetIfEmpty,
    z.coerce
      .number('HUB_PACK_QUEUE must be a number of waiting files')
      .int('HUB_PACK_QUEUE must be a whole number')
      .min(0, 'HUB_PACK_QUEUE must be 0 or more')
      .max(100, 'HUB_PACK_QUEUE must be at most 100')
      .default(4),
  ),
  /** MiB of finished pack files kept per server process until the data changes; 0: none kept. */
  HUB_PACK_CACHE_MB: z.preprocess(
    unsetIfEmpty,
    z.coerce
      .number('HUB_PACK_CACHE_MB must be a number of MiB')
      .min(0, 'HUB_PACK_CACHE_MB must be 0 or more')
      .max(4096, 'HUB_PACK_CACHE_MB must be at most 4096')
      .default(64),
  ),
  NODE_ENV: z.preprocess(
    unsetIfEmpty,
    z.enum(['development', 'production', 'test']).default('development'),
  ),
});

export type Env = z.infer<typeof EnvSchema>;

function readEnv(): Env {
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}

export const env = readEnv();
