import { type SQL, and, count, desc, eq, gte, lte, or } from 'drizzle-orm';

import type { AuditAction, AuditEntity } from '../../app/lib/vocabulary';
import { type Db, getDb } from '../client.server';
import { auditLog, users } from '../schema';
import { invalidateQueryCache } from './query-cache.server';
import { invalidateSearchIndex } from './search.server';

// Every write through the hub goes through here: the version check that prevents lost updates,
// the audit entry in the same transaction, and the cache refresh afterwards.

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Who makes a write, as the audit log remembers them. */
export interface Actor {
  id: number | null;
  name: string;
}

export type Changes = Record<string, { from: unknown; to: unknown }>;

const same = (a: unknown, b: unknown) =>
  (a ?? null) === (b ?? null) || JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields of `after` whose value differs from `before`, with both values. */
export function diffFields(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): Changes {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: Changes = {};
  for (const key of keys) {
    if (key === 'version' || key === 'id') continue;
    const from = before?.[key] ?? null;
    const to = after?.[key] ?? null;
    if (!same(from, to)) changes[key] = { from, to };
  }
  return changes;
}

export interface AuditInput {
  at: string;
  actor: Actor;
  action: AuditAction;
  entity: AuditEntity;
  entityId: number;
  label: string;
  projectId?: number | null;
  changes: Changes;
  sourceUrl?: string | null;
}

/**
 * Writes one audit entry; call it inside the transaction that makes the change. A field given with
 * the same value before and after is left out: the entry lists what changed, whichever write
 * built it. Returns the entry's id.
 */
export function recordAudit(tx: Tx, entry: AuditInput): number {
  const changes = Object.fromEntries(
    Object.entries(entry.changes).filter(([, change]) => !same(change.from, change.to)),
  );
  return tx
    .insert(auditLog)
    .values({
      at: entry.at,
      userId: entry.actor.id,
      userName: entry.actor.name,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      label: entry.label,
      projectId: entry.projectId ?? null,
      changes,
      sourceUrl: entry.sourceUrl ?? null,
    })
    .returning({ id: auditLog.id })
    .get().id;
}

/** After any write: the facet/aggregate caches and the search index are rebuilt on next use. */
export function afterWrite(db: Db): void {
  invalidateQueryCache(db);
  invalidateSearchIndex(db);
}

export type SaveResult<Current> =
  | { ok: true; id: number; version: number; changed: boolean }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'stale'; current: Current };

/**
 * Updates one record only if it is still at the version the form was opened on: reads it, compares
 * versions, writes the new values with the next version, and records the changed fields — all in
 * one synchronous transaction, so two people saving the same version can never both win.
 */
export function saveVersioned<Current extends { version: number }>(
  db: Db,
  options: {
    version: number;
    read: (tx: Tx) => Current | undefined;
    /** The record's new values (same keys as `read` returns, without version). */
    next: (current: Current) => Record<string, unknown>;
    write: (tx: Tx, values: Record<string, unknown>, version: number) => void;
    audit: (current: Current) => Omit<AuditInput, 'changes' | 'action'>;
  },
): SaveResult<Current> {
  const result = db.transaction((tx): SaveResult<Current> => {
    const current = options.read(tx);
    if (!current) return { ok: false, reason: 'not-found' };
    if (current.version !== options.version) return { ok: false, reason: 'stale', current };
    const values = options.next(current);
    const changes = diffFields(
      Object.fromEntries(
        Object.keys(values).map((k) => [k, (current as Record<string, unknown>)[k]]),
      ),
      values,
    );
    const audit = options.audit(current);
    if (Object.keys(changes).length === 0) {
      return { ok: true, id: audit.entityId, version: current.version, changed: false };
    }
    options.write(tx, values, current.version + 1);
    recordAudit(tx, { ...audit, action: 'update', changes });
    return { ok: true, id: audit.entityId, version: current.version + 1, changed: true };
  });
  if (result.ok && result.changed) afterWrite(db);
  return result;
}

/** Which records a history shows: one record, or everything that belongs to a project. */
export type HistoryScope =
  { project: number } | { entity: AuditEntity; id: number; alsoLinks?: AuditEntity };

function scopeCondition(scope: HistoryScope): SQL | undefined {
  if ('project' in scope) return eq(auditLog.projectId, scope.project);
  const own = and(eq(auditLog.entity, scope.entity), eq(auditLog.entityId, scope.id));
  return scope.alsoLinks
    ? or(own, and(eq(auditLog.entity, scope.alsoLinks), eq(auditLog.entityId, scope.id)))
    : own;
}

const entryColumns = {
  id: auditLog.id,
  at: auditLog.at,
  userId: auditLog.userId,
  userName: auditLog.userName,
  action: auditLog.action,
  entity: auditLog.entity,
  entityId: auditLog.entityId,
  label: auditLog.label,
  projectId: auditLog.projectId,
  changes: auditLog.changes,
  sourceUrl: auditLog.sourceUrl,
};

/** A record's history, newest first. */
export function listRecordHistory(scope: HistoryScope, db: Db = getDb()) {
  return db
    .select(entryColumns)
    .from(auditLog)
    .where(scopeCondition(scope))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(500)
    .all();
}

export interface AuditFilter {
  entity?: AuditEntity;
  action?: AuditAction;
  userId?: number;
  from?: string;
  to?: string;
}

function filterCondition(filter: AuditFilter): SQL | undefined {
  return and(
    filter.entity ? eq(auditLog.entity, filter.entity) : undefined,
    filter.action ? eq(auditLog.action, filter.action) : undefined,
    filter.userId !== undefined ? eq(auditLog.userId, filter.userId) : undefined,
    filter.from ? gte(auditLog.at, filter.from) : undefined,
    // `to` is a day: everything up to its end.
    filter.to ? lte(auditLog.at, `${filter.to}T23:59:59.999Z`) : undefined,
  );
}

/** The whole log for admins, filtered and paged, newest first. */
export function listAuditLog(
  filter: AuditFilter,
  { limit, offset }: { limit: number; offset: number },
  db: Db = getDb(),
) {
  const where = filterCondition(filter);
  const total = db.select({ n: count() }).from(auditLog).where(where).get()!.n;
  const entries = db
    .select(entryColumns)
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit)
    .offset(offset)
    .all();
  return { total, entries };
}

/** People who have written something, for the log's filter. */
export function listAuditAuthors(db: Db = getDb()) {
  return db
    .selectDistinct({ id: users.id, name: users.name, email: users.email })
    .from(auditLog)
    .innerJoin(users, eq(users.id, auditLog.userId))
    .orderBy(users.name)
    .all();
}
