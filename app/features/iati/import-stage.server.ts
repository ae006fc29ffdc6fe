import { randomBytes } from 'node:crypto';

import { and, asc, count, eq, gt, sql } from 'drizzle-orm';

import type { IatiActivity, IatiProblem, ReadItem } from './read-types';
import { MAX_LISTED_PROBLEMS } from './read-log';
import type { Db } from '../../core/db.server';
import { iatiStaging } from '../../../db/schema';
import type { Tx } from '../../../db/writes.server';

// The first step of an import: the activities of a file being read go to iati_staging in batches,
// so a large file never sits in memory; planning and applying read them back page by page.

/** Rows per staging batch, and per page when reading the staging table back. */
const BATCH = 500;
/** Staged imports nobody applied are discarded after a day. */
const STAGING_TTL_MS = 24 * 60 * 60 * 1000;

/** An import id that says when it was staged (for discarding stale ones). */
export function newImportId(at: number = Date.now()): string {
  return `${at}-${randomBytes(8).toString('hex')}`;
}

export function isImportId(value: string): boolean {
  return /^\d{13}-[0-9a-f]{16}$/.test(value);
}

export interface StagedImport {
  importId: string;
  /** China activities staged. */
  activities: number;
  /** Activities for other countries (and repeated ones). */
  skipped: number;
  errors: number;
  warnings: number;
  /** The first MAX_LISTED_PROBLEMS problems, each with its line. */
  problems: IatiProblem[];
  bytesRead: number;
  /** True when the file has hard errors: nothing is staged and nothing may be applied. */
  isRefused: boolean;
}

/**
 * Writes the activities of a file being read into the staging table, BATCH at a time (each batch
 * one short synchronous transaction, never held across the reading). On a hard error the rows
 * staged so far are removed again: a refused file leaves nothing behind.
 */
export async function stageImport(
  db: Db,
  items: AsyncIterable<ReadItem>,
  importId: string = newImportId(),
): Promise<StagedImport> {
  discardStaleImports(db);
  const staged: StagedImport = {
    importId,
    activities: 0,
    skipped: 0,
    errors: 0,
    warnings: 0,
    problems: [],
    bytesRead: 0,
    isRefused: false,
  };
  let batch: (typeof iatiStaging.$inferInsert)[] = [];
  const flush = () => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    db.transaction((tx) => {
      tx.insert(iatiStaging).values(rows).run();
    });
  };
  try {
    for await (const item of items) {
      if (item.kind === 'activity') {
        if (staged.isRefused) continue;
        batch.push({
          importId,
          line: item.activity.line,
          iatiIdentifier: item.activity.identifier,
          activity: item.activity as unknown as Record<string, unknown>,
        });
        if (batch.length >= BATCH) flush();
      } else if (item.kind === 'problem') {
        if (staged.problems.length < MAX_LISTED_PROBLEMS) staged.problems.push(item.problem);
        if (item.problem.severity === 'error') {
          staged.isRefused = true;
          batch = [];
        }
      } else {
        staged.activities = item.summary.activities;
        staged.skipped = item.summary.skipped;
        staged.errors = item.summary.errors;
        staged.warnings = item.summary.warnings;
        staged.bytesRead = item.summary.bytesRead;
        if (item.summary.errors > 0) staged.isRefused = true;
      }
    }
    if (!staged.isRefused) flush();
  } catch (error) {
    // A file that cannot be read to its end leaves nothing behind either.
    discardImport(db, importId);
    throw error;
  }
  if (staged.isRefused) discardImport(db, importId);
  return staged;
}

/** Removes a staged import (after a dry run, or when someone gives up on it). */
export function discardImport(db: Db | Tx, importId: string): void {
  db.delete(iatiStaging).where(eq(iatiStaging.importId, importId)).run();
}

/** Staged imports older than a day were never applied: they go. */
function discardStaleImports(db: Db, now: number = Date.now()): void {
  db.delete(iatiStaging)
    .where(sql`CAST(substr(${iatiStaging.importId}, 1, 13) AS INTEGER) < ${now - STAGING_TTL_MS}`)
    .run();
}

export function countStagedActivities(db: Db, importId: string): number {
  return db
    .select({ n: count() })
    .from(iatiStaging)
    .where(eq(iatiStaging.importId, importId))
    .get()!.n;
}

/** The staged activities of an import, BATCH rows at a time (never all in memory). */
export function* stagedActivities(db: Db | Tx, importId: string): Generator<IatiActivity> {
  let last = 0;
  for (;;) {
    const rows = db
      .select({ id: iatiStaging.id, activity: iatiStaging.activity })
      .from(iatiStaging)
      .where(and(eq(iatiStaging.importId, importId), gt(iatiStaging.id, last)))
      .orderBy(asc(iatiStaging.id))
      .limit(BATCH)
      .all();
    if (rows.length === 0) return;
    for (const row of rows) yield row.activity as unknown as IatiActivity;
    last = rows[rows.length - 1]!.id;
  }
}
