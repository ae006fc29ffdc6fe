import { and, eq, inArray, like, or } from 'drizzle-orm';

import { type Db, getDb } from '../../core/db.server';
import { projects, reportingRounds, reports } from '../../../db/schema';
import { slugify } from '../../../db/slug';
import {
  type SaveResult,
  type Tx,
  type WriteContext,
  afterWrite,
  createAudited,
  diffFields,
  recordAudit,
  saveVersioned,
} from '../../../db/writes.server';
import { reportingChanged } from './report-events.server';
import { NEXT_ROUND_STATE, type RoundValues } from './round-forms';

export type { RoundValues } from './round-forms';

// A reporting round's writes: create, edit, open and close it, and add or remove the projects it
// asks (one report each). Each is one synchronous transaction with its audit entries; state
// changes tell the listeners (mails) once committed.

const roundEditColumns = {
  id: reportingRounds.id,
  slug: reportingRounds.slug,
  state: reportingRounds.state,
  version: reportingRounds.version,
  title: reportingRounds.title,
  titleZh: reportingRounds.titleZh,
  titleDe: reportingRounds.titleDe,
  periodStart: reportingRounds.periodStart,
  periodEnd: reportingRounds.periodEnd,
  dueOn: reportingRounds.dueOn,
  eventId: reportingRounds.eventId,
};

function readRound(db: Db | Tx, id: number) {
  return db.select(roundEditColumns).from(reportingRounds).where(eq(reportingRounds.id, id)).get();
}

export type RoundForEdit = NonNullable<ReturnType<typeof readRound>>;

/** Words /reporting/<word> already means: the new-round form and the mails' unsubscribe page. */
const RESERVED_SLUGS = new Set(['new', 'unsubscribe']);

/** A round's slug: its English title's, with -2, -3 … when another round has it already. */
function freeSlug(tx: Tx, title: string): string {
  const base = slugify(title).slice(0, 70).replace(/-+$/, '') || 'round';
  const taken = new Set(
    tx
      .select({ slug: reportingRounds.slug })
      .from(reportingRounds)
      .where(or(eq(reportingRounds.slug, base), like(reportingRounds.slug, `${base}-%`)))
      .all()
      .map((r) => r.slug),
  );
  if (!taken.has(base) && !RESERVED_SLUGS.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n += 1;
  return `${base}-${n}`;
}

/** Inserts a not-started report for each project not yet in the round, with its audit entry. */
function insertReports(
  tx: Tx,
  round: { id: number; title: string },
  projectIds: readonly number[],
  who: WriteContext,
): number {
  if (projectIds.length === 0) return 0;
  let added = 0;
  // Chunks keep each statement under SQLite's variable limit.
  for (let i = 0; i < projectIds.length; i += 500) {
    const chunk = [...projectIds.slice(i, i + 500)];
    const named = tx
      .select({ id: projects.id, title: projects.title })
      .from(projects)
      .where(inArray(projects.id, chunk))
      .all();
    const rows = tx
      .insert(reports)
      .values(named.map((p) => ({ roundId: round.id, projectId: p.id, updatedAt: who.at })))
      .onConflictDoNothing()
      .returning({ id: reports.id, projectId: reports.projectId })
      .all();
    const titles = new Map(named.map((p) => [p.id, p.title]));
    for (const row of rows) {
      recordAudit(tx, {
        at: who.at,
        actor: who.actor,
        action: 'create',
        entity: 'report',
        entityId: row.id,
        label: `${round.title} — ${titles.get(row.projectId) ?? ''}`,
        projectId: row.projectId,
        changes: diffFields(null, { round: round.title, state: 'not-started' }),
      });
    }
    added += rows.length;
  }
  return added;
}

/** Creates a draft round asking these projects (one not-started report each). */
export function createRound(
  values: RoundValues,
  projectIds: readonly number[],
  who: WriteContext,
  db: Db = getDb(),
): { id: number; slug: string } {
  return createAudited(db, who, {
    insert: (tx) => {
      const row = tx
        .insert(reportingRounds)
        .values({ ...values, slug: freeSlug(tx, values.title), createdAt: who.at })
        .returning({ id: reportingRounds.id, slug: reportingRounds.slug })
        .get();
      insertReports(tx, { id: row.id, title: values.title }, projectIds, who);
      return row;
    },
    audit: (_tx, row) => ({
      entity: 'reporting-round',
      label: values.title,
      projectId: null,
      changes: diffFields(null, { slug: row.slug, ...values, state: 'draft' }),
    }),
  });
}

/**
 * Saves the round form if the round is still at `version` and not closed (closing moves the
 * version on, so a form opened before is stale and answered with both versions).
 */
export function updateRound(
  id: number,
  version: number,
  values: RoundValues,
  who: WriteContext,
  db: Db = getDb(),
): SaveResult<RoundForEdit> {
  return saveVersioned(db, who, {
    version,
    read: (tx) => {
      const round = readRound(tx, id);
      // A closed round is no longer edited: any save of it is stale.
      return round && round.state === 'closed' ? { ...round, version: -1 } : round;
    },
    next: () => ({ ...values }),
    write: (tx, next, nextVersion) => {
      tx.update(reportingRounds)
        .set({ ...(next as Partial<RoundValues>), version: nextVersion })
        .where(and(eq(reportingRounds.id, id), eq(reportingRounds.version, version)))
        .run();
    },
    audit: (current) => ({
      entity: 'reporting-round',
      entityId: id,
      label: values.title || current.title,
      projectId: null,
    }),
  });
}

export type RoundStateResult =
  | { ok: true; version: number }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'stale'; current: RoundForEdit }
  | { ok: false; reason: 'order'; current: RoundForEdit };

