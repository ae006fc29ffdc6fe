import { type SQL, and, count, desc, eq, gte, lte, or } from 'drizzle-orm';

import { auditLog, users } from '../../../db/schema';
import type { AuditAction, AuditEntity } from '../../../db/vocabulary';
import { type Db, getDb } from '../../core/db.server';

// What the audit log holds, read back: one record's history, and the admins' audit log.

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
