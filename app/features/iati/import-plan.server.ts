import { type IatiProblem, anyText } from './read-types';
import { MAX_LISTED_PROBLEMS } from './read-log';
import { stagedActivities } from './import-stage.server';
import { type Reporter, type Wanted, wanted } from './import-wanted.server';
import { type Current, changedFields, readCurrent } from './import-diff.server';
import { documentChanges } from './import-documents.server';
import { env } from '../../core/env.server';
import type { Db } from '../../core/db.server';
import type { ProjectOrigin } from '../../../db/vocabulary';
import type { Tx } from '../../../db/writes.server';

// The second step of an import: what applying it would do, activity by activity.

export interface ImportOptions {
  /** The hub's own reporting-org ref (HUB_IATI_REPORTING_ORG_REF). */
  ownRef?: string;
}

export const ownRefOf = (options: ImportOptions) =>
  options.ownRef ?? env.HUB_IATI_REPORTING_ORG_REF;

export type PlanAction = 'create' | 'update' | 'unchanged';

export interface PlanEntry {
  identifier: string;
  line: number;
  title: string;
  action: PlanAction;
  origin: ProjectOrigin;
  slug: string;
  /** What would change (the project's fields, and 'organisations', 'milestones'…). */
  fields: string[];
}

export interface ImportPlan {
  entries: PlanEntry[];
  counts: Record<PlanAction, number>;
  /** What comparing with the database found (unknown countries, provinces…), with the line. */
  problems: IatiProblem[];
  /** All of them, listed or not. */
  problemCount: number;
  /** The document links applying would create, update and remove, over all activities. */
  documents: { create: number; update: number; remove: number };
}

/** A Reporter that lists the first MAX_LISTED_PROBLEMS warnings and counts them all. */
export function collector(problems: IatiProblem[]): Reporter {
  return {
    count: 0,
    warn(a, message, line = a.line) {
      this.count += 1;
      if (problems.length < MAX_LISTED_PROBLEMS) {
        problems.push({ severity: 'warning', line, message, identifier: a.identifier });
      }
    },
  };
}

function planEntry(w: Wanted, fields: string[], isNew: boolean): PlanEntry {
  return {
    identifier: w.activity.identifier,
    line: w.activity.line,
    title: w.values.title ?? anyText(w.activity.title) ?? w.activity.identifier,
    action: isNew ? 'create' : fields.length ? 'update' : 'unchanged',
    origin: w.target.origin,
    slug: w.target.slug,
    fields,
  };
}

export interface PlannedActivity {
  wanted: Wanted;
  current: Current | null;
  fields: string[];
  entry: PlanEntry;
}

/**
 * Each staged activity compared with the database as it is when the activity's turn comes: so
 * applying sees the projects and organisations created for the activities before it.
 */
export function* plannedActivities(
  tx: Tx,
  importId: string,
  ownRef: string,
  report: Reporter,
): Generator<PlannedActivity> {
  for (const a of stagedActivities(tx, importId)) {
    const w = wanted(tx, a, ownRef, report);
    const current = w.target.kind === 'existing' ? readCurrent(tx, w.target.id, ownRef) : null;
    const fields = changedFields(w, current);
    yield { wanted: w, current, fields, entry: planEntry(w, fields, w.target.kind === 'new') };
  }
}

/**
 * What applying the import would do, activity by activity. Reads in one transaction (a
 * consistent snapshot) and writes nothing; re-planning a file already applied gives 'unchanged'.
 */
export function planImport(db: Db, importId: string, options: ImportOptions = {}): ImportPlan {
  const ownRef = ownRefOf(options);
  const problems: IatiProblem[] = [];
  const report = collector(problems);
  const entries: PlanEntry[] = [];
  const documents = { create: 0, update: 0, remove: 0 };
  db.transaction((tx) => {
    for (const { entry, wanted: w, current } of plannedActivities(tx, importId, ownRef, report)) {
      entries.push(entry);
      const changes = documentChanges(
        w.documents,
        current?.documents ?? [],
        w.target.origin === 'hub',
      );
      documents.create += changes.create.length;
      documents.update += changes.update.length;
      documents.remove += changes.remove.length;
    }
  });
  const counts = { create: 0, update: 0, unchanged: 0 };
  for (const e of entries) counts[e.action] += 1;
  return { entries, counts, problems, problemCount: report.count, documents };
}