/**
 * Opens (draft → open) or closes (open → closed) a round still at `version`, audited as a state
 * change; once committed, the listeners (the round-opened mails) hear of it.
 */
export function changeRoundState(
  id: number,
  version: number,
  to: 'open' | 'closed',
  who: WriteContext,
  db: Db = getDb(),
): RoundStateResult {
  const result = db.transaction((tx): RoundStateResult => {
    const current = readRound(tx, id);
    if (!current) return { ok: false, reason: 'not-found' };
    if (current.version !== version) return { ok: false, reason: 'stale', current };
    if (NEXT_ROUND_STATE[current.state] !== to) return { ok: false, reason: 'order', current };
    const stamp = to === 'open' ? { openedAt: who.at } : { closedAt: who.at };
    tx.update(reportingRounds)
      .set({ state: to, ...stamp, version: version + 1 })
      .where(and(eq(reportingRounds.id, id), eq(reportingRounds.version, version)))
      .run();
    recordAudit(tx, {
      at: who.at,
      actor: who.actor,
      action: 'state-change',
      entity: 'reporting-round',
      entityId: id,
      label: current.title,
      projectId: null,
      changes: { state: { from: current.state, to }, ...diffFields(null, stamp) },
    });
    return { ok: true, version: version + 1 };
  });
  if (result.ok) {
    afterWrite(db);
    reportingChanged({ kind: 'round-state', roundId: id, state: to });
  }
  return result;
}

export type ProjectsResult =
  | { ok: true; added: number; removed: number; kept: { projectId: number; state: string }[] }
  | { ok: false; reason: 'not-found' | 'closed' };

/**
 * Adds these projects to the round (a not-started report each; projects already in it are left
 * alone) and removes those, where their report is still not started: a report someone began is
 * kept, and returned in `kept` with its state so the page can say why.
 */
export function setRoundProjects(
  roundId: number,
  change: { add: readonly number[]; remove: readonly number[] },
  who: WriteContext,
  db: Db = getDb(),
): ProjectsResult {
  const result = db.transaction((tx): ProjectsResult => {
    const round = readRound(tx, roundId);
    if (!round) return { ok: false, reason: 'not-found' };
    if (round.state === 'closed') return { ok: false, reason: 'closed' };
    const added = insertReports(tx, round, change.add, who);
    let removed = 0;
    const kept: { projectId: number; state: string }[] = [];
    for (let i = 0; i < change.remove.length; i += 500) {
      const chunk = [...change.remove.slice(i, i + 500)];
      const rows = tx
        .select({
          id: reports.id,
          projectId: reports.projectId,
          state: reports.state,
          title: projects.title,
        })
        .from(reports)
        .innerJoin(projects, eq(projects.id, reports.projectId))
        .where(and(eq(reports.roundId, roundId), inArray(reports.projectId, chunk)))
        .all();
      for (const row of rows) {
        if (row.state !== 'not-started') {
          kept.push({ projectId: row.projectId, state: row.state });
          continue;
        }
        tx.delete(reports).where(eq(reports.id, row.id)).run();
        recordAudit(tx, {
          at: who.at,
          actor: who.actor,
          action: 'delete',
          entity: 'report',
          entityId: row.id,
          label: `${round.title} — ${row.title}`,
          projectId: row.projectId,
          changes: diffFields({ round: round.title, state: row.state }, null),
        });
        removed += 1;
      }
    }
    return { ok: true, added, removed, kept };
  });
  if (result.ok && (result.added > 0 || result.removed > 0)) afterWrite(db);
  return result;
}
