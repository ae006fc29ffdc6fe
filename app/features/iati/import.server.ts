import { type ReadOptions, readIatiFile } from './read';
import {
  type StagedImport,
  countStagedActivities,
  discardImport,
  stageImport,
} from './import-stage.server';
import { type ImportOptions, type ImportPlan, planImport } from './import-plan.server';
import { type ApplyResult, applyImport } from './import-apply.server';
import type { WriteContext } from '../../../db/writes.server';
import { type Db, getDb } from '../../core/db.server';

// Importing IATI files in three steps: stage (import-stage: the parsed activities go to
// iati_staging in batches, so a large file never sits in memory), plan (import-plan: compare each
// staged activity with the database: create, update or unchanged, and which fields), apply
// (import-apply: everything in one synchronous transaction, read back from the staging table page
// by page). This module is what the upload page and `npm run import` call.
//
// Which project an activity is — the round-trip rule:
// - An identifier "<our reporting-org ref>-<slug>" is one of our own exported projects. If a hub
//   project has that slug, the activity updates it. If no project has it and the activity's
//   reporting-org is ours, a hub project (origin 'hub') with that slug is created: exporting the
//   hub and importing the file into an empty database gives back the same projects.
// - Every other activity is an imported one (origin 'iati'), found again by its IATI identifier;
//   a new one gets a slug from its identifier. Imported activities are never IKI projects: every
//   count and list of the portfolio leaves them out (projectFilterSql, origin=iati shows them).
// - The file is the whole truth about an imported activity: its links and milestones are replaced.
//   A hub project is only filled in and corrected, never emptied: values the file does not give,
//   and links or milestones the file does not list (IATI cannot say 'mentioned', for example),
//   stay as they are.

export interface ReviewedFile {
  staged: StagedImport;
  /** What applying would do; null when the file is refused. */
  plan: ImportPlan | null;
  seconds: number;
}

/**
 * The dry run both the upload page and `npm run import` show: reads the file as a stream, stages
 * its China activities and plans them. The staged rows wait for applyImport (or are discarded).
 */
export async function reviewIatiFile(
  path: string,
  options: ReadOptions & ImportOptions = {},
  db: Db = getDb(),
): Promise<ReviewedFile> {
  const started = performance.now();
  const staged = await stageImport(db, readIatiFile(path, options));
  const plan = staged.isRefused ? null : planImport(db, staged.importId, options);
  return { staged, plan, seconds: (performance.now() - started) / 1000 };
}

/** applyImport for the app's database. */
export function applyStagedImport(
  importId: string,
  who: WriteContext,
  options: ImportOptions = {},
  db: Db = getDb(),
): ApplyResult {
  return applyImport(db, importId, who, options);
}

export function discardStagedImport(importId: string, db: Db = getDb()): void {
  discardImport(db, importId);
}

export function isImportStaged(importId: string, db: Db = getDb()): boolean {
  return countStagedActivities(db, importId) > 0;
}
