import type { AuditAction, AuditEntity } from './vocabulary';
import type { Db } from './client.server';
import { auditLog } from './schema';
import { invalidateQueryCache } from './query-cache.server';

// Every write through the hub goes through here: the version check that prevents lost updates,
// the audit entry in the same transaction, and the cache refresh afterwards.

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Who makes a write, as the audit log remembers them. */
export interface Actor {
  id: number | null;
  name: string;
}

/** Who writes, when, and where they read the new values (if they said). */
export interface WriteContext {
  at: string;
  actor: Actor;
  /** Where the editor read the new values. */
  sourceUrl?: string | null;
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

/** What an audit entry is about: the record, its name, and the project it belongs to. */
export type AuditSubject = Pick<AuditInput, 'entity' | 'entityId' | 'label' | 'projectId'>;

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

/**
 * After any write: the data stamp moves on, so the facet/aggregate caches and the search index
 * (both keyed by the stamp) are rebuilt on next use.
 */
export function afterWrite(db: Db): void {
  invalidateQueryCache(db);
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
  who: WriteContext,
  options: {
    version: number;
    read: (tx: Tx) => Current | undefined;
    /** The record's new values (same keys as `read` returns, without version). */
    next: (current: Current) => Record<string, unknown>;
    write: (tx: Tx, values: Record<string, unknown>, version: number) => void;
    audit: (current: Current) => AuditSubject;
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
    const subject = options.audit(current);
    if (Object.keys(changes).length === 0) {
      return { ok: true, id: subject.entityId, version: current.version, changed: false };
    }
    options.write(tx, values, current.version + 1);
    recordAudit(tx, {
      ...subject,
      at: who.at,
      actor: who.actor,
      action: 'update',
      changes,
      sourceUrl: who.sourceUrl ?? null,
    });
    return { ok: true, id: subject.entityId, version: current.version + 1, changed: true };
  });
  if (result.ok && result.changed) afterWrite(db);
  return result;
}

/**
 * Creates one record: `insert` writes its row (and whatever belongs to it) and the 'create' entry
 * `audit` describes is recorded, in one synchronous transaction: both are written or neither is.
 * The caches refresh once it is committed. Returns what `insert` returned.
 */
export function createAudited<Row extends { id: number }>(
  db: Db,
  who: WriteContext,
  options: {
    insert: (tx: Tx) => Row;
    /** The entry for the new row (its id is the entry's entityId). */
    audit: (tx: Tx, row: Row) => Omit<AuditSubject, 'entityId'> & { changes: Changes };
  },
): Row {
  const created = db.transaction((tx) => {
    const row = options.insert(tx);
    recordAudit(tx, {
      ...options.audit(tx, row),
      at: who.at,
      actor: who.actor,
      action: 'create',
      entityId: row.id,
      sourceUrl: who.sourceUrl ?? null,
    });
    return row;
  });
  afterWrite(db);
  return created;
}

/**
 * Deletes one record only if it is still at `version`: reads it, compares versions, and lets
 * `remove` delete it (and settle what pointed at it) and say what the 'delete' entry records — all
 * in one synchronous transaction. The caches refresh only when something was deleted.
 */
export function deleteVersioned<Current extends { version: number }>(
  db: Db,
  who: Pick<WriteContext, 'at' | 'actor'>,
  options: {
    id: number;
    version: number;
    read: (tx: Tx) => Current | undefined;
    remove: (tx: Tx, current: Current) => Omit<AuditSubject, 'entityId'> & { changes: Changes };
  },
): SaveResult<Current> {
  const { id, version } = options;
  const result = db.transaction((tx): SaveResult<Current> => {
    const current = options.read(tx);
    if (!current) return { ok: false, reason: 'not-found' };
    if (current.version !== version) return { ok: false, reason: 'stale', current };
    const entry = options.remove(tx, current);
    recordAudit(tx, { ...entry, at: who.at, actor: who.actor, action: 'delete', entityId: id });
    return { ok: true, id, version, changed: true };
  });
  if (result.ok) afterWrite(db);
  return result;
}
